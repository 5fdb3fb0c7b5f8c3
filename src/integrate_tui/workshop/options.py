"""Options are named snapshots of funding and weights: captured, compared, voted on, adopted."""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass

from integrate_tui.engine import Compiled, Score, score
from integrate_tui.model import Scenario, Snapshot
from integrate_tui.workshop.base import updated, workshop_of
from integrate_tui.workshop.errors import WorkshopError, build

BASELINE = "Baseline"
"""The snapshot name a report compares the final package against."""


@dataclass(frozen=True)
class State:
    """Funding and value weights in force at some moment, by id."""

    label: str
    funding: dict[str, float]
    weights: dict[str, float]

    def score(self, model: Compiled) -> Score:
        """The engine's score of this state (ids not given keep the scenario's own)."""
        return score(model, model.funding_from(self.funding), model.weights_from(self.weights))


def current_state(scenario: Scenario, label: str = "Now") -> State:
    """The funding and weights the scenario has now."""
    return State(
        label,
        {a.id: a.funding for a in scenario.activities},
        {v.id: v.weight for v in scenario.values},
    )


def option_names(scenario: Scenario) -> list[str]:
    """The names of the snapshots, which are the options a vote offers."""
    return [s.name for s in workshop_of(scenario).snapshots]


def snapshot(scenario: Scenario, name: str) -> Snapshot:
    """The snapshot with this name, or `WorkshopError` naming those there are."""
    for snap in workshop_of(scenario).snapshots:
        if snap.name == name:
            return snap
    known = ", ".join(option_names(scenario)) or "none yet"
    raise WorkshopError(f"unknown option {name!r} (options: {known})")


def add_snapshot(
    scenario: Scenario,
    name: str,
    *,
    funding: Mapping[str, float] | None = None,
    weights: Mapping[str, float] | None = None,
) -> Scenario:
    """Keep the current funding and weights (or those given) as a named option."""
    name = name.strip()
    if name.casefold() in {n.casefold() for n in option_names(scenario)}:
        raise WorkshopError(f"there is already an option called {name!r}")
    now = current_state(scenario)
    snap = build(
        Snapshot,
        name=name,
        funding=dict(now.funding if funding is None else funding),
        weights=dict(now.weights if weights is None else weights),
    )
    _check_ids(scenario, snap.funding, snap.weights)
    return updated(scenario, snapshots=[*workshop_of(scenario).snapshots, snap])


def remove_snapshot(scenario: Scenario, name: str) -> Scenario:
    """Drop an option; votes already recorded keep its name."""
    snapshot(scenario, name)
    kept = [s for s in workshop_of(scenario).snapshots if s.name != name]
    return updated(scenario, snapshots=kept)


def _check_ids(
    scenario: Scenario, funding: Mapping[str, float], weights: Mapping[str, float]
) -> None:
    activities = {a.id for a in scenario.activities}
    values = {v.id for v in scenario.values}
    problems = [
        *(f"unknown activity {k!r}" for k in funding if k not in activities),
        *(f"unknown value {k!r}" for k in weights if k not in values),
    ]
    for key, weight in weights.items():
        if not (math.isfinite(weight) and weight >= 0):
            problems.append(f"{key}: weight must be a number ≥ 0, not {weight!r}")
    if problems:
        raise WorkshopError(problems)


def apply_weights(scenario: Scenario, weights: Mapping[str, float]) -> Scenario:
    """The scenario with these value weights (e.g. a group's aggregate), others unchanged."""
    _check_ids(scenario, {}, weights)
    values = [
        v.model_copy(update={"weight": float(weights[v.id])}) if v.id in weights else v
        for v in scenario.values
    ]
    return scenario.model_copy(update={"values": values})


def apply_snapshot(scenario: Scenario, name: str) -> Scenario:
    """Adopt an option: its funding and weights become the scenario's."""
    snap = snapshot(scenario, name)
    _check_ids(scenario, snap.funding, snap.weights)
    problems = []
    activities = []
    for a in scenario.activities:
        level = snap.funding.get(a.id, a.funding)
        if not a.min_funding - 1e-9 <= level <= a.max_funding + 1e-9:
            problems.append(
                f"{a.id}: funding {level:g} is outside [{a.min_funding:g}, {a.max_funding:g}]"
            )
        activities.append(a.model_copy(update={"funding": float(level)}))
    if problems:
        raise WorkshopError(problems, title=f"Cannot adopt {name!r}")
    adopted = scenario.model_copy(update={"activities": activities})
    return apply_weights(adopted, snap.weights)


def baseline(scenario: Scenario) -> State | None:
    """What the final package is compared with: the "Baseline" snapshot, else round 1's record."""
    workshop = workshop_of(scenario)
    for snap in workshop.snapshots:
        if snap.name.strip().casefold() == BASELINE.casefold():
            return State(f"the option {snap.name!r}", dict(snap.funding), dict(snap.weights))
    for i, round_ in enumerate(workshop.rounds, start=1):
        if round_.funding:
            label = f"round {i} ({round_.title}) as recorded at its close"
            return State(label, dict(round_.funding), dict(round_.weights))
    return None
