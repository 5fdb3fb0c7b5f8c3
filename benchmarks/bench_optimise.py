"""Optimiser benchmarks: proven optima, Monte Carlo, frontier and greedy, at scale.

Run: `python benchmarks/bench_optimise.py` (a few minutes; not part of pytest). Targets
from issue 4, on generated scenarios with 11 funding levels per activity (0, 0.1 … 1), 12
values, 8 interests, 6 silos, 3 resources at half of full demand and one interaction per
two activities:

* optimise, 500 activities: proven optimal (within the default 0.01 % gap) in < 2 s;
* Monte Carlo, 10,000 weight samples over 200 activities in < 1 s, end to end: making the
  candidates (greedy packages plus the exact stated optimum above GREEDY_ABOVE activities,
  exact MILPs at the bundled scale) and sampling; the validation against exact solves is
  timed apart;
* frontier of 12 points at 200 activities in < 3 s (to the frontier's 0.1 % gap, and
  with a 3 s budget), with how many solves the root proof answered;
* the greedy value-for-money heuristic against the optimum.
Solves go through the root proof first (docs/optimiser.md §2); the frontier counts how many
it answered.
Figures are wall-clock seconds on whatever machine runs this; HiGHS's time varies a lot
between problems of the same size, so several seeds are shown.
"""

from __future__ import annotations

import time
import tomllib
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import numpy as np

from integrate_tui.bundled import bundled_path
from integrate_tui.engine import Compiled, compile_scenario
from integrate_tui.engine.optimise import (
    FRONTIER_GAP,
    Options,
    frontier,
    greedy,
    optimise,
    robustness,
)
from integrate_tui.engine.optimise.program import Program, Solution
from integrate_tui.model import Scenario, validate_scenario


def generated(n: int, seed: int = 0, pairs: float = 0.5) -> Scenario:
    """A valid scenario with `n` activities on an 11-level grid and n·pairs interactions."""
    rng = np.random.default_rng(seed)
    shapes = ["linear", "diminishing", "threshold"]
    activities = [
        {
            "id": f"a{i}",
            "name": f"Activity {i}",
            "silo": f"s{i % 6}",
            "cost": {f"r{r}": round(float(rng.uniform(1, 10)), 3) for r in range(3)
                     if rng.random() < 0.8},
            "impact": {f"v{v}": round(float(rng.uniform(-1, 4)), 3) for v in range(12)
                       if rng.random() < 0.3},
            "support": {f"k{k}": round(float(rng.uniform(-1, 2)), 3) for k in range(8)
                        if rng.random() < 0.1},
            "response": shapes[int(rng.integers(3))],
            "funding": round(float(rng.integers(11)) / 10, 1),
            "step": 0.1,
        }
        for i in range(n)
    ]  # fmt: skip
    links: set[tuple[int, int]] = set()
    while len(links) < int(pairs * n):
        a, b = sorted(int(x) for x in rng.choice(n, 2, replace=False))
        links.add((a, b))
    demand = np.zeros(3)
    for act in activities:
        for key, amount in act["cost"].items():
            demand[int(key[1:])] += amount
    data: dict[str, Any] = {
        "schema_version": 1,
        "meta": {"title": f"Generated, {n} activities"},
        "resources": [
            {"id": f"r{r}", "name": f"Resource {r}", "capacity": round(float(demand[r]) / 2, 3)}
            for r in range(3)
        ],
        "silos": [{"id": f"s{s}", "name": f"Silo {s}"} for s in range(6)],
        "values": [
            {"id": f"v{v}", "name": f"Value {v}", "weight": round(float(rng.uniform(0.5, 3)), 3)}
            for v in range(12)
        ],
        "interests": [
            {
                "id": f"k{k}",
                "name": f"Interest {k}",
                "cares": {f"v{v}": 1.0 for v in rng.choice(12, 3, replace=False).tolist()},
            }
            for k in range(8)
        ],
        "activities": activities,
        "interactions": [
            {"between": [f"a{a}", f"a{b}"], "effect": round(float(rng.uniform(-0.5, 0.7)), 3)}
            for a, b in sorted(links)
        ],
    }
    return validate_scenario(data)


