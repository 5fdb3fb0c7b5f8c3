"""Which round the facilitator's views are about, and what its inputs add up to.

The open round of the kinds a view shows, else the latest one run; each participant's
weights in it; and the group's weights from them by one of the aggregation methods.
"""

from __future__ import annotations

from integrate_tui.engine.ties import best
from integrate_tui.model import Inputs, Scenario
from integrate_tui.workshop.aggregate import METHODS, Aggregate, Method, aggregate
from integrate_tui.workshop.ahp import Priorities, judgement_map, priorities
from integrate_tui.workshop.base import open_round, workshop_of
from integrate_tui.workshop.errors import WorkshopError
from integrate_tui.workshop.participants import individual_weights

PRIORITY_KINDS = ("points", "pairwise")
"""The kinds of round whose inputs are priorities (weights over the values)."""


def latest(scenario: Scenario, kinds: tuple[str, ...]) -> int | None:
    """The open round if it is of one of `kinds`, else the last started round of those kinds."""
    workshop = workshop_of(scenario)
    index = open_round(workshop)
    if index is not None and workshop.rounds[index].kind in kinds:
        return index
    started = [
        i for i, r in enumerate(workshop.rounds) if r.kind in kinds and r.started is not None
    ]
    return started[-1] if started else None


def priority_round(scenario: Scenario) -> int | None:
    """The points or pairwise round whose inputs the Priorities and Group panes show."""
    return latest(scenario, PRIORITY_KINDS)


def vote_round(scenario: Scenario) -> int | None:
    """The vote whose ballots and results the Vote pane shows."""
    return latest(scenario, ("vote",))


def given(scenario: Scenario, index: int | None) -> dict[str, dict[str, float]]:
    """Each participant's weights in round `index`, or their current ones without a round."""
    if index is None:
        return individual_weights(scenario)
    inputs = workshop_of(scenario).rounds[index].inputs
    return {p: dict(i.weights) for p, i in inputs.items() if i.weights}


def consistency(scenario: Scenario, inputs: Inputs) -> Priorities | None:
    """The eigenvector result of someone's pairwise judgements (None for points)."""
    if not inputs.judgements:
        return None
    try:
        return priorities([v.id for v in scenario.values], judgement_map(inputs.judgements))
    except WorkshopError:
        return None


def names(scenario: Scenario) -> dict[str, str]:
    """Participant ids to names (ids no longer listed stay as they are)."""
    return {p.id: p.name for p in workshop_of(scenario).participants}


def default_method(scenario: Scenario) -> Method:
    """The method the round in focus planned, else the first (the geometric mean)."""
    index = priority_round(scenario)
    planned = None if index is None else workshop_of(scenario).rounds[index].aggregation
    return next(iter(METHODS)) if planned is None else planned


def counts(scenario: Scenario, index: int | None) -> dict[str, float]:
    """How much each participant counts in round `index`'s group weights (1 unless set)."""
    return {} if index is None else dict(workshop_of(scenario).rounds[index].counts)


def group(scenario: Scenario, method: Method) -> Aggregate | None:
    """The round in focus aggregated by `method`, each participant counted as the round
    says; None while nobody (counted) has given weights."""
    index = priority_round(scenario)
    weights = given(scenario, index)
    if not any(sum(w.values()) > 0 for w in weights.values()):
        return None
    try:
        return aggregate(weights, [v.id for v in scenario.values], method, counts(scenario, index))
    except WorkshopError:
        return None


def top_value(weights: dict[str, float]) -> tuple[str, float] | None:
    """The value someone weighs most and its share of their weight (ties: the first listed);
    None when they have given no weight."""
    total = sum(weights.values())
    top = best(weights, weights.__getitem__)
    if total <= 0 or top is None:
        return None
    return top, weights[top] / total
