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

`--sweep` (issue 18) instead sweeps 30, 50, 100, 200, 500, 1,000 and 2,000 activities × 5
seeds (`--sizes`, `--seeds` to choose) and prints, per scenario, the time to a package proven
within 0.01 %, how it was proven (root proof or branch and bound), greedy's shortfall (plain
value-for-money pass and polished by local search), and beside it a plain scipy/HiGHS model
of the same problem as a user would write it (binaries per level, McCormick products, HiGHS
defaults, 30 s cap, `--plain-limit`), with medians per size.
Figures are wall-clock seconds on whatever machine runs this; HiGHS's time varies a lot
between problems of the same size, so several seeds are shown.
"""

from __future__ import annotations

import argparse
import statistics
import time
import tomllib
import warnings
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
from integrate_tui.engine.optimise.levels import level_grid
from integrate_tui.engine.optimise.program import Program, Solution
from integrate_tui.engine.optimise.quiet import quiet_stdout
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


def plain_model(model: Compiled, limit: float) -> tuple[float, float, str]:
    """The integrated optimum by a plain scipy/HiGHS MILP written from the scenario: one binary
    per level, g_i = Σ G_il x_il, a McCormick product w_ij per interaction, capacity rows,
    HiGHS defaults. Returns (seconds, value by the engine, status)."""
    from scipy.optimize import Bounds, LinearConstraint, milp
    from scipy.sparse import coo_matrix

    from integrate_tui.engine.optimise.criteria import integrated
    from integrate_tui.engine.score import score

    lv = level_grid(model)
    n, nl = len(model.activity_ids), lv.size
    pairs = model.pairs.reshape(-1, 2)
    a, b = integrated(model).activity_terms(model)
    npairs = len(pairs)
    g0, w0 = nl, nl + n  # variable blocks: x (levels), g (activities), w (pairs)
    size = nl + n + npairs
    c = np.zeros(size)
    c[:nl] = -(b[lv.owner] * lv.support)
    c[g0 : g0 + n] = -a
    c[w0:] = -(model.effect * (a[pairs[:, 0]] + a[pairs[:, 1]]))
    rows: list[tuple[int, int, float]] = []
    lower: list[float] = []
    upper: list[float] = []

    def row(entries: list[tuple[int, float]], lo: float, hi: float) -> None:
        r = len(lower)
        rows.extend((r, col, val) for col, val in entries)
        lower.append(lo)
        upper.append(hi)

    for i in range(n):
        levels = range(lv.start[i], lv.start[i + 1])
        row([(k, 1.0) for k in levels], 1.0, 1.0)
        row([(k, float(lv.fraction[k])) for k in levels] + [(g0 + i, -1.0)], 0.0, 0.0)
    use = (model.cost[lv.owner] * lv.funding[:, None]).T
    for r in range(len(model.resource_ids)):
        row(
            [(k, float(use[r, k])) for k in np.flatnonzero(use[r])],
            -np.inf,
            float(model.capacity[r]),
        )
    low, high = lv.bounds(lv.fraction)
    for p, (i, j) in enumerate(pairs):
        w, gi, gj = w0 + p, g0 + i, g0 + j
        li, ui, lj, uj = float(low[i]), float(high[i]), float(low[j]), float(high[j])
        row([(w, 1.0), (gi, -lj), (gj, -li)], -li * lj, np.inf)
        row([(w, 1.0), (gi, -uj), (gj, -ui)], -ui * uj, np.inf)
        row([(w, 1.0), (gi, -lj), (gj, -ui)], -np.inf, -ui * lj)
        row([(w, 1.0), (gi, -uj), (gj, -li)], -np.inf, -li * uj)
    r_, c_, v_ = zip(*rows, strict=True)
    matrix = coo_matrix((v_, (r_, c_)), shape=(len(lower), size)).tocsr()
    bounds = Bounds(
        np.r_[np.zeros(nl), low, np.full(npairs, -np.inf)],
        np.r_[np.ones(nl), high, np.full(npairs, np.inf)],
    )
    integrality = np.r_[np.ones(nl), np.zeros(n + npairs)]
    started = time.perf_counter()
    with quiet_stdout():  # HiGHS prints from C now and then, even when asked not to
        res = milp(
            c,
            integrality=integrality,
            bounds=bounds,
            constraints=[LinearConstraint(matrix, lower, upper)],
            options={"time_limit": limit, "mip_rel_gap": 1e-4},
        )
    seconds = time.perf_counter() - started
    if res.x is None:
        return seconds, float("nan"), "no package"
    chosen = lv.chosen(res.x)
    status = "proven (its own model)" if res.status == 0 else "time limit"
    return seconds, score(model, lv.package(chosen)).overall, status


def bench_sweep(sizes: list[int], seeds: int, plain_limit: float) -> None:
    print("optimise sweep: time to proven 0.01 %, proof, greedy shortfall, plain scipy/HiGHS model")
    for n in sizes:
        times, plain_times, short, short_plain = [], [], [], []
        for seed in range(seeds):
            model = compile_scenario(generated(n, seed))
            proofs: list[str] = []
            with _counting(proofs):
                r = optimise(model)
            g = greedy(model)
            g0 = greedy(model, polish=False)
            behind = 100 * (r.value - g.value) / abs(r.value)
            behind0 = 100 * (r.value - g0.value) / abs(r.value)
            line = (
                f"  {n:5} seed {seed}: {r.seconds:6.2f} s {r.status} by {proofs[-1]:16} "
                f"greedy {behind:.2f} % below ({1000 * g.seconds:.0f} ms; plain pass "
                f"{behind0:.2f} %, {1000 * g0.seconds:.0f} ms)"
            )
            times.append(r.seconds)
            short.append(behind)
            short_plain.append(behind0)
            if plain_limit > 0:
                with warnings.catch_warnings():
                    warnings.simplefilter("ignore")
                    took, value, status = plain_model(model, plain_limit)
                plain_times.append(took)
                line += f"; plain HiGHS {took:5.1f} s {status}, {r.value - value:+.4f} points"
            print(line, flush=True)
        median = statistics.median
        tail = f", plain HiGHS {median(plain_times):.1f} s" if plain_times else ""
        print(
            f"  {n:5} median: {median(times):.2f} s, greedy {median(short):.2f} % below "
            f"(plain pass {median(short_plain):.2f} %){tail}",
            flush=True,
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sweep", action="store_true", help="the issue-18 sweep only")
    parser.add_argument("--sizes", default="30,50,100,200,500,1000,2000")
    parser.add_argument("--seeds", type=int, default=5)
    parser.add_argument("--plain-limit", type=float, default=30.0, help="0: no plain model")
    args = parser.parse_args()
    if args.sweep:
        sizes = [int(v) for v in args.sizes.split(",")]
        bench_sweep(sizes, args.seeds, args.plain_limit)
        return
    bench_optimise()
    bench_monte_carlo()
    bench_frontier()


if __name__ == "__main__":
    main()
