"""Resources and silos: over-capacity is flagged with the right amount; silo shares add up."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings

from integrate_tui.engine import compile_scenario, diff, explain_resource, score
from integrate_tui.model import Scenario, validate_scenario
from strategies import funded_scenarios

FAST = settings(max_examples=30, deadline=None)

DATA = {
    "schema_version": 1,
    "meta": {"title": "Two resources"},
    "resources": [
        {"id": "budget", "name": "Budget", "unit": "kUSD", "capacity": 100.0},
        {"id": "staff", "name": "Staff", "unit": "FTE", "capacity": 4.0},
    ],
    "silos": [{"id": "econ", "name": "Econ"}, {"id": "mayor", "name": "Mayor"}],
    "values": [{"id": "v", "name": "V"}],
    "activities": [
        {
            "id": "big",
            "name": "Big",
            "silo": "econ",
            "cost": {"budget": 80.0, "staff": 1.0},
            "impact": {"v": 2.0},
            "funding": 1.0,
            "max_funding": 2.0,
        },
        {
            "id": "small",
            "name": "Small",
            "silo": "mayor",
            "cost": {"budget": 40.0, "staff": 1.0},
            "funding": 0.5,
        },
    ],
}


def test_fitting_allocations_are_feasible() -> None:
    s = score(compile_scenario(validate_scenario(DATA)))
    assert s.feasible
    assert s.used.tolist() == [100.0, 1.5]
    assert s.over.tolist() == [0.0, 0.0]


def test_over_capacity_is_flagged_with_resource_and_amount() -> None:
    model = compile_scenario(validate_scenario(DATA))
    s = score(model, model.funding_from({"big": 1.5}))
    assert not s.feasible
    assert s.used.tolist() == [140.0, 2.0]
    assert s.over.tolist() == [40.0, 0.0]
    drivers = explain_resource(s, "budget").drivers
    assert [(d.activity, d.points) for d in drivers] == [("big", 120.0), ("small", 20.0)]


def test_the_ledger_reports_the_excess() -> None:
    model = compile_scenario(validate_scenario(DATA))
    ledger = diff(score(model), score(model, model.funding_from({"big": 1.5})))
    budget = ledger.resources[0]
    assert (budget.before, budget.after, budget.over) == (100.0, 140.0, 40.0)
    assert "budget now 140% — over by 40 kUSD" in ledger.headline()


@FAST
@given(funded_scenarios())
def test_feasible_exactly_when_no_resource_is_over(case: tuple[Scenario, list[float]]) -> None:
    scenario, funding = case
    s = score(compile_scenario(scenario), np.array(funding))
    capacity = np.array([r.capacity for r in scenario.resources])
    used = np.array(funding) @ np.array(
        [[a.cost.get(r.id, 0.0) for r in scenario.resources] for a in scenario.activities]
    )
    assert s.used == pytest.approx(used)
    assert s.over == pytest.approx(np.maximum(used - capacity, 0.0))
    if s.feasible:
        assert np.all(s.over <= 1e-9 * np.maximum(capacity, 1.0))
    else:
        assert np.any(s.over > 0)


@FAST
@given(funded_scenarios())
def test_silo_shares_sum_to_one_per_used_resource(case: tuple[Scenario, list[float]]) -> None:
    scenario, funding = case
    s = score(compile_scenario(scenario), np.array(funding))
    totals = s.silo_share.sum(axis=0)
    assert totals[s.used > 0] == pytest.approx(np.ones(int((s.used > 0).sum())))
    assert np.all(totals[s.used == 0] == 0)
    assert s.silo_overall.sum() == pytest.approx(s.overall, abs=1e-9)
    assert s.silo_values.sum(axis=0) == pytest.approx(s.values, abs=1e-9)
