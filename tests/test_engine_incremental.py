"""The live score: after any sequence of funding and weight changes, the full `score` of the
same funding and weights, to 1e-12 (engine/rescore.py; the full score is the oracle)."""

from __future__ import annotations

from typing import Any

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from integrate_tui.engine import Score, compile_scenario, score
from integrate_tui.engine.rescore import ActivityIsLocked, LiveScore
from integrate_tui.model import Scenario, validate_scenario
from strategies import scenario_data

TOLERANCE = 1e-12


def assert_same(live: Score, full: Score) -> None:
    """Every number of two scores equal to 1e-12 (relative where they exceed 1)."""
    pairs = {
        "funding": (live.funding, full.funding),
        "fraction": (live.fraction, full.fraction),
        "boost": (live.boost, full.boost),
        "contributions": (live.contributions, full.contributions),
        "values": (live.values, full.values),
        "interest_contributions": (live.interest_contributions, full.interest_contributions),
        "interests": (live.interests, full.interests),
        "overall": (np.array([live.overall]), np.array([full.overall])),
        "used": (live.used, full.used),
        "weights": (live.weights, full.weights),
        "silo_overall": (live.silo_overall, full.silo_overall),
        "pair_overall": (live.pair_overall, full.pair_overall),
    }
    for name, (a, b) in pairs.items():
        assert a.shape == b.shape, name
        size = max(1.0, float(np.abs(b).max(initial=0.0)))
        assert np.all(np.abs(a - b) <= TOLERANCE * size), (name, a, b)
    assert live.feasible == full.feasible
    assert live.fairness.worst_off == full.fairness.worst_off


@st.composite
def _case(draw: st.DrawFn) -> tuple[Scenario, list[tuple[str, Any]]]:
    """A scenario (some activities locked, some scales declared) and a sequence of changes."""
    data = draw(scenario_data())
    for activity in data["activities"]:
        activity["locked"] = draw(st.booleans()) and draw(st.booleans())
    for value in data["values"]:
        if draw(st.booleans()):
            value["scale"] = draw(st.floats(0.5, 50))
    scenario = validate_scenario(data)
    n, nv = len(scenario.activities), len(scenario.values)
    free = [i for i, a in enumerate(scenario.activities) if not a.locked]
    changes: list[tuple[str, Any]] = []
    for _ in range(draw(st.integers(1, 25))):
        if free and draw(st.integers(0, 4)):
            i = draw(st.sampled_from(free))
            a = scenario.activities[i]
            on_grid = draw(st.booleans())
            level = (
                draw(st.sampled_from([a.min_funding, a.max_funding, 0.0, 1.0]))
                if on_grid
                else draw(st.floats(0.0, a.max_funding))
            )
            changes.append(("fund", (i, level)))
        else:
            changes.append(("weigh", draw(st.lists(st.floats(0, 10), min_size=nv, max_size=nv))))
    assert n
    return scenario, changes


@settings(max_examples=60, deadline=None)
@given(_case())
def test_every_change_equals_a_full_rescore(case: tuple[Scenario, list[tuple[str, Any]]]) -> None:
    scenario, changes = case
    model = compile_scenario(scenario)
    live = LiveScore(model)
    funding, weights = model.funding, model.default_weights.copy()
    assert_same(live.score(), score(model, funding, weights))
    for kind, change in changes:
        if kind == "fund":
            i, level = change
            live.fund(i, level)
            funding[i] = level
        else:
            live.weigh(np.array(change))
            weights = np.array(change)
        assert_same(live.score(), score(model, funding, weights))


def test_a_long_walk_accumulates_no_rounding() -> None:
    """Sums are re-added from rows, never updated by differences: 5,000 changes later the
    numbers are those of a full score, not drifted."""
    data = _walk_data(200)
    model = compile_scenario(validate_scenario(data))
    live = LiveScore(model)
    rng = np.random.default_rng(7)
    funding = model.funding
    for _ in range(5_000):
        i = int(rng.integers(len(funding)))
        level = float(rng.uniform(0, model.max_funding[i]))
        live.fund(i, level)
        funding[i] = level
    assert_same(live.score(), score(model, funding))


def test_a_locked_activity_cannot_be_moved_in_place() -> None:
    """Its funding is its top, which the scales count: moving it needs a recompile."""
    data = _walk_data(5)
    data["activities"][2]["locked"] = True
    model = compile_scenario(validate_scenario(data))
    live = LiveScore(model)
    with pytest.raises(ActivityIsLocked):
        live.fund(2, 0.1)
    assert live.funding[2] == model.funding[2]


def test_a_score_taken_and_a_copy_stay_as_they_were() -> None:
    model = compile_scenario(validate_scenario(_walk_data(40)))
    live = LiveScore(model)
    taken, twin = live.score(), live.copy()
    before = (taken.overall, taken.contributions.copy(), twin.score().overall)
    live.fund(3, 0.95)
    live.weigh(np.ones(len(model.value_ids)))
    assert taken.overall == before[0]
    assert np.array_equal(taken.contributions, before[1])
    assert twin.score().overall == before[2]
    assert_same(twin.score(), score(model))


def _walk_data(n: int) -> dict[str, Any]:
    """n activities on a ring of synergies and interferences, every response shape."""
    shapes: list[Any] = ["linear", "diminishing", "threshold", [[0, 0], [0.4, 0.7], [1.2, 1.0]]]
    return {
        "schema_version": 1,
        "meta": {"title": "Walk"},
        "resources": [{"id": "budget", "name": "Budget", "capacity": 10.0 * n}],
        "silos": [{"id": "a", "name": "A"}, {"id": "b", "name": "B"}],
        "values": [
            {"id": "v0", "name": "V0", "weight": 2.0},
            {"id": "v1", "name": "V1", "weight": 1.0},
        ],
        "interests": [
            {"id": "k0", "name": "K0", "influence": 1.0, "cares": {"v0": 1.0}},
            {"id": "k1", "name": "K1", "influence": 2.0},
        ],
        "activities": [
            {
                "id": f"a{i}",
                "name": f"A{i}",
                "silo": "ab"[i % 2],
                "cost": {"budget": 1.0 + i % 7},
                "impact": {"v0": (i % 11) - 5.0, "v1": 2.5 - (i % 5)},
                "support": {"k0": 1.0, "k1": -0.5} if i % 3 == 0 else {},
                "response": shapes[i % len(shapes)],
                "funding": 0.5,
                "max_funding": 1.5,
            }
            for i in range(n)
        ],
        "interactions": [
            {"between": [f"a{i}", f"a{(i + 1) % n}"], "effect": 0.3 if i % 2 else -0.2}
            for i in range(n)
            if n > 2
        ],
    }
