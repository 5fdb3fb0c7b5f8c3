"""Join: pick your name from the workshop's participants and type the code you were given."""

from __future__ import annotations

from pathlib import Path

from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.content import Content
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Button, Header, Input, Label, Select, Static

from integrate_tui.model import Scenario
from integrate_tui.tui.widgets.typed_input import TypedInput
from integrate_tui.workshop import room
from integrate_tui.workshop.errors import WorkshopError


class JoinScreen(Screen[None]):
    """Who you are, proved by your join code; a wrong code is refused with a plain message."""

    DEFAULT_CSS = """
    JoinScreen { align: center top; }
    JoinScreen #join-box { width: 72; max-width: 100%; height: auto; padding: 1 2; }
    JoinScreen .heading { text-style: bold; color: $accent; margin-bottom: 1; }
    JoinScreen Label { margin-top: 1; text-style: bold; }
    JoinScreen Select, JoinScreen Input { width: 100%; }
    JoinScreen Button { margin-top: 1; width: 100%; }
    JoinScreen #join-message { height: auto; margin-top: 1; color: $error; }
    """

    class Joined(Message):
        """Someone proved who they are: the app moves them on to the round."""

        def __init__(self, seat: room.Seat) -> None:
            super().__init__()
            self.seat = seat

    def __init__(self, path: Path, message: str = "") -> None:
        super().__init__()
        self._path = path
        self._message = message
        self._people: list[tuple[str, str]] = []
        self._scenario: Scenario | None = None

    def compose(self) -> ComposeResult:
        yield Header(icon="")
        with Vertical(id="join-box"):
            yield Static("Join the workshop", classes="heading")
            yield Static(id="scenario-title")
            yield Label("Your name")
            yield Select[str]([], prompt="Choose your name", id="who")
            yield Label("Your join code (the facilitator gives it to you)")
            yield TypedInput(placeholder="e.g. k3vq-8x2m-p7ha", id="code")
            yield Button("Join", variant="primary", id="join")
            yield Static(Content(self._message), id="join-message")

    def on_mount(self) -> None:
        self.watch(self.app, "scenario", self._show)
        self.query_one("#who", Select).focus()

    def _show(self, scenario: Scenario | None) -> None:
        """Keep the list of names in step with the file; a name already chosen stays chosen."""
        if scenario is None:
            return
        self._scenario = scenario
        self.query_one("#scenario-title", Static).update(Content(scenario.meta.title))
        listed = room.people(scenario)
        if listed == self._people:
            return
        self._people = listed
        who = self.query_one("#who", Select)
        chosen = who.value
        who.set_options((Content(name), pid) for name, pid in listed)
        if not listed:
            self._say("Nobody is on the participant list yet. Ask the facilitator to add you.")
        elif chosen in {pid for _, pid in listed}:
            who.value = chosen

    def _say(self, message: str) -> None:
        self.query_one("#join-message", Static).update(Content(message))

    @on(Select.Changed, "#who")
    def _chosen(self) -> None:
        self.query_one("#code", Input).focus()

    @on(Button.Pressed, "#join")
    @on(Input.Submitted, "#code")
    def join(self) -> None:
        """Enter the round screen if the code is this participant's; otherwise say why not."""
        if self._scenario is None:
            return
        who = self.query_one("#who", Select).value
        code = self.query_one("#code", Input)
        person = who if isinstance(who, str) else ""
        try:
            seat = room.join(self._path, self._scenario, person, code.value)
        except WorkshopError as error:
            self._say(str(error))
            code.focus()
            return
        self.post_message(self.Joined(seat))
