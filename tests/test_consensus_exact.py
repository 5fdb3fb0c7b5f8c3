"""The consensus engine against brute force: every package of small scenarios, engine-scored."""

from __future__ import annotations

from typing import Any

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from scipy.optimize import linprog

from integrate_tui.engine import Compiled, compile_scenario, normalise, score
from integrate_tui.engine.optimise import Infeasible, Options
from integrate_tui.engine.optimise import consensus as consensus_module
from integrate_tui.engine.optimise.consensus import consensus
from integrate_tui.engine.optimise.consensus_core import core_index, hull_draws
from integrate_tui.engine.optimise.levels import FUNDED
from integrate_tui.engine.optimise.program import Program, Solution
from integrate_tui.model import validate_scenario
from optimise_scenarios import brute_force, coarse, compiled
from strategies import scenario_data

EXACT = Options(gap=0.0)
TOL = 1e-6


def _room(model: Compiled, seed: int, people: int) -> dict[str, np.ndarray]:
    """`people` participants with random raw weights (some values at 0)."""
    rng = np.random.default_rng(seed)
    values = len(model.value_ids)
    room = {}
    for p in range(people):
        w = rng.uniform(0, 10, values) * (rng.random(values) < 0.8)
        w[int(rng.integers(values))] += 1.0  # never all zero
        room[f"p{p}"] = w
    return room


def _check_against_brute_force(model: Compiled, room: dict[str, np.ndarray]) -> None:
    allowed = brute_force(model)
    if not allowed:
        with pytest.raises(Infeasible):
            consensus(model, room, options=EXACT)
        return
    c = consensus(model, room, options=EXACT)
    alphas = np.array([normalise(w) for w in room.values()])
    scores = np.array([s.values for s in allowed]) @ alphas.T  # packages × participants
    best = scores.max(axis=0)
    for p, s in enumerate(c.standings):
        assert s.best_score == pytest.approx(best[p], abs=TOL)
        assert any(np.allclose(s.best, a.funding) for a in allowed)  # their best is allowed
        assert s.regret == pytest.approx(s.best_score - s.score, abs=1e-12)
    worst = (best - scores).max(axis=1)  # each package's largest regret
    assert c.least_regret == pytest.approx(worst.min(), abs=TOL)
    assert c.largest_regret == pytest.approx(worst.min(), abs=TOL)  # the package may differ
    assert any(np.allclose(c.package, a.funding) for a in allowed)
    group = np.array([s.values for s in allowed]) @ c.group_weights
    tied = worst <= worst.min() + 1e-9
    assert c.group_score >= group[tied].max() - TOL  # the tie rule: best group score
    _check_verdicts(model, c, allowed, scores, best)


def _check_verdicts(
    model: Compiled, c: Any, allowed: list, scores: np.ndarray, best: np.ndarray
) -> None:
    """Unanimous / contested / never equal brute force's when every participant's optimum
    funds one set of activities (a tie between optima funding different sets may go either
    way); each funded_by level is that participant's best package's."""
    floor = model.min_funding + FUNDED
    funded = np.array([a.funding > floor for a in allowed])
    optimal_sets = [
        {tuple(f) for f in funded[scores[:, p] >= best[p] - 1e-9]} for p in range(len(best))
    ]
    for v, i in zip(c.verdicts, range(len(model.activity_ids)), strict=True):
        for p, level in v.funded_by.items():
            assert level == c.standings[c.participants.index(p)].best[i]
    if any(len(sets) > 1 for sets in optimal_sets):
        return
    wants = np.array([next(iter(sets)) for sets in optimal_sets])  # participants × activities
    expected = {
        "unanimous": set(np.flatnonzero(wants.all(axis=0))),
        "never": set(np.flatnonzero(~wants.any(axis=0))),
    }
    expected["contested"] = (
        set(range(len(model.activity_ids))) - expected["unanimous"] - expected["never"]
    )
    for status, activities in expected.items():
        got = {i for i, v in enumerate(c.verdicts) if v.status == status}
        assert got == activities, status
    for i, v in enumerate(c.verdicts):
        assert set(v.funded_by) == {c.participants[p] for p in np.flatnonzero(wants[:, i])}


