"""Issue 14: weights that keep their meaning and rules without perverse incentives.

Each rule has a reproducer that the model before this issue failed, and hypothesis
properties: an unfundable activity changes nothing, stakes move satisfaction continuously,
no share rule pays for waste, and frontier points are non-dominated by brute force.
"""

from __future__ import annotations

import copy
import itertools
from typing import Any

import numpy as np
import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from integrate_tui.engine import compile_scenario, diff, explain_interest, explain_value, score
from integrate_tui.engine.optimise import Options, dividend, frontier, optimise, robustness
from integrate_tui.engine.optimise.errors import OptimiseError
from integrate_tui.files import dumps, format_text, loads
from integrate_tui.model import validate_scenario
from integrate_tui.workshop.aggregate import aggregate
from optimise_scenarios import coarse, every_package
from strategies import scenario_data

FAST = settings(max_examples=25, deadline=None)


def _data(activities: list[dict[str, Any]], **extra: Any) -> dict[str, Any]:
    """A scenario with one resource of capacity 1 (or `capacity`), two values, one silo."""
    return {
        "schema_version": 1,
        "meta": {"title": "soundness"},
        "resources": [{"id": "r", "name": "R", "capacity": extra.pop("capacity", 1.0)}],
        "silos": extra.pop("silos", [{"id": "s", "name": "S"}]),
        "values": extra.pop("values", [{"id": "v0", "name": "V0"}, {"id": "v1", "name": "V1"}]),
        "interests": extra.pop("interests", []),
        "activities": [
            {"name": a["id"].upper(), "silo": "s", "funding": 0.0, **a} for a in activities
        ],
        **extra,
    }


def _model(data: dict[str, Any]) -> Any:
    return compile_scenario(validate_scenario(data))


A = {"id": "a", "cost": {"r": 1.0}, "impact": {"v0": 2.0, "v1": 0.1}}
B = {"id": "b", "cost": {"r": 1.0}, "impact": {"v1": 1.0}}
C = {"id": "c", "cost": {"r": 100.0}, "impact": {"v0": 5.0}}


# 1. An activity that can never be funded must not change the answer.


def test_an_activity_no_capacity_admits_does_not_flip_the_optimum() -> None:
    alone = optimise(_model(_data([A, B])), options=Options(gap=0.0))
    with_c = optimise(_model(_data([A, B, C])), options=Options(gap=0.0))
    assert alone.package == {"a": 1.0, "b": 0.0}
    assert with_c.package == {"a": 1.0, "b": 0.0, "c": 0.0}
    assert with_c.value == pytest.approx(alone.value, abs=1e-9)


def test_an_activity_locked_at_zero_changes_no_score() -> None:
    locked = {**C, "id": "c", "cost": {"r": 0.5}, "locked": True}
    before = score(_model(_data([A, B])), np.array([0.5, 0.5]))
    after = score(_model(_data([A, B, locked])), np.array([0.5, 0.5, 0.0]))
    assert np.allclose(after.values, before.values, atol=1e-12)
    assert after.overall == pytest.approx(before.overall, abs=1e-12)


def test_a_declared_scale_is_the_impact_that_counts_as_100() -> None:
    values = [{"id": "v0", "name": "V0", "scale": 4.0}, {"id": "v1", "name": "V1"}]
    model = _model(_data([A, B, C], values=values))
    s = score(model, np.array([1.0, 0.0, 0.0]))
    assert s.values[0] == pytest.approx(100 * 2.0 / 4.0)
    assert "as the file's `scale` declares" in explain_value(s, "v0").meaning
    assert "4" in explain_value(s, "v0").meaning


def test_explain_says_what_0_and_100_mean() -> None:
    s = score(_model(_data([A, B])), np.array([1.0, 0.0]))
    meaning = explain_value(s, "v0").meaning
    assert meaning.startswith("0 = no net effect")
    assert "100 = a realised impact of 2:" in meaning  # only A affects v0, at most 2


