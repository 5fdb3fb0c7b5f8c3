"""The integration dividend: what breaking silos buys, by value, interest and interaction.

* siloed      each silo optimises its own activities alone: the integrated score (same
              weights) counting only its activities and the interactions between two of
              them, within its allowance of each resource, every other silo's activities
              held where they are. A silo's allowance is its envelope (engine.envelopes:
              the explicit `envelope` where set, else its use at the current funding);
              when allowances add up to more than a resource's capacity they are scaled
              down to it in proportion, but never below the silo's obligations
              (min_funding and locked activities). The silos' choices together are then
              scored by the full engine, cross-silo synergies and interferences included.
* integrated  the best package with the same pooled resources (the sum of allowances), the
              same grid and weights: so the dividend measures pooling and cross-silo
              interactions, not spare capacity. Silo min/max shares apply to neither.
* dividend    integrated − siloed: overall, per value, per interest (the engine's ledger
              from siloed to integrated), and per cross-silo interaction (difference of its
              contribution to the integrated score); `reallocation` is the part of the
              overall dividend not carried by any interaction.
"""

from __future__ import annotations

import time
from dataclasses import dataclass

import numpy as np

from integrate_tui.engine.compiled import Compiled
from integrate_tui.engine.envelopes import envelopes, obligations
from integrate_tui.engine.ledger import Change, Ledger, diff
from integrate_tui.engine.optimise.constraints import Options
from integrate_tui.engine.optimise.core import setup
from integrate_tui.engine.optimise.criteria import integrated
from integrate_tui.engine.score import Score, score


@dataclass(frozen=True)
class Dividend:
    """Siloed against integrated allocation, and what the difference is made of."""

    siloed: Score
    integrated: Score
    allowance: np.ndarray  # silos × resources
    ledger: Ledger  # from siloed to integrated
    cross_silo: list[Change]  # cross-silo interactions whose contribution moved, largest first
    gap: float  # the largest relative MIP gap among the solves
    seconds: float

    @property
    def overall(self) -> float:
        """Integrated minus siloed integrated score."""
        return self.integrated.overall - self.siloed.overall

    @property
    def interactions(self) -> float:
        """The part of the dividend carried by interactions: synergy won, interference avoided."""
        return float(self.integrated.pair_overall.sum() - self.siloed.pair_overall.sum())

    @property
    def reallocation(self) -> float:
        """Overall dividend not carried by interactions: moving resources to better uses."""
        return self.overall - self.interactions

    @property
    def cross_silo_total(self) -> float:
        """What the cross-silo interactions that moved add up to."""
        return sum(c.delta for c in self.cross_silo)


def allowances(model: Compiled, capacity: np.ndarray | None = None) -> np.ndarray:
    """Silos × resources: each silo's envelope, scaled into capacity, never below obligations."""
    cap = model.capacity if capacity is None else capacity
    env = envelopes(model, model.funding)
    total = env.sum(axis=0)
    scale = np.divide(cap, total, out=np.ones_like(total), where=total > cap)
    return np.maximum(env * np.minimum(scale, 1.0)[None, :], obligations(model))


def dividend(model: Compiled, options: Options | None = None) -> Dividend:
    """Siloed and integrated optima side by side (options: weights, gap, time limit)."""
    started = time.perf_counter()
    opts = options or Options()
    allow = allowances(model, opts.capacity)
    crit = integrated(model, opts.weights)
    current = model.funding
    siloed = current.copy()
    gaps = []
    for s in range(len(model.silo_ids)):
        mine = model.silo_of == s
        if not mine.any():
            continue
        others = (model.cost[~mine] * current[~mine, None]).sum(axis=0)
        sub = Options(
            weights=opts.weights,
            gap=opts.gap,
            time_limit=opts.time_limit,
            capacity=allow[s] + others,
            shares=False,
        )
        base = setup(model, sub, hold=~mine)
        coef, constant = base.expression(crit, mine)
        sol = base.maximise(coef, constant)
        siloed[mine] = base.package(sol, coef)[mine]
        gaps.append(sol.gap)
    pooled = Options(
        weights=opts.weights,
        gap=opts.gap,
        time_limit=opts.time_limit,
        capacity=allow.sum(axis=0),
        shares=False,
    )
    base = setup(model, pooled)
    coef, constant = base.expression(crit)
    sol = base.maximise(coef, constant)
    gaps.append(sol.gap)
    before = score(model, siloed, opts.weights)
    after = score(model, base.package(sol, coef), opts.weights)
    ledger = diff(before, after)
    ids = model.activity_ids
    cross = {f"{ids[a]} + {ids[b]}" for a, b in model.pairs if model.silo_of[a] != model.silo_of[b]}
    return Dividend(
        siloed=before,
        integrated=after,
        allowance=allow,
        ledger=ledger,
        cross_silo=[c for c in ledger.interactions if c.id in cross],
        gap=max(gaps),
        seconds=time.perf_counter() - started,
    )
