"""Ties toward the current funding: where an activity's level changes nothing, keep it.

An activity is *neutral* for a question when none of the expressions that make it up — the
objective and every criterion in its rows (the frontier's two criteria, `fair`'s interests)
— depends on its level: every level has the same coefficient (by the tie rule of
engine.ties) and no interaction term of it counts. The solver may return any level of a
neutral activity, so the answer is settled after the solve: each neutral activity in file
order goes back to its current funding if the package then still keeps every rule, or else
to its lowest level that does (ties toward spending less); if none does it stays where the
solver put it. The objective cannot move, so the optimum stays optimal.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from integrate_tui.engine.optimise.constraints import Options, package_meets
from integrate_tui.engine.optimise.formulation import Formulation
from integrate_tui.engine.score import score
from integrate_tui.engine.ties import tolerance

CURRENT = 1e-9
"""A level this close to the current funding is the current funding."""


def neutral(form: Formulation, expressions: Sequence[np.ndarray]) -> np.ndarray:
    """Per activity: whether no expression depends on its level."""
    lv = form.levels
    n = len(lv.start) - 1
    free = np.ones(n, dtype=bool)
    for coef in expressions:
        own = np.asarray(coef, dtype=float)[: form.size]
        tol = tolerance(own)
        levels = own[: lv.size]
        low, high = lv.bounds(levels)
        free &= high - low <= tol
        active = np.abs(own[lv.size :]) > tol
        pairs = form.side[form.z_pair[active]]
        free[pairs.ravel()] = False
    return free


def settle(
    form: Formulation,
    options: Options,
    chosen: np.ndarray,
    expressions: Sequence[np.ndarray],
) -> np.ndarray:
    """The chosen flat levels with every neutral activity moved as the module docstring says."""
    model, lv = form.model, form.levels
    current = model.funding
    out = np.asarray(chosen).copy()
    for i in np.flatnonzero(neutral(form, expressions)):
        block = np.arange(lv.start[i], lv.start[i + 1])
        at_current = block[np.abs(lv.funding[block] - current[i]) <= CURRENT]
        if out[i] in at_current:
            continue
        for level in [*at_current, *block]:
            if level == out[i]:
                break
            trial = out.copy()
            trial[i] = level
            if package_meets(model, score(model, lv.package(trial), options.weights), options):
                out = trial
                break
    return out