def test_a_capacity_that_lets_an_activity_in_rescales_and_the_ledger_says_so() -> None:
    small, large = _data([A, B, C]), _data([A, B, C], capacity=200.0)
    before = score(_model(small), np.array([1.0, 0.0, 0.0]))
    after = score(_model(large), np.array([1.0, 0.0, 0.0]))
    ledger = diff(before, after)
    assert [c.id for c in ledger.rescaled] == ["value:v0"]
    assert (ledger.rescaled[0].before, ledger.rescaled[0].after) == (2.0, 7.0)
    assert "V0 rescaled (100 = 2 → 7)" in ledger.headline()
    assert diff(before, before).rescaled == []


def test_the_scale_key_is_saved_canonically_and_in_place() -> None:
    values = [{"id": "v0", "name": "V0", "weight": 2, "scale": 4.5}, {"id": "v1", "name": "V1"}]
    scenario = validate_scenario(_data([A, B], values=values))
    text = dumps(scenario)
    assert 'name = "V0"\nweight = 2\nscale = 4.5\n' in text
    assert loads(text) == scenario
    commented = text.replace("scale = 4.5", "scale = 4.5  # impact that counts as 100")
    assert format_text(commented, scenario) == commented
    changed = scenario.model_copy(deep=True)
    changed.values[0].scale = 6.0
    import tomllib

    from integrate_tui.files.in_place import edit_in_place

    edited = edit_in_place(commented, tomllib.loads(commented), changed)
    assert "scale = 6  # impact that counts as 100" in edited


def _unfundable(data: dict[str, Any]) -> dict[str, Any]:
    """The data with one more activity whose first step costs more than every capacity."""
    out = copy.deepcopy(data)
    cost = {r["id"]: 10 * r["capacity"] + 1 for r in out["resources"]}
    impact = {v["id"]: 5.0 for v in out["values"]}
    support = {k["id"]: 2.0 for k in out["interests"]}
    out["activities"].append(
        {
            "id": "never",
            "name": "Never",
            "silo": out["silos"][0]["id"],
            "cost": cost,
            "impact": impact,
            "support": support,
            "funding": 0.0,
            "step": 0.1,
        }
    )
    return out


@FAST
@given(scenario_data(), st.data())
def test_adding_an_activity_above_every_capacity_changes_no_score(
    data: dict[str, Any], draw: st.DataObject
) -> None:
    model, wider = _model(data), _model(_unfundable(data))
    funding = np.array(
        [draw.draw(st.floats(a.min_funding, a.max_funding)) for a in model.scenario.activities]
    )
    before, after = score(model, funding), score(wider, np.r_[funding, 0.0])
    assert np.allclose(after.values, before.values, rtol=1e-12, atol=1e-12)
    assert np.allclose(after.interests, before.interests, rtol=1e-12, atol=1e-12)
    assert after.overall == pytest.approx(before.overall, abs=1e-12)


@settings(max_examples=15, deadline=None)
@given(scenario_data(max_activities=4, max_interactions=3).map(coarse))
def test_adding_an_activity_above_every_capacity_changes_no_optimum(data: dict[str, Any]) -> None:
    try:
        alone = optimise(_model(data), options=Options(gap=0.0))
    except OptimiseError:
        assume(False)
    wider = optimise(_model(_unfundable(data)), options=Options(gap=0.0))
    assert wider.funding[-1] == 0.0
    assert wider.value == pytest.approx(alone.value, abs=1e-6)


# 2. A tiny stake must not move an interest by a third.


def test_a_tiny_stake_on_an_unfunded_activity_barely_moves_an_interest() -> None:
    interests = [{"id": "k", "name": "K", "cares": {"v0": 1}}]
    data = _data([A, B], interests=interests)
    before = score(_model(data), np.array([1.0, 0.0])).interests[0]
    staked = copy.deepcopy(data)
    staked["activities"][1]["support"] = {"k": 0.001}
    after = score(_model(staked), np.array([1.0, 0.0])).interests[0]
    assert before == pytest.approx(100.0)
    assert after == pytest.approx(100.0, abs=0.1)  # 66.7 before this issue
    assert "adding up to 0.001" in explain_interest(score(_model(staked)), "k").meaning


