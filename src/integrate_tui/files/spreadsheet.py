"""Write tables as CSV or XLSX files, atomically, for people who live in spreadsheets.

CSV: one table per file, UTF-8 with a byte-order mark (so Excel reads names as written),
numbers in full precision with `.` as the decimal point, flags as `true`/`false`, and free
text that a spreadsheet would run as a formula guarded with a leading `'`.
XLSX (openpyxl): one sheet per table; numbers are numbers with a display format, a bold
header row, frozen header and id columns, column widths to fit, and the scenario's title
and file name in the document properties and the printed page header.
"""

from __future__ import annotations

import csv
import io
import os
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from integrate_tui.atomic import replace_atomically
from integrate_tui.errors import IntegrateError
from integrate_tui.files.activity_columns import guard
from integrate_tui.files.tables import FLAG, TEXT, Cell, Table

CSV, XLSX = ".csv", ".xlsx"
FORMATS = (CSV, XLSX)
MAX_WIDTH, MIN_WIDTH = 48, 6
"""Column widths in characters: wide enough for a long name, never a whole note."""


class ExportError(IntegrateError):
    """An export could not be written; any file that was there is unchanged."""

    title = "Cannot export"


def export_format(path: str | os.PathLike[str]) -> str:
    """`.csv` or `.xlsx` from the file name, or an `ExportError` saying which to use."""
    suffix = Path(path).suffix.lower()
    if suffix not in FORMATS:
        raise ExportError(f"cannot export to {os.fspath(path)}: name a .csv or .xlsx file")
    return suffix


def csv_paths(out: Path, names: Sequence[str]) -> dict[str, Path]:
    """Where each table goes: OUT itself for one table, `OUT-<table>.csv` for several."""
    if len(names) == 1:
        return {names[0]: out}
    return {name: out.with_name(f"{out.stem}-{name}{out.suffix}") for name in names}


def write_csv(table: Table, path: str | os.PathLike[str]) -> None:
    """Write one table as a CSV file (see the module docstring for the dialect)."""
    _write(path, csv_text(table).encode("utf-8-sig"))


def write_xlsx(
    tables: Sequence[Table], path: str | os.PathLike[str], *, title: str, source: str
) -> None:
    """Write the tables as the sheets of one XLSX workbook."""
    _write(path, xlsx_bytes(tables, title=title, source=source))


def csv_text(table: Table) -> str:
    """The table as CSV text: a header of column keys, then one line per row."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(table.keys)
    text = [c.kind == TEXT for c in table.columns]
    for row in table.rows:
        writer.writerow(_csv_cell(v, t) for v, t in zip(row, text, strict=True))
    return buffer.getvalue()


def _csv_cell(value: Cell, free_text: bool) -> str:
    """One value as CSV text: numbers in full, flags as true/false, nothing as empty."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float | int):
        return number_text(float(value))
    return guard(value) if free_text else value


def number_text(x: float) -> str:
    """A number exactly as it is (it reads back equal), without a trailing `.0`."""
    if x.is_integer() and abs(x) < 1e15:
        return str(int(x))
    return repr(x)


def xlsx_bytes(tables: Sequence[Table], *, title: str, source: str) -> bytes:
    """The workbook's bytes, built with openpyxl."""
    from openpyxl import Workbook

    book = Workbook()
    book.remove(book.active)
    book.properties.title = title
    book.properties.subject = source
    book.properties.creator = "integrate-tui"
    for table in tables:
        _sheet(book, table, title, source)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _sheet(book: Any, table: Table, title: str, source: str) -> None:
    """One table as a sheet: header row, typed cells, frozen panes, widths, page header."""
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    sheet = book.create_sheet(table.name[:31])  # Excel's limit on a sheet's name
    bold = Font(bold=True)
    for j, column in enumerate(table.columns, start=1):
        cell = sheet.cell(row=1, column=j, value=column.label)
        cell.font = bold
    for i, row in enumerate(table.rows, start=2):
        for j, (value, column) in enumerate(zip(row, table.columns, strict=True), start=1):
            cell = sheet.cell(row=i, column=j, value=value)
            if isinstance(value, str):
                cell.data_type = "s"  # text, never a formula, whatever it starts with
            elif isinstance(value, float | int) and not isinstance(value, bool):
                cell.number_format = column.number_format
    sheet.freeze_panes = sheet.cell(row=2, column=table.frozen_columns + 1)
    for j in range(len(table.columns)):
        sheet.column_dimensions[get_column_letter(j + 1)].width = _width(table, j)
    sheet.oddHeader.center.text = _header_text(title)
    sheet.oddHeader.right.text = _header_text(source)


def _header_text(text: str) -> str:
    """Text for a printed page header, where `&` starts a code: doubled to print as written."""
    return text.replace("&", "&&")


def _width(table: Table, j: int) -> float:
    """A column's width: its label or its longest shown value, within sensible bounds."""
    column = table.columns[j]
    longest = len(column.label)
    for row in table.rows:
        value = row[j]
        if isinstance(value, str):
            longest = max(longest, max((len(line) for line in value.splitlines()), default=0))
        elif column.kind == FLAG or isinstance(value, bool):
            longest = max(longest, 5)
        elif isinstance(value, float | int):
            longest = max(longest, len(f"{value:,.2f}"))
    return float(min(max(longest + 2, MIN_WIDTH), MAX_WIDTH))


def export(
    tables: Mapping[str, Table],
    out: str | os.PathLike[str],
    *,
    title: str,
    source: str,
    names: Sequence[str] | None = None,
) -> list[Path]:
    """Write `names` of `tables` (all when None) to `out`: one workbook, or CSV files.

    A CSV file holds one table: OUT itself when one is named, else `OUT-<table>.csv` each.
    Returns the files written.
    """
    target = Path(out)
    kind = export_format(target)
    chosen = list(tables) if names is None else list(names)
    unknown = [n for n in chosen if n not in tables]
    if unknown:
        raise ExportError(f"no table {unknown[0]!r}; tables: {', '.join(tables)}")
    if kind == XLSX:
        write_xlsx([tables[n] for n in chosen], target, title=title, source=source)
        return [target]
    paths = csv_paths(target, chosen)
    for name, path in paths.items():
        write_csv(tables[name], path)
    return list(paths.values())


def _write(path: str | os.PathLike[str], data: bytes) -> None:
    """Replace `path` with `data` all at once, or say why not (leaving it as it was)."""
    try:
        replace_atomically(path, data)
    except OSError as error:
        reason = error.strerror or str(error)
        raise ExportError(
            f"cannot write {os.fspath(path)}: {reason} (is it open in a spreadsheet, or the "
            "folder read-only?); nothing was changed"
        ) from None
