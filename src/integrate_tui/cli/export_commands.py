"""Spreadsheet sub-commands: `export` the package and its scores as CSV or XLSX, and
`import` activities from a CSV into a scenario (docs/export.md)."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING

from integrate_tui.cli.common import BadArgument, load, load_tracked, save_copy, write_target

if TYPE_CHECKING:
    from integrate_tui.files.tables import Table
    from integrate_tui.model import Scenario

TABLES = ("summary", "activities", "values", "interests", "resources", "silos")
"""As session.export_tables.TABLES, repeated so that --help imports neither model nor engine."""
ALL = "all"


def register(sub: argparse._SubParsersAction) -> None:
    """Add export and import to the CLI."""
    p = sub.add_parser(
        "export",
        help="write the package and its scores as a spreadsheet (.xlsx or .csv)",
        description="Write the funding package and the engine's scores for the finance office. "
        "OUT.xlsx holds one sheet per table; OUT.csv holds one table (--table, default "
        "activities, which `import` reads back), or with --table all one file per table, "
        "named OUT-<table>.csv. An existing OUT is replaced.",
    )
    p.add_argument("file", metavar="FILE", help="scenario file (TOML)")
    p.add_argument("-o", "--output", metavar="OUT", required=True, help="OUT.xlsx or OUT.csv")
    p.add_argument(
        "--table",
        choices=(*TABLES, ALL),
        help="which table to write (default: all for .xlsx, activities for .csv)",
    )
    p.set_defaults(run=run_export)

    p = sub.add_parser(
        "import",
        help="update or add activities from a CSV file (as `export` writes it)",
        description="Read activities from a CSV: each row updates the activity of its id or "
        "adds one; a column present sets that field, a column left out keeps it. Every "
        "problem is listed by row and column, and nothing is written unless the whole "
        "import is valid. Without --write or -o, only says what would change.",
    )
    p.add_argument("file", metavar="FILE", help="scenario file (TOML)")
    p.add_argument("--activities", metavar="IN.csv", required=True, help="the CSV to read")
    p.add_argument(
        "--replace",
        action="store_true",
        help="the CSV is the whole list: remove activities it leaves out",
    )
    where = p.add_mutually_exclusive_group()
    where.add_argument("--write", action="store_true", help="save the result into FILE")
    where.add_argument("-o", "--output", metavar="OUT.toml", help="save the result to OUT.toml")
    p.set_defaults(run=run_import)


def package_tables(scenario: Scenario, source: str) -> dict[str, Table]:
    """The export's tables for the scenario's own funding, scored by the engine."""
    from integrate_tui.engine import compile_scenario, score
    from integrate_tui.session.export_tables import package_tables as tables

    return tables(scenario, score(compile_scenario(scenario)), source)


def run_export(args: argparse.Namespace) -> int:
    """Score FILE and write the tables to OUT; print each file written."""
    from integrate_tui.files.spreadsheet import XLSX, export, export_format

    target = Path(args.output)
    kind = export_format(target)
    if target.resolve() == Path(args.file).resolve():
        raise BadArgument(f"{target} is the scenario file itself; choose another output name")
    scenario = load(args.file)
    table = args.table or (ALL if kind == XLSX else "activities")
    names = None if table == ALL else [table]
    tables = package_tables(scenario, args.file)
    written = export(tables, target, title=scenario.meta.title, source=args.file, names=names)
    what = ", ".join(names or list(tables))
    for path in written:
        print(f"wrote {path}" + (f" ({what})" if len(written) == 1 else ""))
    return 0


def run_import(args: argparse.Namespace) -> int:
    """Import the CSV's activities into FILE's scenario; save with --write or -o."""
    from integrate_tui.files import save
    from integrate_tui.files.activities_csv import import_activities

    scenario, read = load_tracked(args.file)
    out, expect = write_target(args.file, args.output, read) if args.output else (None, None)
    result = import_activities(
        scenario, args.activities, replace=args.replace, scenario_name=args.file
    )
    print(f"{args.activities}: {result.summary()}")
    changed = result.added or result.updated or result.removed
    if args.write:
        if not changed:
            print(f"nothing to write: {args.file} already has these activities")
            return 0
        save(result.scenario, Path(args.file), expect=read)
        print(f"wrote {args.file}")
    elif out is not None:
        save_copy(result.scenario, out, expect)
        print(f"wrote {out}")
    else:
        print(f"nothing written: add --write to save into {args.file}, or -o OUT.toml for a copy")
    return 0
