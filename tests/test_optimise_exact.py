"""The optimiser against brute force: every level combination scored by the real engine."""

from __future__ import annotations

from typing import Any

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings

from integrate_tui.engine import Compiled, compile_scenario
from integrate_tui.engine.optimise import Infeasible, Options, Result, optimise
from integrate_tui.model import validate_scenario
from optimise_scenarios import brute_force, coarse, compiled, feasible, grids, voiced
from strategies import scenario_data

EXACT = Options(gap=0.0)


def _check_returned(model: Compiled, r: Result, **rules: Any) -> None:
    """Every rule kept, locked activities untouched, every level on the grid, MILP = engine."""
    assert feasible(r.score, **rules)
    locked = model.locked
    assert np.array_equal(r.funding[locked], model.funding[locked])
    for level, grid in zip(r.funding, grids(model), strict=True):
        assert min(abs(level - g) for g in grid) < 1e-9
    assert r.approximation_error < 1e-6


def _best_or_infeasible(
    model: Compiled, objective: str, key: Any, tolerance: float = 1e-6, **rules: Any
) -> None:
    allowed = brute_force(model, **rules)
    opts = Options(gap=0.0, floor=rules.get("floor"), shares=rules.get("shares", True))
    if not allowed:
        with pytest.raises(Infeasible):
            optimise(model, objective, opts)
        return
    r = optimise(model, objective, opts)
    _check_returned(model, r, **rules)
    assert r.value == pytest.approx(max(key(s) for s in allowed), abs=tolerance)


@pytest.mark.parametrize("seed", range(30))
@pytest.mark.parametrize("shares", [False, True])
def test_integrated_equals_brute_force(seed: int, shares: bool) -> None:
    model = compiled(seed, shares=shares)
    _best_or_infeasible(model, "integrated", lambda s: s.overall)


@pytest.mark.parametrize("seed", range(12))
def test_single_interest_and_value_equal_brute_force(seed: int) -> None:
    model = compiled(seed, shares=True)
    _best_or_infeasible(model, "interest:k0", lambda s: s.interests[0])
    _best_or_infeasible(model, "value:v1", lambda s: s.values[1])


@pytest.mark.parametrize("seed", range(12))
def test_fair_maximises_the_worst_off_voiced_interest(seed: int) -> None:
    model = compiled(seed)
    ks = voiced(model)
    # the tie-breaking second stage may give up 1e-6 of the minimum (FAIR_TOLERANCE)
    _best_or_infeasible(model, "fair", lambda s: s.interests[ks].min(), tolerance=2e-6)


@pytest.mark.parametrize("seed", range(12))
def test_integrated_with_a_floor_equals_brute_force(seed: int) -> None:
    model = compiled(seed)
    allowed = brute_force(model)
    if not allowed:
        return
    ks = voiced(model)
    # a floor between the worst and the best achievable minimum, so it bites
    floor = float(np.median([s.interests[ks].min() for s in allowed]))
    _best_or_infeasible(model, "integrated", lambda s: s.overall, floor=floor)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(scenario_data(max_activities=4, max_interactions=6).map(coarse))
def test_random_strategy_scenarios_equal_brute_force(data: dict[str, Any]) -> None:
    model = compile_scenario(validate_scenario(data))
    _best_or_infeasible(model, "integrated", lambda s: s.overall)


def test_the_optimum_is_never_worse_than_an_allowed_current_funding() -> None:
    for seed in range(20):
        model = compiled(seed)
        now = brute_force(model)
        current = [s for s in now if np.array_equal(s.funding, model.funding)]
        if current:
            assert optimise(model, options=EXACT).value >= current[0].overall - 1e-9
