"""Compile against a plain per-activity reference: every array, dtype and shape exactly equal,
so a faster compile cannot silently change what the engine scores."""

from __future__ import annotations

import random
from typing import Any

import numpy as np
import pytest

from integrate_tui.engine import compile_scenario
from integrate_tui.engine.compiled import BLOCK, Compiled
from integrate_tui.engine.response import SHAPES, _named_slope_at_one
from integrate_tui.engine.scale import scales, tops
from integrate_tui.model import Scenario, validate_scenario


def _scenario(n: int, pairs: int, seed: int) -> Scenario:
    """Activities with every curve kind, some empty tables, locks, a declared scale, an
    interest that cares for nothing and interactions."""
    rng = random.Random(seed)
    values = [f"value-{v}" for v in range(5)]
    interests = [f"interest-{k}" for k in range(4)]
    resources = [("budget", 10.0 * n + 1), ("staff", 0.5 * n + 1)]
    silos = [f"silo-{x}" for x in range(3)]

    def table(ids: list[str], low: float, high: float) -> dict[str, float]:
        picked = rng.sample(ids, rng.randint(0, len(ids)))
        return {i: round(rng.uniform(low, high), 3) for i in picked}

    def response(i: int) -> Any:
        kind = i % (len(SHAPES) + 1)
        if kind == len(SHAPES):
            xs = sorted(rng.sample(range(1, 40), rng.randint(1, 6)))
            return [[0, 0], *([x / 20, round(rng.uniform(0.0, 1.5), 3)] for x in xs)]
        return SHAPES[kind]

    def activity(i: int) -> dict[str, Any]:
        low = rng.choice([0.0, 0.0, 0.2])
        return {
            "id": f"activity-{i}",
            "name": f"Activity {i}",
            "silo": rng.choice(silos),
            "cost": table([r for r, _ in resources], 0.0, 20.0),
            "impact": table(values, -5, 5),
            "support": table(interests, -2, 2),
            "response": response(i),
            "funding": round(rng.uniform(low, 1.0), 2),
            "min_funding": low,
            "max_funding": rng.choice([1.0, 1.5, 2.0]),
            "step": rng.choice([0.05, 0.1, 0.25]),
            "locked": rng.random() < 0.1,
        }

    links: set[tuple[int, int]] = set()
    while len(links) < pairs:
        a, b = rng.sample(range(n), 2)
        links.add((min(a, b), max(a, b)))
    return validate_scenario(
        {
            "schema_version": 1,
            "meta": {"title": "compile reference"},
            "resources": [{"id": r, "name": r, "capacity": c} for r, c in resources],
            "silos": [{"id": x, "name": x} for x in silos],
            "values": [
                {"id": v, "name": v, "weight": rng.uniform(0, 3), **({"scale": 40.0} if j else {})}
                for j, v in enumerate(values)
            ],
            "interests": [
                {
                    "id": k,
                    "name": k,
                    "influence": rng.uniform(0.5, 2),
                    "cares": {} if j == 0 else table(values, 0.1, 3),
                }
                for j, k in enumerate(interests)
            ],
            "activities": [activity(i) for i in range(n)],
            "interactions": [
                {"between": [f"activity-{a}", f"activity-{b}"], "effect": rng.uniform(-1, 1)}
                for a, b in sorted(links)
            ],
        }
    )


def _reference(s: Scenario) -> dict[str, np.ndarray]:
    """The compiled arrays built the plain way: one activity, one table entry at a time."""
    n, nv, nk, nr = len(s.activities), len(s.values), len(s.interests), len(s.resources)
    value_at = {v.id: j for j, v in enumerate(s.values)}
    interest_at = {k.id: j for j, k in enumerate(s.interests)}
    resource_at = {r.id: j for j, r in enumerate(s.resources)}
    silo_at = {x.id: j for j, x in enumerate(s.silos)}
    activity_at = {a.id: i for i, a in enumerate(s.activities)}
    impact, cost, support = np.zeros((n, nv)), np.zeros((n, nr)), np.zeros((n, nk))
    shape = np.zeros(n, dtype=np.int8)
    end, end_value, end_slope = np.ones(n), np.ones(n), np.zeros(n)
    longest = max([len(a.response) for a in s.activities if not isinstance(a.response, str)] + [2])
    xs, ys = np.zeros((n, longest)), np.zeros((n, longest))
    columns: dict[str, list[float]] = {name: [] for name in ("funding", "min", "max", "step")}
    locked, silo_of = np.zeros(n, dtype=bool), np.zeros(n, dtype=np.intp)
    for i, a in enumerate(s.activities):
        for key, x in a.impact.items():
            impact[i, value_at[key]] = x
        for key, x in a.cost.items():
            cost[i, resource_at[key]] = x
        for key, x in a.support.items():
            support[i, interest_at[key]] = x
        if isinstance(a.response, str):
            shape[i] = SHAPES.index(a.response)
            end_slope[i] = _named_slope_at_one(int(shape[i]))
        else:
            shape[i] = -1
            points = [(float(x), float(y)) for x, y in a.response]
            (x0, y0), (x1, y1) = points[-2], points[-1]
            end[i], end_value[i], end_slope[i] = x1, y1, (y1 - y0) / (x1 - x0)
            for j in range(longest):
                # Past its last point a row repeats it, one unit further right per column.
                x, y = points[j] if j < len(points) else (x1 + 1.0 + (j - len(points)), y1)
                xs[i, j], ys[i, j] = x, y
        columns["funding"].append(a.funding)
        columns["min"].append(a.min_funding)
        columns["max"].append(a.max_funding)
        columns["step"].append(a.step)
        locked[i] = a.locked
        silo_of[i] = silo_at[a.silo]
    cares = np.zeros((nk, nv))
    for k, interest in enumerate(s.interests):
        for key, x in interest.cares.items():
            cares[k, value_at[key]] = x
        if cares[k].sum() > 0:
            cares[k] /= cares[k].sum()
    pairs = np.array(
        [[activity_at[x.between[0]], activity_at[x.between[1]]] for x in s.interactions],
        dtype=np.intp,
    ).reshape(-1, 2)
    return {
        "impact": impact,
        "cost": cost,
        "support": support,
        "cares": cares,
        "influence": np.array([k.influence for k in s.interests]),
        "capacity": np.array([r.capacity for r in s.resources]),
        "silo_of": silo_of,
        "pairs": pairs,
        "effect": np.array([x.effect for x in s.interactions], dtype=float),
        "min_funding": np.array(columns["min"]),
        "max_funding": np.array(columns["max"]),
        "step": np.array(columns["step"]),
        "funding": np.array(columns["funding"]),
        "locked": locked,
        "default_weights": np.array([v.weight for v in s.values]),
        "declared": np.array([np.nan if v.scale is None else v.scale for v in s.values]),
        "silo_matrix": np.array([[float(j == x) for j in silo_of] for x in range(len(s.silos))]),
        "shape": shape,
        "end": end,
        "end_value": end_value,
        "end_slope": end_slope,
        "xs": xs,
        "ys": ys,
    }


