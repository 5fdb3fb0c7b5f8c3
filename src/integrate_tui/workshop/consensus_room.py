"""Whose weights a consensus is sought among: a priorities round's inputs, or everyone's now.

Without a round, each participant's current weights (what they last gave); with one, what
each gave in that round. A participant with no weights there (or weights that sum to 0) is
skipped and named. The group weights are the aggregate of those who gave weights, by the
round's aggregation method, else the default (the geometric mean, aggregate.METHODS).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from integrate_tui.engine import Compiled
from integrate_tui.model import Scenario
from integrate_tui.workshop.aggregate import METHODS, Method, aggregate
from integrate_tui.workshop.base import workshop_of
from integrate_tui.workshop.errors import WorkshopError

DEFAULT_METHOD: Method = next(iter(METHODS))


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
