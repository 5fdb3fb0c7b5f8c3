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

    console = Console(highlight=False)
    for item in renderables:
        console.print(item, soft_wrap=isinstance(item, Text))
        console.print()


def write_target(source: str, out: str) -> Path:
    """The --write path; refuses to replace FILE unless it is given literally as OUT."""
    path = Path(out)
    if out != source and path.resolve() == Path(source).resolve():
        raise BadArgument(
            f"--write {out} is the scenario file itself; to overwrite it, write --write {source}"
        )
    return path


def save_copy(scenario: Scenario, out: Path) -> None:
    """Save a `--write` copy, first warning on stderr about comments the save would drop."""
    from integrate_tui.files import comment_loss, comment_warning, save

    lost = comment_loss(out)
    if lost:
        print(f"warning: {comment_warning(out, lost)}", file=sys.stderr)
    save(scenario, out)
