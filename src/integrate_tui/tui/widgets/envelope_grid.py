"""Silos × resources: each envelope (→ after the previewed move), what its activities leave
unused, and the marginal value of δ more — the best silo per resource in bold.

The columns fit the grid's width: at 80 columns the cells drop the "/δ" of the marginal
value (the note under the grid gives δ) and "left 0" (only an unused remainder is shown),
and the silo names take what the resource columns leave, so every resource stays in view.
"""

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

NAME_WIDTH, CELL_WIDTH = 72, 28
"""Widest silo name column and resource column (wider is only blank space)."""
NAME_MIN, CELL_MIN = 14, 10
"""Narrowest: below these the cells are clipped and the grid scrolls sideways."""
NAME_ROOM = 24
"""Silo-name width kept before resource columns widen beyond their numbers for headings."""


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

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._shown: tuple[EnvelopeView, fmt.Palette] | None = None

    def show(self, view: EnvelopeView, palette: fmt.Palette) -> None:
        """Fill the grid, repainting only rows whose text changed."""
        self._shown = view, palette
        m = view.model
        full = self._fits_full(view, palette)
        cells = {
            silo: {rid: self._resource_cell(view, s, r, palette, full=full)
                   for r, rid in enumerate(m.resource_ids)}
            for s, silo in enumerate(m.silo_ids)
        }  # fmt: skip
        cell_width = self._cell_width(view, cells)
        name_width = self._name_width(view, len(m.resource_ids), cell_width)
        columns = [("silo", "Silo", name_width)] + [
            (r.id, _heading(r.name, r.unit, r.id == view.resource, cell_width), cell_width)
            for r in m.scenario.resources
        ]
        rows: dict[str, dict[str, Cell]] = {
            silo: {"silo": self._silo_name(view, s, name_width, palette), **cells[silo]}
            for s, silo in enumerate(m.silo_ids)
        }
        if [(c.key, c.label, c.width) for c in self.columns] != columns or self.keys != list(rows):
            cursor = self.current_key
            self.reset(columns)
            for key, row in rows.items():
                self.add(key, row)
            if cursor is not None:
                self.move_to(cursor)
            return
        for key, row in rows.items():
            self.put(key, row)

    def on_resize(self) -> None:
        """Fit the columns to the new width."""
        if self._shown is not None:
            self.show(*self._shown)

    def _width(self) -> int:
        """The width the columns share (the app's, before the grid is laid out)."""
        return self.scrollable_content_region.width or self.app.size.width

    def _spare(self, resources: int, cell_width: int) -> int:
        """The width left for silo names beside `resources` columns of `cell_width`."""
        pad = 2 * self.cell_padding
        return self._width() - pad - resources * (cell_width + pad)

    def _fits_full(self, view: EnvelopeView, palette: fmt.Palette) -> bool:
        """Whether every cell's full text fits beside names of at least NAME_MIN."""
        m = view.model
        widest = max(
            (
                self._resource_cell(view, s, r, palette, full=True).cell_len
                for s in range(len(m.silo_ids))
                for r in range(len(m.resource_ids))
            ),
            default=0,
        )
        return self._spare(len(m.resource_ids), min(widest, CELL_WIDTH)) >= NAME_MIN

    def _cell_width(self, view: EnvelopeView, cells: dict[str, dict[str, Text]]) -> int:
        """As wide as the widest cell; wider, up to the whole heading, while names keep
        NAME_ROOM."""
        resources = view.model.scenario.resources
        widest = max((t.cell_len for row in cells.values() for t in row.values()), default=0)
        heading = max((len(_heading(r.name, r.unit, True, 99)) for r in resources), default=0)
        pad = 2 * self.cell_padding
        room = (self._width() - pad - NAME_ROOM) // max(len(resources), 1) - pad
        return min(max(widest, min(heading, room), CELL_MIN), CELL_WIDTH)

    def _name_width(self, view: EnvelopeView, resources: int, cell_width: int) -> int:
        """What the resource columns leave, up to the longest name with its role mark."""
        longest = max((len(x.name) for x in view.model.scenario.silos), default=0) + len(" · from")
        return max(NAME_MIN, min(self._spare(resources, cell_width), longest, NAME_WIDTH))

    def _silo_name(self, view: EnvelopeView, s: int, width: int, palette: fmt.Palette) -> Text:
        """The silo's name clipped to the column, marked when it is the move's source or target."""
        silo = view.model.scenario.silos[s]
        role = {view.source: ("from", palette.bad), view.target: ("to", palette.good)}
        word, style = role.get(silo.id, ("", ""))
        mark = f" · {word}" if word else ""
        text = Text(fmt.clip(silo.name, width - len(mark)))
        text.append(mark, style=f"bold {style}")
        return text

    def _resource_cell(
        self, view: EnvelopeView, s: int, r: int, palette: fmt.Palette, *, full: bool
    ) -> Text:
        """`498 → 398 left 0 +0.42/50`: envelope (after the move), unused now, marginal value;
        short (not `full`): `498 → 398 +0.42`, with "left" only for an unused remainder."""
        before, used = view.before[s, r], view.used[s, r]
        text = Text(fmt.amount(before))
        if view.after is not None and abs(view.after[s, r] - before) > 1e-9:
            style = palette.good if view.after[s, r] > before else palette.bad
            text.append(f" → {fmt.amount(view.after[s, r])}", style=f"bold {style}")
        unused = before - used
        if full or abs(unused) > 1e-9:
            text.append(f" left {fmt.amount(unused)}", style="dim")
        text.append(" ")
        text.append_text(self._marginal(view, s, r, palette, full=full))
        return text

    def _marginal(
        self, view: EnvelopeView, s: int, r: int, palette: fmt.Palette, *, full: bool
    ) -> Text:
        """The marginal value as "+0.42/50" (short: "+0.42"), bold where δ more does the most
        good."""
        if view.marginals is None:
            return Text("…", style="dim")
        m = view.model
        rid = m.resource_ids[r]
        found = view.marginals.values.get((m.silo_ids[s], rid))
        if found is None:
            return Text("—", style="dim")
        best = view.marginals.best(rid)
        style = f"bold {palette.good}" if found is best else ""
        step = f"/{found.step:g}" if full else ""
        return Text(f"{found.overall:+.2f}{step}", style=style)

    def on_click(self, event: events.Click) -> None:
        """Besides moving the cursor (Grid), a click on a resource cell picks that resource."""
        hit = self.cell_at(event.x, event.y)
        if hit is not None and hit[1] != "silo":
            self.post_message(self.Picked(self, hit[0], hit[1]))


def _heading(name: str, unit: str, chosen: bool, width: int) -> str:
    """A resource's column heading: "▸ Staff time (FTE)", the name clipped to keep the unit."""
    mark, tail = "▸ " if chosen else "", f" ({unit})" if unit else ""
    room = max(width - len(mark) - len(tail), 4)
    return f"{mark}{fmt.clip(name, room)}{tail}"
