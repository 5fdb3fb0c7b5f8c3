"""JSON for the analysis commands: plain dicts keyed by id, every number from the engine."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import numpy as np

from integrate_tui.cli.scoring_report import ledger_json, score_json

if TYPE_CHECKING:
    from integrate_tui.engine import Compiled
    from integrate_tui.engine.optimise import (
        Dividend,
        Frontier,
        FrontierPoint,
        GreedyResult,
        LeastChange,
        Result,
        Robustness,
        Tornado,
        WhatItTakes,
    )

TOP_PACKAGES = 5


def _by_id(ids: list[str], values: np.ndarray) -> dict[str, float]:
    """A vector as a dict keyed by id, as plain floats."""
    return dict(zip(ids, (float(v) for v in values), strict=True))


def _differs(model: Compiled, funding: np.ndarray, base: np.ndarray) -> dict[str, float]:
    """Activities whose funding differs from `base`, with the new level."""
    moved = np.flatnonzero(np.abs(funding - base) > 1e-9)
    return {model.activity_ids[i]: float(funding[i]) for i in moved}


def optimise_json(r: Result, quick: GreedyResult | None, written: str | None) -> dict[str, Any]:
    """`integrate-tui optimise --json`."""
    m = r.score.model
    data: dict[str, Any] = {
        "objective": r.objective,
        "status": r.status,
        "gap": r.gap,
        "bound": r.bound,
        "seconds": r.seconds,
        "value": r.value,
        "milp_value": r.milp_value,
        "approximation_error": r.approximation_error,
        "package": _by_id(m.activity_ids, r.funding),
        "current": _by_id(m.activity_ids, m.funding),
        "score": score_json(r.score),
        "ledger": ledger_json(r.ledger),
        "written": written,
    }
    if quick is not None:
        data["greedy"] = {
            "value": quick.value,
            "feasible": quick.feasible,
            "seconds": quick.seconds,
            "package": _by_id(m.activity_ids, quick.funding),
        }
    return data


def least_change_json(r: LeastChange, written: str | None) -> dict[str, Any]:
    """`integrate-tui optimise --objective least-change --json`: the package, the cut's ledger
    per resource and per moved activity, the score and the engine's ledger."""
    m = r.score.model
    now, moved = m.funding, r.moved
    changed = np.flatnonzero(np.abs(r.funding - now) > 1e-9)
    return {
        "objective": "least-change",
        "status": r.status,
        "gap": r.gap,
        "seconds": r.seconds,
        "change": r.change,
        "bound": r.bound,
        "floor": r.floor if np.isfinite(r.floor) else None,
        "score_error": r.score_error,
        "cuts": [
            {"resource": c.resource, "amount": c.amount, "relative": c.relative} for c in r.cuts
        ],
        "resources": {
            x.id: {
                "capacity_before": x.capacity_before,
                "capacity_after": x.capacity_after,
                "used_before": x.used_before,
                "used_after": x.used_after,
                "moved": x.moved,
            }
            for x in r.resources
        },
        "activities": {
            m.activity_ids[i]: {
                "before": float(now[i]),
                "after": float(r.funding[i]),
                "use_change": _by_id(m.resource_ids, moved[i]),
            }
            for i in changed
        },
        "package": _by_id(m.activity_ids, r.funding),
        "current": _by_id(m.activity_ids, now),
        "score": score_json(r.score),
        "ledger": ledger_json(r.ledger),
        "written": written,
    }


def _point(model: Compiled, p: FrontierPoint, now: np.ndarray) -> dict[str, Any]:
    """One frontier point and the activities it funds differently from `now`."""
    return {"x": p.x, "y": p.y, "changes": _differs(model, p.funding, now)}


