"""Participants: who is in the room, whom they speak for, their weights now, their join code."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.widgets import DataTable, Static

from integrate_tui.session import Session
from integrate_tui.tui import format as fmt
from integrate_tui.tui.workshop.pane import Pane, refill
from integrate_tui.workshop import WorkshopError, workshop_of
from integrate_tui.workshop.focus import top_value
from integrate_tui.workshop.inbox import participant_token, session_key

COLUMNS = ("Name", "Id", "Speaks for", "Weighs most", "Join code")


def join_key(session: Session) -> bytes | None:
    """The session key beside the file, when `integrate-tui serve` or `codes` made one."""
    if session.path is None:
        return None
    try:
        return session_key(session.path, create=False)
    except WorkshopError:
        return None


class PeoplePane(Pane):
    """One row per participant (row key: their id); a: add, e: edit, Delete: remove."""

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
        key = join_key(session)
        rows = []
        for p in workshop_of(s).participants:
            top = top_value(p.weights)
            share = top[1] if top else 0.0
            most = f"{values.get(top[0], top[0])} {fmt.percent(share)}" if top else "—"
            code = participant_token(key, p.id) if key else "—"
            rows.append((p.id, [p.name, p.id, interests.get(p.interest or "", "—"), most, code]))
        refill(self.table, rows)
        hint = "Press a to add someone; i enters their priorities, v and r their votes."
        if key is None:
            hint += " Join codes appear once `integrate-tui serve` runs for this file."
        self.query_one("#people-hint", Static).update(hint)
