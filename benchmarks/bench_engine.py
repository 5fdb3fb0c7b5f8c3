"""Engine benchmark: compile + score, re-score after one funding change, memory at 10,000
activities, and the same scoring written naively in pure Python, side by side.

Run it on its own: `python benchmarks/bench_engine.py` (pytest never collects it).
Targets (issue 3): re-score under 1 ms median at 1,000 activities and under 10 ms at 10,000;
memory under 200 MB at 10,000. On a busy machine OpenBLAS's threads make the one matrix
product of a re-score erratic at 10,000; compare with `OPENBLAS_NUM_THREADS=1`.

Issue 18/19 tables (1k / 10k / 100k activities): one funding change re-scored incrementally
(`engine.rescore.LiveScore.fund`) beside a full re-score and a pure-Python incremental update;
compile + score at 10k / 100k (targets < 0.05 / 0.5 s); and what one funding key costs the
session (`Session.nudge`, then reading the score as the UI does). With a code tree that has no
`engine.rescore` (e.g. an old copy on PYTHONPATH) the incremental column says n/a.
"""

from __future__ import annotations

import argparse
import bisect
import math
import os
import random
import statistics
import sys
import time
import tracemalloc
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import numpy as np

from integrate_tui.engine import Compiled, Score, compile_scenario, score
from integrate_tui.engine.response import (
    DIMINISHING_K,
    EXPANSION_HALF,
    THRESHOLD_CENTRE,
    THRESHOLD_STEEPNESS,
)
from integrate_tui.engine.scale import FULL_STAKE, SUPPORT_SHARE
from integrate_tui.model import Scenario, validate_scenario
from integrate_tui.session import Session

SHAPES = ("linear", "diminishing", "threshold", "points")


def generate(n: int, *, values: int = 12, interests: int = 10, seed: int = 0) -> dict[str, Any]:
    """Scenario data with n activities, 2n interactions and every kind of response curve."""
    rng = random.Random(seed)
    value_ids = [f"value-{v}" for v in range(values)]
    interest_ids = [f"interest-{k}" for k in range(interests)]
    resources = [("budget", 60.0 * n), ("staff", 0.4 * n), ("attention", 2.0 * n)]
    silos = [f"silo-{x}" for x in range(8)]

    def activity(i: int) -> dict[str, Any]:
        shape = SHAPES[i % len(SHAPES)]
        response: Any = shape
        if shape == "points":
            xs = sorted(rng.sample(range(1, 20), 3))
            response = [[0, 0], *([x / 20, rng.uniform(0.0, 1.0)] for x in xs), [1, 1]]
        return {
            "id": f"activity-{i}",
            "name": f"Activity {i}",
            "silo": rng.choice(silos),
            "cost": {r: round(rng.uniform(0.0, 2.0) * c / n, 3) for r, c in resources},
            "impact": {v: round(rng.uniform(-5, 5), 2) for v in rng.sample(value_ids, 4)},
            "support": {k: round(rng.uniform(-2, 2), 2) for k in rng.sample(interest_ids, 2)},
            "response": response,
            "funding": round(rng.uniform(0.0, 1.0), 2),
            "max_funding": rng.choice([1.0, 1.5, 2.0]),
        }

    pairs: set[tuple[int, int]] = set()
    while len(pairs) < 2 * n:
        a, b = rng.sample(range(n), 2)
        pairs.add((min(a, b), max(a, b)))
    return {
        "schema_version": 1,
        "meta": {"title": f"Benchmark, {n} activities"},
        "resources": [{"id": r, "name": r, "capacity": c} for r, c in resources],
        "silos": [{"id": x, "name": x} for x in silos],
        "values": [{"id": v, "name": v, "weight": rng.uniform(0, 3)} for v in value_ids],
        "interests": [
            {
                "id": k,
                "name": k,
                "influence": rng.uniform(0.5, 2),
                "cares": {v: rng.uniform(0, 3) for v in rng.sample(value_ids, 3)},
            }
            for k in interest_ids
        ],
        "activities": [activity(i) for i in range(n)],
        "interactions": [
            {"between": [f"activity-{a}", f"activity-{b}"], "effect": round(rng.uniform(-1, 1), 2)}
            for a, b in sorted(pairs)
        ],
    }


# --- the same formulas, naively: dicts and loops, no numpy ------------------------------------


def _logistic(f: float) -> float:
    return 1.0 / (1.0 + math.exp(-THRESHOLD_STEEPNESS * (f - THRESHOLD_CENTRE)))


_L0, _L1 = _logistic(0.0), _logistic(1.0)


