"""Small three-silo scenarios and brute-force fills for the rebalance tests (not a test module)."""

from __future__ import annotations

import itertools
from collections.abc import Mapping, Sequence

import numpy as np

from integrate_tui.engine import Compiled, Score, compile_scenario, score
from integrate_tui.model import validate_scenario
from optimise_scenarios import grids, random_scenario


def three_silos(seed: int, *, explicit: bool = False) -> Compiled:
    """A random scenario (2–4 activities) spread over silos s0, s1, s2, one activity each first.

    With `explicit`, silo s1 gets an explicit envelope of its last resource (between its
    obligations and twice its use), so fills must keep it.
    """
    data = random_scenario(seed).model_dump()
    data["silos"].append({"id": "s2", "name": "S2"})
    for i, activity in enumerate(data["activities"]):
        activity["silo"] = f"s{i % 3}"
    rng = np.random.default_rng(seed + 1000)
    if explicit:
        last = data["resources"][-1]["id"]
        mine = [a for a in data["activities"] if a["silo"] == "s1"]
        use = sum(a["cost"].get(last, 0) * a["funding"] for a in mine)
        need = sum(a["cost"].get(last, 0) * a["min_funding"] for a in mine)
        data["silos"][1]["envelope"] = {last: round(float(rng.uniform(need, 2 * use + 0.1)), 6)}
    return compile_scenario(validate_scenario(data))


def fill_packages(model: Compiled, silos: Sequence[int]) -> list[np.ndarray]:
    """Every combination of the silos' activities' levels, every other activity as it is."""
    free = np.isin(model.silo_of, list(silos))
    choices = [g if free[i] else [model.funding[i]] for i, g in enumerate(grids(model))]
    return [np.array(combo) for combo in itertools.product(*choices)]


def allowed(
    model: Compiled,
    funding: np.ndarray,
    bounds: Mapping[tuple[int, int], float],
    capacity: np.ndarray,
) -> bool:
    """Each (silo, resource) bound and each total within `capacity`."""
    use = model.silo_matrix @ (model.cost * funding[:, None])
    if np.any(model.cost.T @ funding > capacity + 1e-7):
        return False
    return all(use[s, r] <= amount + 1e-7 for (s, r), amount in bounds.items())


def brute_fill(
    model: Compiled,
    silos: Sequence[int],
    bounds: Mapping[tuple[int, int], float],
    capacity: np.ndarray,
) -> list[Score]:
    """Engine scores of every allowed fill of the silos."""
    return [
        score(model, f) for f in fill_packages(model, silos) if allowed(model, f, bounds, capacity)
    ]
