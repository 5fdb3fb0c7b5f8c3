"""The agenda: every round with its kind, time box and status; details of the selected one."""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.widgets import DataTable, Static

from integrate_tui.model import Round
from integrate_tui.session import Session
from integrate_tui.tui.workshop.pane import Pane, refill
from integrate_tui.workshop import ROUND_KINDS, workshop_of
from integrate_tui.workshop.focus import names

COLUMNS = ("#", "Round", "Kind", "Time box", "Status")


def status(round_: Round) -> str:
    """Planned, open since when, or closed when."""
    if round_.closed is not None:
        return f"closed {round_.closed:%H:%M}"
    if round_.started is not None:
        return f"open since {round_.started:%H:%M}"
    return "planned"


class AgendaPane(Pane):
    """Rounds in order (row key: the round's index); a: add, e: edit, s: start, x: close."""

    def compose(self) -> ComposeResult:
        yield DataTable(cursor_type="row", zebra_stripes=True, id="agenda")
        yield Static(classes="detail", id="round-detail")

    def on_mount(self) -> None:
        for label in COLUMNS:
            self.table.add_column(label)

    def show(self, session: Session) -> None:
        self._session = session
        rounds = workshop_of(session.scenario).rounds
        rows = [
            (
                str(i),
                [
                    str(i + 1),
                    r.title,
                    ROUND_KINDS[r.kind],
                    "—" if r.minutes is None else f"{r.minutes:g} min",
                    status(r),
                ],
            )
            for i, r in enumerate(rounds)
        ]
        refill(self.table, rows)
        self._detail()

    @on(DataTable.RowHighlighted)
    def _detail(self) -> None:
        detail = self.query_one("#round-detail", Static)
        rounds = workshop_of(self._session.scenario).rounds
        key = self.current
        if key is None:
            detail.update("No rounds yet: press a to plan one (title, purpose, kind, minutes).")
            return
        r = rounds[int(key)]
        who = names(self._session.scenario)
        lines = [r.purpose or "(no purpose given)"]
        if r.inputs:
            lines.append("Priorities from: " + ", ".join(who.get(p, p) for p in r.inputs))
        if r.votes:
            lines.append("Ballots from: " + ", ".join(who.get(p, p) for p in r.votes))
        if r.options:
            lines.append("Options: " + ", ".join(r.options))
        if r.aggregation:
            lines.append(f"Aggregation: {r.aggregation}")
        if r.decision:
            lines.append(f"Decision: {r.decision}")
        text = Text.assemble((r.title, "bold"), f" — {ROUND_KINDS[r.kind]}\n")
        detail.update(text + Text("\n".join(lines)))
