"""The decision log: every entry in the order it was made, with its round and who raised it."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.widgets import DataTable, Static

from integrate_tui.session import Session
from integrate_tui.tui.workshop.pane import Pane, refill
from integrate_tui.workshop import KINDS, workshop_of
from integrate_tui.workshop.log import authors

COLUMNS = ("When", "Kind", "Round", "By", "Entry")


class LogPane(Pane):
    """One row per entry (row key: its position); l adds one and saves."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._count = 0

    def compose(self) -> ComposeResult:
        yield DataTable(cursor_type="row", zebra_stripes=True, id="log")
        yield Static(classes="detail", id="log-hint")

    def on_mount(self) -> None:
        for label in COLUMNS:
            self.table.add_column(label)

    def show(self, session: Session) -> None:
        s = session.scenario
        log = workshop_of(s).log
        rows = [
            (
                str(j),
                [
                    f"{e.at:%H:%M:%S}",
                    KINDS.get(e.kind, e.kind),
                    "—" if e.round is None else str(e.round + 1),
                    authors(s, e) or "—",
                    e.text,
                ],
            )
            for j, e in enumerate(log)
        ]
        refill(self.table, rows)
        hint = "l: add a decision, rationale, objection or note (saved at once)."
        self.query_one("#log-hint", Static).update(hint if not log else "")
        if len(log) > self._count:
            self.table.move_cursor(row=len(log) - 1, animate=False)
        self._count = len(log)