@st.composite
def _staked(draw: st.DrawFn) -> tuple[dict[str, Any], int, int, float]:
    data = draw(scenario_data())
    assume(data["interests"])
    i = draw(st.integers(0, len(data["activities"]) - 1))
    k = draw(st.integers(0, len(data["interests"]) - 1))
    assume(data["interests"][k]["id"] not in data["activities"][i]["support"])
    return data, i, k, draw(st.sampled_from([0.0, 0.001, 0.01]))


@FAST
@given(_staked())
def test_a_stake_of_epsilon_moves_satisfaction_by_order_epsilon(
    case: tuple[dict[str, Any], int, int, float],
) -> None:
    data, i, k, eps = case
    model = _model(data)
    funding = np.minimum(model.funding, model.top)
    staked = copy.deepcopy(data)
    staked["activities"][i]["support"][data["interests"][k]["id"]] = eps
    before = score(model, funding).interests
    after = score(_model(staked), funding).interests
    if eps == 0.0:
        assert np.array_equal(after, before)
    assert abs(after[k] - before[k]) <= 150 * eps + 1e-9
    others = np.arange(len(before)) != k
    assert np.allclose(after[others], before[others], atol=1e-12)


# 3. A silo-share rule must not pay for waste.


def test_a_max_share_does_not_fund_a_harmful_activity_in_another_silo() -> None:
    data = _data(
        [
            {"id": "good", "silo": "s1", "cost": {"r": 5.0}, "impact": {"v0": 5.0}},
            {"id": "harm", "silo": "s0", "cost": {"r": 5.0}, "impact": {"v0": -1.0}},
        ],
        capacity=10.0,
        silos=[{"id": "s0", "name": "S0"}, {"id": "s1", "name": "S1", "max_share": 0.5}],
        values=[{"id": "v0", "name": "V0"}],
    )
    r = optimise(_model(data), options=Options(gap=0.0))
    assert r.package == {"good": 1.0, "harm": 0.0}  # both were funded before this issue


@st.composite
def _with_harm(draw: st.DrawFn) -> dict[str, Any]:
    data = coarse(draw(scenario_data(max_activities=3, max_interactions=2)))
    for silo in data["silos"]:
        if draw(st.booleans()):
            silo["max_share"] = draw(st.sampled_from([0.2, 0.5, 0.8]))
        elif draw(st.booleans()):
            silo["min_share"] = draw(st.sampled_from([0.05, 0.2]))
    data["silos"].append({"id": "waste", "name": "Waste"})
    weighted = [v["id"] for v in data["values"] if v["weight"] > 0]
    assume(weighted)
    data["activities"].append(
        {
            "id": "harm",
            "name": "Harm",
            "silo": "waste",
            "cost": {r["id"]: draw(st.sampled_from([1.0, 10.0])) for r in data["resources"]},
            "impact": {v: -2.0 for v in weighted},
            "funding": 0.0,
            "step": 0.5,
        }
    )
    return data


@settings(max_examples=20, deadline=None)
@given(_with_harm())
def test_no_share_rule_makes_funding_a_purely_harmful_activity_optimal(
    data: dict[str, Any],
) -> None:
    try:
        r = optimise(_model(data), options=Options(gap=0.0))
    except OptimiseError:
        assume(False)
    assert r.package["harm"] == 0.0


# 4. The frontier's ends are Pareto-efficient.


def _frontier_case(seed: int) -> dict[str, Any]:
    """A small random scenario (3–5 activities, step 0.25) for the frontier v0 / v1."""
    rng = np.random.default_rng(seed)
    n = int(rng.integers(3, 6))
    activities = []
    for i in range(n):
        impact = {}
        if rng.random() < 0.7:
            impact["v0"] = float(np.round(rng.uniform(-1, 4), 2))
        if rng.random() < 0.7:
            impact["v1"] = float(np.round(rng.uniform(-4, 3), 2))
        activities.append(
            {
                "id": f"a{i}",
                "cost": {"r": float(np.round(rng.uniform(1, 5), 2))},
                "impact": impact,
                "step": 0.25,
                "response": str(rng.choice(["linear", "diminishing", "threshold"])),
            }
        )
    interactions = [
        {"between": [f"a{a}", f"a{b}"], "effect": float(np.round(rng.uniform(-0.8, 0.8), 2))}
        for a, b in itertools.combinations(range(n), 2)
        if rng.random() < 0.3
    ]
    capacity = float(np.round(rng.uniform(3, 10), 1))
    return _data(activities, capacity=capacity, interactions=interactions)


