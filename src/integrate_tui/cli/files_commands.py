"""File sub-commands: validate, fmt, new and schema."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from integrate_tui.bundled import TEMPLATES, bundled_text
from integrate_tui.cli.common import emit_json, fail
from integrate_tui.errors import IntegrateError


def register(sub: argparse._SubParsersAction) -> None:
    """Add validate, fmt, new and schema to the CLI."""
    p = sub.add_parser("validate", help="check scenario files and report every problem")
    p.add_argument("files", nargs="+", metavar="FILE")
    p.add_argument("--json", action="store_true", help="print the problems as a JSON list")
    p.set_defaults(run=validate)

    p = sub.add_parser(
        "fmt", help="rewrite scenario files in canonical form, keeping their comments"
    )
    p.add_argument("files", nargs="+", metavar="FILE")
    p.add_argument("--check", action="store_true", help="list files that would change; touch none")
    p.set_defaults(run=fmt)

    p = sub.add_parser("new", help="write a starter scenario")
    p.add_argument("path", metavar="PATH")
    p.add_argument("--template", choices=TEMPLATES, default="city-diplomacy")
    p.add_argument("--force", action="store_true", help="overwrite PATH if it exists")
    p.set_defaults(run=new)

    p = sub.add_parser("schema", help="print the JSON Schema of scenario files")
    p.set_defaults(run=schema)


def _problems(error: IntegrateError, path: str) -> list[dict[str, Any]]:
    """An error as problem dicts: the files layer's own, or one line naming the file."""
    from integrate_tui.files import ScenarioFileError

    if isinstance(error, ScenarioFileError) and error.problems:
        return [p.as_dict() for p in error.problems]
    return [{"file": path, "line": None, "column": None, "location": "", "message": str(error)}]


def validate(args: argparse.Namespace) -> int:
    """`ok: FILE (N activities, M silos)` per valid file; problems on stderr; exit 2 if any."""
    from integrate_tui.files import load

    found: list[dict[str, Any]] = []
    for name in args.files:
        try:
            scenario = load(Path(name))
        except IntegrateError as error:
            found.extend(_problems(error, name))
            if not args.json:
                fail(error)
            continue
        if not args.json:
            counts = f"{_plural(len(scenario.activities), 'activity', 'activities')}, "
            counts += _plural(len(scenario.silos), "silo", "silos")
            print(f"ok: {name} ({counts})")
    if args.json:
        emit_json(found)
    return 2 if found else 0


def _plural(n: int, one: str, many: str) -> str:
    return f"{n} {one if n == 1 else many}"


def fmt(args: argparse.Namespace) -> int:
    """Rewrite in canonical form (like `ruff format`), comments kept; --check exits 1 if any
    would change. A file changed by someone else between reading and writing is left alone."""
    from integrate_tui.files import format_text, load_tracked, read_unchanged, write_text_atomic

    changed, status = [], 0
    for name in args.files:
        path = Path(name)
        try:
            scenario, seen = load_tracked(path)
            text = read_unchanged(path, seen)
            formatted = format_text(text, scenario)
            if formatted == text:
                continue
            changed.append(name)
            if args.check:
                print(f"would reformat {name}")
                continue
            write_text_atomic(formatted, path, expect=seen)
        except IntegrateError as error:
            status = max(status, fail(_named(error, name)))
            continue
        print(f"reformatted {name}")
    if args.check and changed:
        status = max(status, 1)
    return status


def _named(error: IntegrateError, name: str) -> IntegrateError | str:
    """An error that may not say which file it is about, with the file's name in front."""
    return error if name in str(error) else f"{name}: {error}"


def new(args: argparse.Namespace) -> int:
    """Write a bundled template to PATH, refusing to overwrite without --force."""
    from integrate_tui.files import write_text_atomic

    path = Path(args.path)
    if path.exists() and not args.force:
        return fail(f"{path} already exists; use --force to overwrite it")
    path.parent.mkdir(parents=True, exist_ok=True)
    write_text_atomic(bundled_text(args.template), path)
    print(f"wrote {path} from the {args.template} template")
    return 0


def schema(args: argparse.Namespace) -> int:
    """Print the JSON Schema that editors can use to validate scenario files."""
    from integrate_tui.files import scenario_json_schema_text

    sys.stdout.write(scenario_json_schema_text())
    return 0