def frontier_json(f: Frontier) -> dict[str, Any]:
    """`integrate-tui frontier --json`."""
    m, now = f.model, f.model.funding
    return {
        "x": {"criterion": f.x.key, "name": f.x.name},
        "y": {"criterion": f.y.key, "name": f.y.name},
        "points": [_point(m, p, now) for p in f.points],
        "gap": f.gap,
        "current": {
            "x": f.current[0],
            "y": f.current[1],
            "meets_rules": f.current_allowed,
            "margin": None if np.isnan(f.margin) else f.margin,
            "margin_proven": f.margin_proven,
            "dominated": f.dominated,
            "better": _point(m, f.better, now) if f.better else None,
        },
        "seconds": f.seconds,
    }


def sensitivity_json(t: Tornado, mc: Robustness, flip: WhatItTakes | None) -> dict[str, Any]:
    """`integrate-tui sensitivity --json`: no timings, so equal seeds give equal output."""
    m, now = t.model, t.model.funding
    bars = [
        {
            "value": b.value,
            "name": b.name,
            "weight": b.weight,
            **{
                side: {
                    "factor": factor,
                    "optimum": b.optimum[k],
                    "stated_package": b.kept[k],
                    "changed": b.changed[k],
                }
                for k, (side, factor) in enumerate((("low", 0.5), ("high", 1.5)))
            },
        }
        for b in t.bars
    ]
    check = mc.validation
    return {
        "tornado": {"optimum": t.base, "package": _by_id(m.activity_ids, t.funding), "bars": bars},
        "monte_carlo": {
            "samples": mc.samples,
            "seed": mc.seed,
            "concentration": mc.concentration,
            "candidates": len(mc.packages),
            "activities": {
                a: {
                    "current": float(now[i]),
                    "funded": float(mc.funded[i]),
                    "mean_funding": float(mc.mean_funding[i]),
                }
                for i, a in enumerate(m.activity_ids)
            },
            "packages": [
                {
                    "acceptability": mc.acceptability[k].tolist(),
                    "differs_from_optimum": _differs(m, mc.packages[k], t.funding),
                }
                for k in range(min(TOP_PACKAGES, len(mc.packages)))
            ],
            "validation": None
            if check is None
            else {
                "count": check.count,
                "agreement": check.agreement,
                "activity_agreement": check.activity_agreement,
                "optimal": check.optimal,
                "regret_mean": check.regret[0],
                "regret_max": check.regret[1],
            },
        },
        "what_it_takes": None if flip is None else _flip_json(flip),
    }


def _flip_json(w: WhatItTakes) -> dict[str, Any]:
    def one(f: Any) -> dict[str, float] | None:
        if f is None:
            return None
        factor = f.factor if np.isfinite(f.factor) else None
        return {"weight": f.weight, "factor": factor, "funding": f.funding}

    return {
        "activity": w.activity,
        "value": w.value,
        "weight": w.weight,
        "funded": w.funded,
        "funding": w.funding,
        "raise_to": one(w.raise_to),
        "lower_to": one(w.lower_to),
    }


def dividend_json(d: Dividend) -> dict[str, Any]:
    """`integrate-tui dividend --json`: the ledger runs from siloed to integrated."""
    m = d.integrated.model
    silos = {
        sid: {
            "allowance": _by_id(m.resource_ids, d.allowance[s]),
            "siloed_use": _by_id(m.resource_ids, d.siloed.silo_used[s]),
            "integrated_use": _by_id(m.resource_ids, d.integrated.silo_used[s]),
        }
        for s, sid in enumerate(m.silo_ids)
    }
    return {
        "siloed": d.siloed.overall,
        "integrated": d.integrated.overall,
        "dividend": d.overall,
        "reallocation": d.reallocation,
        "cross_silo": {
            c.id: {"siloed": c.before, "integrated": c.after, "delta": c.delta}
            for c in d.cross_silo
        },
        "silos": silos,
        "siloed_package": _by_id(m.activity_ids, d.siloed.funding),
        "integrated_package": _by_id(m.activity_ids, d.integrated.funding),
        "ledger": ledger_json(d.ledger),
        "gap": d.gap,
        "seconds": d.seconds,
    }
