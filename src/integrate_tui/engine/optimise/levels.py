"""The level grid: the discrete fundings the optimiser may choose for each activity.

An activity's levels are min_funding, min_funding + step, … up to max_funding (max_funding
itself is added when it is not on the grid), plus its current funding when that is off the
grid, so that "keep it as it is" is always a choice. A locked activity has one level: its
current funding. On this grid every number the engine computes is a function of one
discrete choice per activity, which is what makes the optimisation an exact MILP.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from integrate_tui.engine.compiled import Compiled
from integrate_tui.engine.ties import tolerance

TOLERANCE = 1e-9

FUNDED = 1e-9
"""An activity counts as funded when its level is above min_funding by more than this."""


@dataclass(frozen=True)
class Levels:
    """All allowed fundings, flattened: level k is activity owner[k] at funding[k]."""

    owner: np.ndarray  # flat: the activity of each level
    funding: np.ndarray  # flat: the funding at each level
    fraction: np.ndarray  # flat: curve(funding), the realised fraction G
    support: np.ndarray  # flat: min(funding, 1), what direct support scales with
    start: np.ndarray  # activities + 1: levels of activity i are start[i]:start[i + 1]

    @property
    def count(self) -> np.ndarray:
        """Number of levels of each activity."""
        return np.diff(self.start)

    @property
    def size(self) -> int:
        """Number of levels of all activities together."""
        return len(self.funding)

    def package(self, chosen: np.ndarray) -> np.ndarray:
        """The funding vector of one chosen flat level index per activity."""
        return self.funding[chosen]

    def chosen(self, x: np.ndarray | None) -> np.ndarray:
        """The flat index of the selected level of each activity in a 0/1 vector over levels
        (`x` of a solution that has one: a solve without a package is refused before)."""
        if x is None:
            raise ValueError("no package to read levels from")
        return argmax_blocks(np.asarray(x, dtype=float)[: self.size], self.start)

    def bounds(self, values: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Per activity, the least and greatest of a flat per-level quantity."""
        return (
            np.minimum.reduceat(values, self.start[:-1]),
            np.maximum.reduceat(values, self.start[:-1]),
        )


def ranges(start: np.ndarray, count: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Concatenated ranges start[k] … start[k] + count[k] − 1, and the k of each entry."""
    which = np.repeat(np.arange(len(count)), count)
    offset = np.arange(int(count.sum())) - np.repeat(np.cumsum(count) - count, count)
    return start[which] + offset, which


def argmax_blocks(values: np.ndarray, start: np.ndarray) -> np.ndarray:
    """Flat index of the largest entry within each block start[i]:start[i + 1]; of entries
    tied with it (`engine.ties`), the first: the lowest level."""
    owner = np.repeat(np.arange(len(start) - 1), np.diff(start))
    top = np.maximum.reduceat(values, start[:-1])
    hit = np.flatnonzero(values >= top[owner] - tolerance(values))
    _, first = np.unique(owner[hit], return_index=True)
    return hit[first]


def activity_levels(min_f: float, max_f: float, step: float, current: float) -> list[float]:
    """The allowed fundings of one unlocked activity, ascending."""
    count = int(np.floor((max_f - min_f) / step + TOLERANCE))
    grid = [round(min_f + k * step, 12) for k in range(count + 1)]
    if max_f - grid[-1] > TOLERANCE:
        grid.append(max_f)
    if min(abs(current - g) for g in grid) > TOLERANCE:
        grid.append(current)
    return sorted(grid)


def level_grid(model: Compiled, hold: np.ndarray | None = None) -> Levels:
    """The level grid of a scenario; activities where `hold` is true keep their current funding."""
    fixed = model.locked if hold is None else (model.locked | hold)
    current = model.funding
    per_activity = [
        [float(current[i])]
        if fixed[i]
        else activity_levels(
            float(model.min_funding[i]),
            float(model.max_funding[i]),
            float(model.step[i]),
            float(current[i]),
        )
        for i in range(len(current))
    ]
    counts = np.array([len(levels) for levels in per_activity])
    owner = np.repeat(np.arange(len(counts)), counts)
    funding = np.array([f for levels in per_activity for f in levels])
    offset = np.arange(len(funding)) - np.repeat(np.r_[0, np.cumsum(counts)[:-1]], counts)
    width = int(counts.max())
    padded = np.repeat(current[:, None], width, axis=1)
    padded[owner, offset] = funding
    fraction = np.stack([model.curves(padded[:, j]) for j in range(width)], axis=1)
    return Levels(
        owner=owner,
        funding=funding,
        fraction=fraction[owner, offset],
        support=np.minimum(funding, 1.0),
        start=np.r_[0, np.cumsum(counts)],
    )
