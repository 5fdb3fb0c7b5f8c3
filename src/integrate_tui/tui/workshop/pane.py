"""What every workshop pane shares: a table of rows by key, redrawn from the session."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from rich.text import Text
from textual.containers import Vertical
from textual.widgets import DataTable

from integrate_tui.session import Session

Row = tuple[str, Sequence[str | Text]]


class Pane(Vertical):
    """A pane of the workshop screen; `show` redraws it, `current` is its selected row."""

    DEFAULT_CSS = """
    Pane { height: 1fr; }
    Pane > .heading { height: auto; padding: 0 1; text-style: bold; }
    Pane DataTable { height: auto; max-height: 70%; }
    Pane .detail { height: auto; padding: 1 1 0 1; }
    """

    def show(self, session: Session) -> None:
        """Redraw from the session."""

    @property
    def table(self) -> DataTable:
        """The pane's main table."""
        return self.query_one(DataTable)

    @property
    def current(self) -> str | None:
        """The key of the table row under the cursor."""
        return current_key(self.table)

    def focus_table(self) -> None:
        """Put the keyboard on the pane's table."""
        self.table.focus()


def current_key(table: DataTable) -> str | None:
    """The key of the row under the cursor, None for an empty table."""
    if not table.row_count:
        return None
    return table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value


def refill(table: DataTable, rows: Iterable[Row], columns: Sequence[str] | None = None) -> None:
    """Replace the rows (and the columns, if given), keeping the cursor on the same key.

    Text given as `str`, in cells and column labels, is shown as it is (never read as markup).
    The same number of columns are relabelled in place: a table whose columns are cleared
    and added again while it is shown draws them at the labels' widths until redrawn.
    """
    key = current_key(table)
    relabel = columns is not None and len(columns) == len(table.columns)
    table.clear(columns=columns is not None and not relabel)
    if relabel:
        for column, label in zip(table.columns.values(), columns or (), strict=True):
            column.label = Text(label)
            column.width = column.label.cell_len
    else:
        for label in columns or ():
            table.add_column(Text(label))
    keys = []
    for row_key, cells in rows:
        table.add_row(*(c if isinstance(c, Text) else Text(c) for c in cells), key=row_key)
        keys.append(row_key)
    if key in keys:
        table.move_cursor(row=keys.index(key), animate=False)
