"""Scoring: one funding vector and one weight set in, every number the workbench shows out.

The formulas (documented with a worked example in docs/scoring.md):

* realised fraction   g_i = curve_i(f_i)
* interaction boost   m_i = 1 + Σ_j e_ij · g_j      (symmetric: e_ij = e_ji)
* raw value score     V_v = Σ_i impact_iv · g_i · m_i
* value score         S_v = 100 · V_v / B_v, B_v the value's scale (engine/scale.py)
* interest            I_k = (1 − σ_k) · Σ_v ĉ_kv S_v
                          + σ_k · 100 · Σ_i support_ik · min(f_i, 1) / D_k
* integrated score    O = Σ_v w_v S_v with w normalised to sum to 1 (all 0 when every
                      weight is 0: no value gets a weight nobody gave it)
* resources           used_r = Σ_i cost_ir · f_i, feasible when used_r ≤ capacity_r for all r
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from typing import Any

import numpy as np

from integrate_tui.engine.compiled import Compiled
from integrate_tui.engine.ties import tied_min

FEASIBILITY_TOLERANCE = 1e-9


def normalise(weights: np.ndarray) -> np.ndarray:
    """Weights scaled to sum to 1; all-zero weights count every entry equally (influence)."""
    w = np.asarray(weights, dtype=float)
    total = w.sum()
    return w / total if total > 0 else np.full(len(w), 1.0 / max(len(w), 1))


def value_weights(weights: np.ndarray) -> np.ndarray:
    """Value weights scaled to sum to 1; all 0 when every weight is 0 (none is invented)."""
    w = np.asarray(weights, dtype=float)
    total = w.sum()
    return w / total if total > 0 else np.zeros(len(w))


def _scaled(raw: np.ndarray, bound: np.ndarray) -> np.ndarray:
    return np.divide(100.0 * raw, bound, out=np.zeros_like(raw), where=bound > 0)


@dataclass(frozen=True, eq=False)
class Score:
    """The engine's answer for one funding and one weight set, with every contribution kept."""

    model: Compiled
    funding: np.ndarray
    raw_weights: np.ndarray  # as given
    weights: np.ndarray  # normalised to sum to 1 (all 0 when every raw weight is 0)
    fraction: np.ndarray  # g
    boost: np.ndarray  # m
    contributions: np.ndarray  # activities × values, in score points; columns sum to `values`
    values: np.ndarray
    interest_contributions: np.ndarray  # activities × interests, rows sum to `interests`
    interests: np.ndarray
    overall: float
    used: np.ndarray

    @property
    def capacity(self) -> np.ndarray:
        """Each resource's capacity (the model's)."""
        return self.model.capacity

    @cached_property
    def over(self) -> np.ndarray:
        """By how much each resource is over capacity (0 where it fits)."""
        return np.maximum(self.used - self.model.capacity, 0.0)

    @property
    def feasible(self) -> bool:
        """Whether every resource's use fits its capacity, up to float noise."""
        return bool(np.all(self.used <= self.model.capacity * (1 + FEASIBILITY_TOLERANCE) + 1e-12))

    @cached_property
    def pair_strength(self) -> np.ndarray:
        """How strongly each interaction fires: e_ij · g_i · g_j (negative for interference)."""
        p = self.model.pairs
        return self.model.effect * self.fraction[p[:, 0]] * self.fraction[p[:, 1]]

    @cached_property
    def pair_points(self) -> np.ndarray:
        """Interactions × values: what each interaction adds to each value score."""
        return self.pair_strength[:, None] * self.model.pair_scale

    @cached_property
    def pair_overall(self) -> np.ndarray:
        """What each interaction adds to the integrated score."""
        return self.pair_points @ self.weights

    @cached_property
    def activity_overall(self) -> np.ndarray:
        """Each activity's share of the integrated score (its weighted contributions)."""
        return self.contributions @ self.weights

    @cached_property
    def silo_used(self) -> np.ndarray:
        """Silos × resources: what each silo's activities use."""
        return silo_use(self.model, self.funding)

    @cached_property
    def silo_share(self) -> np.ndarray:
        """Silos × resources: each silo's share of what is used of each resource."""
        return np.divide(
            self.silo_used, self.used, out=np.zeros_like(self.silo_used), where=self.used > 0
        )

    @cached_property
    def silo_capacity_share(self) -> np.ndarray:
        """Silos × resources: each silo's use as a share of capacity, what min_share and
        max_share bound (0 where the capacity is 0)."""
        cap = self.model.capacity[None, :]
        return np.divide(self.silo_used, cap, out=np.zeros_like(self.silo_used), where=cap > 0)

    @cached_property
    def silo_values(self) -> np.ndarray:
        """Silos × values: the part of each value score that each silo's activities make."""
        return self.model.silo_matrix @ self.contributions

    @cached_property
    def silo_overall(self) -> np.ndarray:
        """Each silo's part of the integrated score."""
        return self.silo_values @ self.weights

    @cached_property
    def integration(self) -> Integration:
        """Synergy and interference realised within silos versus across them."""
        m = self.model
        pts = self.pair_overall
        cross = m.silo_of[m.pairs[:, 0]] != m.silo_of[m.pairs[:, 1]]
        syn, inter = pts > 0, pts < 0
        return Integration(
            synergy_within=float(pts[syn & ~cross].sum()),
            synergy_across=float(pts[syn & cross].sum()),
            interference_within=float(pts[inter & ~cross].sum()),
            interference_across=float(pts[inter & cross].sum()),
        )

    @cached_property
    def fairness(self) -> Fairness:
        """Worst-off interest, influence-weighted mean and spread of satisfaction."""
        m = self.model
        if not len(self.interests):
            return Fairness(None, 0.0, 0.0, 0.0)
        weight = normalise(m.influence)
        mean = float(weight @ self.interests)
        spread = float(np.sqrt(weight @ (self.interests - mean) ** 2))
        worst, *tied = (int(k) for k in tied_min(self.interests))
        others = tuple(m.interest_ids[k] for k in tied)
        return Fairness(m.interest_ids[worst], float(self.interests[worst]), mean, spread, others)


