"""Weight sensitivity by re-optimising: the tornado, and what it would take to flip an activity.

* tornado  each value weight ×0.5 and ×1.5 (the others as stated; weights are renormalised by
           the engine): the integrated score of the new optimum, of the stated optimum kept
           under the new weights, and whether the optimal package changes.
* gaps     without options every solve is proven to REFINE_GAP (0.01 %). Measured on this
           solver (benchmarks/bench_tradeoffs.py --engine): a first pass at the frontier's
           0.1 % left most moves unsure (4 of 14 on the bundled scenario, 16 of 24 at 30
           activities), and their re-solves cost as much or more than the looser pass
           saved: the tight tornado took the same CPU on the bundled scenario (±5 %, 15
           solves for 19) and 2–37 % less at 30–500 activities. With a looser options'
           gap the moves are solved to it and the stated optimum to REFINE_GAP. A move
           whose package beats the stated one by more than a REFINE_GAP solve could fall
           short of its optimum changes the package at any gap down to REFINE_GAP; any
           other move (the stated package again, or a gain within that) cannot tell, and
           only such a move is solved again to REFINE_GAP. So the "package changes" flags
           are those of a tornado solved to REFINE_GAP throughout, and each bar is within
           the looser gap of its optimum.
* budget   the whole tornado shares `Options.time_limit` (default TIME_BUDGET seconds; see
           budget.py) and each solve returns the best package it found in its part;
           `status` says if any stopped at its limit.
* funded   an activity is in a package when its funding is above its min_funding.
* what would it take
           for one activity and one value, the weight of that value at which the activity
           enters (or leaves) the optimal package: raise the weight by doubling up to
           ×64 and lower it to 0, then bisect between the last weight that keeps the status
           and the first that flips it, to 2 % of the weight. Bisection assumes one switch
           in the bracket (the optimum is piecewise constant in the weight; with
           interactions it may switch back and forth, and then the switch found is one of
           them). A zero weight is raised in absolute terms, up to the sum of the others ×64.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor, as_completed
from dataclasses import dataclass

import numpy as np

from integrate_tui.engine.compiled import Compiled
from integrate_tui.engine.optimise.budget import Budget
from integrate_tui.engine.optimise.constraints import Options
from integrate_tui.engine.optimise.control import NO_CONTROL, Control
from integrate_tui.engine.optimise.core import WORKERS, Setup, setup, status
from integrate_tui.engine.optimise.criteria import index_of, integrated
from integrate_tui.engine.optimise.levels import FUNDED
from integrate_tui.engine.optimise.program import DEFAULT_GAP, Solution
from integrate_tui.engine.score import score
from integrate_tui.engine.ties import best, ranked

FACTORS = (0.5, 1.5)
MAX_FACTOR = 64.0
PRECISION = 0.02
REFINE_GAP = DEFAULT_GAP
"""The stated optimum, and moves the looser gap cannot decide, are solved to this gap."""
TIME_BUDGET = 60.0
"""Seconds for a whole tornado without options (measured: 0.5–4 s from 22 to 500 activities)."""


@dataclass(frozen=True)
class Bar:
    """One value's row of the tornado."""

    value: str
    name: str
    weight: float
    optimum: tuple[float, float]  # score of the new optimum at ×0.5 and ×1.5
    kept: tuple[float, float]  # the stated optimum's score under those weights
    changed: tuple[list[str], list[str]]  # activities whose funding differs from the stated optimum
    packages: tuple[np.ndarray, np.ndarray]  # the optima at ×0.5 and ×1.5

    def swing(self, base: float) -> float:
        return max(abs(self.optimum[0] - base), abs(self.optimum[1] - base))


@dataclass(frozen=True)
class Tornado:
    """The stated optimum and one bar per value, widest swing first."""

    model: Compiled
    base: float
    funding: np.ndarray
    bars: list[Bar]
    seconds: float
    solves: int = 0  # MILPs solved, re-solves included
    status: str = "optimal"  # or "time limit: best found" when a solve stopped at its share
    gap: float = 0.0  # the largest relative MIP gap among the solves


def tornado(
    model: Compiled, options: Options | None = None, *, control: Control = NO_CONTROL
) -> Tornado:
    """Re-optimise with each value weight halved and raised by half (WORKERS solves at once).

    `control` is asked before each solve, so a cancelled tornado stops within one solve."""
    started = time.perf_counter()
    base = setup(model, options or Options(gap=REFINE_GAP, time_limit=TIME_BUDGET))
    loose = base.options.gap
    stated = base.stated_weights
    moves = [(v, factor) for v in range(len(model.value_ids)) for factor in FACTORS]
    weights = [stated * np.where(np.arange(len(stated)) == v, f, 1.0) for v, f in moves]
    solver = _Solver(base, control, 1 + len(weights), started)
    with ThreadPoolExecutor(WORKERS, thread_name_prefix="tornado") as pool:
        try:
            first = pool.submit(solver.solve, stated, min(loose, REFINE_GAP), whole=True)
            jobs = {pool.submit(solver.solve, w, loose): j for j, w in enumerate(weights)}
            stated_best = first.result().funding
            found: dict[int, _Found] = {}
            again = {}
            for job in as_completed(jobs):
                j = jobs[job]
                found[j] = job.result()
                if solver.unsure(weights[j], found[j], stated_best):
                    solver.plan(1)
                    again[pool.submit(solver.solve, weights[j], REFINE_GAP)] = j
            for job, j in again.items():
                found[j] = job.result()
        except BaseException:
            pool.shutdown(wait=False, cancel_futures=True)  # then wait only for running solves
            raise
    bars = []
    for v, vid in enumerate(model.value_ids):
        optimum, kept, changed, packages = [], [], [], []
        for k in range(len(FACTORS)):
            w, funding = weights[v * len(FACTORS) + k], found[v * len(FACTORS) + k].funding
            optimum.append(score(model, funding, w).overall)
            kept.append(score(model, stated_best, w).overall)
            moved = np.flatnonzero(np.abs(funding - stated_best) > FUNDED)
            changed.append([model.activity_ids[i] for i in moved])
            packages.append(funding)
        bars.append(
            Bar(
                vid,
                model.scenario.values[v].name,
                float(stated[v]),
                (optimum[0], optimum[1]),
                (kept[0], kept[1]),
                (changed[0], changed[1]),
                (packages[0], packages[1]),
            )
        )
    base_score = score(model, stated_best, stated).overall
    bars = ranked(bars, lambda b: b.swing(base_score))  # ties: the order of [[values]]
    sols = solver.solutions
    return Tornado(
        model,
        base_score,
        stated_best,
        bars,
        time.perf_counter() - started,
        len(sols),
        status(sols),
        max((s.gap for s in sols), default=0.0),
    )


