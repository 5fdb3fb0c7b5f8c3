"""Small random scenarios and brute force for the optimiser tests (not a test module)."""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from typing import Any

import numpy as np

from integrate_tui.engine import Compiled, Score, compile_scenario, score
from integrate_tui.model import Scenario

CURVES = ["linear", "diminishing", "threshold", [[0, 0], [0.5, 0.1], [1, 1]]]


def random_scenario(seed: int, *, shares: bool = False) -> Scenario:
    """2–4 activities with 2–4 levels each, interactions, mixed curves, 1–2 resources."""
    rng = np.random.default_rng(seed)
    n = int(rng.integers(2, 5))
    values = [
        {"id": f"v{j}", "name": f"V{j}", "weight": float(rng.uniform(0.2, 3))} for j in range(3)
    ]
    interests = [
        {
            "id": f"k{j}",
            "name": f"K{j}",
            "influence": float(rng.choice([0.0, 0.5, 1.0, 2.0])) if j else 1.0,
            "cares": {f"v{v}": float(rng.uniform(0.5, 3)) for v in range(3) if rng.random() < 0.7},
        }
        for j in range(3)
    ]
    resources = [
        {"id": f"r{j}", "name": f"R{j}", "unit": "u", "capacity": 1.0}
        for j in range(rng.integers(1, 3))
    ]
    silos = [{"id": "s0", "name": "S0"}, {"id": "s1", "name": "S1"}]
    if shares:
        silos[0]["max_share"] = float(rng.uniform(0.4, 0.9))
        silos[1]["min_share"] = float(rng.uniform(0.05, 0.4))
    activities = []
    for i in range(n):
        count = int(rng.integers(2, 5))
        step = float(rng.choice([0.2, 0.25, 0.5]))
        low = float(rng.choice([0.0, 0.1]))
        high = low + (count - 1) * step
        if rng.random() < 0.3:
            high -= step / 2  # max_funding off the grid: added as its own level
        grid = [low + k * step for k in range(count - 1)] + [high]
        activities.append(
            {
                "id": f"a{i}",
                "name": f"A{i}",
                "silo": f"s{i % 2}",
                "cost": {r["id"]: float(rng.uniform(0.1, 1)) for r in resources},
                "impact": {f"v{v}": float(rng.uniform(-2, 5)) for v in range(3)},
                "support": {
                    f"k{k}": float(rng.uniform(-2, 2)) for k in range(3) if rng.random() < 0.4
                },
                "response": CURVES[int(rng.integers(len(CURVES)))],
                "funding": round(float(rng.choice(grid)), 10),
                "min_funding": low,
                "max_funding": round(high, 10),
                "step": step,
                "locked": bool(rng.random() < 0.15),
            }
        )
    pairs = list(itertools.combinations(range(n), 2))
    interactions = [
        {"between": [f"a{a}", f"a{b}"], "effect": float(rng.uniform(-0.8, 0.8))}
        for a, b in pairs
        if rng.random() < 0.6
    ]
    top = sum(max(a["cost"].values(), default=0) * a["max_funding"] for a in activities)
    for r in resources:
        r["capacity"] = round(float(rng.uniform(0.45, 0.9)) * top, 6)
    return Scenario.model_validate(
        {
            "schema_version": 1,
            "meta": {"title": f"random {seed}"},
            "resources": resources,
            "silos": silos,
            "values": values,
            "interests": interests,
            "activities": activities,
            "interactions": interactions,
        }
    )


def grids(model: Compiled) -> list[list[float]]:
    """Each activity's allowed levels, computed independently of the optimiser's grid code."""
    out = []
    for a in model.scenario.activities:
        if a.locked:
            out.append([a.funding])
            continue
        levels = [a.min_funding]
        while levels[-1] + a.step <= a.max_funding + 1e-9:
            levels.append(levels[-1] + a.step)
        if a.max_funding - levels[-1] > 1e-9:
            levels.append(a.max_funding)
        if all(abs(a.funding - x) > 1e-9 for x in levels):
            levels.append(a.funding)
        out.append(sorted(levels))
    return out


def feasible(s: Score, *, shares: bool = True, floor: float | None = None) -> bool:
    """Capacity, silo shares of capacity, and a floor on voiced interests."""
    m = s.model
    if not np.all(s.used <= m.capacity + 1e-7):
        return False
    if shares:
        for k, silo in enumerate(m.scenario.silos):
            mine = m.silo_of == k
            uses = (m.cost[mine] * m.max_funding[mine, None]).sum(axis=0) > 0
            own = s.silo_used[k]
            cap = m.capacity
            if silo.max_share is not None and np.any((own > silo.max_share * cap + 1e-7) & uses):
                return False
            if silo.min_share is not None and np.any((own < silo.min_share * cap - 1e-7) & uses):
                return False
    return floor is None or not np.any(s.interests[voiced(m)] < floor - 1e-7)


def every_package(model: Compiled) -> Iterator[np.ndarray]:
    """Every combination of levels."""
    for combo in itertools.product(*grids(model)):
        yield np.array(combo)


def brute_force(model: Compiled, *, shares: bool = True, floor: float | None = None) -> list[Score]:
    """Engine scores of every feasible package."""
    scored = (score(model, f) for f in every_package(model))
    return [s for s in scored if feasible(s, shares=shares, floor=floor)]


def voiced(model: Compiled) -> np.ndarray:
    """Interests with influence > 0 that some activity the scales count affects: through a
    value it cares for (reach > 0), or a stake (top > 0)."""
    reaches, counted = model.reach > 0, model.top > 0
    via_values = ((np.abs(model.impact) @ model.cares.T > 0) & reaches[:, None]).any(axis=0)
    via_stakes = ((model.support != 0) & counted[:, None]).any(axis=0)
    share = model.support_share
    return (model.influence > 0) & ((via_values & (share < 1)) | (via_stakes & (share > 0)))


def compiled(seed: int, *, shares: bool = False) -> Compiled:
    """The compiled random scenario of a seed."""
    return compile_scenario(random_scenario(seed, shares=shares))


def coarse(data: dict[str, Any]) -> dict[str, Any]:
    """Strategy data with at most 4 grid levels per activity, so brute force stays small."""
    for a in data["activities"]:
        a["step"] = max((a["max_funding"] - a["min_funding"]) / 3, 0.1)
    return data