PLAIN_FIELDS = (
    "impact",
    "cost",
    "support",
    "cares",
    "influence",
    "capacity",
    "silo_of",
    "pairs",
    "effect",
    "min_funding",
    "max_funding",
    "step",
    "locked",
    "default_weights",
    "silo_matrix",
)


def _same(got: np.ndarray, want: np.ndarray, name: str) -> None:
    assert got.dtype == want.dtype, f"{name}: dtype {got.dtype}, expected {want.dtype}"
    assert got.shape == want.shape, f"{name}: shape {got.shape}, expected {want.shape}"
    assert np.array_equal(got, want, equal_nan=True), f"{name} differs"


def _check(m: Compiled, s: Scenario) -> None:
    ref = _reference(s)
    for name in PLAIN_FIELDS:
        _same(getattr(m, name), ref[name], name)
    _same(m.funding, ref["funding"], "funding")
    for name in ("shape", "end", "end_value", "end_slope", "xs", "ys"):
        _same(getattr(m.curves, name), ref[name], f"curves.{name}")
    assert m.activity_ids == [a.id for a in s.activities]
    assert m.index["activities"] == {a.id: i for i, a in enumerate(s.activities)}
    assert m.index["silos"] == {x.id: i for i, x in enumerate(s.silos)}
    top = tops(
        ref["cost"],
        ref["capacity"],
        ref["min_funding"],
        ref["max_funding"],
        ref["step"],
        ref["locked"],
        ref["funding"],
    )
    sc = scales(
        m.curves,
        top,
        ref["impact"],
        ref["support"],
        ref["cares"],
        ref["pairs"],
        ref["effect"],
        ref["declared"],
    )
    _same(m.top, top, "top")
    for name, want in (("reach", sc.reach), ("value_bound", sc.value), ("support_bound", sc.stake)):
        _same(getattr(m, name), want, name)
    _same(m.support_share, sc.support_share, "support_share")
    _same(m.value_declared, sc.declared, "value_declared")
    both = ref["impact"][ref["pairs"][:, 0]] + ref["impact"][ref["pairs"][:, 1]]
    pair_scale = np.zeros((len(ref["pairs"]), len(s.values)))
    for p in range(len(ref["pairs"])):
        for v in range(len(s.values)):
            if sc.value[v] > 0:
                pair_scale[p, v] = 100.0 * both[p, v] / sc.value[v]
    _same(m.pair_scale, pair_scale, "pair_scale")


@pytest.mark.parametrize(
    ("n", "pairs", "seed"),
    [(1, 0, 0), (7, 0, 1), (40, 60, 2), (BLOCK + 37, 3 * BLOCK, 3)],
    ids=["one activity", "no interactions", "small", "over one block"],
)
def test_compile_equals_the_plain_reference(n: int, pairs: int, seed: int) -> None:
    s = _scenario(n, pairs, seed)
    _check(compile_scenario(s), s)


def test_the_generated_scenario_has_every_case() -> None:
    s = _scenario(BLOCK + 37, 3 * BLOCK, 3)
    kinds = {a.response if isinstance(a.response, str) else "points" for a in s.activities}
    assert kinds == {*SHAPES, "points"}
    assert any(not a.impact for a in s.activities) and any(not a.cost for a in s.activities)
    assert any(not a.support for a in s.activities) and any(a.locked for a in s.activities)
    assert not s.interests[0].cares and any(v.scale is None for v in s.values)
