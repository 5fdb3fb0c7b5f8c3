"""Priorities: each participant's weights in the round in focus, with pairwise consistency."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.widgets import DataTable, Static

from integrate_tui.session import Session
from integrate_tui.tui import format as fmt
from integrate_tui.tui.workshop.pane import Pane, refill
from integrate_tui.workshop import ROUND_KINDS, workshop_of
from integrate_tui.workshop.consistency import HINT
from integrate_tui.workshop.focus import consistency, given, priority_round

SHORT = 12


class PrioritiesPane(Pane):
    """Participants × values as shares (row key: participant id); i enters someone's input."""

    def compose(self) -> ComposeResult:
        yield Static(classes="heading", id="priorities-heading")
        yield DataTable(cursor_type="row", zebra_stripes=True, id="priorities")
        yield Static(classes="detail", id="priorities-detail")

    def show(self, session: Session) -> None:
        s = session.scenario
        workshop = workshop_of(s)
        index = priority_round(s)
        weights = given(s, index)
        round_ = None if index is None else workshop.rounds[index]
        columns = ["Participant", *(fmt.clip(v.name, SHORT) for v in s.values), "Consistency"]
        rows = []
        worst: list[Text] = []
        for p in workshop.participants:
            mine = weights.get(p.id, {})
            total = sum(mine.values())
            shares = [fmt.percent(mine.get(v.id, 0.0) / total) if total else "—" for v in s.values]
            inputs = round_.inputs.get(p.id) if round_ else None
            result = consistency(s, inputs) if inputs else None
            cr = "—"
            if result is not None:
                cr = f"CR {result.cr:.2f} " + ("✓" if result.consistent else "⚠")
                if not result.consistent and result.worst is not None:
                    values = {v.id: v.name for v in s.values}
                    worst.append(Text(f"⚠ {p.name}: {result.worst.explain(values)}"))
            rows.append((p.id, [p.name, *shares, cr]))
        refill(self.table, rows, columns)
        if index is None or round_ is None:
            heading = "Current weights of each participant (no points or pairwise round yet)"
        else:
            state = "open" if round_.closed is None and round_.started else "closed"
            heading = (
                f"Round {index + 1} · {round_.title} · {ROUND_KINDS[round_.kind]} ({state}): "
                f"{len(weights)} of {len(workshop.participants)} have given priorities"
            )
        self.query_one("#priorities-heading", Static).update(Text(heading))
        hint = Text(f"i: enter the selected participant's priorities. {HINT}")
        self.query_one("#priorities-detail", Static).update(Text("\n").join([hint, *worst]))
