"""Efficiency order: funding increments ranked by benefit per unit of the scarcest resource.

* scarcest resource  the one with the highest scarcity: use with every activity at
                     max_funding over capacity (see greedy.scarcity).
* increments         each activity starts at its lowest level (min_funding; locked ones stay
                     put). Its levels are points (cost, benefit): cost is its use of the
                     scarcest resource, benefit the change of the integrated score when it
                     alone moves there with every other activity at its current funding
                     (exact: the score is affine in one activity's fraction). Like
                     decision-conferencing tools, the levels are merged along the upper
                     convex hull of benefit against cost, so each increment has a lower
                     benefit/cost ratio than the one before; levels under the hull, and
                     anything past the hull's peak, are never worth it.
* order              all increments, highest ratio first (zero-cost increments first).
* curve              applying the increments in order from the start, the engine's integrated
                     score against the cumulative use of the scarcest resource.
* current            the current funding's use and score, and the curve's score at that use
                     (linear between curve points): the gap is what reordering could buy
                     for the same amount of the scarcest resource.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass

import numpy as np

from integrate_tui.engine.compiled import Compiled
from integrate_tui.engine.optimise.criteria import integrated
from integrate_tui.engine.optimise.greedy import scarcity
from integrate_tui.engine.optimise.levels import level_grid
from integrate_tui.engine.score import Score, score
from integrate_tui.engine.ties import first_max, ranked

TOLERANCE = 1e-12


@dataclass(frozen=True)
class Increment:
    """One step of the order: an activity from one funding to a higher one."""

    activity: str
    name: str
    start: float
    end: float
    cost: float  # of the scarcest resource
    benefit: float  # integrated-score points, partners at current funding

    @property
    def ratio(self) -> float:
        return self.benefit / self.cost if self.cost > TOLERANCE else np.inf


@dataclass(frozen=True)
class EfficiencyOrder:
    """Increments in order, the cumulative curve and where the current funding sits."""

    resource: str
    unit: str
    capacity: float
    increments: list[Increment]
    cost: np.ndarray  # cumulative use of the scarcest resource: start, then after each increment
    score: np.ndarray  # the engine's integrated score at the same points
    current_cost: float
    current_score: float
    curve_at_current: float  # the curve's score at the current cost

    @property
    def shortfall(self) -> float:
        """How far the current funding sits below the curve at the same cost."""
        return self.curve_at_current - self.current_score


def _hull(cost: np.ndarray, benefit: np.ndarray) -> list[int]:
    """Indices of the rising upper convex hull from point 0 (costs ascending)."""
    hull = [0]
    for k in range(1, len(cost)):
        if benefit[k] <= benefit[hull[-1]] + TOLERANCE:
            continue
        if cost[k] <= cost[hull[-1]] + TOLERANCE and len(hull) > 1:
            hull[-1] = k  # same cost, more benefit: replaces the last step's end
            continue
        while len(hull) >= 2:
            a, b = hull[-2], hull[-1]
            left = (benefit[b] - benefit[a]) * (cost[k] - cost[a])
            if left <= (benefit[k] - benefit[a]) * (cost[b] - cost[a]) + TOLERANCE:
                hull.pop()
            else:
                break
        hull.append(k)
    return hull


def efficiency_order(model: Compiled, weights: np.ndarray | None = None) -> EfficiencyOrder:
    """The efficiency order of a scenario under the given weights (default: the file's)."""
    lv = level_grid(model)
    r = first_max(scarcity(model))  # the scarcest resource; ties: the first in the file
    resource = model.scenario.resources[r]
    a, b = integrated(model, weights).activity_terms(model)
    current = score(model, model.funding, weights)
    slope = a.copy()
    if len(model.pairs):
        left, right = model.pairs[:, 0], model.pairs[:, 1]
        pc = model.effect * (a[left] + a[right])
        slope += np.bincount(left, pc * current.fraction[right], minlength=len(a))
        slope += np.bincount(right, pc * current.fraction[left], minlength=len(a))
    increments: list[Increment] = []
    for i, act in enumerate(model.scenario.activities):
        ks = np.arange(lv.start[i], lv.start[i + 1])  # ascending funding: ks[0] is the start
        cost = model.cost[i, r] * lv.funding[ks]
        benefit = slope[i] * lv.fraction[ks] + b[i] * lv.support[ks]
        order = np.r_[0, 1 + np.lexsort((-benefit[1:], cost[1:]))]  # start, then by cost
        ks, cost, benefit = ks[order], cost[order], benefit[order] - benefit[0]
        h = _hull(cost, benefit)
        for p, q in itertools.pairwise(h):
            increments.append(
                Increment(
                    act.id,
                    act.name,
                    float(lv.funding[ks[p]]),
                    float(lv.funding[ks[q]]),
                    float(cost[q] - cost[p]),
                    float(benefit[q] - benefit[p]),
                )
            )
    increments = ranked(increments, lambda c: c.ratio, lambda c: c.benefit)  # ties: file order
    return _curve(model, lv.funding[lv.start[:-1]], increments, r, weights, current, resource.unit)


def _curve(
    model: Compiled,
    start: np.ndarray,
    increments: list[Increment],
    r: int,
    weights: np.ndarray | None,
    current: Score,
    unit: str,
) -> EfficiencyOrder:
    """Apply the increments in order, scoring each step with the engine."""
    f = start.copy()
    costs, scores = [float(model.cost[:, r] @ f)], [score(model, f, weights).overall]
    index = model.index["activities"]
    for c in increments:
        f[index[c.activity]] = c.end
        costs.append(float(model.cost[:, r] @ f))
        scores.append(score(model, f, weights).overall)
    cost, curve = np.array(costs), np.array(scores)
    here = float(current.used[r])
    return EfficiencyOrder(
        resource=model.resource_ids[r],
        unit=unit,
        capacity=float(model.capacity[r]),
        increments=increments,
        cost=cost,
        score=curve,
        current_cost=here,
        current_score=current.overall,
        curve_at_current=float(np.interp(here, cost, curve)),
    )