def _criteria(model: Any) -> np.ndarray:
    """(v0, v1) of every package that keeps the capacity."""
    scored = (score(model, f) for f in every_package(model))
    return np.array([(s.values[0], s.values[1]) for s in scored if s.feasible])


@pytest.mark.parametrize("seed", [39, 224])  # ends that were dominated before this issue
def test_each_end_of_the_frontier_is_lexicographically_best(seed: int) -> None:
    model = _model(_frontier_case(seed))
    gap = 0.05
    f = frontier(model, "value:v0", "value:v1", points=4, options=Options(gap=gap))
    packages = _criteria(model)
    x_end, y_end = f.points[-1], f.points[0]
    best_y_at_x = packages[packages[:, 0] >= x_end.x - 1e-9][:, 1].max()
    best_x_at_y = packages[packages[:, 1] >= y_end.y - 1e-9][:, 0].max()
    slack = 0.1 * gap * 100
    assert x_end.y >= best_y_at_x - slack
    assert y_end.x >= best_x_at_y - slack


@pytest.mark.parametrize("seed", range(8))
def test_every_frontier_point_is_non_dominated_by_brute_force(seed: int) -> None:
    model = _model(_frontier_case(seed))
    f = frontier(model, "value:v0", "value:v1", points=5, options=Options(gap=0.0))
    packages = _criteria(model)
    tie = 0.02  # the steps' tie-break 1e-4·x against HiGHS's absolute gap of 1e-6
    for p in f.points:
        dominating = (
            (packages[:, 0] >= p.x - 1e-9)
            & (packages[:, 1] >= p.y - 1e-9)
            & ((packages[:, 0] > p.x + tie) | (packages[:, 1] > p.y + tie))
        )
        assert not dominating.any(), (p.x, p.y, packages[dominating][:3])


# 5. Ties have rules.


def _idle() -> dict[str, Any]:
    """A worth funding, and two activities nothing counts: no impact, and an impact only on
    a value of weight 0 (both at 0.3 now)."""
    values = [{"id": "v0", "name": "V0"}, {"id": "v1", "name": "V1", "weight": 0.0}]
    return _data(
        [
            {"id": "a", "cost": {"r": 1.0}, "impact": {"v0": 2.0}},
            {"id": "idle", "cost": {"r": 1.0}, "funding": 0.3},
            {"id": "unweighted", "cost": {"r": 1.0}, "impact": {"v1": 3.0}, "funding": 0.3},
        ],
        capacity=3.0,
        values=values,
    )


def test_activities_nothing_counts_stay_at_their_current_funding() -> None:
    model = _model(_idle())
    r = optimise(model)
    assert r.package == {"a": 1.0, "idle": 0.3, "unweighted": 0.3}
    funded = dict(zip(model.activity_ids, robustness(model, 300, seed=1).funded, strict=True))
    assert (funded["idle"], funded["unweighted"]) == (1.0, 1.0)  # as funded now, not at random


def test_a_tie_that_breaks_a_rule_goes_to_spending_less() -> None:
    data = _idle()
    data["resources"][0]["capacity"] = 1.4
    r = optimise(_model(data), options=Options(gap=0.0))
    assert r.package["a"] == 1.0
    assert r.package["idle"] + r.package["unweighted"] == pytest.approx(0.3)
    assert r.package["idle"] in (0.0, 0.3)


