"""Properties of scores on random valid scenarios: zeros, monotony, order, bounds, symmetry."""

from __future__ import annotations

from typing import Any

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from integrate_tui.engine import Score, compile_scenario, score
from integrate_tui.model import Scenario, validate_scenario
from strategies import funded_scenarios, scenario_data, scenarios

FAST = settings(max_examples=30, deadline=None)


def _by_id(s: Score) -> dict[str, Any]:
    """Everything keyed by id or scalar, so two orders of the same scenario compare equal."""
    m = s.model
    return {
        "values": dict(zip(m.value_ids, s.values, strict=True)),
        "interests": dict(zip(m.interest_ids, s.interests, strict=True)),
        "used": dict(zip(m.resource_ids, s.used, strict=True)),
        "silos": dict(zip(m.silo_ids, s.silo_overall, strict=True)),
        "activities": dict(zip(m.activity_ids, s.activity_overall, strict=True)),
        "overall": s.overall,
        "integration": s.integration.index,
        "fairness": (s.fairness.minimum, s.fairness.weighted_mean, s.fairness.spread),
    }


def _close(a: dict[str, Any], b: dict[str, Any]) -> bool:
    def flat(d: dict[str, Any]) -> list[float]:
        out: list[float] = []
        for key in sorted(d):
            item = d[key]
            out.extend(
                [item[k] for k in sorted(item)] if isinstance(item, dict) else np.ravel(item)
            )
        return out

    return bool(np.allclose(flat(a), flat(b), rtol=1e-9, atol=1e-9))


@FAST
@given(scenarios())
def test_zero_funding_scores_zero(scenario: Scenario) -> None:
    model = compile_scenario(scenario)
    s = score(model, np.zeros(len(model.activity_ids)))
    assert np.all(s.values == 0)
    assert np.all(s.interests == 0)
    assert s.overall == 0


@st.composite
def _beneficial_case(draw: st.DrawFn) -> tuple[Scenario, int, float, float]:
    """A scenario and an activity with impacts ≥ 0, no interferences, partners impacts ≥ 0.

    The partners matter: a synergy amplifies a partner's harm as much as its benefit.
    """
    data = draw(scenario_data(monotone=True))
    acts = data["activities"]
    i = draw(st.integers(0, len(acts) - 1))
    ident = acts[i]["id"]
    acts[i]["impact"] = {v: abs(x) for v, x in acts[i]["impact"].items()}
    for interaction in data["interactions"]:
        if ident in interaction["between"]:
            interaction["effect"] = abs(interaction["effect"])
            for partner in interaction["between"]:
                j = int(partner[1:])
                acts[j]["impact"] = {v: abs(x) for v, x in acts[j]["impact"].items()}
    low = draw(st.floats(acts[i]["min_funding"], acts[i]["max_funding"]))
    high = draw(st.floats(low, acts[i]["max_funding"]))
    return validate_scenario(data), i, low, high


@FAST
@given(_beneficial_case())
def test_more_funding_of_a_beneficial_activity_never_lowers_a_value(
    case: tuple[Scenario, int, float, float],
) -> None:
    scenario, i, low, high = case
    model = compile_scenario(scenario)
    f_low, f_high = model.funding, model.funding
    f_low[i], f_high[i] = low, high
    assert np.all(score(model, f_high).values >= score(model, f_low).values - 1e-9)


def test_a_synergy_with_a_harmful_partner_can_lower_a_value() -> None:
    """Why the property above needs the partners' impacts ≥ 0 too."""
    data = {
        "schema_version": 1,
        "meta": {"title": "Harmful partner"},
        "resources": [{"id": "budget", "name": "Budget", "capacity": 10.0}],
        "silos": [{"id": "s", "name": "S"}],
        "values": [{"id": "v", "name": "V"}],
        "activities": [
            {"id": "good", "name": "Good", "silo": "s", "impact": {"v": 1.0}, "funding": 0.0},
            {"id": "bad", "name": "Bad", "silo": "s", "impact": {"v": -5.0}, "funding": 1.0},
        ],
        "interactions": [{"between": ["good", "bad"], "effect": 1.0}],
    }
    model = compile_scenario(validate_scenario(data))
    assert score(model, np.array([1.0, 1.0])).values[0] < score(model).values[0]


