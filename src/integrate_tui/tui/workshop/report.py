"""The workshop report from the screen: Markdown or HTML beside the scenario, written atomically
in the app's process pool (building it solves the consensus MILPs: seconds the keyboard
must not wait for)."""

from __future__ import annotations

import os
from collections.abc import Awaitable
from pathlib import Path

from integrate_tui.compute import Job
from integrate_tui.errors import IntegrateError
from integrate_tui.session import Session
from integrate_tui.session.workshop_jobs import report_job
from integrate_tui.tui.dialog_answer import after, answered
from integrate_tui.tui.screens.dialogs import Prompt
from integrate_tui.tui.workshop.recorder import Recorder

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


def report_target(recorder: Recorder) -> Awaitable[Path | None]:
    """Ask now where (suggesting `<scenario>-report.md` beside it); None if cancelled or wrong."""
    session = recorder.session
    stem = (session.path or session.origin or Path("workshop")).stem
    folder = session.path.parent if session.path else Path.cwd()
    suggestion = str(folder / f"{stem}-report.md")
    asked = recorder.ask(
        Prompt("Write the workshop report to… (.md or .html)", suggestion, suggestion)
    )
    return after(asked, lambda answer: answered(_checked(recorder, answer)))


def _checked(recorder: Recorder, answer: str | None) -> Path | None:
    """The report's path for the name given, or None (cancelled, or wrong: shown why)."""
    if not answer:
        return None
    try:
        return report_path(recorder.session, answer)
    except IntegrateError as error:
        recorder.show_error(error)
        return None


def write_report(recorder: Recorder, target: Path) -> Job:
    """Write the report of the work as it is now to `target`, in the app's process pool (it
    solves the consensus, seconds): says so now, and when it is written or why not."""
    app = recorder.host.app
    fmt = FORMATS[target.suffix.lower()]
    job = app.pool.submit(report_job, recorder.session.model, fmt, str(target), cache=False)  # type: ignore[attr-defined]
    recorder.notify(f"Writing the report to {target.name}…", title="Report", timeout=3)
    app.run_worker(_written(recorder, job, target), group="report", exit_on_error=False)
    return job


async def _written(recorder: Recorder, job: Job, target: Path) -> None:
    try:
        await job.wait()
    except IntegrateError as error:
        recorder.show_error(error)
    else:
        recorder.notify(f"Report written to {target}", title="Report")
