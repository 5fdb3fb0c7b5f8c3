"""Marginal value of each silo's envelope: exact finite differences with the optimiser.

For silo s and resource r with a step δ_r (a round number near STEP_SHARE of the capacity):

    marginal(s, r) = O(best fill of s with envelope_sr + δ_r) − O(best fill of s with envelope_sr)

where a best fill (fill.py) optimises only s's activities, every other activity held, within
the silo's envelope of r and its explicit envelopes of the other resources, the total use of
each resource within max(capacity, current use) — raised by δ_r for r, since the extra comes
from elsewhere. O is the engine's integrated score; each interest's rise is read from the
same two packages. The first fill's package is allowed in the second, so when the second
solve (within the MIP gap) scores lower, the first package stands and the rise is 0.

Why not LP duals: the level grid makes the optimum a step function of an envelope, and the
relaxed LP's dual prices the relaxation, not a package anyone can fund. Finite differences
answer the room's question exactly ("what would the next 50 kUSD buy here?") for the price
of two solves per silo and resource: a few hundred milliseconds at workshop scale.
"""

from __future__ import annotations

import math
import time
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import numpy as np

from integrate_tui.engine.compiled import Compiled
from integrate_tui.engine.envelopes import envelopes
from integrate_tui.engine.optimise.fill import best_fill, limits
from integrate_tui.engine.score import Score, score
from integrate_tui.engine.ties import best, first_max, ranked

STEP_SHARE = 0.02
"""The default step is the round number (1, 2 or 5 × 10^k) nearest to this share of capacity."""
MARGINAL_GAP = 1e-6
"""Relative MIP gap of the marginal solves: tight, since two optima are subtracted."""


@dataclass(frozen=True)
class Marginal:
    """What δ more of a resource in one silo's envelope would add, filled at best."""

    silo: str
    resource: str
    step: float  # δ, in the resource's unit
    unit: str
    overall: float  # rise of the integrated score, in points, for δ more
    interests: np.ndarray  # rise of each interest's satisfaction, in points, for δ more

    @property
    def per_unit(self) -> float:
        """Points of the integrated score per one unit of the resource."""
        return self.overall / self.step

    def describe(self, digits: int = 1) -> str:
        """E.g. "+0.8 points per 50 kUSD"."""
        return f"{self.overall:+.{digits}f} points per {self.step:g} {self.unit}".rstrip()


@dataclass(frozen=True)
class Marginals:
    """Every silo's marginal value of every resource its activities can use."""

    model: Compiled
    values: dict[tuple[str, str], Marginal]  # (silo id, resource id) → marginal value
    steps: dict[str, float]  # resource id → δ
    seconds: float
    solves: int

    def best(self, resource: str) -> Marginal | None:
        """Where δ more of a resource would do the most good (None when nowhere; tied: the
        first silo in the file)."""
        found = [m for (_, r), m in self.values.items() if r == resource and m.overall > 0]
        return best(found, lambda m: m.overall)


def round_step(amount: float) -> float:
    """The number 1, 2 or 5 × 10^k nearest to `amount` on a log scale; of two as near, the
    smaller."""
    if amount <= 0:
        return 1.0
    power = 10.0 ** math.floor(math.log10(amount))
    steps = [k * power for k in (1, 2, 5, 10)]
    return steps[first_max([-abs(math.log(x / amount)) for x in steps])]


def default_steps(model: Compiled, funding: np.ndarray) -> dict[str, float]:
    """Per resource, δ: a round number near STEP_SHARE of its capacity (or of its use)."""
    used = model.cost.T @ funding
    scale = np.where(model.capacity > 0, model.capacity, used)
    return {
        rid: round_step(STEP_SHARE * float(x))
        for rid, x in zip(model.resource_ids, scale, strict=True)
    }


def marginal_values(
    model: Compiled,
    weights: np.ndarray | None = None,
    steps: Mapping[str, float] | None = None,
    *,
    gap: float = MARGINAL_GAP,
    time_limit: float | None = None,
) -> Marginals:
    """Marginal values at the model's current funding (silos whose activities are all locked,
    and resources a silo's free activities never use, are left out: they are 0)."""
    started = time.perf_counter()
    delta = default_steps(model, model.funding) | dict(steps or {})
    env = envelopes(model, model.funding)
    found: dict[tuple[str, str], Marginal] = {}
    solves = 0
    for s, silo in enumerate(model.scenario.silos):
        free = (model.silo_of == s) & ~model.locked
        explicit = {(s, model.index["resources"][k]): v for k, v in silo.envelope.items()}
        for r, res in enumerate(model.scenario.resources):
            if not np.any(model.cost[free, r] * model.max_funding[free] > 0):
                continue
            step = delta[res.id]
            low, high, count = _rise(
                model,
                s,
                r,
                explicit | {(s, r): float(env[s, r])},
                step,
                weights=weights,
                gap=gap,
                time_limit=time_limit,
            )
            solves += count
            rise = high.interests - low.interests
            found[silo.id, res.id] = Marginal(
                silo.id, res.id, step, res.unit, high.overall - low.overall, rise
            )
    return Marginals(model, found, delta, time.perf_counter() - started, solves)


def _rise(
    model: Compiled,
    s: int,
    r: int,
    bounds: dict[tuple[int, int], float],
    step: float,
    **solver: Any,
) -> tuple[Score, Score, int]:
    """Engine scores of silo s's best fill within `bounds`, and with `step` more of r; solves."""
    extra = np.zeros(len(model.capacity))
    extra[r] = step
    cap = limits(model, model.funding)
    low = best_fill(model, (s,), bounds, capacity=cap, **solver)
    more = bounds | {(s, r): bounds[s, r] + step}
    high = best_fill(model, (s,), more, capacity=cap + extra, **solver)
    weights = solver.get("weights")
    before, after = score(model, low.funding, weights), score(model, high.funding, weights)
    # the first package is allowed in the second problem: it stands when the solve found worse
    kept = ranked([after, before], lambda x: x.overall)[0]  # tied: the second solve's package
    return before, kept, low.solves + high.solves
