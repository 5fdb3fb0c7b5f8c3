"""A scenario turned into arrays once, so that re-scoring is only vectorised numpy work."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from itertools import chain
from operator import attrgetter, itemgetter
from typing import Any

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
        return _column(self.scenario.activities, "funding")

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


BLOCK = 2048
"""Entities read per block: a block's objects stay in the CPU cache across the several passes
that read their fields (whole-list passes re-fetch every object from memory each time)."""


def _blocks(items: Sequence[Any]) -> list[Sequence[Any]]:
    """The items in consecutive blocks of BLOCK (one empty block when there are none)."""
    return [items[i : i + BLOCK] for i in range(0, max(len(items), 1), BLOCK)]


def _lookup(index: dict[str, int], keys: list[str]) -> np.ndarray:
    """The positions of many ids at once (one C-level pass of the id map)."""
    if not keys:
        return np.zeros(0, dtype=np.intp)
    found = itemgetter(*keys)(index)
    return np.array(found if len(keys) > 1 else [found], dtype=np.intp)


def _column(items: Sequence[Any], name: str, dtype: type = float) -> np.ndarray:
    """One attribute of every entity as an array."""
    return np.fromiter(map(attrgetter(name), items), dtype=dtype, count=len(items))


def _sparse(tables: Sequence[dict[str, float]], index: dict[str, int], columns: int) -> np.ndarray:
    """Rows × columns from one {id: number} table per row, the missing entries 0."""
    out = np.zeros((len(tables), columns))
    sizes = np.array(list(map(len, tables)), dtype=np.intp)
    if sizes.sum():
        rows = np.repeat(np.arange(len(tables)), sizes)
        cols = _lookup(index, list(chain.from_iterable(tables)))
        numbers = list(chain.from_iterable(map(dict.values, tables)))
        out[rows, cols] = np.array(numbers, dtype=float)
    return out


_SCALARS = ("funding", "min_funding", "max_funding", "step", "locked")


@dataclass(frozen=True)
class _Activities:
    """What compile reads from the activities, field by field, in file order."""

    ids: list[str]
    responses: list[Any]
    silo_of: np.ndarray
    impact: np.ndarray
    cost: np.ndarray
    support: np.ndarray
    scalars: np.ndarray  # _SCALARS × activities

    @classmethod
    def read(cls, acts: Sequence[Any], index: dict[str, dict[str, int]]) -> _Activities:
        """Read the activities block by block and join the blocks."""
        parts = [cls._block(block, index) for block in _blocks(acts)]
        return cls(
            ids=list(chain.from_iterable(p.ids for p in parts)),
            responses=list(chain.from_iterable(p.responses for p in parts)),
            silo_of=np.concatenate([p.silo_of for p in parts]),
            impact=np.concatenate([p.impact for p in parts]),
            cost=np.concatenate([p.cost for p in parts]),
            support=np.concatenate([p.support for p in parts]),
            scalars=np.concatenate([p.scalars for p in parts], axis=1),
        )

    @classmethod
    def _block(cls, acts: Sequence[Any], index: dict[str, dict[str, int]]) -> _Activities:
        """One block's fields; `index` has every id map but that of the activities."""
        nv, nk, nr = (len(index[kind]) for kind in ("values", "interests", "resources"))
        return cls(
            ids=list(map(attrgetter("id"), acts)),
            responses=list(map(attrgetter("response"), acts)),
            silo_of=_lookup(index["silos"], list(map(attrgetter("silo"), acts))),
            impact=_sparse(list(map(attrgetter("impact"), acts)), index["values"], nv),
            cost=_sparse(list(map(attrgetter("cost"), acts)), index["resources"], nr),
            support=_sparse(list(map(attrgetter("support"), acts)), index["interests"], nk),
            scalars=np.array([_column(acts, name) for name in _SCALARS]),
        )


def compile_scenario(s: Scenario) -> Compiled:
    """Build the arrays of a validated scenario (ids are known to be consistent)."""
    index = {
        "values": {v.id: i for i, v in enumerate(s.values)},
        "interests": {k.id: i for i, k in enumerate(s.interests)},
        "resources": {r.id: i for i, r in enumerate(s.resources)},
        "silos": {x.id: i for i, x in enumerate(s.silos)},
    }
    acts = _Activities.read(s.activities, index)
    index = {"activities": dict(zip(acts.ids, range(len(acts.ids)), strict=True)), **index}
    nv = len(s.values)
    impact, cost, support, silo_of = acts.impact, acts.cost, acts.support, acts.silo_of
    cares = _sparse([k.cares for k in s.interests], index["values"], nv)
    totals = cares.sum(axis=1, keepdims=True)
    cares = np.divide(cares, totals, out=np.zeros_like(cares), where=totals > 0)
    between = list(chain.from_iterable(map(attrgetter("between"), s.interactions)))
    pairs = _lookup(index["activities"], between).reshape(-1, 2)
    effect = _column(s.interactions, "effect")
    curves = ResponseCurves(acts.responses)
    funding, min_funding, max_funding, step, locked = acts.scalars
    locked = locked.astype(bool)
    capacity = _column(s.resources, "capacity")
    top = tops(cost, capacity, min_funding, max_funding, step, locked, funding)
    declared = np.array([np.nan if v.scale is None else v.scale for v in s.values], dtype=float)
    sc = scales(curves, top, impact, support, cares, pairs, effect, declared)
    return Compiled(
        scenario=s,
        activity_ids=acts.ids,
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
