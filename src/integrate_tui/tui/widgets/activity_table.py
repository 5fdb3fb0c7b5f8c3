"""Silos and their activities: funding bar, level, part of the score, use of each resource."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from rich.text import Text
from textual import events
from textual.message import Message

from integrate_tui.engine import explain_resource
from integrate_tui.session import Session
from integrate_tui.tui import format as fmt
from integrate_tui.tui.widgets.grid import Cell
from integrate_tui.tui.widgets.tables import LevelTable

SILO = "silo:"


class ActivityTable(LevelTable):
    """One heading row per silo (its subtotals and shares), then one row per activity."""

    DEFAULT_CSS = """
    ActivityTable { height: 1fr; }
    """

    @dataclass
    class BarClicked(Message):
        """The funding bar of activity `key` was clicked at `level`."""

        table: ActivityTable
        key: str
        level: float

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.wide = False
        self._scale = 1.0

    @property
    def _bar_width(self) -> int:
        return 12 if self.wide else 8

    @property
    def _name_width(self) -> int:
        return 30 if self.wide else 18

    def show(self, session: Session, palette: fmt.Palette, wide: bool) -> None:
        """Build every row (on open, on structural edits and when the layout changes)."""
        self.wide = wide
        s = session.scenario
        self._scale = max(a.max_funding for a in s.activities)
        resource_width = 12 if wide else 10
        columns = [
            ("name", "Activity", self._name_width),
            ("bar", "Funding", self._bar_width),
            ("level", "Level", 5),
            ("score", "Score", 5),
        ]
        columns += [
            (f"r:{r.id}", fmt.clip(f"{r.id.capitalize()} {r.unit}", resource_width), resource_width)
            for r in s.resources
        ]
        self.reset(columns)
        self._remember(session)
        rows = self._rows(session, palette)
        for silo in s.silos:
            self.add(f"{SILO}{silo.id}", rows[f"{SILO}{silo.id}"])
            for a in s.activities:
                if a.silo == silo.id:
                    self.add(a.id, rows[a.id])

    def sync(self, session: Session, palette: fmt.Palette) -> None:
        """Update the cells whose numbers changed: silo rows, and activities that moved."""
        score = session.score
        moved = np.flatnonzero(
            (score.funding != self._funding) | (score.activity_overall != self._points)
        )
        self._remember(session)
        for key, cells in self._rows(session, palette, moved).items():
            self.put(key, cells)

    def _remember(self, session: Session) -> None:
        self._funding = session.score.funding.copy()
        self._points = session.score.activity_overall.copy()

    def _rows(
        self, session: Session, palette: fmt.Palette, which: np.ndarray | None = None
    ) -> dict[str, dict[str, Cell]]:
        """Cells of every silo row and of the activities `which` (default: all)."""
        s, score, m = session.scenario, session.score, session.model
        name_width = self._name_width
        rows: dict[str, dict[str, Cell]] = {}
        for k, silo in enumerate(s.silos):
            rows[f"{SILO}{silo.id}"] = {
                "name": Text(fmt.clip(silo.name, name_width), style="bold"),
                "bar": "",
                "level": "",
                "score": Text(fmt.points(score.silo_overall[k]), style="bold"),
            } | {
                f"r:{r}": Text(
                    f"{fmt.amount(score.silo_used[k, j])} {fmt.percent(score.silo_share[k, j])}",
                    style="bold",
                )
                for j, r in enumerate(m.resource_ids)
            }
        indices = range(len(s.activities)) if which is None else which
        if not len(indices):
            return rows
        use = {
            r: {d.activity: d.points for d in explain_resource(score, r).drivers}
            for r in m.resource_ids
        }
        for i in indices:
            a = s.activities[i]
            rows[a.id] = {
                "name": Text("  " + fmt.clip(a.name, name_width - 2)),
                "bar": fmt.bar(
                    a.funding / self._scale,
                    self._bar_width,
                    palette.bar,
                    a.max_funding / self._scale,
                    palette.dim,
                ),
                "level": fmt.level(a.funding),
                "score": fmt.points(score.activity_overall[i]),
            } | {f"r:{r}": fmt.amount(use[r].get(a.id, 0.0)) for r in m.resource_ids}
        return rows

    def is_level_row(self, key: str) -> bool:
        return not key.startswith(SILO)

    @property
    def first_activity(self) -> str | None:
        """The key of the first activity row, where the cursor starts."""
        return next((key for key in self.keys if self.is_level_row(key)), None)

    def on_click(self, event: events.Click) -> None:
        hit = self.cell_at(event.x, event.y)
        if hit is None or hit[1] != "bar" or not self.is_level_row(hit[0]):
            super().on_click(event)
            return
        event.prevent_default()
        self.move_to(hit[0])
        fraction = min(max(hit[2] / (self._bar_width - 1), 0.0), 1.0)
        self.post_message(self.BarClicked(self, hit[0], fraction * self._scale))
