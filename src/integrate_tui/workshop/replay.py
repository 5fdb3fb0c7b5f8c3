"""Replay: the recorded rounds and log entries in time order, each with what was in force.

The state starts at the baseline (the "Baseline" option, else round 1's record, else the
scenario as it is now). A round start puts the funding and weights recorded at its start
in force (a package applied between rounds shows at the next start, not at that round's
close); closing a round puts its recorded funding and weights in force; log entries leave
the state as it was. A last "now" step appears when the
scenario has moved on since the last round closed. Every score and ledger is the engine's.
At equal times a round start comes first, then a close, then log entries, each in file
order.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from integrate_tui.engine import Compiled, Ledger, Score, compile_scenario, diff
from integrate_tui.model import Scenario
from integrate_tui.workshop.base import moment, workshop_of
from integrate_tui.workshop.log import KINDS
from integrate_tui.workshop.options import State, baseline, current_state

STARTED, CLOSED, NOW = "round started", "round closed", "now"


@dataclass(frozen=True)
class Step:
    """One moment of the session and the engine's view of what was in force then."""

    number: int
    at: datetime.datetime | None  # None for the closing "now" step
    kind: str  # STARTED, CLOSED, NOW or a log kind
    title: str
    text: str
    round: int | None  # index of the round this step belongs to (a log entry's own)
    state: State
    score: Score
    ledger: Ledger | None  # against the previous step; None for the first

    @property
    def changed(self) -> bool:
        """True when funding or weights moved since the previous step."""
        return self.ledger is not None and bool(self.ledger.funding or self.ledger.weights_changed)


def _merge(
    before: State, label: str, funding: dict[str, float], weights: dict[str, float]
) -> State:
    return State(label, {**before.funding, **funding}, {**before.weights, **weights})


def replay(scenario: Scenario, model: Compiled | None = None) -> list[Step]:
    """Every step of the session in order; empty when nothing has been recorded."""
    model = model or compile_scenario(scenario)
    workshop = workshop_of(scenario)
    events: list[tuple[datetime.datetime, int, int, str]] = []
    for i, round_ in enumerate(workshop.rounds):
        if round_.started is not None:
            events.append((round_.started, 0, i, STARTED))
        if round_.closed is not None:
            events.append((round_.closed, 1, i, CLOSED))
    events += [(entry.at, 2, j, "log") for j, entry in enumerate(workshop.log)]
    events.sort(key=lambda e: (moment(e[0]), e[1], e[2]))
    now = current_state(scenario)
    state = baseline(scenario) or now
    steps: list[Step] = []
    previous: Score | None = None
    for at, _, index, kind in events:
        if kind == "log":
            entry = workshop.log[index]
            title, text, round_index = KINDS.get(entry.kind, entry.kind), entry.text, entry.round
            kind = entry.kind
        else:
            round_ = workshop.rounds[index]
            title, round_index = round_.title, index
            text = round_.purpose if kind == STARTED else round_.decision
            if kind == CLOSED:
                state = _merge(state, title, round_.funding, round_.weights)
            elif round_.start_funding or round_.start_weights:
                state = _merge(state, title, round_.start_funding, round_.start_weights)
        current = state.score(model)
        ledger = diff(previous, current) if previous is not None else None
        steps.append(
            Step(len(steps) + 1, at, kind, title, text, round_index, state, current, ledger)
        )
        previous = current
    if previous is not None:
        current = now.score(model)
        ledger = diff(previous, current)
        if ledger.funding or ledger.weights_changed:
            steps.append(Step(len(steps) + 1, None, NOW, "Now", "", None, now, current, ledger))
    return steps
