"""A keyed table drawn line by line, so a changed cell repaints only its own row.

Textual's DataTable re-renders every visible cell after any `update_cell` (its caches are
keyed by a global update count): 40–80 ms a frame at workbench sizes. Here each row's
lines are cached as strips and a change refreshes just that row's screen region.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import ClassVar

from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual import events
from textual.binding import Binding, BindingType
from textual.geometry import Region, Size
from textual.message import Message
from textual.scroll_view import ScrollView
from textual.strip import Strip

Cell = str | Text


@dataclass(frozen=True)
class Column:
    """A column: its key, header label and width in cells (padding not included)."""

    key: str
    label: str
    width: int


class Grid(ScrollView, can_focus=True):
    """Rows of cells by key with a fixed header and a row cursor; Enter selects the row."""

    COMPONENT_CLASSES: ClassVar[set[str]] = {"grid--header", "grid--cursor"}
    DEFAULT_CSS = """
    Grid {
        background: $surface;
        color: $foreground;
        height: auto;
        max-height: 100%;
        & > .grid--header { text-style: bold; background: $panel; color: $foreground; }
        & > .grid--cursor {
            background: $block-cursor-blurred-background;
            color: $block-cursor-blurred-foreground;
        }
        &:focus {
            background-tint: $foreground 5%;
            & > .grid--cursor {
                background: $block-cursor-background;
                color: $block-cursor-foreground;
                text-style: $block-cursor-text-style;
            }
        }
    }
    """
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("up", "cursor(-1)", "Up", show=False, id="grid.up"),
        Binding("down", "cursor(1)", "Down", show=False, id="grid.down"),
        Binding("pageup", "page(-1)", "Page up", show=False, id="grid.pageup"),
        Binding("pagedown", "page(1)", "Page down", show=False, id="grid.pagedown"),
        Binding("home", "edge(0)", "First", show=False, id="grid.home"),
        Binding("end", "edge(1)", "Last", show=False, id="grid.end"),
        Binding("enter", "select", "Select", show=False, id="grid.select"),
    ]

    @dataclass
    class Selected(Message):
        """Enter (or a click on the cursor row) on row `key`."""

        grid: Grid
        key: str

    def __init__(self, *, id: str | None = None, cell_padding: int = 1) -> None:
        super().__init__(id=id)
        self.cell_padding = cell_padding
        self.columns: list[Column] = []
        self._keys: list[str] = []
        self._index: dict[str, int] = {}
        self._cells: dict[str, dict[str, Cell]] = {}
        self._heights: list[int] = []
        self._tops: list[int] = []
        self._row_of_line: list[int] = []
        self._strips: dict[int, list[Strip]] = {}
        self._header: Strip | None = None
        self.cursor = 0

    @property
    def current_key(self) -> str | None:
        """The key of the row under the cursor."""
        return self._keys[self.cursor] if self._keys else None

    @property
    def keys(self) -> list[str]:
        """Row keys, top to bottom."""
        return list(self._keys)

    def reset(self, columns: list[tuple[str, str, int]]) -> None:
        """Remove every row and set the columns as (key, label, width)."""
        self.columns = [Column(*c) for c in columns]
        self._keys, self._index, self._cells = [], {}, {}
        self._heights, self._tops, self._row_of_line = [], [], []
        self._strips.clear()
        self._header = None
        self.cursor = 0
        self._resize()

    def add(self, key: str, cells: dict[str, Cell], height: int = 1) -> None:
        """Add a row with its cells by column key."""
        self._index[key] = len(self._keys)
        self._tops.append(len(self._row_of_line))
        self._row_of_line.extend([len(self._keys)] * height)
        self._keys.append(key)
        self._cells[key] = dict(cells)
        self._heights.append(height)
        self._resize()

    def get_cell(self, key: str, column: str) -> Cell:
        """What a cell holds."""
        return self._cells[key].get(column, "")

    def put(self, key: str, cells: dict[str, Cell]) -> None:
        """Change some cells of a row; only a row whose content changed is repainted."""
        row = self._cells[key]
        changed = [c for c, value in cells.items() if row.get(c) != value]
        if changed:
            row.update(cells)
            self._repaint(self._index[key])

    def put_column(self, column: str, cells: dict[str, Cell]) -> None:
        """Change one column of many rows with a single repaint (not one region per row)."""
        changed = False
        for key, value in cells.items():
            row = self._cells[key]
            if row.get(column) != value:
                row[column] = value
                self._strips.pop(self._index[key], None)
                changed = True
        if changed:
            self.refresh()

    def move_to(self, key: str) -> None:
        """Put the cursor on row `key` (if there is one) and scroll it into view."""
        if key in self._index:
            self._set_cursor(self._index[key])

    def _resize(self) -> None:
        padding = 2 * self.cell_padding
        width = sum(c.width + padding for c in self.columns)
        self.virtual_size = Size(width, 1 + len(self._row_of_line))
        self.refresh()

    def _repaint(self, row: int) -> None:
        self._strips.pop(row, None)
        top = 1 + self._tops[row] - round(self.scroll_y)
        self.refresh(Region(0, top, self.size.width, self._heights[row]))

    def _set_cursor(self, row: int) -> None:
        row = min(max(row, 0), len(self._keys) - 1)
        old, self.cursor = self.cursor, row
        if old < len(self._keys):
            self._repaint(old)
        self._repaint(row)
        top, visible = self._tops[row], max(self.size.height - 1, 1)
        bottom = top + self._heights[row] - 1
        if top < self.scroll_y:
            self.scroll_to(y=top, animate=False)
        elif bottom >= self.scroll_y + visible:
            self.scroll_to(y=bottom - visible + 1, animate=False)

    def action_cursor(self, delta: int) -> None:
        if self._keys:
            self._set_cursor(self.cursor + delta)

    def action_page(self, direction: int) -> None:
        if self._keys:
            self._set_cursor(self.cursor + direction * max(self.size.height - 2, 1))

    def action_edge(self, end: int) -> None:
        if self._keys:
            self._set_cursor(len(self._keys) - 1 if end else 0)

    def action_select(self) -> None:
        if self._keys:
            self.post_message(self.Selected(self, self._keys[self.cursor]))

    def on_focus(self) -> None:
        self._restyle()

    def on_blur(self) -> None:
        self._restyle()

    def _restyle(self) -> None:
        """The base style follows focus: drop the cached strips and repaint."""
        self._strips.clear()
        self._header = None
        self.refresh()

    def cell_at(self, x: int, y: int) -> tuple[str, str, int] | None:
        """(row key, column key, x within the column's text) at a point of the widget."""
        line = y - 1 + round(self.scroll_y)
        if y < 1 or line >= len(self._row_of_line):
            return None
        x += round(self.scroll_x)
        for column in self.columns:
            span = column.width + 2 * self.cell_padding
            if x < span:
                return self._keys[self._row_of_line[line]], column.key, x - self.cell_padding
            x -= span
        return None

    def on_click(self, event: events.Click) -> None:
        hit = self.cell_at(event.x, event.y)
        if hit is None:
            return
        row = self._index[hit[0]]
        if row == self.cursor:
            self.action_select()
        else:
            self._set_cursor(row)

    def render_line(self, y: int) -> Strip:
        width, base = self.size.width, self.rich_style
        scroll_x = round(self.scroll_x)
        if y == 0:
            return self._header_strip().crop_extend(scroll_x, scroll_x + width, base)
        line = y - 1 + round(self.scroll_y)
        if line >= len(self._row_of_line):
            return Strip.blank(width, base)
        row = self._row_of_line[line]
        strip = self._row_strips(row)[line - self._tops[row]]
        if row == self.cursor:
            cursor = self.get_component_rich_style("grid--cursor")
            strip = Strip(Segment.apply_style(iter(strip), post_style=cursor), strip.cell_length)
        return strip.crop_extend(scroll_x, scroll_x + width, base)

    def _header_strip(self) -> Strip:
        if self._header is None:
            style = self.get_component_rich_style("grid--header")
            cells = {c.key: Text(c.label) for c in self.columns}
            self._header = self._strip_lines(cells, 1, style)[0]
        return self._header

    def _row_strips(self, row: int) -> list[Strip]:
        if row not in self._strips:
            key = self._keys[row]
            self._strips[row] = self._strip_lines(self._cells[key], self._heights[row], None)
        return self._strips[row]

    def _strip_lines(
        self, cells: Mapping[str, Cell], height: int, style: Style | None
    ) -> list[Strip]:
        console, pad = self.app.console, Segment(" " * self.cell_padding)
        lines: list[list[Segment]] = [[] for _ in range(height)]
        for column in self.columns:
            value = cells.get(column.key, "")
            text = value if isinstance(value, Text) else Text(value)
            parts = text.split("\n", allow_blank=True) if "\n" in text.plain else [text]
            for i, segments in enumerate(lines):
                part = parts[i].copy() if i < len(parts) else Text("")
                part.truncate(column.width, overflow="ellipsis")
                justify = part.justify if part.justify in ("left", "center", "right") else "left"
                part.align(justify, column.width)
                own = console.get_style(part.style) if part.style else None
                segments += [pad, *Segment.apply_style(part.render(console), own), pad]
        base = self.rich_style + style if style else self.rich_style
        return [Strip(Segment.apply_style(segments, base)) for segments in lines]
