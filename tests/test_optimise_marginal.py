"""Marginal values of envelopes against finite differences of the brute-force optimum."""

from __future__ import annotations

import numpy as np
import pytest

from integrate_tui.bundled import bundled_path
from integrate_tui.engine import compile_scenario
from integrate_tui.engine.envelopes import envelopes
from integrate_tui.engine.optimise.fill import limits
from integrate_tui.engine.optimise.marginal import default_steps, marginal_values, round_step
from integrate_tui.files import load
from rebalance_support import brute_fill, three_silos


def _best(model, s: int, r: int, more: float) -> float:
    """The brute-force optimum of silo s alone with `more` of resource r in its envelope."""
    bounds = {
        (s, model.index["resources"][k]): v for k, v in model.scenario.silos[s].envelope.items()
    }
    bounds[s, r] = envelopes(model, model.funding)[s, r] + more
    cap = limits(model, model.funding)
    cap[r] += more
    return max(x.overall for x in brute_fill(model, (s,), bounds, cap))


@pytest.mark.parametrize("seed", range(16))
def test_marginal_values_equal_finite_differences_of_the_optimum(seed: int) -> None:
    model = three_silos(seed, explicit=seed % 2 == 1)
    steps = {rid: 0.3 * float(c) for rid, c in zip(model.resource_ids, model.capacity, strict=True)}
    result = marginal_values(model, steps=steps, gap=0.0)
    for s, silo in enumerate(model.silo_ids):
        free = (model.silo_of == s) & ~model.locked
        for r, rid in enumerate(model.resource_ids):
            m = result.values.get((silo, rid))
            if m is None:
                assert not np.any(model.cost[free, r] * model.max_funding[free] > 0)
                continue
            expected = _best(model, s, r, steps[rid]) - _best(model, s, r, 0.0)
            assert m.overall == pytest.approx(expected, abs=1e-6)
            assert m.step == steps[rid] and m.per_unit == pytest.approx(m.overall / m.step)


def test_bundled_marginal_values_name_their_unit() -> None:
    model = compile_scenario(load(bundled_path("city-diplomacy")))
    result = marginal_values(model)
    assert result.steps == {"budget": 50, "staff": 0.2, "mayor": 1}
    assert set(result.values) == {(s, r) for s in model.silo_ids for r in model.resource_ids}
    assert all(m.overall >= 0 for m in result.values.values())
    top = result.best("staff")
    assert top is not None and top.describe().endswith("points per 0.2 FTE")
    assert top.overall == max(result.values[s, "staff"].overall for s in model.silo_ids)
    assert result.values["cvb", "budget"].interests.shape == (len(model.interest_ids),)


@pytest.mark.parametrize(
    ("amount", "step"),
    [(52, 50), (0.31, 0.2), (0.92, 1), (6.5, 5), (7.4, 10), (0.0, 1), (1400, 1000)],
)
def test_round_steps(amount: float, step: float) -> None:
    assert round_step(amount) == pytest.approx(step)


def test_default_steps_follow_use_without_capacity() -> None:
    model = three_silos(3)
    model = type(model)(**{**model.__dict__, "capacity": np.zeros(len(model.capacity))})
    used = model.cost.T @ model.funding
    assert default_steps(model, model.funding) == {
        rid: round_step(0.02 * float(u)) for rid, u in zip(model.resource_ids, used, strict=True)
    }
