"""Whose weights a consensus is sought among: a priorities round's inputs, or everyone's now.

Without a round, each participant's current weights (what they last gave); with one, what
each gave in that round. A participant with no weights there (or weights that sum to 0) is
skipped and named. The group weights are the aggregate of those who gave weights, by the
round's aggregation method, else the default (the geometric mean, aggregate.METHODS).

`settle` is the one call of the engine for a room, shared by the report and the workshop
screen's pool job: the consensus package, then the core index drawing also on the
packages it found, with one progress count over both (solves done of solves planned).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from integrate_tui.engine import Compiled
from integrate_tui.engine.optimise.control import NO_CONTROL, Control
from integrate_tui.model import Scenario
from integrate_tui.workshop.aggregate import METHODS, Method, aggregate
from integrate_tui.workshop.base import workshop_of
from integrate_tui.workshop.errors import WorkshopError

if TYPE_CHECKING:
    from integrate_tui.engine.optimise.consensus import Consensus
    from integrate_tui.engine.optimise.consensus_core import CoreIndex
    from integrate_tui.engine.optimise.constraints import Options

DEFAULT_METHOD: Method = next(iter(METHODS))
SAMPLES = 1_000
"""Weight mixes for the core index on the screen and in the report (seed 0: the same answer
every time)."""
CANDIDATES = 8
"""Optima at the first draws the core index adds to the consensus's packages (as the engine's
default)."""


@dataclass(frozen=True)
class Room:
    """The participants' weights a consensus is sought among, and the group's."""

    source: str  # "current weights" or "round 2: Priorities"
    weights: dict[str, dict[str, float]]  # participant → value → share, in record order
    skipped: list[str]  # participants with no weights there
    method: Method
    group: dict[str, float]  # value → the aggregate share

    def vectors(self, model: Compiled) -> dict[str, np.ndarray]:
        """Each participant's weights as a vector in the model's value order."""
        return {p: _vector(model, w) for p, w in self.weights.items()}

    def group_vector(self, model: Compiled) -> np.ndarray:
        """The group weights as a vector in the model's value order."""
        return _vector(model, self.group)


def _vector(model: Compiled, weights: dict[str, float]) -> np.ndarray:
    return np.array([weights.get(v, 0.0) for v in model.value_ids], dtype=float)


def room(scenario: Scenario, round_number: int | None = None) -> Room:
    """The weights of round `round_number` (counted from 1) or, without one, everyone's now.

    Raises `WorkshopError` for a round that does not exist or fewer than two participants
    with weights (naming who has none)."""
    workshop = workshop_of(scenario)
    values = [v.id for v in scenario.values]
    if round_number is None:
        given = {p.id: dict(p.weights) for p in workshop.participants}
        source, method = "current weights", DEFAULT_METHOD
    else:
        rounds = workshop.rounds
        if not 1 <= round_number <= len(rounds):
            raise WorkshopError(
                f"there is no round {round_number} (the agenda has {len(rounds)})",
                title="Consensus",
            )
        chosen = rounds[round_number - 1]
        given = {p.id: dict(chosen.inputs[p.id].weights) for p in workshop.participants
                 if p.id in chosen.inputs}  # fmt: skip
        source = f"round {round_number}: {chosen.title}"
        method = chosen.aggregation or DEFAULT_METHOD
    kept = {p: w for p, w in given.items() if sum(w.get(v, 0.0) for v in values) > 0}
    skipped = [p.id for p in workshop.participants if p.id not in kept]
    if len(kept) < 2:
        who = f"; no weights from {', '.join(skipped)}" if skipped else ""
        raise WorkshopError(
            f"a consensus needs at least two participants with weights ({source}): "
            f"{len(kept)} gave some{who}",
            title="Consensus",
        )
    group = aggregate(kept, values, method)
    return Room(source, group.individual, skipped, method, group.weights)


@dataclass(frozen=True)
class Settled:
    """A room's consensus and its core index, computed together."""

    consensus: Consensus
    core: CoreIndex


class _Stages:
    """One progress count over the consensus and then the core index: the core index's solves
    are planned from the start and counted after the consensus's."""

    def __init__(self, control: Control, later: int) -> None:
        self.control, self.later, self.before = control, later, 0

    def first(self, done: int, total: int) -> None:
        self.before = total
        self.control.report(done, total + self.later)

    def second(self, done: int, total: int) -> None:
        self.control.report(self.before + done, self.before + total)


def settle(
    model: Compiled,
    weights: Mapping[str, np.ndarray],
    group: np.ndarray | None = None,
    options: Options | None = None,
    *,
    max_regret: float | None = None,
    samples: int = SAMPLES,
    seed: int = 0,
    control: Control = NO_CONTROL,
) -> Settled:
    """The consensus among `weights` (see engine.optimise.consensus) and the core index of
    the room drawing also on its packages; `control` hears one count over both."""
    from integrate_tui.engine.optimise.consensus import consensus
    from integrate_tui.engine.optimise.consensus_core import core_index

    stages = _Stages(control, min(CANDIDATES, samples))
    found = consensus(
        model,
        weights,
        group,
        options,
        max_regret=max_regret,
        control=Control(control.cancelled, stages.first),
    )
    core = core_index(
        model,
        found.weights,
        samples,
        seed,
        candidates=CANDIDATES,
        extra=found.packages(),
        options=options,
        control=Control(control.cancelled, stages.second),
    )
    return Settled(found, core)


@dataclass(frozen=True)
class Cost:
    """What one person is asked by three packages: their regret for each (points)."""

    name: str | None  # None when the room is shown no names
    regret: float  # for the consensus package
    group: float  # for the optimum under the group weights
    current: float  # for the current funding


def costs(found: Consensus, names: Mapping[str, str], named: bool) -> list[Cost]:
    """Each participant's regrets as the room is shown them: in the record's order with
    names, or lowest regret first and no names (as a round's anonymous results)."""
    shown = [
        Cost(names.get(s.participant, s.participant) if named else None, s.regret,
             s.group_regret, s.current_regret)
        for s in found.standings
    ]  # fmt: skip
    return shown if named else sorted(shown, key=lambda c: c.regret)