@pytest.mark.parametrize("seed", range(16))
def test_bests_verdicts_and_least_regret_equal_brute_force(seed: int) -> None:
    model = compiled(seed, shares=seed % 2 == 1)
    _check_against_brute_force(model, _room(model, seed, 2 + seed % 3))


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    scenario_data(max_activities=4, max_interactions=6).map(coarse),
    st.integers(0, 2**16),
    st.integers(2, 4),
)
def test_random_strategy_scenarios_equal_brute_force(
    data: dict[str, Any], seed: int, people: int
) -> None:
    model = compile_scenario(validate_scenario(data))
    _check_against_brute_force(model, _room(model, seed, people))


@pytest.mark.parametrize("seed", range(6))
def test_a_regret_bound_keeps_every_regret_and_gives_the_best_group_score(seed: int) -> None:
    model = compiled(seed)
    allowed = brute_force(model)
    if not allowed:
        return
    room = _room(model, seed, 3)
    least = consensus(model, room, options=EXACT)
    bound = least.least_regret + 2.0
    c = consensus(model, room, options=EXACT, max_regret=bound)
    assert c.rule == f"the best group score with every regret at most {bound:g}"
    assert all(s.regret <= bound + TOL for s in c.standings)
    alphas = np.array([normalise(w) for w in room.values()])
    values = np.array([s.values for s in allowed])
    regrets = np.array([s.best_score for s in c.standings]) - values @ alphas.T
    within = regrets.max(axis=1) <= bound
    assert c.group_score == pytest.approx((values @ c.group_weights)[within].max(), abs=TOL)
    assert c.group_score >= least.group_score - TOL


def test_a_bound_below_the_least_regret_is_infeasible_and_says_so() -> None:
    for seed in range(20):
        model = compiled(seed)
        if not brute_force(model):
            continue
        room = _room(model, seed, 3)
        least = consensus(model, room, options=EXACT).least_regret
        if least < 0.1:
            continue
        with pytest.raises(Infeasible, match="the least largest regret any package has is"):
            consensus(model, room, options=EXACT, max_regret=least / 2)
        return
    pytest.fail("no seed with a regret to bound")


@pytest.mark.parametrize("seed", range(6))
def test_a_room_larger_than_the_values_equals_brute_force(seed: int) -> None:
    """More participants than values: the scores go through one variable per value."""
    model = compiled(seed, shares=seed % 2 == 0)
    room = _room(model, seed, 2 * len(model.value_ids) + 1)
    _check_against_brute_force(model, room)


@pytest.mark.parametrize("seed", range(4))
def test_participants_with_equal_weights_share_one_row_and_the_answer_holds(seed: int) -> None:
    model = compiled(seed, shares=True)
    room = _room(model, seed, 3)
    room["copy"] = 3.0 * room["p1"]  # the same normalised weights as p1
    _check_against_brute_force(model, room)


