"""Auto-balance's settings: objective, interest floor, silo shares and time limit; for least
change also a cut of one resource's capacity and how far the integrated score may fall."""

from __future__ import annotations

from dataclasses import replace

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.widgets import Label, Select, Switch

from integrate_tui.engine.optimise import Cut
from integrate_tui.model import Scenario
from integrate_tui.session.analyses import (
    CUT_SHARES,
    DEFAULT_CUT_SHARE,
    DEFAULT_TIME_LIMIT,
    INTEGRATED,
    LEAST_CHANGE,
    SCORE_DROPS,
    TIME_LIMITS,
    Request,
    objectives,
)
from integrate_tui.tui.format import plain_options

NO_FLOOR = "none"
FLOORS = (-20, -10, 0, 10, 20, 30, 40, 50, 60, 70, 80, 90)
NO_CUT = "none"
ANY_DROP = "any"


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
    AutoBalanceForm #cut-resource { width: 24; margin-right: 1; }
    AutoBalanceForm #cut-share { width: 10; margin-right: 2; }
    AutoBalanceForm #score-drop { width: 12; }
    AutoBalanceForm #least-change { display: none; }
    AutoBalanceForm #least-change.-shown { display: block; }
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
        with Horizontal(id="least-change"):
            yield Label("Cut")
            resources = [("no cut", NO_CUT)] + [(r.name, r.id) for r in self._scenario.resources]
            yield Select(
                plain_options(resources),
                value=NO_CUT,
                allow_blank=False,
                id="cut-resource",
                compact=True,
            )
            yield Label("by")
            shares = [(f"−{100 * x:g} %", str(x)) for x in CUT_SHARES]
            yield Select(
                shares,
                value=str(DEFAULT_CUT_SHARE),
                allow_blank=False,
                id="cut-share",
                compact=True,
            )
            yield Label("Score may fall by")
            drops = [(f"{x:g}", str(x)) for x in SCORE_DROPS] + [("any", ANY_DROP)]
            yield Select(
                drops, value=str(SCORE_DROPS[0]), allow_blank=False, id="score-drop", compact=True
            )

    def request(self) -> Request:
        """The request the controls describe."""
        floor = str(self.query_one("#floor", Select).value)
        objective = str(self.query_one("#objective", Select).value)
        request = Request(
            objective=objective,
            floor=None if floor == NO_FLOOR else float(floor),
            shares=self.query_one("#shares", Switch).value,
            time_limit=float(str(self.query_one("#limit", Select).value)),
        )
        if objective != LEAST_CHANGE:
            return request
        resource = str(self.query_one("#cut-resource", Select).value)
        share = float(str(self.query_one("#cut-share", Select).value))
        drop = str(self.query_one("#score-drop", Select).value)
        return replace(
            request,
            cuts=() if resource == NO_CUT else (Cut(resource, -share),),
            score_drop=None if drop == ANY_DROP else float(drop),
        )

    @on(Select.Changed)
    @on(Switch.Changed)
    def _changed(self, event: Message) -> None:
        event.stop()
        shown = self.query_one("#objective", Select).value == LEAST_CHANGE
        self.query_one("#least-change").set_class(shown, "-shown")
        self.post_message(self.Changed())
