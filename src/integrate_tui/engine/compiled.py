"""A scenario turned into arrays once, so that re-scoring is only vectorised numpy work."""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from integrate_tui.engine.response import ResponseCurves
from integrate_tui.model import Scenario

SUPPORT_SHARE = 1 / 3
"""Share of an interest's satisfaction that comes from direct support, when it has both."""


@dataclass(frozen=True)
class Compiled:
    """Index maps and matrices of one scenario; weights and funding stay outside, as inputs."""

    scenario: Scenario
    activity_ids: list[str]
    value_ids: list[str]
    interest_ids: list[str]
    resource_ids: list[str]
    silo_ids: list[str]
    impact: np.ndarray  # activities × values, −5 … +5 at full funding
    cost: np.ndarray  # activities × resources, at funding 1.0
    support: np.ndarray  # activities × interests, −2 … +2
    cares: np.ndarray  # interests × values, rows sum to 1 (or 0 when an interest cares for none)
    influence: np.ndarray  # interests
    capacity: np.ndarray  # resources
    silo_of: np.ndarray  # activity → silo index
    pairs: np.ndarray  # interactions × 2 activity indices
    effect: np.ndarray  # interactions, −1 … +1
    curves: ResponseCurves
    min_funding: np.ndarray
    max_funding: np.ndarray
    step: np.ndarray
    locked: np.ndarray
    default_weights: np.ndarray  # values, as written in the file (not normalised)
    value_bound: np.ndarray  # values: the most |raw score| the activities could ever reach
    support_bound: np.ndarray  # interests: the most |direct support| reachable
    support_share: np.ndarray  # interests: share of satisfaction from direct support
    silo_matrix: np.ndarray  # silos × activities, 1 where the silo owns the activity
    pair_scale: np.ndarray  # interactions × values: score points per unit of pair strength
    index: dict[str, dict[str, int]] = field(default_factory=dict)

    @property
    def funding(self) -> np.ndarray:
        """The scenario's current funding vector (a fresh array each time, free to change)."""
        return np.array([a.funding for a in self.scenario.activities], dtype=float)

    def funding_from(self, levels: dict[str, float]) -> np.ndarray:
        """The current funding with some activities set by id."""
        f = self.funding
        for activity_id, level in levels.items():
            f[self.index["activities"][activity_id]] = level
        return f

    def weights_from(self, weights: dict[str, float]) -> np.ndarray:
        """The file's value weights with some replaced by id (not normalised)."""
        w = self.default_weights.copy()
        for value_id, weight in weights.items():
            w[self.index["values"][value_id]] = weight
        return w


def compile_scenario(s: Scenario) -> Compiled:
    """Build the arrays of a validated scenario (ids are known to be consistent)."""
    index = {
        "activities": {a.id: i for i, a in enumerate(s.activities)},
        "values": {v.id: i for i, v in enumerate(s.values)},
        "interests": {k.id: i for i, k in enumerate(s.interests)},
        "resources": {r.id: i for i, r in enumerate(s.resources)},
        "silos": {x.id: i for i, x in enumerate(s.silos)},
    }
    n, nv, nk, nr = len(s.activities), len(s.values), len(s.interests), len(s.resources)
    impact, cost, support = np.zeros((n, nv)), np.zeros((n, nr)), np.zeros((n, nk))
    for i, a in enumerate(s.activities):
        for key, x in a.impact.items():
            impact[i, index["values"][key]] = x
        for key, x in a.cost.items():
            cost[i, index["resources"][key]] = x
        for key, x in a.support.items():
            support[i, index["interests"][key]] = x
    cares = np.zeros((nk, nv))
    for k, interest in enumerate(s.interests):
        for key, x in interest.cares.items():
            cares[k, index["values"][key]] = x
    totals = cares.sum(axis=1, keepdims=True)
    cares = np.divide(cares, totals, out=np.zeros_like(cares), where=totals > 0)
    pairs = np.array(
        [
            [index["activities"][x.between[0]], index["activities"][x.between[1]]]
            for x in s.interactions
        ],
        dtype=np.intp,
    ).reshape(-1, 2)
    effect = np.array([x.effect for x in s.interactions], dtype=float)
    curves = ResponseCurves([a.response for a in s.activities])
    max_funding = np.array([a.max_funding for a in s.activities])
    reach = curves.maximum(max_funding)
    value_bound, support_bound = _bounds(impact, support, reach, pairs, effect, max_funding)
    silo_of = np.array([index["silos"][a.silo] for a in s.activities], dtype=np.intp)
    has_cares, has_support = totals[:, 0] > 0, support_bound > 0
    share = np.where(has_support, np.where(has_cares, SUPPORT_SHARE, 1.0), 0.0)
    return Compiled(
        scenario=s,
        activity_ids=list(index["activities"]),
        value_ids=list(index["values"]),
        interest_ids=list(index["interests"]),
        resource_ids=list(index["resources"]),
        silo_ids=list(index["silos"]),
        impact=impact,
        cost=cost,
        support=support,
        cares=cares,
        influence=np.array([k.influence for k in s.interests], dtype=float),
        capacity=np.array([r.capacity for r in s.resources], dtype=float),
        silo_of=silo_of,
        pairs=pairs,
        effect=effect,
        curves=curves,
        min_funding=np.array([a.min_funding for a in s.activities]),
        max_funding=max_funding,
        step=np.array([a.step for a in s.activities]),
        locked=np.array([a.locked for a in s.activities], dtype=bool),
        default_weights=np.array([v.weight for v in s.values], dtype=float),
        value_bound=value_bound,
        support_bound=support_bound,
        support_share=share,
        silo_matrix=(np.arange(len(s.silos))[:, None] == silo_of[None, :]).astype(float),
        pair_scale=np.divide(
            100.0 * (impact[pairs[:, 0]] + impact[pairs[:, 1]]),
            value_bound[None, :],
            out=np.zeros((len(pairs), nv)),
            where=value_bound[None, :] > 0,
        ),
        index=index,
    )


def _bounds(
    impact: np.ndarray,
    support: np.ndarray,
    reach: np.ndarray,
    pairs: np.ndarray,
    effect: np.ndarray,
    max_funding: np.ndarray,
) -> tuple[np.ndarray, np.ndarray]:
    """Scale ends: every activity at its largest fraction, every interaction at full strength.

    By the triangle inequality no funding can push a raw score beyond these, so scaled
    scores stay within −100 … +100.
    """
    boost = np.ones(len(reach))
    if len(effect):
        np.add.at(boost, pairs[:, 0], np.abs(effect) * reach[pairs[:, 1]])
        np.add.at(boost, pairs[:, 1], np.abs(effect) * reach[pairs[:, 0]])
    value_bound = (np.abs(impact) * (reach * boost)[:, None]).sum(axis=0)
    support_bound = (np.abs(support) * np.minimum(max_funding, 1.0)[:, None]).sum(axis=0)
    return value_bound, support_bound