def bundled() -> Compiled:
    """The bundled city-diplomacy scenario (22 activities): workshop scale."""
    text = bundled_path().read_text(encoding="utf-8")
    return compile_scenario(validate_scenario(tomllib.loads(text)))


def bench_optimise() -> None:
    print("optimise, integrated objective (default gap 0.01 %), against greedy")
    for label, model in [("city (22)", bundled())] + [
        (f"500 × 11 × 3, seed {seed}", compile_scenario(generated(500, seed))) for seed in range(5)
    ]:
        r = optimise(model)
        g = greedy(model)
        behind = 100 * (r.value - g.value) / abs(r.value)
        print(
            f"  {label:24} {r.seconds:6.2f} s  {r.status}, gap {100 * r.gap:.4f} %, "
            f"|MILP − engine| {r.approximation_error:.1e}; greedy {1000 * g.seconds:.0f} ms, "
            f"{behind:.2f} % below"
        )


def bench_monte_carlo() -> None:
    print("Monte Carlo, 10,000 samples")
    for label, model, validate, method in [
        ("city (22)", bundled(), 100, "auto"),
        ("200 activities", compile_scenario(generated(200)), 20, "auto"),
        ("200 activities", compile_scenario(generated(200)), 20, "exact"),
    ]:
        r = robustness(model, 10_000, seed=1, candidates=16, validate=validate, method=method)
        made, sampled, checked = r.seconds
        v = r.validation
        assert v is not None
        print(
            f"  {label:16} {made + sampled:5.2f} s end to end: {len(r.packages)} {r.method} "
            f"candidates made in {made:.2f} s, sampling {1000 * sampled:.1f} ms; "
            f"validated on {v.count} exact solves "
            f"({checked:.1f} s): "
            f"same funded set {v.agreement:.0%}, activity decisions {v.activity_agreement:.1%}, "
            f"optimal package {v.optimal:.0%}, regret mean {v.regret[0]:.3f} max "
            f"{v.regret[1]:.3f} points"
        )


def bench_frontier() -> None:
    print("frontier, 12 points between two interests (default gap 0.1 %)")
    cases = [("city (22)", bundled(), "business", "climate")]
    cases += [(f"200, seed {s}", compile_scenario(generated(200, s)), "k0", "k1") for s in range(4)]
    for label, model, x, y in cases:
        for budget in (None, 3.0):
            proofs: list[str] = []
            started = time.perf_counter()
            with _counting(proofs):
                f = frontier(model, x, y, 12, Options(gap=FRONTIER_GAP, time_limit=budget))
            took = time.perf_counter() - started
            what = "no budget" if budget is None else f"{budget:g} s budget"
            print(
                f"  {label:16} {what:12} {took:6.2f} s, {len(f.points)} points, "
                f"{proofs.count('root')}/{len(proofs)} solves by root proof, "
                f"largest gap {100 * f.gap:.3f} %, margin {f.margin:+.2f}"
                f"{'' if f.margin_proven else ' (lower bound)'}"
            )


@contextmanager
def _counting(proofs: list[str]) -> Iterator[None]:
    """Record how each solve in the body was proven ("root" or "branch and bound")."""
    solve = Program.solve

    def counted(self: Program, *args: Any, **kwargs: Any) -> Solution:
        sol = solve(self, *args, **kwargs)
        proofs.append(sol.proof)
        return sol

    Program.solve = counted  # type: ignore[method-assign]
    try:
        yield
    finally:
        Program.solve = solve  # type: ignore[method-assign]


if __name__ == "__main__":
    bench_optimise()
    bench_monte_carlo()
    bench_frontier()
