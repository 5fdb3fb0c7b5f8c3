"""Workshop sub-commands: `report FILE -o OUT.md|OUT.html`."""

from __future__ import annotations

import argparse
import os
from pathlib import Path

from integrate_tui.cli.common import fail, load

FORMATS = {".md": "markdown", ".markdown": "markdown", ".html": "html", ".htm": "html"}


def register(sub: argparse._SubParsersAction) -> None:
    """Add `report` to the CLI."""
    p = sub.add_parser(
        "report",
        help="write a workshop report (Markdown or self-contained HTML)",
        description="Write the scenario's report: first the decision (the adopted package "
        "against the baseline, the score it buys, who gains and who loses), then "
        "participants, rounds, weights, votes and the log. The format follows the extension "
        "of OUT: .md or .html.",
    )
    p.add_argument("file", metavar="FILE", help="scenario file")
    p.add_argument("-o", "--output", metavar="OUT", required=True, help="OUT.md or OUT.html")
    p.add_argument(
        "--frontier",
        nargs=2,
        metavar=("X", "Y"),
        help="also draw the frontier between two interests or values (solves: seconds)",
    )
    p.set_defaults(run=report)


def _same_file(a: Path, b: Path) -> bool:
    """True when both names reach one file (same path, a link, or a hard link)."""
    if os.path.realpath(a) == os.path.realpath(b):
        return True
    return a.exists() and b.exists() and os.path.samefile(a, b)


def report(args: argparse.Namespace) -> int:
    """Build the report from FILE and write it atomically to OUT; never over FILE itself."""
    from integrate_tui.files import write_text_atomic
    from integrate_tui.workshop.report import render

    source, target = Path(args.file), Path(args.output)
    fmt = FORMATS.get(target.suffix.lower())
    if fmt is None:
        return fail(f"{target}: cannot tell the format; name it .md or .html")
    if _same_file(source, target):
        return fail(f"{target} is the scenario file itself; choose another output name")
    scenario = load(source)
    found = None
    if args.frontier:
        from integrate_tui.engine import compile_scenario
        from integrate_tui.session.analyses import frontier

        found = frontier(compile_scenario(scenario), *args.frontier)
    write_text_atomic(render(scenario, fmt, found), target)
    print(f"wrote {target} ({fmt})")
    return 0
