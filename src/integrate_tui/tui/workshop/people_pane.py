"""Participants: who is in the room, whom they speak for, their weights now, where they are.

Join codes are never shown here (this pane may be projected): `c` opens them on a screen
marked not for projection (`codes_screen`), and `integrate-tui codes FILE` prints them.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.widgets import DataTable, Static

from integrate_tui.session import Session
from integrate_tui.tui import format as fmt
from integrate_tui.tui.workshop.pane import Pane, refill
from integrate_tui.workshop import workshop_of
from integrate_tui.workshop.focus import top_value
from integrate_tui.workshop.nonce import open_nonce
from integrate_tui.workshop.presence import Seen, status

COLUMNS = ("Name", "Id", "Speaks for", "Weighs most", "In the room")


class PeoplePane(Pane):
    """One row per participant (row key: their id); a: add, e: edit, Delete: remove."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.room: tuple[dict[str, Seen], bytes | None] = ({}, None)
        """The presence record last read, and the session key it is read with."""

    def compose(self) -> ComposeResult:
        yield DataTable(cursor_type="row", zebra_stripes=True, id="people")
        yield Static(classes="detail", id="people-hint")

    def on_mount(self) -> None:
        for label in COLUMNS:
            self.table.add_column(label)

    def show(self, session: Session) -> None:
        s = session.scenario
        interests = {k.id: k.name for k in s.interests}
        values = {v.id: v.name for v in s.values}
        seen, key = self.room
        nonce = None if key is None else open_nonce(key, s)
        rows = []
        for p in workshop_of(s).participants:
            top = top_value(p.weights)
            share = top[1] if top else 0.0
            most = f"{values.get(top[0], top[0])} {fmt.percent(share)}" if top else "—"
            where = status(seen.get(p.id), nonce) if key else "—"
            rows.append((p.id, [p.name, p.id, interests.get(p.interest or "", "—"), most, where]))
        refill(self.table, rows)
        hint = (
            "Press a to add someone; i enters their priorities, v and r their votes; "
            "c shows the join codes (not for projection)."
        )
        if key is None:
            hint += " The room shows here once `integrate-tui serve` runs for this file."
        self.query_one("#people-hint", Static).update(hint)
