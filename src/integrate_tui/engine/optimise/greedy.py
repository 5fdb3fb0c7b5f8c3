"""A greedy value-for-money heuristic: an instant first answer and a yardstick for the MILP.

Start every activity at its lowest level, then repeatedly take the single move up (to any
higher level of one activity — jumping several steps lets an S-curve reach its payoff)
with the best gain per unit of scarcity-priced cost, as long as it fits every capacity and
silo max_share (a share of capacity); stop when no move gains. An activity no move gains on
stays at its lowest level: ties go to spending less. Gains count interactions with the partners'
current levels. The price of a resource is its scarcity (see `scarcity`) per unit of
capacity, so a unit of the tightest resource costs most. min_share floors are not sought,
only reported through `feasible`.

Then (`polish`, the default) a local search over levels improves the package: the best
improving change of one activity's level that keeps the rules (1-opt), else the best
improving pair of changes of two activities (2-opt), until neither exists (`_polish`;
measured in docs/optimiser.md §3). Up to RESTARTS_UP_TO activities both run again at other
resource prices and the best package is kept.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from integrate_tui.engine.compiled import Compiled
from integrate_tui.engine.optimise.constraints import (
    Options,
    capacities,
    package_meets,
    silo_resources,
)
from integrate_tui.engine.optimise.criteria import Criterion, integrated
from integrate_tui.engine.optimise.levels import Levels, level_grid, ranges
from integrate_tui.engine.score import Score, score
from integrate_tui.engine.ties import RTOL, first_max

TOLERANCE = 1e-9


@dataclass(frozen=True)
class GreedyResult:
    """The greedy package, its engine score, its criterion value and whether it meets every rule."""

    funding: np.ndarray
    score: Score
    value: float
    feasible: bool
    seconds: float


def scarcity(model: Compiled, capacity: np.ndarray | None = None) -> np.ndarray:
    """Per resource: use with every activity at max_funding over capacity (inf if none)."""
    cap = model.capacity if capacity is None else capacity
    demand = model.cost.T @ model.max_funding
    return np.divide(demand, cap, out=np.where(demand > 0, np.inf, 0.0), where=cap > 0)


def prices(model: Compiled, capacity: np.ndarray) -> np.ndarray:
    """Per resource: scarcity per unit of capacity, the greedy's exchange rate for cost."""
    ratio = np.nan_to_num(scarcity(model, capacity), posinf=1e6)
    return np.divide(ratio, capacity, out=np.full(len(ratio), 1e6), where=capacity > 0)


