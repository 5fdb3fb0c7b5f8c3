"""The workshop report from the screen: Markdown or HTML beside the scenario, written atomically."""

from __future__ import annotations

import os
from pathlib import Path

from integrate_tui.errors import IntegrateError
from integrate_tui.files import write_text_atomic
from integrate_tui.session import Session
from integrate_tui.tui.screens.dialogs import Prompt
from integrate_tui.tui.workshop.recorder import Recorder
from integrate_tui.workshop import render

FORMATS = {".md": "markdown", ".markdown": "markdown", ".html": "html", ".htm": "html"}
"""Report formats by file extension, as `integrate-tui report` reads them."""


def report_path(session: Session, answer: str) -> Path:
    """Where the report goes: a name typed relative to the scenario's folder; checked."""
    folder = session.path.parent if session.path else Path.cwd()
    target = Path(answer).expanduser()
    target = target if target.is_absolute() else folder / target
    if target.suffix.lower() not in FORMATS:
        raise IntegrateError(f"{target}: name it .md or .html", title="Report")
    if session.path is not None and os.path.realpath(target) == os.path.realpath(session.path):
        raise IntegrateError("that is the scenario file; choose another name", title="Report")
    return target


async def write_report(recorder: Recorder) -> Path | None:
    """Ask where (suggesting `<scenario>-report.md` beside it), then write; None if cancelled."""
    session = recorder.session
    stem = (session.path or session.origin or Path("workshop")).stem
    folder = session.path.parent if session.path else Path.cwd()
    suggestion = str(folder / f"{stem}-report.md")
    answer = await recorder.ask(
        Prompt("Write the workshop report to… (.md or .html)", suggestion, suggestion)
    )
    if not answer:
        return None
    try:
        target = report_path(session, answer)
        write_text_atomic(render(session.scenario, FORMATS[target.suffix.lower()]), target)
    except IntegrateError as error:
        recorder.show_error(error)
        return None
    return target
