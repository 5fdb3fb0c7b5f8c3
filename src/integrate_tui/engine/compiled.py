"""A scenario turned into arrays once, so that re-scoring is only vectorised numpy work."""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from integrate_tui.engine.response import ResponseCurves
from integrate_tui.engine.scale import scales, tops
from integrate_tui.model import Scenario


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
    value_bound: np.ndarray  # values: the raw impact that counts as 100 (engine/scale.py)
    value_declared: np.ndarray  # values: whether the file declares that scale
    top: np.ndarray  # activities: the largest funding counted in the scales
    reach: np.ndarray  # activities: the largest |fraction| on [0, top]
    support_bound: np.ndarray  # interests: the stakes that count as 100 of direct support
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
    min_funding = np.array([a.min_funding for a in s.activities])
    max_funding = np.array([a.max_funding for a in s.activities])
    step = np.array([a.step for a in s.activities])
    locked = np.array([a.locked for a in s.activities], dtype=bool)
    capacity = np.array([r.capacity for r in s.resources], dtype=float)
    funding = np.array([a.funding for a in s.activities], dtype=float)
    top = tops(cost, capacity, min_funding, max_funding, step, locked, funding)
    declared = np.array([np.nan if v.scale is None else v.scale for v in s.values], dtype=float)
    sc = scales(curves, top, impact, support, cares, pairs, effect, declared)
    silo_of = np.array([index["silos"][a.silo] for a in s.activities], dtype=np.intp)
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
        capacity=capacity,
        silo_of=silo_of,
        pairs=pairs,
        effect=effect,
        curves=curves,
        min_funding=min_funding,
        max_funding=max_funding,
        step=step,
        locked=locked,
        default_weights=np.array([v.weight for v in s.values], dtype=float),
        value_bound=sc.value,
        value_declared=sc.declared,
        top=sc.top,
        reach=sc.reach,
        support_bound=sc.stake,
        support_share=sc.support_share,
        silo_matrix=(np.arange(len(s.silos))[:, None] == silo_of[None, :]).astype(float),
        pair_scale=np.divide(
            100.0 * (impact[pairs[:, 0]] + impact[pairs[:, 1]]),
            sc.value[None, :],
            out=np.zeros((len(pairs), nv)),
            where=sc.value[None, :] > 0,
        ),
        index=index,
    )