_NAMED: dict[str, Callable[[float], float]] = {
    "linear": lambda f: f,
    "diminishing": lambda f: (1 - math.exp(-DIMINISHING_K * f)) / (1 - math.exp(-DIMINISHING_K)),
    "threshold": lambda f: (_logistic(f) - _L0) / (_L1 - _L0),
}
_NAMED_SLOPE = {
    "linear": 1.0,
    "diminishing": DIMINISHING_K * math.exp(-DIMINISHING_K) / (1 - math.exp(-DIMINISHING_K)),
    "threshold": THRESHOLD_STEEPNESS * _L1 * (1 - _L1) / (_L1 - _L0),
}


def _naive_curve(spec: Any) -> Callable[[float], float]:
    """One activity's response curve as a plain function, with the expansion tail."""
    if isinstance(spec, str):
        end, slope, inner = 1.0, _NAMED_SLOPE[spec], _NAMED[spec]
    else:
        xs, ys = [p[0] for p in spec], [p[1] for p in spec]
        end, slope = xs[-1], (ys[-1] - ys[-2]) / (xs[-1] - xs[-2])

        def inner(f: float) -> float:
            k = min(max(bisect.bisect_right(xs, f) - 1, 0), len(xs) - 2)
            return ys[k] + (ys[k + 1] - ys[k]) * (f - xs[k]) / (xs[k + 1] - xs[k])

    top = inner(end)

    def curve(f: float) -> float:
        if f <= end:
            return inner(f)
        return top + slope * EXPANSION_HALF * (1 - math.exp(-(f - end) / EXPANSION_HALF))

    return curve


@dataclass
class Naive:
    """A scenario as dicts of dicts, with the same bounds and normalisations as the engine."""

    scenario: Scenario
    curves: dict[str, Callable[[float], float]]
    partners: dict[str, list[tuple[str, float]]]
    value_bound: dict[str, float]
    support_bound: dict[str, float]
    share: dict[str, float]
    cares: dict[str, dict[str, float]]
    weights: dict[str, float]


def _naive_top(a: Any, capacity: dict[str, float]) -> float:
    """The largest grid level whose cost fits every capacity (own funding when locked)."""
    if a.locked:
        return a.funding
    count = int((a.max_funding - a.min_funding) / a.step + 1e-9)
    levels = [a.min_funding + j * a.step for j in range(count + 1)] + [a.max_funding]
    fits = [
        f
        for f in levels
        if all(f * q <= capacity[r] * (1 + 1e-9) + 1e-12 for r, q in a.cost.items())
    ]
    return max(fits, default=a.min_funding)


def naive_compile(s: Scenario) -> Naive:
    """Curves, interaction partners, bounds and normalised cares and weights."""
    curves = {a.id: _naive_curve(a.response) for a in s.activities}
    partners: dict[str, list[tuple[str, float]]] = {a.id: [] for a in s.activities}
    for x in s.interactions:
        a, b = x.between
        partners[a].append((b, x.effect))
        partners[b].append((a, x.effect))
    capacity = {r.id: r.capacity for r in s.resources}
    reach, top = {}, {}
    for a in s.activities:
        top[a.id] = _naive_top(a, capacity)
        points = [top[a.id] * j / 256 for j in range(257)]
        if not isinstance(a.response, str):
            points += [min(p[0], top[a.id]) for p in a.response]
        reach[a.id] = max(abs(curves[a.id](f)) for f in points)
    value_bound = {v.id: 0.0 for v in s.values}
    support_bound = {k.id: 0.0 for k in s.interests}
    for a in s.activities:
        boost = 1 + sum(abs(e) * reach[b] for b, e in partners[a.id])
        for v, x in a.impact.items():
            value_bound[v] += abs(x) * reach[a.id] * boost
        for k, x in a.support.items():
            support_bound[k] += abs(x) * min(top[a.id], 1.0)
    cares, share = {}, {}
    for k in s.interests:
        total = sum(k.cares.values())
        cares[k.id] = {v: x / total for v, x in k.cares.items()} if total > 0 else {}
        stakes = min(1.0, support_bound[k.id] / FULL_STAKE)
        share[k.id] = (SUPPORT_SHARE if total > 0 else 1.0) * stakes
    total_weight = sum(v.weight for v in s.values)
    weights = {v.id: v.weight / total_weight if total_weight > 0 else 0.0 for v in s.values}
    return Naive(s, curves, partners, value_bound, support_bound, share, cares, weights)