def _neighbours(
    n: int, pairs: np.ndarray, pc: np.ndarray
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Interactions by activity: start offsets, the partner and the coefficient of each."""
    ends = np.r_[pairs[:, 0], pairs[:, 1]].astype(np.intp)
    order = np.argsort(ends, kind="stable")
    start = np.r_[0, np.cumsum(np.bincount(ends, minlength=n))]
    return start, np.r_[pairs[:, 1], pairs[:, 0]][order], np.r_[pc, pc][order]


def greedy(
    model: Compiled,
    criterion: Criterion | None = None,
    options: Options | None = None,
    *,
    polish: bool = True,
) -> GreedyResult:
    """The greedy value-for-money package for a linear criterion (default: integrated), then
    (with `polish`) improved by local search (`_polish`), the best of the restarts at other
    resource prices at the workshop scale (`RESTARTS_UP_TO`)."""
    started = time.perf_counter()
    opts = options or Options()
    crit = criterion or integrated(model, opts.weights)
    lv = level_grid(model)
    cap = capacities(model, opts)
    a, b = crit.activity_terms(model)
    n = len(model.activity_ids)
    pairs = model.pairs.reshape(-1, 2)
    pc = model.effect * (a[pairs[:, 0]] + a[pairs[:, 1]])
    nb = _neighbours(n, pairs, pc)
    use = model.cost[lv.owner] * lv.funding[:, None]  # levels × resources
    caps, floors = _share_caps(model, opts, cap), _share_floors(model, opts, cap)
    base = prices(model, cap)
    touched = _touched(lv, nb)
    best: np.ndarray | None = None
    value = 0.0
    for scale in _scales(len(cap)) if polish and n <= RESTARTS_UP_TO else [np.ones(len(cap))]:
        price = use @ (base * scale)
        cur = _search(model, lv, a, b, use, price, cap, caps, floors, nb, touched, polish)
        g = lv.fraction[cur]
        found = float(a @ g + b @ lv.support[cur] + pc @ (g[pairs[:, 0]] * g[pairs[:, 1]]))
        if best is None or found > value + RTOL * max(abs(found), abs(value)):  # ties: earlier
            best, value = cur, found
    assert best is not None  # the first start always sets it
    funding = lv.funding[best]
    s = score(model, funding, opts.weights)
    return GreedyResult(
        funding, s, crit.read(s), package_meets(model, s, opts), time.perf_counter() - started
    )


RESTARTS_UP_TO = 100
"""Up to this many activities (the workshop scale, where greedy is the answer the room sees
first) the search runs again with each resource's price scaled by each of `SPREAD`, and the
best package is kept: the scarcity prices can misjudge which resource binds (30 activities,
seed 0: 1.42 % below the optimum with them, 0.40 % at best over the restarts). Above it one
run: Monte Carlo and consensus make many greedy packages there (docs/optimiser.md §3)."""
SPREAD = (0.25, 0.5, 2.0, 4.0)


def _touched(lv: Levels, nb: tuple[np.ndarray, np.ndarray, np.ndarray]) -> list[np.ndarray]:
    """Per activity: the levels whose gains change when it moves (its own and its partners')."""
    nb_start, nb_other, _ = nb
    touched = []
    for i in range(len(lv.start) - 1):
        moved = np.unique(np.r_[i, nb_other[nb_start[i] : nb_start[i + 1]]].astype(np.intp))
        touched.append(ranges(lv.start[moved], lv.count[moved])[0])
    return touched


def _scales(resources: int) -> list[np.ndarray]:
    """Price scales of the restarts: none first, then one resource's price scaled at a time."""
    scales = [np.ones(resources)]
    for r in range(resources):
        for factor in SPREAD:
            scale = np.ones(resources)
            scale[r] = factor
            scales.append(scale)
    return scales


def _search(
    model: Compiled,
    lv: Levels,
    a: np.ndarray,
    b: np.ndarray,
    use: np.ndarray,
    price: np.ndarray,
    cap: np.ndarray,
    caps: np.ndarray,
    floors: np.ndarray,
    nb: tuple[np.ndarray, np.ndarray, np.ndarray],
    touched: list[np.ndarray],
    polish: bool,
) -> np.ndarray:
    """The value-for-money pass from the lowest levels at these per-level prices, then (with
    `polish`) the local search; the flat level chosen for each activity."""
    n, owner = len(lv.start) - 1, lv.owner
    nb_start, nb_other, nb_pc = nb
    cur = lv.start[:-1].copy()
    g = lv.fraction[cur]
    slope = a + np.bincount(nb_other, nb_pc * g[np.repeat(np.arange(n), np.diff(nb_start))], n)
    used = use[cur].sum(axis=0)
    silo_used = np.zeros((len(model.silo_ids), len(cap)))
    np.add.at(silo_used, model.silo_of, use[cur])
    extra, ratio = np.empty_like(use), np.empty(lv.size)

    def move(k: int) -> None:
        """Move activity owner[k] to level k: its use, its silo's use and its partners' slopes."""
        i = owner[k]
        step = use[k] - use[cur[i]]
        used[:] += step
        silo_used[model.silo_of[i]] += step
        span = slice(nb_start[i], nb_start[i + 1])
        slope[nb_other[span]] += nb_pc[span] * (lv.fraction[k] - g[i])
        cur[i], g[i] = k, lv.fraction[k]

    def refresh(levels: np.ndarray) -> None:
        """Extra use and gain per unit of price of moving to these levels (−inf: no gain)."""
        at, who = cur[owner[levels]], owner[levels]
        gain = (lv.fraction[levels] - lv.fraction[at]) * slope[who]
        gain += b[who] * (lv.support[levels] - lv.support[at])
        extra[levels] = use[levels] - use[at]
        cost = np.maximum(price[levels] - price[at], TOLERANCE)
        rising = (lv.funding[levels] > lv.funding[at]) & (gain > TOLERANCE)
        ratio[levels] = np.where(rising, gain / cost, -np.inf)

    refresh(np.arange(lv.size))
    limit = cap * (1 + TOLERANCE) + TOLERANCE
    while True:
        top = ratio.max()
        if top == -np.inf:
            break
        # The tie rule of engine.ties: every live ratio is positive, so the largest
        # magnitude is `top`; of the tied best moves, the first activity in the file, its
        # lowest level.
        k = int(np.argmax(ratio >= top - RTOL * top))
        silo = model.silo_of[owner[k]]
        if np.any(used + extra[k] > limit) or np.any(
            silo_used[silo] + extra[k] > caps[silo] + TOLERANCE
        ):
            ratio[k] = -np.inf  # both limits only get tighter until its activity moves
            continue
        move(k)
        refresh(touched[owner[k]])
    if polish:
        _polish(model, lv, cur, slope, b, use, used, silo_used, cap, caps, floors, move, nb)
    return cur


def _share_caps(model: Compiled, opts: Options, cap: np.ndarray) -> np.ndarray:
    """Silos × resources: the most each silo may use, max_share × capacity, else inf."""
    caps = np.full((len(model.silo_ids), len(model.resource_ids)), np.inf)
    if opts.shares:
        for s, silo in enumerate(model.scenario.silos):
            if silo.max_share is not None:
                r = silo_resources(model, s)
                caps[s, r] = silo.max_share * cap[r] * (1 + TOLERANCE)
    return caps


def _share_floors(model: Compiled, opts: Options, cap: np.ndarray) -> np.ndarray:
    """Silos × resources: the least each silo must use, min_share × capacity, else 0."""
    floors = np.zeros((len(model.silo_ids), len(model.resource_ids)))
    if opts.shares:
        for s, silo in enumerate(model.scenario.silos):
            if silo.min_share is not None:
                r = silo_resources(model, s)
                floors[s, r] = silo.min_share * cap[r]
    return floors


PAIRED = 16
"""Local search: the best improving moves that do not fit alone, each tried with every other
activity's move that might pay for it (a 2-opt step)."""


def _polish(
    model: Compiled,
    lv: Levels,
    cur: np.ndarray,
    slope: np.ndarray,
    b: np.ndarray,
    use: np.ndarray,
    used: np.ndarray,
    silo_used: np.ndarray,
    cap: np.ndarray,
    caps: np.ndarray,
    floors: np.ndarray,
    move: Callable[[int], None],
    nb: tuple[np.ndarray, np.ndarray, np.ndarray],
) -> None:
    """Local search over levels from the greedy package: take the best improving change of one
    activity's level (1-opt) that keeps every capacity and silo share; when none is left, the
    best improving pair of changes of two activities (2-opt: one gains, the other frees what
    it needs); stop when neither exists. A silo below its min_share never sinks further, one
    above it never drops below. Every step gains, so the search ends."""
    owner, silo_of = lv.owner, model.silo_of
    limit = cap * (1 + TOLERANCE) + TOLERANCE
    nb_start, nb_other, nb_pc = nb
    while True:
        at = cur[owner]
        delta = lv.fraction - lv.fraction[at]
        gain = delta * slope[owner] + b[owner] * (lv.support - lv.support[at])
        extra = use - use[at]
        silo = silo_of[owner]
        lowest = np.minimum(floors, silo_used) - TOLERANCE
        after = silo_used[silo] + extra
        fits = (
            np.all(used + extra <= limit, axis=1)
            & np.all(after <= caps[silo] + TOLERANCE, axis=1)
            & np.all(after >= lowest[silo], axis=1)
        )
        alone = np.where(fits & (gain > TOLERANCE), gain, -np.inf)
        k = first_max(alone)  # tied best moves: the first activity in the file, lowest level
        if alone[k] > -np.inf:
            move(k)
            continue
        wanted = np.flatnonzero(~fits & (gain > TOLERANCE))
        if not len(wanted):
            return
        wanted = wanted[np.argsort(-gain[wanted], kind="stable")[:PAIRED]]
        helpers = np.flatnonzero(gain + gain[wanted[0]] > TOLERANCE)
        pair = _best_pair(
            wanted, helpers, gain, delta, extra, used, silo_used, limit, caps, lowest, lv, silo_of,
            nb_start, nb_other, nb_pc,
        )  # fmt: skip
        if pair is None:
            return
        move(pair[0])
        move(pair[1])


def _best_pair(
    wanted: np.ndarray,
    helpers: np.ndarray,
    gain: np.ndarray,
    delta: np.ndarray,
    extra: np.ndarray,
    used: np.ndarray,
    silo_used: np.ndarray,
    limit: np.ndarray,
    caps: np.ndarray,
    lowest: np.ndarray,
    lv: Levels,
    silo_of: np.ndarray,
    nb_start: np.ndarray,
    nb_other: np.ndarray,
    nb_pc: np.ndarray,
) -> tuple[int, int] | None:
    """The best improving pair (wanted level, helper level of another activity) that keeps
    every capacity and silo share together, or None; ties: the first in order."""
    owner = lv.owner
    n = len(lv.start) - 1
    ow, oh = owner[wanted], owner[helpers]
    partner = np.zeros((len(wanted), n))
    for row, i in enumerate(ow):
        span = slice(nb_start[i], nb_start[i + 1])
        np.add.at(partner[row], nb_other[span], nb_pc[span])
    total = gain[wanted][:, None] + gain[helpers][None, :]
    total += partner[:, oh] * delta[wanted][:, None] * delta[helpers][None, :]
    total[ow[:, None] == oh[None, :]] = -np.inf
    ew, eh = extra[wanted][:, None, :], extra[helpers][None, :, :]
    sw, sh = silo_of[ow], silo_of[oh]
    same = (sw[:, None] == sh[None, :])[:, :, None]
    at_w = silo_used[sw][:, None, :] + ew + same * eh
    at_h = silo_used[sh][None, :, :] + eh + same * ew
    fits = (
        np.all(used + ew + eh <= limit, axis=2)
        & np.all(at_w <= caps[sw][:, None, :] + TOLERANCE, axis=2)
        & np.all(at_h <= caps[sh][None, :, :] + TOLERANCE, axis=2)
        & np.all(at_w >= lowest[sw][:, None, :], axis=2)
        & np.all(at_h >= lowest[sh][None, :, :], axis=2)
    )
    total = np.where(fits, total, -np.inf)
    best = first_max(total.ravel())  # tied best pairs: the first worker move, then helper
    if not total.flat[best] > TOLERANCE:
        return None
    w, h = divmod(best, len(helpers))
    return int(wanted[w]), int(helpers[h])
