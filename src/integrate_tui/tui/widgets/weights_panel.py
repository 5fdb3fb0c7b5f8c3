"""Priorities: each value's weight as a bar, the number in the file, and its share of all."""

from __future__ import annotations

from rich.text import Text

from integrate_tui.session import Session
from integrate_tui.tui import format as fmt
from integrate_tui.tui.widgets.grid import Cell
from integrate_tui.tui.widgets.score_panel import BAR, NUMBERS
from integrate_tui.tui.widgets.tables import LevelTable


class WeightsPanel(LevelTable):
    """One row per value (key: the value id); ←/→ move its weight like funding."""

    DEFAULT_CSS = """
    WeightsPanel {
        height: auto;
        max-height: 45%;
        overflow-x: hidden;
        scrollbar-size-vertical: 1;
        margin-top: 1;
    }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id, cell_padding=0)

    def show(self, session: Session, palette: fmt.Palette, width: int) -> None:
        """Build every row (on open, on structural edits and when the layout changes)."""
        self._name_width = max(width - NUMBERS - 1, 10)
        self.reset(
            [
                ("name", "Priorities", self._name_width),
                ("bar", "", BAR + 1),
                ("weight", " Weight", 7),
                ("share", " Share", 6),
            ]
        )
        for key, cells in self._rows(session, palette).items():
            self.add(key, cells)

    def sync(self, session: Session, palette: fmt.Palette) -> None:
        """Update the cells whose numbers changed."""
        for key, cells in self._rows(session, palette).items():
            self.put(key, cells)

    def _rows(self, session: Session, palette: fmt.Palette) -> dict[str, dict[str, Cell]]:
        values, score = session.scenario.values, session.score
        largest = max((v.weight for v in values), default=0.0) or 1.0
        return {
            v.id: {
                "name": Text(fmt.clip(v.name, self._name_width)),
                "bar": fmt.bar(v.weight / largest, BAR, palette.bar),
                "weight": Text(fmt.weight(v.weight), justify="right"),
                "share": Text(fmt.percent(share), justify="right"),
            }
            for v, share in zip(values, score.weights, strict=True)
        }
