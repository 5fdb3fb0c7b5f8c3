"""Rules the optimiser must keep, and infeasible requests that name what cannot be met."""

from __future__ import annotations

import subprocess
import sys
from typing import Any

import numpy as np
import pytest

from integrate_tui.engine import Compiled, compile_scenario
from integrate_tui.engine.optimise import Infeasible, OptimiseError, Options, level_grid, optimise
from integrate_tui.errors import IntegrateError
from integrate_tui.model import validate_scenario


def _model(activities: list[dict[str, Any]], **extra: Any) -> Compiled:
    """Two values, two interests, one budget of 1,800 kUSD, two silos."""
    data: dict[str, Any] = {
        "schema_version": 1,
        "meta": {"title": "rules"},
        "resources": [
            {"id": "budget", "name": "Programme budget", "unit": "kUSD", "capacity": 1800}
        ],
        "silos": [{"id": "econ", "name": "Economy"}, {"id": "culture", "name": "Culture"}],
        "values": [{"id": "v0", "name": "Prosperity"}, {"id": "v1", "name": "Culture"}],
        "interests": [
            {"id": "k0", "name": "Business", "cares": {"v0": 1}},
            {"id": "k1", "name": "Artists", "cares": {"v1": 1}},
        ],
        "activities": activities,
    }
    data.update(extra)
    return compile_scenario(validate_scenario(data))


def _activity(i: int, silo: str, cost: float, impact: dict[str, float], **extra: Any) -> dict:
    return {
        "id": f"a{i}",
        "name": f"Activity {i}",
        "silo": silo,
        "cost": {"budget": cost},
        "impact": impact,
        "funding": extra.pop("funding", 0.0),
        "step": 0.5,
        **extra,
    }


def test_the_level_grid_follows_min_step_max_current_and_locks() -> None:
    model = _model(
        [
            _activity(0, "econ", 100, {"v0": 1}, min_funding=0.2, max_funding=1.3, funding=0.45),
            _activity(1, "econ", 100, {"v0": 1}, funding=0.7, locked=True),
        ]
    )
    lv = level_grid(model)
    assert lv.funding[lv.owner == 0].tolist() == pytest.approx([0.2, 0.45, 0.7, 1.2, 1.3])
    assert lv.funding[lv.owner == 1].tolist() == [0.7]


def test_min_funding_obligations_over_capacity_are_named_with_the_numbers() -> None:
    model = _model(
        [
            _activity(0, "econ", 1200, {"v0": 1}, min_funding=1.0, funding=1.0),
            _activity(1, "culture", 720, {"v1": 1}, min_funding=1.0, funding=1.0),
        ]
    )
    with pytest.raises(Infeasible) as caught:
        optimise(model)
    message = str(caught.value)
    assert "min_funding obligations need 1,920 kUSD of Programme budget" in message
    assert "capacity is 1,800 — over by 120 kUSD" in message
    assert isinstance(caught.value, IntegrateError)


def test_a_min_share_the_silo_cannot_fill_is_named() -> None:
    model = _model(
        [
            _activity(0, "econ", 400, {"v0": 1}, min_funding=1.0, funding=1.0),
            _activity(1, "culture", 100, {"v1": 1}),
        ],
        silos=[
            {"id": "econ", "name": "Economy"},
            {"id": "culture", "name": "Culture", "min_share": 0.5},
        ],
    )
    with pytest.raises(
        Infeasible,
        match=r"Culture can use at most 100 kUSD of Programme budget, "
        r"below its min_share 0.5 of the capacity \(900 kUSD\)",
    ):
        optimise(model)


def test_a_max_share_below_a_silos_obligations_is_named() -> None:
    model = _model(
        [
            _activity(0, "econ", 1000, {"v0": 1}, min_funding=1.0, funding=1.0),
            _activity(1, "culture", 100, {"v1": 1}),
        ],
        silos=[
            {"id": "econ", "name": "Economy", "max_share": 0.5},
            {"id": "culture", "name": "Culture"},
        ],
    )
    with pytest.raises(
        Infeasible,
        match=r"Economy must use at least 1,000 kUSD .* max_share 0.5 of the capacity \(900 kUSD\)",
    ):
        optimise(model)


def test_a_floor_no_package_reaches_is_named_with_the_best_it_can_do() -> None:
    model = _model([_activity(0, "econ", 100, {"v0": 1}), _activity(1, "culture", 100, {"v1": 1})])
    with pytest.raises(Infeasible, match=r"no package lifts Business to the floor 101"):
        optimise(model, options=Options(floor=101))


def test_floors_that_conflict_only_together_are_named_with_the_capacity() -> None:
    model = _model(
        [_activity(0, "econ", 1500, {"v0": 1}), _activity(1, "culture", 1500, {"v1": 1})]
    )
    with pytest.raises(Infeasible) as caught:
        optimise(model, options=Options(floor=60))
    conflicts = caught.value.conflicts
    assert any("floor 60 for Business" in c for c in conflicts)
    assert any("floor 60 for Artists" in c for c in conflicts)
    assert any("capacity of Programme budget: 1,800" in c for c in conflicts)


def test_shares_of_capacity_are_kept() -> None:
    model = _model(
        [
            _activity(0, "econ", 600, {"v0": 5}, max_funding=3.0),
            _activity(1, "culture", 600, {"v1": 1}, max_funding=3.0),
        ],
        silos=[
            {"id": "econ", "name": "Economy", "max_share": 0.6},
            {"id": "culture", "name": "Culture", "min_share": 0.3},
        ],
    )
    r = optimise(model)
    share = r.score.silo_capacity_share[:, 0]
    assert share[0] <= 0.6 + 1e-9
    assert share[1] >= 0.3 - 1e-9


def test_unknown_objectives_say_what_is_known() -> None:
    model = _model([_activity(0, "econ", 100, {"v0": 1})])
    with pytest.raises(OptimiseError, match=r"unknown interest .k9. \(known: k0, k1\)"):
        optimise(model, "interest:k9")
    with pytest.raises(OptimiseError, match="use value:ID, interest:ID"):
        optimise(model, "everything:x")


def test_a_time_limit_returns_the_best_found_with_its_gap() -> None:
    rng = np.random.default_rng(3)
    activities = [
        _activity(
            i,
            "econ" if i % 2 else "culture",
            float(rng.uniform(50, 150)),
            {"v0": float(rng.uniform(0, 4)), "v1": float(rng.uniform(0, 4))},
            response="threshold",
            step=0.1,
        )
        for i in range(60)
    ]
    pairs = [{"between": [f"a{i}", f"a{i + 1}"], "effect": 0.5} for i in range(0, 59, 2)]
    model = _model(activities, interactions=pairs)
    r = optimise(model, options=Options(time_limit=0.05, gap=0.0))
    assert r.status in ("optimal", "time limit: best found")
    if r.status != "optimal":
        assert r.gap > 0
        assert r.bound >= r.value - 1e-6
    assert r.score.feasible


def test_importing_the_optimiser_and_its_cli_leaves_scipy_unloaded() -> None:
    code = (
        "import sys, integrate_tui.engine.optimise, integrate_tui.cli.analysis_commands\n"
        "print('scipy' in sys.modules, 'textual' in sys.modules)"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.stdout.split() == ["False", "False"], result.stderr
