"""Weight sensitivity by re-optimising: the tornado, and what it would take to flip an activity.

* tornado  each value weight ×0.5 and ×1.5 (the others as stated; weights are renormalised by
           the engine): the integrated score of the new optimum, of the stated optimum kept
           under the new weights, and whether the optimal package changes.
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

import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

import numpy as np

from integrate_tui.engine.compiled import Compiled
from integrate_tui.engine.optimise.constraints import Options
from integrate_tui.engine.optimise.core import WORKERS, setup
from integrate_tui.engine.optimise.criteria import index_of
from integrate_tui.engine.optimise.levels import FUNDED
from integrate_tui.engine.score import score
from integrate_tui.engine.ties import best, ranked

FACTORS = (0.5, 1.5)
MAX_FACTOR = 64.0
PRECISION = 0.02


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


def tornado(model: Compiled, options: Options | None = None) -> Tornado:
    """Re-optimise with each value weight halved and raised by half (WORKERS solves at once)."""
    started = time.perf_counter()
    base = setup(model, options)
    stated = base.stated_weights
    moves = [(v, factor) for v in range(len(model.value_ids)) for factor in FACTORS]
    weights = [stated * np.where(np.arange(len(stated)) == v, f, 1.0) for v, f in moves]
    with ThreadPoolExecutor(WORKERS, thread_name_prefix="tornado") as pool:
        best, *optima = pool.map(base.best, [stated, *weights])
    bars = []
    for v, vid in enumerate(model.value_ids):
        optimum, kept, changed, packages = [], [], [], []
        for k in range(len(FACTORS)):
            w, funding = weights[v * len(FACTORS) + k], optima[v * len(FACTORS) + k]
            optimum.append(score(model, funding, w).overall)
            kept.append(score(model, best, w).overall)
            moved = np.flatnonzero(np.abs(funding - best) > FUNDED)
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
    base_score = score(model, best, stated).overall
    bars = ranked(bars, lambda b: b.swing(base_score))  # ties: the order of [[values]]
    return Tornado(model, base_score, best, bars, time.perf_counter() - started)


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
