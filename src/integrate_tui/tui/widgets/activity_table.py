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
LOCKED = "🔒"
"""Before a locked activity's name (two cells, like the indent it replaces)."""


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
        self._robust: dict[str, float] = {}
        self._robust_stale = True
        self._drag: str | None = None
        self._dragged = False
        self._undrawn: dict[str, Cell] = {}

    @property
    def _bar_width(self) -> int:
        return 12 if self.wide else 8

    @property
    def _name_width(self) -> int:
        return 28 if self.wide else 18

    def show(self, session: Session, palette: fmt.Palette, wide: bool) -> None:
        """Build every row (on open, on structural edits and when the layout changes)."""
        self.wide = wide
        s = session.scenario
        self._scale = max(a.max_funding for a in s.activities)
        resource_width = 10
        columns = [
            ("name", "Activity", self._name_width),
            ("bar", "Funding", self._bar_width),
            ("level", "Level", 5),
            ("score", "Score", 5),
            ("robust", "Robust", 6),
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
            silo_row: dict[str, Cell] = {
                "name": Text(fmt.clip(silo.name, name_width), style="bold"),
                "bar": "",
                "level": "",
                "score": Text(fmt.points(score.silo_overall[k]), style="bold"),
            }
            for j, r in enumerate(m.resource_ids):
                used, share = fmt.amount(score.silo_used[k, j]), fmt.percent(score.silo_share[k, j])
                silo_row[f"r:{r}"] = Text(f"{used} {share}", style="bold")
            rows[f"{SILO}{silo.id}"] = silo_row
        indices = range(len(s.activities)) if which is None else which
        if not len(indices):
            return rows
        use = {
            r: {d.activity: d.points for d in explain_resource(score, r).drivers}
            for r in m.resource_ids
        }
        for i in indices:
            a = s.activities[i]
            row: dict[str, Cell] = {
                "name": Text(LOCKED if a.locked else "  ") + Text(fmt.clip(a.name, name_width - 2)),
                "bar": fmt.bar(
                    a.funding / self._scale,
                    self._bar_width,
                    palette.bar,
                    a.max_funding / self._scale,
                    palette.dim,
                ),
                "level": fmt.level(a.funding),
                "score": fmt.points(score.activity_overall[i]),
                "robust": self._robust_cell(a.id),
            }
            row.update({f"r:{r}": fmt.amount(use[r].get(a.id, 0.0)) for r in m.resource_ids})
            rows[a.id] = row
        return rows

    def show_robustness(self, funded: dict[str, float] | None, stale: bool) -> None:
        """Fill the robustness column (share of weight draws funding each activity); dim if stale.

        `funded` None keeps the numbers already shown (marking them stale while they recompute).
        """
        if funded is not None:
            self._robust = funded
        self._robust_stale = stale
        keys = [key for key in self.keys if self.is_level_row(key)]
        self.put_column("robust", {key: self._robust_cell(key) for key in keys})

    def _robust_cell(self, key: str) -> Text:
        share = self._robust.get(key)
        text = Text("" if share is None else fmt.percent(share), justify="right")
        if self._robust_stale:
            text.stylize("dim")  # a span, not the base style: Grid.put compares spans
        return text

    def is_level_row(self, key: str) -> bool:
        return not key.startswith(SILO)

    @property
    def first_activity(self) -> str | None:
        """The key of the first activity row, where the cursor starts."""
        return next((key for key in self.keys if self.is_level_row(key)), None)

    def _level_at(self, x: int) -> float:
        """The funding at widget column `x` on the bar's scale, clamped to the bar."""
        start = self.cell_padding - round(self.scroll_x)
        for column in self.columns:
            if column.key == "bar":
                break
            start += column.width + 2 * self.cell_padding
        return min(max((x - start) / (self._bar_width - 1), 0.0), 1.0) * self._scale

    def on_click(self, event: events.Click) -> None:
        """A click on a bar sets funding there; other cells are Grid's (its handler runs next)."""
        if self._dragged:  # the click that ends a drag, which has set the funding already
            self._dragged = False
            event.prevent_default()
            return
        hit = self.cell_at(event.x, event.y)
        if hit is None or hit[1] != "bar" or not self.is_level_row(hit[0]):
            return
        event.prevent_default()
        self.move_to(hit[0])
        self.post_message(self.BarClicked(self, hit[0], self._level_at(event.x)))

    def on_mouse_down(self, event: events.MouseDown) -> None:
        """Start dragging when the button goes down on a bar."""
        hit = self.cell_at(event.x, event.y)
        self._dragged = False
        if hit is not None and hit[1] == "bar" and self.is_level_row(hit[0]):
            self._drag = hit[0]
            self._undrawn = {c: self.get_cell(hit[0], c) for c in ("bar", "level")}
            self.capture_mouse()

    def on_mouse_move(self, event: events.MouseMove) -> None:
        """While dragging, the bar follows the pointer; nothing changes until the release."""
        if self._drag is None:
            return
        self._dragged = True
        level = self._level_at(event.x)
        bar = fmt.bar(level / self._scale, self._bar_width, "bold", 1.0, "dim")
        self.put(self._drag, {"bar": bar, "level": Text(fmt.level(level), style="italic")})

    def on_mouse_up(self, event: events.MouseUp) -> None:
        """The end of a drag: one funding change (one undo step), where the button came up."""
        key, self._drag = self._drag, None
        if key is None:
            return
        self.release_mouse()
        if self._dragged:
            self.put(key, self._undrawn)  # the session's answer redraws the row
            self.move_to(key)
            self.post_message(self.BarClicked(self, key, self._level_at(event.x)))