def naive_score(m: Naive, funding: dict[str, float]) -> dict[str, Any]:
    """Value scores, interest satisfaction, overall and resource use, one loop at a time."""
    s = m.scenario
    g = {a: m.curves[a](f) for a, f in funding.items()}
    raw = {v.id: 0.0 for v in s.values}
    direct = {k.id: 0.0 for k in s.interests}
    used = {r.id: 0.0 for r in s.resources}
    for a in s.activities:
        realised = g[a.id] * (1 + sum(e * g[b] for b, e in m.partners[a.id]))
        for v, x in a.impact.items():
            raw[v] += x * realised
        for k, x in a.support.items():
            direct[k] += x * min(funding[a.id], 1.0)
        for r, x in a.cost.items():
            used[r] += x * funding[a.id]
    values = {
        v: 100 * x / m.value_bound[v] if m.value_bound[v] > 0 else 0.0 for v, x in raw.items()
    }
    interests = {}
    for k in s.interests:
        through = sum(c * values[v] for v, c in m.cares[k.id].items())
        bound = m.support_bound[k.id]
        own = 100 * direct[k.id] / bound if bound > 0 else 0.0
        interests[k.id] = (1 - m.share[k.id]) * through + m.share[k.id] * own
    overall = sum(m.weights[v] * x for v, x in values.items())
    return {"values": values, "interests": interests, "overall": overall, "used": used}


class NaiveLive:
    """The pure-Python incremental update: on one change, only the changed activity's and its
    partners' terms are taken out of the sums and put back (dicts and loops, no numpy)."""

    def __init__(self, m: Naive, funding: dict[str, float]) -> None:
        self.m, self.funding = m, dict(funding)
        self.acts = {a.id: a for a in m.scenario.activities}
        self.g = {a: m.curves[a](f) for a, f in funding.items()}
        self.realised = {a: self._realised(a) for a in funding}
        s = m.scenario
        self.raw = {v.id: 0.0 for v in s.values}
        self.direct = {k.id: 0.0 for k in s.interests}
        self.used = {r.id: 0.0 for r in s.resources}
        for a in s.activities:
            self._add(a.id, 1.0)
        self._totals()

    def _realised(self, a: str) -> float:
        return self.g[a] * (1 + sum(e * self.g[b] for b, e in self.m.partners[a]))

    def _add(self, a: str, sign: float) -> None:
        act, f = self.acts[a], self.funding[a]
        for v, x in act.impact.items():
            self.raw[v] += sign * x * self.realised[a]
        for k, x in act.support.items():
            self.direct[k] += sign * x * min(f, 1.0)
        for r, x in act.cost.items():
            self.used[r] += sign * x * f

    def fund(self, a: str, level: float) -> None:
        """Move one activity's funding: its terms and its partners' realised impact only."""
        touched = [a, *(b for b, _ in self.m.partners[a])]
        for b in touched:
            self._add(b, -1.0)
        self.funding[a] = level
        self.g[a] = self.m.curves[a](level)
        for b in touched:
            self.realised[b] = self._realised(b)
            self._add(b, 1.0)
        self._totals()

    def _totals(self) -> None:
        m = self.m
        self.values = {
            v: 100 * x / m.value_bound[v] if m.value_bound[v] > 0 else 0.0
            for v, x in self.raw.items()
        }
        self.interests = {}
        for k in m.scenario.interests:
            through = sum(c * self.values[v] for v, c in m.cares[k.id].items())
            bound = m.support_bound[k.id]
            own = 100 * self.direct[k.id] / bound if bound > 0 else 0.0
            self.interests[k.id] = (1 - m.share[k.id]) * through + m.share[k.id] * own
        self.overall = sum(m.weights[v] * x for v, x in self.values.items())


# --- measuring ----------------------------------------------------------------------------------


def _median_ms(run: Callable[[], object], repeats: int) -> float:
    times = []
    for _ in range(repeats):
        start = time.perf_counter_ns()
        run()
        times.append(time.perf_counter_ns() - start)
    return statistics.median(times) / 1e6


def _full(s: Score) -> Score:
    """Touch every derived number a view shows (silos, fairness, integration, feasibility)."""
    _ = s.silo_share, s.silo_overall, s.fairness, s.integration.index, s.feasible, s.over
    return s


def _agreement(model: Compiled, naive: Naive, funding: np.ndarray) -> float:
    """Largest difference between the engine and the naive version (score points)."""
    s = score(model, funding)
    out = naive_score(naive, dict(zip(model.activity_ids, funding.tolist(), strict=True)))
    gaps = [abs(s.overall - out["overall"])]
    gaps += [abs(s.values[j] - out["values"][v]) for j, v in enumerate(model.value_ids)]
    gaps += [abs(s.interests[k] - out["interests"][i]) for k, i in enumerate(model.interest_ids)]
    return max(gaps)