@st.composite
def _permuted(draw: st.DrawFn) -> tuple[dict[str, Any], dict[str, Any]]:
    data = draw(scenario_data())
    shuffled = {
        **data,
        "activities": draw(st.permutations(data["activities"])),
        "interactions": draw(st.permutations(data["interactions"])),
    }
    return data, shuffled


@FAST
@given(_permuted())
def test_the_order_of_activities_and_interactions_changes_nothing(
    pair: tuple[dict[str, Any], dict[str, Any]],
) -> None:
    original, shuffled = (score(compile_scenario(validate_scenario(d))) for d in pair)
    assert _close(_by_id(original), _by_id(shuffled))


@FAST
@given(scenario_data())
def test_swapping_the_ends_of_interactions_changes_nothing(data: dict[str, Any]) -> None:
    swapped = {
        **data,
        "interactions": [{**x, "between": x["between"][::-1]} for x in data["interactions"]],
    }
    original, mirrored = (score(compile_scenario(validate_scenario(d))) for d in (data, swapped))
    assert _close(_by_id(original), _by_id(mirrored))
    assert np.allclose(original.boost, mirrored.boost, rtol=1e-12, atol=1e-12)


@FAST
@given(funded_scenarios())
def test_scores_stay_within_plus_minus_100(case: tuple[Scenario, list[float]]) -> None:
    """For every funding up to each activity's top, the largest level the scales count
    (docs/scoring.md §3): above it an activity no capacity admits may pass the scale."""
    scenario, funding = case
    model = compile_scenario(scenario)
    s = score(model, np.minimum(np.array(funding), model.top))
    bound = 100 + 1e-9
    assert np.all(np.abs(s.values) <= bound)
    assert np.all(np.abs(s.interests) <= bound)
    assert abs(s.overall) <= bound


@st.composite
def _reweighted(draw: st.DrawFn) -> tuple[Scenario, list[float]]:
    scenario = draw(scenarios())
    weights = draw(st.lists(st.floats(0.0, 10.0), min_size=len(scenario.values)))
    return scenario, weights[: len(scenario.values)]


@FAST
@given(_reweighted())
def test_new_weights_rescore_as_if_compiled_with_them(case: tuple[Scenario, list[float]]) -> None:
    scenario, weights = case
    data = scenario.model_dump()
    for value, w in zip(data["values"], weights, strict=True):
        value["weight"] = w
    rescored = score(compile_scenario(scenario), weights=np.array(weights))
    recompiled = score(compile_scenario(validate_scenario(data)))
    assert _close(_by_id(rescored), _by_id(recompiled))


def test_all_zero_weights_give_no_value_weight() -> None:
    from integrate_tui.engine import value_weights

    assert value_weights(np.zeros(4)).tolist() == [0.0] * 4
    assert value_weights(np.array([0.0, 2.0, 6.0])).tolist() == [0.0, 0.25, 0.75]


def test_a_value_at_the_peak_of_a_falling_point_list_scores_100() -> None:
    """Regression: the bound once sampled curves on a grid and missed peaks between samples."""
    data = {
        "schema_version": 1,
        "meta": {"title": "Peak"},
        "resources": [{"id": "budget", "name": "Budget", "capacity": 10.0}],
        "silos": [{"id": "s", "name": "S"}],
        "values": [{"id": "v", "name": "V"}],
        "activities": [
            {
                "id": "a",
                "name": "A",
                "silo": "s",
                "impact": {"v": 5.0},
                "response": [[0.0, 0.0], [0.7, 1.0], [1.0, 0.8]],
                "funding": 0.7,
            }
        ],
    }
    assert score(compile_scenario(validate_scenario(data))).values[0] == 100.0
