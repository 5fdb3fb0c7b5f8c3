"""Explanations: which activities, through which values, make up a number ("why is X at 41?").

Each explanation also says what the number's 0 and 100 mean (`meaning`) and warns
(`notes`) where interference has reversed an activity's impact (boost m_i < 0) or where no
value carries weight."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from integrate_tui.engine.compiled import Compiled
from integrate_tui.engine.score import Score
from integrate_tui.engine.ties import order, ranked

SUPPORT = "direct support"
NO_WEIGHT = "No value has a weight above 0, so the integrated score is 0 for every package."


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
    meaning: str = ""  # what 0 and 100 mean for this number, in plain words
    notes: tuple[str, ...] = ()  # warnings: reversed impacts, no weight at all

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


def value_meaning(model: Compiled, v: int) -> str:
    """What 0 and 100 mean for value v's score (its scale, docs/scoring.md §3)."""
    bound = float(model.value_bound[v])
    if bound <= 0:
        return "No activity that can be funded affects this value: it stays at 0."
    zero = "0 = no net effect (nothing that affects it is funded, or gains and harms cancel)"
    if model.value_declared[v]:
        hundred = f"100 = a realised impact of {bound:.4g}, as the file's `scale` declares"
    else:
        hundred = (
            f"100 = a realised impact of {bound:.4g}: every activity that can be funded at its "
            "most, with every interaction helping (no package within the budget reaches it)"
        )
    return f"{zero}; {hundred}; −100 = as much harm."


def interest_meaning(model: Compiled, k: int) -> str:
    """What 0 and 100 mean for interest k's satisfaction (docs/scoring.md §4)."""
    share, stake = float(model.support_share[k]), float(model.support_bound[k])
    cares = model.cares[k].sum() > 0
    if not cares and stake <= 0:
        return "This interest cares for no value and has no stake: it stays at 0."
    parts = []
    if cares:
        parts.append(f"{100 * (1 - share):.0f}% the values it cares for")
    if stake > 0:
        parts.append(f"{100 * share:.0f}% its direct stakes (adding up to {stake:.4g})")
    return (
        "0 = neutral; 100 = every value it cares for at 100 and all it backs fully funded, "
        f"nothing it opposes; made of {' and '.join(parts)}."
    )


def _reversed(score: Score, values: np.ndarray) -> tuple[str, ...]:
    """Notes on activities whose interference boost is below 0 and that affect `values`."""
    m = score.model
    hit = np.flatnonzero((score.boost < 0) & (np.abs(m.impact[:, values]).sum(axis=1) > 0))
    names = m.scenario.activities
    return tuple(
        f"Interference reverses {names[i].name}'s impact: its boost is {score.boost[i]:.2f}, "
        "so its impacts count with the opposite sign."
        for i in hit
    )


def explain_value(score: Score, value_id: str) -> Explanation:
    """A value score as the sum of each activity's realised contribution to it."""
    v = score.model.index["values"][value_id]
    table = score.contributions[:, [v]]
    return Explanation(
        f"value:{value_id}",
        float(score.values[v]),
        _drivers(score, table, [value_id]),
        _interactions(score, score.pair_points[:, v]),
        value_meaning(score.model, v),
        _reversed(score, np.array([v])),
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
        interest_meaning(m, k),
        _reversed(score, np.flatnonzero(m.cares[k] > 0)),
    )


def explain_overall(score: Score) -> Explanation:
    """The integrated score by activity and value, weighted by the value weights."""
    m = score.model
    table = score.contributions * score.weights[None, :]
    weighted = score.weights.sum() > 0
    notes = () if weighted else (NO_WEIGHT,)
    return Explanation(
        "overall",
        score.overall,
        _drivers(score, table, m.value_ids),
        _interactions(score, score.pair_overall),
        "The value scores averaged with the value weights: 0 = no net effect, 100 = every "
        "weighted value at its 100.",
        notes + _reversed(score, np.flatnonzero(score.weights > 0)),
    )


def explain_resource(score: Score, resource_id: str) -> Explanation:
    """A resource's use by activity (in the resource's unit, not score points)."""
    m = score.model
    r = m.index["resources"][resource_id]
    table = (m.cost[:, r] * score.funding)[:, None]
    return Explanation(
        f"resource:{resource_id}", float(score.used[r]), _drivers(score, table, [resource_id]), []
    )
