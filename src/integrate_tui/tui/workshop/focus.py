"""Which round each pane is about, and the inputs it shows: the open one, else the latest run."""

from __future__ import annotations

from integrate_tui.model import Inputs, Scenario
from integrate_tui.workshop import (
    Priorities,
    WorkshopError,
    individual_weights,
    judgement_map,
    open_round,
    priorities,
    workshop_of,
)

PRIORITY_KINDS = ("points", "pairwise")


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
