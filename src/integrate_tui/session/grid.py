"""Funding and weight levels on the grids the workbench moves along.

Funding moves in an activity's `step` from its `min_funding`, clamped to
[`min_funding`, `max_funding`]; a bound that is off the grid is still reachable. Value weights
move in a tenth of the order of magnitude of the largest weight (1 for weights like 25, 18, 14;
0.1 for weights like 3 and 2), never below 0.
"""

from __future__ import annotations

import math
from collections.abc import Iterable

from integrate_tui.model import Activity

_EPS = 1e-9
_DIGITS = 10


def clean(x: float) -> float:
    """Round away binary noise (0.30000000000000004 → 0.3) so files and headlines stay tidy."""
    return round(x, _DIGITS) + 0.0


def snap(activity: Activity, level: float) -> float:
    """The grid level nearest to `level`, within the activity's bounds."""
    low, high, step = activity.min_funding, activity.max_funding, activity.step
    k = round((level - low) / step)
    nearest = min(max(low + k * step, low), high)
    return high if abs(high - level) < abs(nearest - level) else clean(nearest)


def nudge(activity: Activity, steps: int) -> float:
    """The level `steps` grid points away; from an off-grid level the first step lands on it."""
    low, step = activity.min_funding, activity.step
    position = (activity.funding - low) / step
    if steps > 0:
        k = math.floor(position + _EPS) + steps
    elif steps < 0:
        k = math.ceil(position - _EPS) + steps
    else:
        return activity.funding
    return clean(min(max(low + k * step, low), activity.max_funding))


def weight_step(weights: Iterable[float]) -> float:
    """A tenth of the order of magnitude of the largest weight (0.1 when all are zero)."""
    largest = max(weights, default=0.0)
    if largest <= 0:
        return 0.1
    return 10.0 ** (math.floor(math.log10(largest) + _EPS) - 1)


def nudge_weight(weight: float, step: float, steps: int) -> float:
    """`weight` moved by `steps` of `step`, onto the step grid and never below 0."""
    position = weight / step
    k = math.floor(position + _EPS) + steps if steps > 0 else math.ceil(position - _EPS) + steps
    return clean(max(k * step, 0.0))
