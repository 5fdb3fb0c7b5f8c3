"""Silos × resources: each envelope (→ after the previewed move), what its activities leave
unused, and the marginal value of δ more — the best silo per resource in bold."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from rich.text import Text
from textual import events
from textual.message import Message

from integrate_tui.engine import Compiled
from integrate_tui.engine.optimise import Marginals
from integrate_tui.tui import format as fmt
from integrate_tui.tui.widgets.grid import Cell, Grid

NAME_WIDTH, CELL_WIDTH = 22, 28


@dataclass(frozen=True)
class EnvelopeView:
    """What the grid shows: envelopes now and after the previewed move, use, marginal values."""

    model: Compiled
    before: np.ndarray  # silos × resources
    after: np.ndarray | None  # silos × resources after the previewed move (None: no preview)
    used: np.ndarray  # silos × resources, at the current funding
    marginals: Marginals | None  # None while they are computed
    resource: str  # the resource chosen for the move
    source: str
    target: str


class EnvelopeGrid(Grid):
    """One row per silo, one column per resource; click a cell to choose its silo and resource."""

    @dataclass
    class Picked(Message):
        """A click on the cell of `silo` and `resource`."""

        grid: EnvelopeGrid
        silo: str
        resource: str

    def show(self, view: EnvelopeView, palette: fmt.Palette) -> None:
        """Fill the grid, repainting only rows whose text changed."""
        m = view.model
        columns = [("silo", "Silo", NAME_WIDTH)] + [
            (r.id, f"{'▸ ' if r.id == view.resource else ''}{r.id} ({r.unit})", CELL_WIDTH)
            for r in m.scenario.resources
        ]
        rows = {silo: self._silo_cells(view, s, palette) for s, silo in enumerate(m.silo_ids)}
        if [(c.key, c.label, c.width) for c in self.columns] != columns or self.keys != list(rows):
            cursor = self.current_key
            self.reset(columns)
            for key, cells in rows.items():
                self.add(key, cells)
            if cursor is not None:
                self.move_to(cursor)
            return
        for key, cells in rows.items():
            self.put(key, cells)

    def _silo_cells(self, view: EnvelopeView, s: int, palette: fmt.Palette) -> dict[str, Cell]:
        m = view.model
        silo = m.scenario.silos[s]
        role = {view.source: ("from", palette.bad), view.target: ("to", palette.good)}
        word, style = role.get(silo.id, ("", ""))
        mark = f" · {word}" if word else ""
        text = Text(fmt.clip(silo.name, NAME_WIDTH - len(mark)))
        text.append(mark, style=f"bold {style}")
        cells: dict[str, Cell] = {"silo": text}
        for r, rid in enumerate(m.resource_ids):
            cells[rid] = self._resource_cell(view, s, r, palette)
        return cells

    def _resource_cell(self, view: EnvelopeView, s: int, r: int, palette: fmt.Palette) -> Text:
        """`498 → 398 left 0 +0.42/50`: envelope (after the move), unused now, marginal value."""
        before, used = view.before[s, r], view.used[s, r]
        text = Text(fmt.amount(before))
        if view.after is not None and abs(view.after[s, r] - before) > 1e-9:
            style = palette.good if view.after[s, r] > before else palette.bad
            text.append(f" → {fmt.amount(view.after[s, r])}", style=f"bold {style}")
        text.append(f" left {fmt.amount(before - used)} ", style="dim")
        text.append_text(self._marginal(view, s, r, palette))
        return text

    def _marginal(self, view: EnvelopeView, s: int, r: int, palette: fmt.Palette) -> Text:
        """The marginal value as "+0.42/50", bold where δ more does the most good."""
        if view.marginals is None:
            return Text("…", style="dim")
        m = view.model
        rid = m.resource_ids[r]
        found = view.marginals.values.get((m.silo_ids[s], rid))
        if found is None:
            return Text("—", style="dim")
        best = view.marginals.best(rid)
        style = f"bold {palette.good}" if found is best else ""
        return Text(f"{found.overall:+.2f}/{found.step:g}", style=style)

    def on_click(self, event: events.Click) -> None:
        """Besides moving the cursor (Grid), a click on a resource cell picks that resource."""
        hit = self.cell_at(event.x, event.y)
        if hit is not None and hit[1] != "silo":
            self.post_message(self.Picked(self, hit[0], hit[1]))
