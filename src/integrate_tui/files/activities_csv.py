"""Import activities from a CSV file into a scenario, with every problem placed by row and
column (`activities.csv row 7, column cost_budget: 'abc' is not a number`).

The file is what `integrate-tui export -o activities.csv` writes (columns in
`activity_columns`), or any spreadsheet saved as CSV: UTF-8 (with or without a byte-order
mark) or UTF-16 with one, separated by commas, semicolons or tabs; with semicolons or tabs
a decimal comma is read too (`0,8`). A row updates the activity of its id, or adds one; with
`replace` the file is the whole list and activities it leaves out are removed. A column
present sets that field on every row (an empty cell: the field's default, or no entry of
a map); a column left out keeps what the scenario has. The rules of a valid activity are the
model's: the import builds the scenario and lets it judge, then places its problems.
"""

from __future__ import annotations

import csv
import io
import json
import os
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from difflib import get_close_matches
from typing import Any

from integrate_tui.errors import IntegrateError
from integrate_tui.files.activity_columns import (
    MAPS,
    NUMBERS,
    SCALARS,
    TEXTS,
    is_read_only,
    map_column,
    split_column,
    unguard,
)
from integrate_tui.files.load import describe
from integrate_tui.model import Scenario, ScenarioInvalid, validate_scenario
from integrate_tui.model.limits import preview