def test_the_group_optimum_does_not_depend_on_time_limits_or_thread_order(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Every optimum is solved to the gap whatever the time limit (which bounds only the
    regret stages) and the group optimum does not depend on who is asked first."""
    for seed in range(8):
        model = compiled(seed, shares=True)
        if brute_force(model):
            break
    room = _room(model, seed, 4)
    a = consensus(model, room)
    limits: list[float | None] = []
    solve = Program.solve

    def spy(self: Program, *args: Any, **kwargs: Any) -> Any:
        limits.append(kwargs.get("time_limit"))
        return solve(self, *args, **kwargs)

    monkeypatch.setattr(Program, "solve", spy)
    monkeypatch.setattr(consensus_module, "WORKERS", 1)
    b = consensus(model, dict(reversed(room.items())), options=Options(time_limit=1e-3))
    assert limits[:5] == [None] * 5  # four own optima and the group's: to the gap
    assert all(limit is not None for limit in limits[5:])  # the regret stages
    assert np.array_equal(a.group_package, b.group_package)
    for s in a.standings:
        (t,) = [t for t in b.standings if t.participant == s.participant]
        assert t.best_score == pytest.approx(s.best_score, abs=1e-9)
        assert t.group_regret == pytest.approx(s.group_regret, abs=1e-9)
    assert b.largest_regret >= a.least_regret - TOL  # a limited stage 1 may find less


def test_a_first_stage_out_of_time_keeps_the_known_package_of_least_regret(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    model = compiled(1)
    room = _room(model, 1, 3)
    real = consensus_module.maximin

    def out_of_time(prog: Program, rows: Any) -> tuple[Program, np.ndarray]:
        extended, goal = real(prog, rows)
        nothing = Solution(None, "time limit", np.nan, np.nan, np.inf, 0.0, "time limit reached")
        monkeypatch.setattr(extended, "solve", lambda *args, **kwargs: nothing)
        return extended, goal

    monkeypatch.setattr(consensus_module, "maximin", out_of_time)
    c = consensus(model, room, options=Options(time_limit=60.0))
    known = c.packages()[:-1]  # the own bests and the group optimum
    best = np.array([s.best_score for s in c.standings])
    worst = [np.max(best - np.array(score(model, f).values) @ c.weights.T) for f in known]
    assert c.status == "time limit: best found"
    assert c.largest_regret == pytest.approx(min(worst), abs=1e-12)
    assert any(np.array_equal(c.package, f) for f in known)
    assert 0 < c.gap < np.inf  # proven only that no regret is below 0


def test_the_same_room_gives_the_same_answer() -> None:
    model = compiled(3)
    room = _room(model, 3, 3)
    a, b = consensus(model, room), consensus(model, room)
    assert np.array_equal(a.package, b.package)
    assert [s.regret for s in a.standings] == [s.regret for s in b.standings]
    assert [v.status for v in a.verdicts] == [v.status for v in b.verdicts]
    one = core_index(model, a.weights, 500, seed=7, extra=a.packages())
    two = core_index(model, a.weights, 500, seed=7, extra=a.packages())
    assert np.array_equal(one.funded, two.funded)
    assert np.all((one.funded >= 0) & (one.funded <= 1))


def test_fewer_than_two_participants_is_an_error() -> None:
    model = compiled(0)
    with pytest.raises(Exception, match="at least two participants"):
        consensus(model, {"p0": np.ones(len(model.value_ids))})


@pytest.mark.parametrize(("people", "values"), [(3, 7), (9, 4)])
def test_hull_draws_lie_in_the_hull_of_the_participants_weights(people: int, values: int) -> None:
    rng = np.random.default_rng(people)
    weights = rng.dirichlet(np.ones(values), size=people)
    draws = hull_draws(weights, 40, np.random.default_rng(1))
    assert np.allclose(draws.sum(axis=1), 1.0)
    for w in draws:  # a convex combination λ ≥ 0, Σλ = 1, λ·W = w exists
        found = linprog(
            np.zeros(people),
            A_eq=np.vstack([weights.T, np.ones(people)]),
            b_eq=np.r_[w, 1.0],
            bounds=(0, None),
        )
        assert found.status == 0
    far = np.abs(draws[:, None, :] - weights[None, :, :]).sum(axis=2).min(axis=1)
    assert far.max() > 1e-3  # not only the participants' own vectors


def test_a_unanimous_room_has_no_regret_and_a_full_core() -> None:
    model = compiled(2)
    if not brute_force(model):
        pytest.skip("infeasible seed")
    w = np.arange(1.0, len(model.value_ids) + 1)
    c = consensus(model, {"a": w, "b": 2 * w}, options=EXACT)
    assert c.least_regret == pytest.approx(0.0, abs=TOL)
    assert all(v.status != "contested" for v in c.verdicts)
    core = core_index(model, c.weights, 200, extra=c.packages())
    wanted = np.array([v.status == "unanimous" for v in c.verdicts], dtype=float)
    assert np.array_equal(core.funded, wanted)
