"""What every sub-command shares: loading with readable errors, JSON output, error lines."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from integrate_tui.errors import IntegrateError

if TYPE_CHECKING:
    from rich.console import RenderableType

    from integrate_tui.files import Fingerprint
    from integrate_tui.model import Scenario


class BadArgument(IntegrateError):
    """A command-line value a command cannot use: it names nothing, or is not a usable number."""

    title = "Bad argument"


def fail(error: IntegrateError | str) -> int:
    """Print an error for the reader on stderr (red when it is a terminal); exit code 2."""
    text = str(error)
    if sys.stderr.isatty():
        text = "\n".join(f"\x1b[31m{line}\x1b[0m" for line in text.splitlines())
    print(text, file=sys.stderr)
    return 2


def load(path: str | Path) -> Scenario:
    """Load a scenario or raise the files layer's readable error (handled by `main`)."""
    from integrate_tui.files import load as load_file

    return load_file(Path(path))


def load_tracked(path: str | Path) -> tuple[Scenario, Fingerprint]:
    """Load a scenario and the fingerprint of what was read, to check before writing it."""
    from integrate_tui.files import load_tracked as load_file

    return load_file(Path(path))


def emit_json(data: Any) -> None:
    """Write JSON to stdout, stable key order, one trailing newline."""
    json.dump(data, sys.stdout, indent=2, ensure_ascii=False, default=_plain)
    sys.stdout.write("\n")


def _plain(value: Any) -> Any:
    """numpy scalars and arrays, dates and paths as JSON-friendly values."""
    if hasattr(value, "tolist"):
        return value.tolist()
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return str(value)


def print_tables(renderables: Iterable[RenderableType]) -> None:
    """Print tables with a blank line between; lines of text are left to the terminal to wrap."""
    from rich.console import Console
    from rich.text import Text

    console = Console(highlight=False, markup=False, emoji=False)  # names print as written
    for item in renderables:
        console.print(item, soft_wrap=isinstance(item, Text))
        console.print()


def write_target(source: str, out: str, read: Fingerprint) -> tuple[Path, Fingerprint | None]:
    """The --write path, and what must be there when the copy is saved.

    Refuses to replace FILE unless it is given literally as OUT; then FILE must still be
    what was read (`read`). Another OUT must still be what it was now: absent if it does not
    exist yet (a file created meanwhile is not clobbered), or the same bytes if it does (an
    existing OUT named on purpose is overwritten, unless it changes while the command runs).
    """
    from integrate_tui.files import ABSENT, fingerprint

    path = Path(out)
    if path.resolve() == Path(source).resolve():
        if out != source:
            raise BadArgument(
                f"--write {out} is the scenario file itself; "
                f"to overwrite it, write --write {source}"
            )
        return path, read
    try:
        return path, fingerprint(path) or ABSENT
    except OSError:
        return path, None  # a folder, an unreadable file: the save will say what is wrong


def save_copy(scenario: Scenario, out: Path, expect: Fingerprint | None) -> None:
    """Save a `--write` copy (keeping the comments of a file it replaces)."""
    from integrate_tui.files import save

    save(scenario, out, expect=expect)
