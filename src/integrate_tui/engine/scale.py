"""What 0 and 100 mean: each value's scale and each interest's stake scale, in one place.

A value score is S_v = 100 · V_v / B_v. B_v is the value's `scale` when the file declares
one (the raw impact that counts as 100), and otherwise the most the activities that *can*
be funded could add to it: each activity up to its **top** — the largest funding on its
step grid that fits every resource's capacity on its own (its own funding when locked) —
and every interaction at full strength, helping. An activity that no capacity admits, or
one locked at 0, has top 0 and so moves no scale: adding it changes no score.

An interest's direct support is scaled by D_k, its stakes up to each activity's top (at
most funding 1), and counts with the share σ_k = σ̄_k · min(1, D_k / FULL_STAKE): a stake
grows in from 0, so a tiny one moves satisfaction only a little (docs/scoring.md §3–§4).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from integrate_tui.engine.response import ResponseCurves

SUPPORT_SHARE = 1 / 3
"""Share of satisfaction from direct support for an interest that also cares for values,
once its stakes add up to FULL_STAKE."""
FULL_STAKE = 2.0
"""Stakes (|support| × funding, summed) at which direct support counts in full: one activity
backed or opposed at the strongest, ±2, at full funding."""
GRID_TOLERANCE = 1e-9
"""Slack on the step count, as the optimiser's level grid has (optimise/levels.py)."""
FIT_TOLERANCE = 1e-9
"""Relative slack on capacity, as `Score.feasible` has."""


@dataclass(frozen=True)
class Scales:
    """Per activity its top and reach; per value B_v; per interest D_k and σ_k."""

    top: np.ndarray  # activities: the largest funding that counts towards the scales
    reach: np.ndarray  # activities: the largest |fraction| on [0, top]
    value: np.ndarray  # values: the raw impact that counts as 100
    declared: np.ndarray  # values: whether the file declares the scale
    stake: np.ndarray  # interests: D_k, the stakes that count as 100 of direct support
    support_share: np.ndarray  # interests: σ_k


def tops(
    cost: np.ndarray,
    capacity: np.ndarray,
    min_funding: np.ndarray,
    max_funding: np.ndarray,
    step: np.ndarray,
    locked: np.ndarray,
    funding: np.ndarray,
) -> np.ndarray:
    """Per activity: the largest level of min_funding, min_funding + step, …, max_funding
    (max_funding included) whose cost fits every capacity on its own; min_funding when none
    does; its own funding when locked."""
    room = capacity * (1 + FIT_TOLERANCE) + 1e-12
    with np.errstate(divide="ignore"):
        limit = np.where(cost > 0, room[None, :] / np.where(cost > 0, cost, 1.0), np.inf)
    fits = limit.min(axis=1, initial=np.inf)
    steps = np.floor((np.minimum(fits, max_funding) - min_funding) / step + GRID_TOLERANCE)
    on_grid = np.round(min_funding + np.maximum(steps, 0.0) * step, 12)
    top = np.where(fits >= max_funding, max_funding, np.minimum(on_grid, max_funding))
    return np.where(locked, funding, top)


def scales(
    curves: ResponseCurves,
    top: np.ndarray,
    impact: np.ndarray,
    support: np.ndarray,
    cares: np.ndarray,
    pairs: np.ndarray,
    effect: np.ndarray,
    declared: np.ndarray,
) -> Scales:
    """The value scales (declared ones where given, `declared` NaN elsewhere), stake scales
    and support shares; `cares` is normalised per interest."""
    reach = curves.maximum(top)
    boost = np.ones(len(reach))
    if len(effect):
        np.add.at(boost, pairs[:, 0], np.abs(effect) * reach[pairs[:, 1]])
        np.add.at(boost, pairs[:, 1], np.abs(effect) * reach[pairs[:, 0]])
    bound = (np.abs(impact) * (reach * boost)[:, None]).sum(axis=0)
    given = ~np.isnan(declared)
    stake = (np.abs(support) * np.minimum(top, 1.0)[:, None]).sum(axis=0)
    full = np.where(cares.sum(axis=1) > 0, SUPPORT_SHARE, 1.0)
    return Scales(
        top=top,
        reach=reach,
        value=np.where(given, declared, bound),
        declared=given,
        stake=stake,
        support_share=full * np.minimum(1.0, stake / FULL_STAKE),
    )
