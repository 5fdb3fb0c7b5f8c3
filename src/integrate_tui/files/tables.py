"""Tables as plain data: what an export writes, whatever the format (CSV or XLSX).

A table is named (the XLSX sheet, the CSV `--table`), has columns with a machine key (the
CSV header, stable for re-import) and a label for people (the XLSX header), and rows of
cells that are text, numbers, true/false or empty. Numbers stay numbers until a writer
renders them.
"""

from __future__ import annotations

from dataclasses import dataclass

Cell = str | float | bool | None
"""One cell: text, a number, a yes/no flag, or nothing."""

TEXT, NUMBER, FLAG = "text", "number", "flag"


@dataclass(frozen=True)
class Column:
    """A column: its CSV key, its XLSX label, what it holds and how a spreadsheet shows it."""

    key: str
    label: str
    kind: str = NUMBER
    number_format: str = "General"
    """Excel's display format (`0.00`, `#,##0.0`); the cell keeps the full number."""


@dataclass(frozen=True)
class Table:
    """A named table with a header of columns and rows of cells, one per column."""

    name: str
    columns: tuple[Column, ...]
    rows: tuple[tuple[Cell, ...], ...]
    frozen_columns: int = 0
    """How many leading columns stay in view when scrolling right (ids and names)."""

    @property
    def keys(self) -> list[str]:
        """The columns' keys, the CSV header."""
        return [c.key for c in self.columns]