class _Solver:
    """The tornado's solves: cancel checks, progress, the shared budget, the re-solve rule."""

    def __init__(self, base: Setup, control: Control, solves: int, started: float) -> None:
        self.base, self.control = base, control
        self.counter = control.counter(solves)
        self.budget = Budget(base.options.time_limit, started, solves)
        self.solutions: list[Solution] = []
        self._lock = threading.Lock()

    def plan(self, more: int) -> None:
        """More solves to come (re-solves), sharing what is left of the budget."""
        self.budget.plan(more)
        self.counter.plan(more)

    def solve(self, weights: np.ndarray, gap: float, *, whole: bool = False) -> _Found:
        """The optimal package under raw `weights` to `gap` (or the best found in its share of
        the budget, `whole`: all of what is left), with its proof."""
        self.control.check()
        base = self.base
        coef, constant = base.expression(integrated(base.model, weights))
        sol = base.maximise(coef, constant, time_limit=self.budget.share(whole=whole), gap=gap)
        with self._lock:
            self.solutions.append(sol)
        self.counter.tick()
        scale = max(1.0, abs(sol.bound), abs(sol.bound - constant))  # HiGHS's gap is relative
        return _Found(base.package(sol, coef), scale)  # to the score without its constant

    def unsure(self, weights: np.ndarray, found: _Found, best: np.ndarray) -> bool:
        """Whether a move solved to the options' gap leaves open if a REFINE_GAP solve would
        change the package: it beats the stated package by no more than such a solve may
        fall short of its optimum (this includes finding the stated package again)."""
        if self.base.options.gap <= REFINE_GAP:
            return False
        model = self.base.model
        gain = score(model, found.funding, weights).overall - score(model, best, weights).overall
        return gain <= REFINE_GAP * found.scale


@dataclass(frozen=True)
class _Found:
    """One solve's package, and the scale its relative gap applies to."""

    funding: np.ndarray
    scale: float


@dataclass(frozen=True)
class Flip:
    """The weight at which an activity's status in the optimal package flips."""

    weight: float
    factor: float  # weight / stated weight (inf when the stated weight is 0)
    funding: float  # the activity's funding in the optimum just past the flip


@dataclass(frozen=True)
class WhatItTakes:
    """For one activity and one value: its status now, and the flips up and down."""

    activity: str
    value: str
    weight: float
    funded: bool  # in the stated optimum
    funding: float
    raise_to: Flip | None
    lower_to: Flip | None

    @property
    def smallest(self) -> Flip | None:
        """The flip that needs the smaller relative change of the weight; tied: raising it."""
        flips = [f for f in (self.raise_to, self.lower_to) if f is not None]
        return best(flips, lambda f: -abs(f.factor - 1.0))


def what_it_takes(
    model: Compiled, activity_id: str, value_id: str, options: Options | None = None
) -> WhatItTakes:
    """The smallest change of one value weight that moves an activity in or out of the optimum."""
    i = index_of(model, "activities", activity_id)
    v = index_of(model, "values", value_id)
    base = setup(model, options)
    stated = np.array(base.stated_weights, float)
    floor = model.min_funding[i]

    def level(weight: float) -> float:
        w = stated.copy()
        w[v] = weight
        return float(base.best(w)[i])

    now = level(stated[v])
    funded = now > floor + FUNDED

    def flips(weight: float) -> tuple[bool, float]:
        f = level(weight)
        return (f > floor + FUNDED) != funded, f

    w0 = float(stated[v])
    top = w0 * MAX_FACTOR if w0 > 0 else float(stated.sum() - w0) * MAX_FACTOR or MAX_FACTOR
    return WhatItTakes(
        activity_id,
        value_id,
        w0,
        funded,
        now,
        _search(flips, w0, top, w0),
        _search(flips, w0, 0.0, w0) if w0 > 0 else None,
    )


def _search(
    flips: Callable[[float], tuple[bool, float]], start: float, end: float, stated: float
) -> Flip | None:
    """Bisect between `start` (no flip) and `end` for the first weight that flips."""
    hit, funding = flips(end)
    if not hit:
        return None
    near, far = start, end
    if end > start > 0:  # doubling first, so that a nearby flip is bracketed cheaply
        probe = start * 2
        while probe < end:
            hit, f = flips(probe)
            if hit:
                far, funding = probe, f
                break
            near, probe = probe, probe * 2
    while abs(far - near) > PRECISION * max(min(near, far), stated):
        mid = (near + far) / 2
        hit, f = flips(mid)
        if hit:
            far, funding = mid, f
        else:
            near = mid
    return Flip(far, far / stated if stated > 0 else np.inf, funding)
