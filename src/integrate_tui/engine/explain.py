"""Explanations: which activities, through which values, make up a number ("why is X at 41?")."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from integrate_tui.engine.score import Score
from integrate_tui.engine.ties import order, ranked

SUPPORT = "direct support"


@dataclass(frozen=True)
class Driver:
    """One contribution to a number: an activity, the route it takes, and its points."""

    activity: str
    via: str  # a value id, or SUPPORT for an interest's direct stake
    points: float


@dataclass(frozen=True)
class Explanation:
    """A number and the contributions that make it up, largest first."""

    subject: str
    total: float
    drivers: list[Driver]
    interactions: list[tuple[str, str, float]]

    def top(self, n: int = 5) -> tuple[list[Driver], list[Driver]]:
        """The n strongest positive and n strongest negative drivers."""
        positive = [d for d in self.drivers if d.points > 0][:n]
        negative = ranked((d for d in self.drivers if d.points < 0), lambda d: -d.points)[:n]
        return positive, negative


def _drivers(score: Score, table: np.ndarray, vias: list[str]) -> list[Driver]:
    """Flatten activities × routes into drivers, dropping zeros, largest |points| first."""
    ids = score.model.activity_ids
    rows, cols = np.nonzero(np.abs(table) > 1e-12)
    drivers = [Driver(ids[i], vias[j], float(table[i, j])) for i, j in zip(rows, cols, strict=True)]
    return ranked(drivers, lambda d: abs(d.points))


def _interactions(score: Score, points: np.ndarray) -> list[tuple[str, str, float]]:
    ids, pairs = score.model.activity_ids, score.model.pairs
    ranking = order(np.abs(points))
    return [
        (ids[pairs[k, 0]], ids[pairs[k, 1]], float(points[k]))
        for k in ranking
        if abs(points[k]) > 1e-12
    ]


def explain_value(score: Score, value_id: str) -> Explanation:
    """A value score as the sum of each activity's realised contribution to it."""
    v = score.model.index["values"][value_id]
    table = score.contributions[:, [v]]
    return Explanation(
        f"value:{value_id}",
        float(score.values[v]),
        _drivers(score, table, [value_id]),
        _interactions(score, score.pair_points[:, v]),
    )


def explain_interest(score: Score, interest_id: str) -> Explanation:
    """An interest's satisfaction by activity and route: each value it cares for, or support."""
    m = score.model
    k = m.index["interests"][interest_id]
    share = m.support_share[k]
    through_values = score.contributions * m.cares[k][None, :] * (1.0 - share)
    direct = score.interest_contributions[:, k] - through_values.sum(axis=1)
    table = np.column_stack([through_values, direct])
    return Explanation(
        f"interest:{interest_id}",
        float(score.interests[k]),
        _drivers(score, table, [*m.value_ids, SUPPORT]),
        _interactions(score, (score.pair_points @ m.cares[k]) * (1.0 - share)),
    )


def explain_overall(score: Score) -> Explanation:
    """The integrated score by activity and value, weighted by the value weights."""
    m = score.model
    table = score.contributions * score.weights[None, :]
    return Explanation(
        "overall",
        score.overall,
        _drivers(score, table, m.value_ids),
        _interactions(score, score.pair_overall),
    )


def explain_resource(score: Score, resource_id: str) -> Explanation:
    """A resource's use by activity (in the resource's unit, not score points)."""
    m = score.model
    r = m.index["resources"][resource_id]
    table = (m.cost[:, r] * score.funding)[:, None]
    return Explanation(
        f"resource:{resource_id}", float(score.used[r]), _drivers(score, table, [resource_id]), []
    )
