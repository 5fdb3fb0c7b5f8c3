"""The join codes, on demand, on a screen marked not for projection.

Codes are what stops one participant sending as another, so no pane that may be projected
shows them; this screen does, under a warning banner, until any key closes it. Opening it
makes the session key beside the file if there is none yet, as `integrate-tui codes` does.
"""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.screen import Screen
from textual.widgets import DataTable, Static

from integrate_tui.session import Session
from integrate_tui.workshop import WorkshopError, workshop_of
from integrate_tui.workshop.inbox import key_path, participant_token, session_key

BANNER = "NOT FOR PROJECTION · join codes · Esc or c closes"


class CodesScreen(Screen[None]):
    """Every participant's name, id and join code, with the not-for-projection banner."""

    DEFAULT_CSS = """
    CodesScreen { padding: 1 2; }
    CodesScreen #banner {
        height: 3; content-align: center middle; text-style: bold;
        background: $error; color: $text;
    }
    CodesScreen DataTable { height: auto; margin-top: 1; }
    CodesScreen #codes-note { height: auto; margin-top: 1; color: $text-muted; }
    """
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,c,q", "dismiss", "Close", id="codes.close"),
    ]

    def __init__(self, session: Session) -> None:
        super().__init__()
        self.session = session

    def compose(self) -> ComposeResult:
        yield Static(BANNER, id="banner", markup=False)
        yield DataTable(cursor_type="row", zebra_stripes=True, id="codes")
        yield Static(id="codes-note", markup=False)

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        for label in ("Name", "Id", "Join code"):
            table.add_column(label)
        note = self.query_one("#codes-note", Static)
        path = self.session.path
        if path is None:
            note.update("Join codes are made for a saved file: save the scenario first.")
            return
        try:
            key = session_key(path)
        except WorkshopError as error:
            note.update(error.message)
            return
        if key is None:
            note.update(f"{key_path(path)} could not be made, so there are no codes yet.")
            return
        for p in workshop_of(self.session.scenario).participants:
            cells = (p.name, p.id, participant_token(key, p.id))
            table.add_row(*map(Text, cells), key=p.id)
        note.update(
            "Hand each person theirs. Deleting "
            f"{key_path(path).name} starts a new session: every code changes."
        )