def test_a_siloed_activity_whose_only_effect_is_in_another_silo_stays_put() -> None:
    data = _data(
        [
            {"id": "link", "silo": "s0", "cost": {"r": 1.0}, "funding": 0.5},
            {"id": "work", "silo": "s1", "cost": {"r": 1.0}, "impact": {"v0": 2.0}},
        ],
        capacity=2.0,
        silos=[{"id": "s0", "name": "S0"}, {"id": "s1", "name": "S1"}],
        values=[{"id": "v0", "name": "V0"}],
        interactions=[{"between": ["link", "work"], "effect": 0.5}],
    )
    d = dividend(_model(data))
    assert d.siloed.funding[0] == 0.5


# 6. A value nobody wanted gets no weight.


def test_a_geometric_mean_of_zero_everywhere_falls_back_to_the_arithmetic_mean() -> None:
    ballots = {"ann": {"a": 100, "b": 0, "c": 0}, "bob": {"a": 0, "b": 100, "c": 0}}
    result = aggregate(ballots, ["a", "b", "c"], "geometric")
    assert result.weights == {"a": 0.5, "b": 0.5, "c": 0.0}  # not a third each
    assert "geometric mean gives every value 0" in result.fallback
    assert result.vetoed == []
    assert aggregate(ballots, ["a", "b", "c"], "arithmetic").fallback == ""


def test_a_median_of_zero_everywhere_falls_back_to_the_arithmetic_mean() -> None:
    ballots = {p: {v: 100.0 * (v == w) for v in "abc"} for p, w in zip("xyz", "abc", strict=True)}
    result = aggregate(ballots, ["a", "b", "c"], "median")
    assert result.weights == pytest.approx({"a": 1 / 3, "b": 1 / 3, "c": 1 / 3})
    assert "median gives every value 0" in result.fallback


def test_all_zero_value_weights_invent_no_weight() -> None:
    values = [{"id": "v0", "name": "V0", "weight": 0}, {"id": "v1", "name": "V1", "weight": 0}]
    model = _model(_data([A, B], values=values))
    s = score(model, np.array([1.0, 0.0]))
    assert s.weights.tolist() == [0.0, 0.0] and s.overall == 0.0
    with pytest.raises(OptimiseError, match="every value weight is 0"):
        robustness(model, 10)
    assert optimise(model).package == {"a": 0.0, "b": 0.0}  # nothing counts: as it is


# 7. Voiced interests, the full-objective gap, reversed impacts.


def test_an_interest_no_activity_affects_is_not_voiced() -> None:
    values = [{"id": "v0", "name": "V0"}, {"id": "v1", "name": "V1"}, {"id": "v2", "name": "V2"}]
    interests = [
        {"id": "k", "name": "K", "cares": {"v0": 1}},
        {"id": "idle", "name": "Idle", "cares": {"v2": 1}},
    ]
    model = _model(_data([A, B], values=values, interests=interests))
    assert optimise(model, options=Options(floor=10)).package["a"] == 1.0
    assert optimise(model, "fair").value == pytest.approx(100.0)


def test_the_gap_is_reported_on_the_full_objective() -> None:
    from scipy.optimize import OptimizeResult

    from integrate_tui.engine.optimise.program import _solution

    # HiGHS minimises −(variable part) = −10 with a bound of −11 and reports 10 %; locked
    # activities add a constant 40, so the full objective is 50 with a bound of 51: 2 %
    res = OptimizeResult(
        x=np.zeros(1), status=1, fun=-10.0, mip_dual_bound=-11.0, mip_gap=0.1, message=""
    )
    sol = _solution(res, 40.0, 0.0)
    assert (sol.objective, sol.bound) == (50.0, 51.0)
    assert sol.gap == pytest.approx(1 / 50)


def test_explain_warns_when_interference_reverses_an_impact() -> None:
    data = _data(
        [{**A, "cost": {}}, {**B, "cost": {}}, {"id": "c", "impact": {"v1": 1.0}}],
        interactions=[
            {"between": ["a", "b"], "effect": -1.0},
            {"between": ["a", "c"], "effect": -1.0},
        ],
    )
    s = score(_model(data), np.array([1.0, 1.0, 1.0]))
    assert s.boost[0] == pytest.approx(-1.0)
    notes = explain_value(s, "v0").notes
    assert notes == (
        "Interference reverses A's impact: its boost is -1.00, so its impacts "
        "count with the opposite sign.",
    )
