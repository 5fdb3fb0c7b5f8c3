"""The participant app: one person, their join code, and their own input to the open round."""

from __future__ import annotations

from pathlib import Path

from textual import work
from textual.app import App
from textual.message import Message
from textual.reactive import var

from integrate_tui.errors import IntegrateError
from integrate_tui.files import load
from integrate_tui.model import Scenario
from integrate_tui.tui.participant.screens.join import JoinScreen
from integrate_tui.tui.participant.screens.round import RoundScreen
from integrate_tui.workshop import room

REFRESH_SECONDS = 3.0
"""How often the page re-reads the scenario to follow the facilitator's agenda."""


class ParticipantApp(App[None]):
    """Join with a code, then see the open round and send only your own input to the inbox."""

    TITLE = "integrate-tui · workshop"
    ENABLE_COMMAND_PALETTE = False

    scenario: var[Scenario | None] = var(None)
    """The scenario as last read; the screens watch it. The app never writes it."""

    class Reloaded(Message):
        """A newer version of the scenario file, read off the UI thread."""

        def __init__(self, scenario: Scenario, stamp: tuple[int, int, int] | None) -> None:
            super().__init__()
            self.scenario, self.stamp = scenario, stamp

    def __init__(self, path: Path, scenario: Scenario, *, every: float = REFRESH_SECONDS) -> None:
        super().__init__()
        self.path, self.every = path, every
        self._stamp = room.stamp(path)
        self.set_reactive(ParticipantApp.scenario, scenario)
        self.sub_title = scenario.meta.title

    def on_mount(self) -> None:
        self.push_screen(JoinScreen(self.path))
        self.set_interval(self.every, self.reload, name="reload")

    @work(thread=True, exclusive=True, group="reload")
    def reload(self) -> None:
        """Re-read the file if it changed; a file that does not load keeps the last good one."""
        stamp = room.stamp(self.path)
        if stamp == self._stamp:
            return
        try:
            scenario = load(self.path)
        except IntegrateError:
            return
        self.post_message(self.Reloaded(scenario, stamp))

    def on_participant_app_reloaded(self, message: Reloaded) -> None:
        self._stamp = message.stamp
        self.scenario = message.scenario

    def on_join_screen_joined(self, message: JoinScreen.Joined) -> None:
        self.sub_title = message.seat.name
        self.switch_screen(RoundScreen(message.seat, self.every))

    def on_round_screen_unseated(self) -> None:
        self.sub_title = self.scenario.meta.title if self.scenario else ""
        self.switch_screen(JoinScreen(self.path, room.NEW_SESSION))


def make_participant_app(path: str | Path, *, every: float = REFRESH_SECONDS) -> ParticipantApp:
    """The app on a scenario file; a file that does not load raises before Textual starts."""
    path = Path(path).resolve()
    return ParticipantApp(path, load(path), every=every)
