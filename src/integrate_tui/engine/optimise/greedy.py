"""A greedy value-for-money heuristic: an instant first answer and a yardstick for the MILP.

Start every activity at its lowest level, then repeatedly take the single move up (to any
higher level of one activity — jumping several steps lets an S-curve reach its payoff)
with the best gain per unit of scarcity-priced cost, as long as it fits every capacity and
silo max_share (a share of capacity); stop when no move gains. An activity no move gains on
stays at its lowest level: ties go to spending less. Gains count interactions with the partners'
current levels. The price of a resource is its scarcity (see `scarcity`) per unit of
capacity, so a unit of the tightest resource costs most. min_share floors are not sought,
only reported through `feasible`.
"""

from __future__ import annotations

import time
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
from integrate_tui.engine.optimise.levels import level_grid, ranges
from integrate_tui.engine.score import Score, score
from integrate_tui.engine.ties import RTOL

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


def _neighbours(n: int, pairs: np.ndarray, pc: np.ndarray) -> tuple[np.ndarray, ...]:
    """Interactions by activity: start offsets, the partner and the coefficient of each."""
    ends = np.r_[pairs[:, 0], pairs[:, 1]].astype(np.intp)
    order = np.argsort(ends, kind="stable")
    start = np.r_[0, np.cumsum(np.bincount(ends, minlength=n))]
    return start, np.r_[pairs[:, 1], pairs[:, 0]][order], np.r_[pc, pc][order]


def greedy(
    model: Compiled, criterion: Criterion | None = None, options: Options | None = None
) -> GreedyResult:
    """The greedy value-for-money package for a linear criterion (default: integrated)."""
    started = time.perf_counter()
    opts = options or Options()
    crit = criterion or integrated(model, opts.weights)
    lv = level_grid(model)
    cap = capacities(model, opts)
    a, b = crit.activity_terms(model)
    n, owner = len(model.activity_ids), lv.owner
    pairs = model.pairs.reshape(-1, 2)
    pc = model.effect * (a[pairs[:, 0]] + a[pairs[:, 1]])
    nb_start, nb_other, nb_pc = _neighbours(n, pairs, pc)
    use = model.cost[owner] * lv.funding[:, None]  # levels × resources
    price = use @ prices(model, cap)
    caps = _share_caps(model, opts, cap)
    cur = lv.start[:-1].copy()
    g = lv.fraction[cur]
    slope = a + np.bincount(nb_other, nb_pc * g[np.repeat(np.arange(n), np.diff(nb_start))], n)
    used = use[cur].sum(axis=0)
    silo_used = np.zeros((len(model.silo_ids), len(cap)))
    np.add.at(silo_used, model.silo_of, use[cur])
    extra, ratio = np.empty_like(use), np.empty(lv.size)

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
    while True:
        top = ratio.max()
        if top == -np.inf:
            break
        # The tie rule of engine.ties: every live ratio is positive, so the largest magnitude
        # is `top`; of the tied best moves, the first activity in the file, its lowest level.
        k = int(np.argmax(ratio >= top - RTOL * top))
        i = owner[k]
        over_capacity = np.any(used + extra[k] > cap * (1 + TOLERANCE) + TOLERANCE)
        silo = model.silo_of[i]
        if over_capacity or np.any(silo_used[silo] + extra[k] > caps[silo] + TOLERANCE):
            ratio[k] = -np.inf  # both limits only get tighter until activity i moves
            continue
        used += extra[k]
        silo_used[model.silo_of[i]] += extra[k]
        partners = nb_other[nb_start[i] : nb_start[i + 1]]
        slope[partners] += nb_pc[nb_start[i] : nb_start[i + 1]] * (lv.fraction[k] - g[i])
        cur[i], g[i] = k, lv.fraction[k]
        moved = np.unique(np.r_[i, partners].astype(np.intp))
        refresh(ranges(lv.start[moved], lv.count[moved])[0])
    funding = lv.funding[cur]
    s = score(model, funding, opts.weights)
    return GreedyResult(
        funding, s, crit.read(s), package_meets(model, s, opts), time.perf_counter() - started
    )


def _share_caps(model: Compiled, opts: Options, cap: np.ndarray) -> np.ndarray:
    """Silos × resources: the most each silo may use, max_share × capacity, else inf."""
    caps = np.full((len(model.silo_ids), len(model.resource_ids)), np.inf)
    if opts.shares:
        for s, silo in enumerate(model.scenario.silos):
            if silo.max_share is not None:
                r = silo_resources(model, s)
                caps[s, r] = silo.max_share * cap[r] * (1 + TOLERANCE)
    return caps