@dataclass(frozen=True)
class Integration:
    """Interaction effects in integrated-score points, split by whether they cross silos."""

    synergy_within: float
    synergy_across: float
    interference_within: float
    interference_across: float

    @property
    def index(self) -> float:
        """Share of realised synergy that crosses silos (0 … 1; 0 when none is realised)."""
        total = self.synergy_within + self.synergy_across
        return self.synergy_across / total if total > 0 else 0.0


@dataclass(frozen=True)
class Fairness:
    """How evenly satisfaction is spread across interests."""

    worst_off: str | None  # of interests tied for the lowest, the first in the file
    minimum: float
    weighted_mean: float
    spread: float
    tied: tuple[str, ...] = ()  # the other interests tied with it, in file order


def silo_use(model: Compiled, funding: np.ndarray) -> np.ndarray:
    """Silos × resources: what each silo's activities use at `funding`."""
    return model.silo_matrix @ (model.cost * np.asarray(funding, dtype=float)[:, None])


def boosts(
    g: np.ndarray, owner: np.ndarray, partner: np.ndarray, effect: np.ndarray, n: int
) -> np.ndarray:
    """Interaction boosts m = 1 + Σ e · g_partner, one per owner 0 … n−1 (each interaction
    listed once from each side)."""
    return 1.0 + np.bincount(owner, effect * g[partner], minlength=n)


@dataclass(frozen=True)
class UnitPoints:
    """Per activity, the points one unit of its realised impact g·m and of its backed funding
    min(f, 1) are worth: P_iv = value · g_i m_i; Q_ik = interest · g_i m_i + support · min(f_i, 1)
    (docs/scoring.md §3–§4, with the scales and shares folded in)."""

    value: np.ndarray  # activities × values: 100 · a_iv / B_v
    interest: np.ndarray  # activities × interests: (1 − σ_k) Σ_v ĉ_kv · 100 a_iv / B_v
    support: np.ndarray  # activities × interests: σ_k · 100 · t_ik / D_k

    @classmethod
    def of(cls, model: Compiled) -> UnitPoints:
        """The unit points of every activity of `model`."""
        value = _scaled(model.impact, model.value_bound[None, :])
        share = model.support_share
        interest = (value @ model.cares.T) * (1.0 - share)
        support = _scaled(model.support, model.support_bound[None, :]) * share
        return cls(value, interest, support)

    def rows(
        self, realised: np.ndarray, funding: np.ndarray, rows: Any = slice(None)
    ) -> tuple[np.ndarray, np.ndarray]:
        """Value points and interest points of some activities, from their g·m and funding."""
        r = realised[:, None]
        points = self.value[rows] * r
        backed = np.minimum(funding, 1.0)[:, None]
        return points, self.interest[rows] * r + self.support[rows] * backed


def score(
    model: Compiled, funding: np.ndarray | None = None, weights: np.ndarray | None = None
) -> Score:
    """Score a funding vector under a weight set (defaults: the scenario's own)."""
    f = model.funding if funding is None else np.asarray(funding, dtype=float)
    raw = model.default_weights if weights is None else np.asarray(weights, dtype=float)
    w = value_weights(raw)
    g = model.curves(f)
    a, b = model.pairs[:, 0], model.pairs[:, 1]
    both = np.concatenate([model.effect, model.effect])
    boost = boosts(g, np.concatenate([a, b]), np.concatenate([b, a]), both, len(g))
    contributions, interest_contributions = UnitPoints.of(model).rows(g * boost, f)
    values = contributions.sum(axis=0)
    return Score(
        model=model,
        funding=f,
        raw_weights=raw,
        weights=w,
        fraction=g,
        boost=boost,
        contributions=contributions,
        values=values,
        interest_contributions=interest_contributions,
        interests=interest_contributions.sum(axis=0),
        overall=float(values @ w),
        used=f @ model.cost,
    )
