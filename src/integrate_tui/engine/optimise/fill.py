"""Best-use fill: the optimiser fills silos' envelopes for the weights, every other silo held.

Definitions (also in docs/rebalance.md):

* free        the unlocked activities of the silos being filled; every other activity keeps
              its current funding, so interactions with other silos count at their level.
* objective   the integrated score under the weights, every interaction counted (the
              engine's, exactly: the MILP of formulation.py on the level grid).
* bounds      per (silo, resource): the silo's activities use at most that amount.
* limits      the total use of each resource stays within max(capacity, current use): a fill
              never makes an overrun worse (the bundled scenario is already over on staff).
* shares      silo min/max shares do not apply: the envelopes are the allocation.
* priorities  lexicographic tie-breaking among optimal packages: for each priority silo in
              order, its part of the integrated score (`Score.silo_overall`) is maximised
              while the integrated score and every earlier priority silo's part keep what
              they reached, less PRIORITY_TOLERANCE points.
"""

from __future__ import annotations

import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np

from integrate_tui.engine.compiled import Compiled
from integrate_tui.engine.optimise.constraints import Options
from integrate_tui.engine.optimise.core import Setup, remaining, setup, status
from integrate_tui.engine.optimise.criteria import Criterion, integrated
from integrate_tui.engine.optimise.program import DEFAULT_GAP, Program
from integrate_tui.engine.score import Score, score

PRIORITY_TOLERANCE = 1e-6
"""Points a priority stage may give up of what earlier stages reached: more than HiGHS's row
tolerance, so the earlier stage's package stays allowed."""
BOUND_TOLERANCE = 1e-9
"""Relative slack on an envelope, so a level whose use equals it exactly is not cut by noise."""


@dataclass(frozen=True)
class Fill:
    """The filled funding and how it was proven."""

    funding: np.ndarray
    status: str  # "optimal" or "time limit: best found"
    gap: float  # the largest relative MIP gap among the stages
    solves: int


@dataclass(frozen=True)
class SiloPart(Criterion):
    """One silo's part of the integrated score: its activities' terms and their side of pairs."""

    silo: int = 0

    def activity_terms(self, model: Compiled) -> tuple[np.ndarray, np.ndarray]:
        """The integrated score's coefficients, kept only on the silo's activities."""
        a, b = super().activity_terms(model)
        mine = model.silo_of == self.silo
        return np.where(mine, a, 0.0), np.where(mine, b, 0.0)

    def read(self, s: Score) -> float:
        """The silo's part of the integrated score as the engine computes it."""
        return float(s.silo_overall[self.silo])


def silo_part(model: Compiled, silo: int, weights: np.ndarray | None = None) -> SiloPart:
    """The criterion "silo's part of the integrated score" under the weights."""
    whole = integrated(model, weights)
    name = f"{model.scenario.silos[silo].name}'s part of the integrated score"
    return SiloPart(f"silo:{model.silo_ids[silo]}", name, whole.values, whole.support, silo)


def limits(model: Compiled, funding: np.ndarray) -> np.ndarray:
    """Per resource: what a fill may use in total, max(capacity, current use)."""
    return np.maximum(model.capacity, model.cost.T @ funding)


def best_fill(
    model: Compiled,
    silos: Sequence[int],
    bounds: Mapping[tuple[int, int], float],
    *,
    weights: np.ndarray | None = None,
    priorities: Sequence[int] = (),
    capacity: np.ndarray | None = None,
    gap: float = DEFAULT_GAP,
    time_limit: float | None = None,
) -> Fill:
    """The best funding of the silos' activities within `bounds`, the model's funding elsewhere.

    `capacity` replaces the default `limits`; raises `Infeasible` naming the rules that clash.
    """
    started = time.perf_counter()
    free = np.isin(model.silo_of, list(silos))
    cap = limits(model, model.funding) if capacity is None else capacity
    opts = Options(weights=weights, gap=gap, time_limit=time_limit, capacity=cap, shares=False)
    base = setup(model, opts, hold=~free)
    _add_bounds(base, bounds)
    whole = integrated(model, weights)
    sols = [base.maximise(*base.expression(whole))]
    funding = base.package(sols[0])
    stages: list[Criterion] = [whole]
    prog = base.prog
    for p in priorities:
        if not _can_move(model, free, p):
            continue
        prog = _keep(base, prog, stages[-1], score(model, funding, weights))
        stages.append(silo_part(model, p, weights))
        sol = prog.solve(
            *base.expression(stages[-1]), time_limit=remaining(time_limit, started), gap=gap
        )
        if sol.x is None:  # at the edge of the feasible set: the last package stands
            break
        sols.append(sol)
        funding = base.package(sol)
    return Fill(funding, status(sols), max(s.gap for s in sols), len(sols))


def _add_bounds(base: Setup, bounds: Mapping[tuple[int, int], float]) -> None:
    """One named row per (silo, resource) bound."""
    model, use = base.model, base.form.usage()
    owner_silo = model.silo_of[base.levels.owner]
    for (s, r), amount in bounds.items():
        res = model.scenario.resources[r]
        name = f"envelope of {model.scenario.silos[s].name}: {amount:g} {res.unit} of {res.name}"
        slack = BOUND_TOLERANCE * max(abs(amount), 1.0)
        base.prog.add_row(name, use[r] * (owner_silo == s), -np.inf, amount + slack)


def _keep(base: Setup, prog: Program, stage: Criterion, reached: Score) -> Program:
    """A copy of `prog` where the stage's criterion keeps what the package reached."""
    coef, constant = base.expression(stage)
    kept = prog.copy()
    least = stage.read(reached) - PRIORITY_TOLERANCE
    kept.add_row(f"keep: {stage.name}", coef, least - constant, np.inf)
    return kept


def _can_move(model: Compiled, free: np.ndarray, silo: int) -> bool:
    """Whether a silo's part of the score depends on the free activities at all."""
    mine = model.silo_of == silo
    if (mine & free).any():
        return True
    a, b = model.pairs[:, 0], model.pairs[:, 1]
    return bool(np.any((mine[a] & free[b]) | (mine[b] & free[a])))