def bench(n: int, repeats: int) -> dict[str, float]:
    """Every figure for one scenario size."""
    data = generate(n)
    start = time.perf_counter_ns()
    scenario = validate_scenario(data)
    validate_ms = (time.perf_counter_ns() - start) / 1e6
    compile_ms = _median_ms(lambda: _full(score(compile_scenario(scenario))), 5)
    model = compile_scenario(scenario)
    base = model.funding
    rng = np.random.default_rng(1)

    def one_change() -> np.ndarray:
        f = base.copy()
        i = int(rng.integers(n))
        f[i] = rng.uniform(model.min_funding[i], model.max_funding[i])
        return f

    changed = [one_change() for _ in range(repeats)]
    it = iter(changed)
    rescore_ms = _median_ms(lambda: score(model, next(it)), repeats)
    it = iter(changed)
    full_ms = _median_ms(lambda: _full(score(model, next(it))), repeats)

    start = time.perf_counter_ns()
    naive = naive_compile(scenario)
    naive_score(naive, dict(zip(model.activity_ids, base.tolist(), strict=True)))
    naive_compile_ms = (time.perf_counter_ns() - start) / 1e6
    plain = [dict(zip(model.activity_ids, f.tolist(), strict=True)) for f in changed]
    naive_runs = max(5, repeats // 20)
    it_plain = iter(plain)
    naive_ms = _median_ms(lambda: naive_score(naive, next(it_plain)), naive_runs)
    return {
        "n": n,
        "validate_ms": validate_ms,
        "compile_ms": compile_ms,
        "rescore_ms": rescore_ms,
        "full_ms": full_ms,
        "naive_compile_ms": naive_compile_ms,
        "naive_ms": naive_ms,
        "ratio": naive_ms / rescore_ms,
        "gap": _agreement(model, naive, changed[0]),
    }


def peak_memory_mb(n: int) -> tuple[float, float]:
    """Peak traced memory (MB) of validate + compile + score, and of compile + score alone."""
    data = generate(n)
    tracemalloc.start()
    scenario = validate_scenario(data)
    whole = tracemalloc.get_traced_memory()[1]
    tracemalloc.reset_peak()
    before = tracemalloc.get_traced_memory()[0]
    _full(score(compile_scenario(scenario)))
    engine = tracemalloc.get_traced_memory()[1] - before
    tracemalloc.stop()
    return max(whole, before + engine) / 1e6, engine / 1e6


_SCENARIOS: dict[int, Scenario] = {}


def scenario_of(n: int) -> Scenario:
    """The validated benchmark scenario with n activities (validated once per run)."""
    if n not in _SCENARIOS:
        _SCENARIOS[n] = validate_scenario(generate(n))
    return _SCENARIOS[n]


def _moves(model: Compiled, count: int, seed: int = 1) -> list[tuple[int, float]]:
    """Random (activity, level) changes of unlocked activities within their bounds."""
    rng = np.random.default_rng(seed)
    free = np.flatnonzero(~model.locked)
    picks = rng.choice(free, size=count)
    return [(int(i), float(rng.uniform(model.min_funding[i], model.max_funding[i]))) for i in picks]


def bench_change(n: int, repeats: int) -> dict[str, float]:
    """One funding change: incremental, full re-score, pure-Python incremental (ms, medians);
    and the largest gap between the incremental and the full score after all the changes."""
    scenario = scenario_of(n)
    model = compile_scenario(scenario)
    moves = _moves(model, repeats)
    funding = model.funding
    out: dict[str, float] = {"n": n}
    try:
        from integrate_tui.engine.rescore import LiveScore
    except ImportError:
        out["incremental_ms"] = out["gap"] = float("nan")
    else:
        live = LiveScore(model)
        it = iter(moves)
        out["incremental_ms"] = _median_ms(lambda: live.fund(*next(it)), repeats)
        for i, level in moves:
            funding[i] = level
        full = score(model, funding)
        out["gap"] = max(
            float(np.abs(live.values - full.values).max()),
            float(np.abs(live.interests - full.interests).max()),
            abs(live.overall - full.overall),
        )
    changed = []
    f = model.funding
    for i, level in moves[: max(5, repeats // 10)]:
        f[i] = level
        changed.append(f.copy())
    it_full = iter(changed)
    out["full_ms"] = _median_ms(lambda: score(model, next(it_full)), len(changed))
    ids = model.activity_ids
    naive = NaiveLive(naive_compile(scenario), dict(zip(ids, model.funding.tolist(), strict=True)))
    plain = [(ids[i], level) for i, level in moves]
    it_plain = iter(plain)
    out["naive_ms"] = _median_ms(lambda: naive.fund(*next(it_plain)), repeats)
    return out


def bench_compile(n: int, repeats: int) -> float:
    """Compile + score of the n-activity scenario, every derived number touched as in the
    engine table (ms, median)."""
    scenario = scenario_of(n)
    return _median_ms(lambda: _full(score(compile_scenario(scenario))), repeats)


def bench_session(n: int, repeats: int) -> dict[str, float]:
    """One funding key in the session: `nudge` alone, and `nudge` then reading the score's
    headline numbers and activity parts as the workbench's views do (ms, medians)."""
    session = Session(scenario_of(n))
    model = session.model
    free = [i for i in np.flatnonzero(~model.locked).tolist()]
    rng = random.Random(2)
    ids = model.activity_ids
    keys = [(ids[rng.choice(free)], rng.choice([-1, 1])) for _ in range(2 * repeats)]
    it = iter(keys)
    nudge_ms = _median_ms(lambda: session.nudge(*next(it)), repeats)

    def nudge_and_read() -> None:
        session.nudge(*next(it))
        s = session.score
        _ = s.overall, s.values, s.interests, s.used, s.activity_overall

    read_ms = _median_ms(nudge_and_read, repeats)
    return {"n": n, "nudge_ms": nudge_ms, "read_ms": read_ms}


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark and print its tables."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=500, help="re-scores per size (median)")
    parser.add_argument(
        "--only",
        choices=["engine", "change", "compile", "session"],
        action="append",
        help="run only these tables (default: all)",
    )
    parser.add_argument(
        "--sizes", type=int, nargs="+", default=[1_000, 10_000, 100_000], help="for change/session"
    )
    args = parser.parse_args(argv)
    only = set(args.only or ["engine", "change", "compile", "session"])
    threads = os.environ.get("OPENBLAS_NUM_THREADS", "unset")
    print(
        f"Python {sys.version.split()[0]}, numpy {np.__version__}, "
        f"OPENBLAS_NUM_THREADS={threads}; times in ms (medians)"
    )
    if "engine" in only:
        _engine_table(args.repeats)
    if "change" in only:
        print("\none funding change re-scored (ms)")
        print(
            f"{'activities':>10} {'incremental':>11} {'full':>9} "
            f"{'pure-Python incr.':>17} {'gap':>8}"
        )
        for n in args.sizes:
            r = bench_change(n, args.repeats if n <= 10_000 else args.repeats // 2)
            print(
                f"{n:>10,} {r['incremental_ms']:>11.3f} {r['full_ms']:>9.3f} "
                f"{r['naive_ms']:>17.3f} {r['gap']:>8.1e}"
            )
    if "compile" in only:
        print("\ncompile + score (ms; targets 50 / 500)")
        for n in (10_000, 100_000):
            print(f"{n:>10,} {bench_compile(n, 7 if n <= 10_000 else 5):>9.0f}")
    if "session" in only:
        print("\none funding key in the session (ms)")
        print(f"{'activities':>10} {'nudge':>9} {'nudge + read score':>18}")
        for n in args.sizes:
            r = bench_session(n, max(20, args.repeats // (10 if n >= 100_000 else 2)))
            print(f"{n:>10,} {r['nudge_ms']:>9.3f} {r['read_ms']:>18.3f}")
    return 0


def _engine_table(repeats: int) -> None:
    """The issue 3 table: validate, compile + score, re-score, naive, memory."""
    rows = [bench(1_000, repeats), bench(10_000, max(repeats // 5, 20))]
    header = (
        f"{'activities':>10} {'validate':>9} {'compile+score':>13} {'re-score':>9} "
        f"{'+derived':>9} {'naive re-score':>14} {'naive/numpy':>11} {'naive compile':>13} "
        f"{'max gap':>8}"
    )
    print(header)
    for r in rows:
        print(
            f"{r['n']:>10,} {r['validate_ms']:>9.1f} {r['compile_ms']:>13.1f} "
            f"{r['rescore_ms']:>9.3f} {r['full_ms']:>9.3f} {r['naive_ms']:>14.2f} "
            f"{r['ratio']:>10.0f}× {r['naive_compile_ms']:>13.0f} {r['gap']:>8.1e}"
        )
    total, engine = peak_memory_mb(10_000)
    print(
        f"peak traced memory at 10,000 activities: {total:.0f} MB "
        f"(validate + compile + score), {engine:.0f} MB of it compile + score"
    )


if __name__ == "__main__":
    raise SystemExit(main())
