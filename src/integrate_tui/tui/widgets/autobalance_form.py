"""Auto-balance's settings: objective, interest floor, silo shares and time limit."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.widgets import Label, Select, Switch

from integrate_tui.model import Scenario
from integrate_tui.session.analyses import (
    DEFAULT_TIME_LIMIT,
    INTEGRATED,
    TIME_LIMITS,
    Request,
    objectives,
)
from integrate_tui.tui.format import plain_options

NO_FLOOR = "none"
FLOORS = (-20, -10, 0, 10, 20, 30, 40, 50, 60, 70, 80, 90)


class AutoBalanceForm(Vertical):
    """Two rows of controls; posts `Changed` whenever one of them moves."""

    DEFAULT_CSS = """
    AutoBalanceForm { height: auto; padding: 0 1; }
    AutoBalanceForm Horizontal { height: 1; margin-bottom: 1; }
    AutoBalanceForm Label { padding: 0 1 0 0; }
    AutoBalanceForm Select:focus > SelectCurrent { background: $primary 40%; }
    AutoBalanceForm Switch { border: none; height: 1; padding: 0; margin-right: 2; }
    AutoBalanceForm Switch:focus { background: $primary 40%; }
    AutoBalanceForm #objective { width: 1fr; }
    AutoBalanceForm #floor { width: 14; margin-right: 2; }
    AutoBalanceForm #limit { width: 10; }
    """

    class Changed(Message):
        """A setting changed."""

    def __init__(self, scenario: Scenario) -> None:
        super().__init__()
        self._scenario = scenario

    def compose(self) -> ComposeResult:
        with Horizontal():
            yield Label("Maximise")
            yield Select(
                plain_options(objectives(self._scenario)),  # names of values and interests
                value=INTEGRATED,
                allow_blank=False,
                id="objective",
                compact=True,
            )
        with Horizontal():
            yield Label("No interest below")
            floors = [("no floor", NO_FLOOR)] + [(f"{x:g}", str(x)) for x in FLOORS]
            yield Select(floors, value=NO_FLOOR, allow_blank=False, id="floor", compact=True)
            yield Label("Silo shares")
            yield Switch(value=True, id="shares")
            yield Label("Time limit")
            limits = [(f"{t:g} s", str(t)) for t in TIME_LIMITS]
            yield Select(
                limits, value=str(DEFAULT_TIME_LIMIT), allow_blank=False, id="limit", compact=True
            )

    def request(self) -> Request:
        """The request the controls describe."""
        floor = str(self.query_one("#floor", Select).value)
        return Request(
            objective=str(self.query_one("#objective", Select).value),
            floor=None if floor == NO_FLOOR else float(floor),
            shares=self.query_one("#shares", Switch).value,
            time_limit=float(str(self.query_one("#limit", Select).value)),
        )

    @on(Select.Changed)
    @on(Switch.Changed)
    def _changed(self, event: Message) -> None:
        event.stop()
        self.post_message(self.Changed())
