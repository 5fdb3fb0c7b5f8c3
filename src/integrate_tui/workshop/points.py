"""Points allocation: each participant spreads 100 points over the values; points become weights."""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence

import numpy as np

from integrate_tui.engine import normalise
from integrate_tui.engine.ties import ranked
from integrate_tui.workshop.errors import WorkshopError

TOTAL = 100
_TOLERANCE = 1e-6


def points_problems(
    points: Mapping[str, object], values: Sequence[str], total: float = TOTAL
) -> list[str]:
    """Every reason an allocation is not valid: unknown values, bad numbers, a wrong sum."""
    problems: list[str] = []
    known = set(values)
    total_given = 0.0
    for value, amount in points.items():
        if value not in known:
            problems.append(f"unknown value {value!r} (known: {', '.join(values)})")
        elif isinstance(amount, bool) or not isinstance(amount, int | float):
            problems.append(f"{value}: points must be a number, not {amount!r}")
        elif not math.isfinite(amount):
            problems.append(f"{value}: points must be a finite number, not {amount}")
        elif amount < 0:
            problems.append(f"{value}: points cannot be negative ({amount:g})")
        else:
            total_given += amount
    if not problems and not math.isclose(total_given, total, abs_tol=_TOLERANCE):
        gap = total - total_given
        hint = f"{gap:g} left to give" if gap > 0 else f"{-gap:g} too many"
        problems.append(f"points must add up to {total:g}, not {total_given:g} ({hint})")
    return problems


def check_points(
    points: Mapping[str, object], values: Sequence[str], total: float = TOTAL
) -> dict[str, float]:
    """The allocation over every value (missing ones at 0), or `WorkshopError` with each problem."""
    problems = points_problems(points, values, total)
    if problems:
        raise WorkshopError(problems, title="Points allocation")
    return {v: float(points.get(v, 0.0)) for v in values}  # type: ignore[arg-type]


def points_to_weights(points: Mapping[str, float], values: Sequence[str]) -> dict[str, float]:
    """Points as weights summing to 1 over `values` (all zero: every value counts equally)."""
    weights = normalise(np.array([float(points.get(v, 0.0)) for v in values]))
    return dict(zip(values, weights.tolist(), strict=True))


def even_points(values: Sequence[str], total: int = TOTAL) -> dict[str, int]:
    """A starting allocation: whole points spread as evenly as possible, the first values first."""
    share, extra = divmod(total, len(values)) if values else (0, 0)
    return {v: share + (1 if i < extra else 0) for i, v in enumerate(values)}


def weights_to_points(
    weights: Mapping[str, float], values: Sequence[str], total: int = TOTAL
) -> dict[str, int]:
    """Weights as whole points summing to `total` (largest remainders round up).

    Equal remainders (by the tie rule of `engine.ties`) round up in the order of `values`.
    """
    given = sum(weights.get(v, 0.0) for v in values)
    if given <= 0:
        return even_points(values, total)
    exact = {v: total * weights.get(v, 0.0) / given for v in values}
    whole = {v: int(x) for v, x in exact.items()}
    short = total - sum(whole.values())
    for v in ranked(values, lambda v: exact[v] - whole[v])[:short]:
        whole[v] += 1
    return whole


def remaining(points: Mapping[str, float], total: float = TOTAL) -> float:
    """Points still to give (negative when too many are given)."""
    return total - sum(points.values())