MAX_BYTES = 20 * 1024 * 1024
"""Largest CSV accepted: thousands of activities are well under a megabyte."""
_DELIMITERS = (",", ";", "\t")
_TRUE, _FALSE = {"true", "yes", "y", "1"}, {"false", "no", "n", "0"}
_NUMBER = re.compile(r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?")
_THOUSANDS = re.compile(r"[+-]?\d{1,3}(?:,\d{3})+(?:\.\d*)?")
_ACTIVITY_REF = re.compile(r"activities\[(\d+)\]")


@dataclass(frozen=True)
class CsvProblem:
    """One thing wrong with the CSV file, at a row (1 is the header) and a column."""

    file: str
    row: int | None
    column: str | None
    message: str

    def __str__(self) -> str:
        where = self.file
        if self.row is not None:
            where += f" row {self.row}"
        if self.column is not None:
            where += f", column {self.column}"
        return f"{where}: {self.message}"


class ActivitiesImportError(IntegrateError):
    """The CSV cannot be imported; `problems` lists every cause. Nothing was changed."""

    title = "Cannot import activities"

    def __init__(self, problems: list[CsvProblem]) -> None:
        self.problems = problems
        super().__init__("\n".join(str(p) for p in problems))


@dataclass(frozen=True)
class Imported:
    """The scenario with the CSV's activities, and which ids were added, changed, removed."""

    scenario: Scenario
    added: list[str]
    updated: list[str]
    removed: list[str]
    unchanged: int

    def summary(self) -> str:
        """`2 updated, 1 added, 0 removed, 19 unchanged`, naming the ids that changed."""
        parts = [
            f"{len(ids)} {what}" + (f" ({', '.join(ids)})" if ids else "")
            for what, ids in (
                ("updated", self.updated),
                ("added", self.added),
                ("removed", self.removed),
            )
        ]
        return ", ".join([*parts, f"{self.unchanged} unchanged"])


@dataclass
class _Sheet:
    """The CSV read as a header and rows of cells, with where each row was."""

    name: str
    header: list[str]
    rows: list[tuple[int, list[str]]]
    decimal_comma: bool
    problems: list[CsvProblem] = field(default_factory=list)


def import_activities(
    scenario: Scenario,
    path: str | os.PathLike[str],
    *,
    replace: bool = False,
    scenario_name: str = "the scenario",
) -> Imported:
    """The scenario with the activities of the CSV at `path`, or `ActivitiesImportError`.

    `scenario_name` names the scenario file in problems that are not in the CSV (an
    interaction that refers to an activity the import removes).
    """
    name = os.fspath(path)
    return import_text(scenario, _text(name), name, replace=replace, scenario_name=scenario_name)


def import_text(
    scenario: Scenario,
    text: str,
    name: str = "activities.csv",
    *,
    replace: bool = False,
    scenario_name: str = "the scenario",
) -> Imported:
    """As `import_activities`, from the CSV's text; `name` names it in problems."""
    sheet = _sheet(text, name, known_columns(scenario))
    rows: list[tuple[int, dict[str, Any], dict[str, dict[str, Any]]]] = []
    for number, cells in sheet.rows:
        values = dict(zip(sheet.header, cells, strict=False))
        rows.append((number, *_activity(values, sheet, number)))
    if sheet.problems:
        raise ActivitiesImportError(sheet.problems)
    activities, origin = _merged(scenario, rows, replace)
    data = scenario.model_dump()
    data["activities"] = activities
    try:
        result = validate_scenario(data)
    except ScenarioInvalid as error:
        problems = [
            _placed(p.loc, p.message, origin, sheet, data, scenario_name) for p in error.problems
        ]
        raise ActivitiesImportError(problems) from None
    return _outcome(scenario, result)


def _text(name: str) -> str:
    """The file's text, decoded from UTF-8 (BOM or not) or BOM-marked UTF-16."""
    try:
        with open(name, "rb") as file:
            data = file.read(MAX_BYTES + 1)
    except FileNotFoundError:
        raise _refusal(name, "no such file") from None
    except IsADirectoryError:
        raise _refusal(name, "this is a folder, not a CSV file") from None
    except OSError as error:
        raise _refusal(name, f"cannot be read: {error.strerror or error}") from None
    if len(data) > MAX_BYTES:
        raise _refusal(
            name, f"the file is over {MAX_BYTES // 2**20} MB; this is not a list of activities"
        )
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError:
            raise _refusal(name, "not UTF-16 text, though it starts as such") from None
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        raise _refusal(
            name,
            f"not UTF-8 text: byte 0x{data[error.start]:02x} on line {line} cannot be read; "
            'save it as "CSV UTF-8" in your spreadsheet',
        ) from None


def _refusal(name: str, message: str) -> ActivitiesImportError:
    return ActivitiesImportError([CsvProblem(name, None, None, message)])


def _sheet(text: str, name: str, hints: list[str]) -> _Sheet:
    """The header and the non-blank rows, or a refusal saying what is missing."""
    empty = "the file is empty; `integrate-tui export FILE -o activities.csv` writes one"
    text = text.removeprefix("\ufeff")
    if not text.strip():
        raise _refusal(name, empty)
    first = text.split("\n", 1)[0]
    delimiter = max(_DELIMITERS, key=first.count)
    records: list[tuple[int, list[str]]] = []
    try:
        for number, record in enumerate(
            csv.reader(io.StringIO(text, newline=""), delimiter=delimiter), start=1
        ):
            records.append((number, record))
    except csv.Error as error:
        raise ActivitiesImportError(
            [CsvProblem(name, len(records) + 1, None, f"cannot be read as CSV: {error}")]
        ) from None
    rows = [(n, r) for n, r in records if any(cell.strip() for cell in r)]
    if not rows:
        raise _refusal(name, empty)
    header_number, header_cells = rows[0]
    sheet = _Sheet(name, [h.strip().lower() for h in header_cells], [], delimiter != ",")
    for number, cells in rows[1:]:
        width = len(sheet.header)
        if any(cell.strip() for cell in cells[width:]):
            message = (
                f"{len(cells)} cells, but the header names {width} columns "
                "(a stray separator, or a value with a comma not in quotes?)"
            )
            sheet.problems.append(CsvProblem(name, number, None, message))
            continue
        sheet.rows.append((number, cells[:width]))
    _check_header(sheet, header_number, hints)
    if not sheet.rows and not sheet.problems:
        sheet.problems.append(
            CsvProblem(name, None, None, "no activities: the file has a header but no rows")
        )
    return sheet


def _check_header(sheet: _Sheet, number: int, hints: list[str]) -> None:
    """The header must name an `id` column and only columns an activity has, each once.

    An unnamed column is ignored when it is empty all the way down (spreadsheets add them).
    """
    seen: dict[str, int] = {}
    for j, column in enumerate(sheet.header):
        if not column:
            if any(j < len(cells) and cells[j].strip() for _, cells in sheet.rows):
                message = "the header cell is empty but the column has values: name it"
                sheet.problems.append(CsvProblem(sheet.name, number, _letter(j), message))
            continue
        if column in seen:
            where = f"columns {_letter(seen[column])} and {_letter(j)}"
            sheet.problems.append(
                CsvProblem(sheet.name, number, column, f"the header names it twice ({where})")
            )
        seen.setdefault(column, j)
        base, key = split_column(column)
        if is_read_only(column) or base in SCALARS or (base in MAPS and key):
            continue
        close = get_close_matches(column, hints, n=1)
        hint = f" — did you mean {close[0]!r}?" if close else f" (columns: {', '.join(hints)})"
        sheet.problems.append(CsvProblem(sheet.name, number, column, f"unknown column{hint}"))
    if "id" not in seen:
        sheet.problems.append(
            CsvProblem(
                sheet.name,
                number,
                None,
                "no header row naming an `id` column: the first row must name the columns "
                f"(id, name, silo, funding, …); it reads {preview(', '.join(sheet.header))}",
            )
        )
        sheet.rows.clear()


def known_columns(scenario: Scenario) -> list[str]:
    """Every column an activity row of this scenario can have, for "did you mean" hints."""
    keys = {
        "cost": [r.id for r in scenario.resources],
        "impact": [v.id for v in scenario.values],
        "support": [k.id for k in scenario.interests],
    }
    return [*SCALARS, *(map_column(m, key) for m in MAPS for key in keys[m])]


def _letter(j: int) -> str:
    """A column's spreadsheet letter: 0 → A, 26 → AA."""
    text = ""
    j += 1
    while j:
        j, rest = divmod(j - 1, 26)
        text = chr(ord("A") + rest) + text
    return text


def _activity(
    values: Mapping[str, str], sheet: _Sheet, number: int
) -> tuple[dict[str, Any], dict[str, dict[str, Any]]]:
    """The fields a row sets (None: the field's default) and, per map, its entries set."""
    fields: dict[str, Any] = {}
    maps: dict[str, dict[str, Any]] = {}
    for column in sheet.header:
        if not column or is_read_only(column):
            continue
        raw = values.get(column, "")
        base, key = split_column(column)
        try:
            value = _cell(base, raw, sheet.decimal_comma)
        except ValueError as error:
            sheet.problems.append(CsvProblem(sheet.name, number, column, str(error)))
            continue
        if key is not None:
            maps.setdefault(base, {})[key] = value
        elif base in SCALARS:
            fields[base] = value
    return fields, maps


def _cell(field: str, raw: str, decimal_comma: bool) -> Any:
    """One cell as the field's value (None when empty); ValueError says why it cannot be."""
    if field in TEXTS:
        return unguard(raw) if raw != "" else None
    text = raw.strip()
    if not text:
        return None
    if field in NUMBERS or field in MAPS:
        return _number(text, decimal_comma)
    if field == "locked":
        if text.lower() in _TRUE:
            return True
        if text.lower() in _FALSE:
            return False
        raise ValueError(f"{preview(text)} is not true or false")
    if field == "response" and text.startswith("["):
        try:
            return json.loads(text)
        except (json.JSONDecodeError, RecursionError):
            raise ValueError(
                f"{preview(text)} is not a list of points like [[0, 0], [0.5, 0.3], [1, 1]]"
            ) from None
    return text


def _number(text: str, decimal_comma: bool) -> float:
    """`420`, `0.8`, `1,234.5`, `80%`, or with a decimal comma `0,8` and `1.234,5`."""
    plain = text.replace("\u00a0", "").replace(" ", "")
    scale = 1.0
    if plain.endswith("%"):
        plain, scale = plain[:-1], 0.01
    if decimal_comma and "," in plain:
        plain = plain.replace(".", "").replace(",", ".")
    elif _THOUSANDS.fullmatch(plain):
        plain = plain.replace(",", "")
    if not _NUMBER.fullmatch(plain):
        raise ValueError(f"{preview(text)} is not a number")
    return float(plain) * scale


def _merged(
    scenario: Scenario,
    rows: list[tuple[int, dict[str, Any], dict[str, dict[str, Any]]]],
    replace: bool,
) -> tuple[list[dict[str, Any]], list[int | None]]:
    """The new activities as data, and the CSV row each came from (None: kept as it was).

    A row updates the activity of its id in place (the first row with that id; a second is
    added, for the model to call a duplicate), or is added at the end.
    """
    existing = {a.id: a.model_dump() for a in scenario.activities}
    kept = [] if replace else [a.id for a in scenario.activities]
    position = {ident: i for i, ident in enumerate(kept)}
    activities: list[dict[str, Any]] = [existing[ident] for ident in kept]
    origin: list[int | None] = [None] * len(activities)
    seen: set[str] = set()
    for number, fields, maps in rows:
        ident = fields.get("id")
        first = isinstance(ident, str) and ident not in seen
        base = existing.get(ident) if first and isinstance(ident, str) else None
        data = _applied(dict(base) if base else {}, fields, maps)
        if base is not None and ident in position:
            activities[position[ident]], origin[position[ident]] = data, number
        else:
            activities.append(data)
            origin.append(number)
        if isinstance(ident, str):
            seen.add(ident)
    return activities, origin


def _applied(
    data: dict[str, Any], fields: Mapping[str, Any], maps: Mapping[str, Any]
) -> dict[str, Any]:
    """An activity's data with a row's cells set (None removes: the default applies)."""
    for name, value in fields.items():
        if value is None:
            data.pop(name, None)
        else:
            data[name] = value
    for name, entries in maps.items():
        table = dict(data.get(name, {}))
        for key, value in entries.items():
            if value is None:
                table.pop(key, None)
            else:
                table[key] = value
        data[name] = table
    return data


def _placed(
    loc: tuple[str | int, ...],
    message: str,
    origin: list[int | None],
    sheet: _Sheet,
    data: Mapping[str, Any],
    scenario_name: str,
) -> CsvProblem:
    """A model problem at the row and column it came from, or in the scenario it concerns."""
    message = _ACTIVITY_REF.sub(lambda m: _row_of(int(m[1]), origin), message)
    message = message.replace("required key", "required column").replace(
        " is missing", " is missing or empty"
    )
    if len(loc) >= 3 and loc[0] == "activities" and isinstance(loc[1], int):
        number = origin[loc[1]] if loc[1] < len(origin) else None
        field_name, rest = str(loc[2]), loc[3:]
        column = map_column(field_name, str(rest[0])) if field_name in MAPS and rest else field_name
        if number is not None:
            return CsvProblem(sheet.name, number, column, message)
    return CsvProblem(scenario_name, None, None, f"{describe(loc, data)}: {message}")


def _row_of(index: int, origin: list[int | None]) -> str:
    """`activities[3]` in a message as the CSV row it came from, when it came from one."""
    number = origin[index] if index < len(origin) else None
    return f"row {number}" if number is not None else f"activities[{index}]"


def _outcome(before: Scenario, after: Scenario) -> Imported:
    """Which activities the import added, changed and removed."""
    old = {a.id: a for a in before.activities}
    new = {a.id for a in after.activities}
    added = [a.id for a in after.activities if a.id not in old]
    updated = [a.id for a in after.activities if a.id in old and a != old[a.id]]
    removed = [a.id for a in before.activities if a.id not in new]
    unchanged = len(after.activities) - len(added) - len(updated)
    return Imported(after, added, updated, removed, unchanged)
