"""Scores, explanations and ledgers as plain JSON-ready dicts (the `--json` output)."""

from __future__ import annotations

from typing import Any

from integrate_tui.engine import Change, Driver, Explanation, Ledger, Score, explain_overall

TOP_DRIVERS = 5
"""How many positive and how many negative drivers of the overall score the report shows."""


def _driver(d: Driver) -> dict[str, Any]:
    return {"activity": d.activity, "via": d.via, "points": d.points}


def explanation_json(e: Explanation) -> dict[str, Any]:
    """Every driver and interaction of one number."""
    return {
        "subject": e.subject,
        "total": e.total,
        "drivers": [_driver(d) for d in e.drivers],
        "interactions": [{"between": [a, b], "points": p} for a, b, p in e.interactions],
        "meaning": e.meaning,
        "notes": list(e.notes),
    }


def score_json(s: Score) -> dict[str, Any]:
    """Every number of `integrate-tui score` keyed by id."""
    m = s.model
    units = {r.id: r.unit for r in m.scenario.resources}
    positive, negative = explain_overall(s).top(TOP_DRIVERS)
    integration = s.integration
    return {
        "overall": s.overall,
        "feasible": s.feasible,
        "funding": dict(zip(m.activity_ids, s.funding.tolist(), strict=True)),
        "weights": dict(zip(m.value_ids, s.weights.tolist(), strict=True)),
        "values": dict(zip(m.value_ids, s.values.tolist(), strict=True)),
        "interests": dict(zip(m.interest_ids, s.interests.tolist(), strict=True)),
        "resources": {
            r: {
                "used": float(s.used[i]),
                "capacity": float(s.capacity[i]),
                "over": float(s.over[i]),
                "unit": units[r],
            }
            for i, r in enumerate(m.resource_ids)
        },
        "silos": {
            x: {
                "overall": float(s.silo_overall[i]),
                "shares": dict(zip(m.resource_ids, s.silo_share[i].tolist(), strict=True)),
                "values": dict(zip(m.value_ids, s.silo_values[i].tolist(), strict=True)),
            }
            for i, x in enumerate(m.silo_ids)
        },
        "fairness": {
            "worst_off": s.fairness.worst_off,
            "worst_off_tied": list(s.fairness.tied),
            "minimum": s.fairness.minimum,
            "weighted_mean": s.fairness.weighted_mean,
            "spread": s.fairness.spread,
        },
        "integration": {
            "index": integration.index,
            "synergy_within": integration.synergy_within,
            "synergy_across": integration.synergy_across,
            "interference_within": integration.interference_within,
            "interference_across": integration.interference_across,
        },
        "drivers": {
            "positive": [_driver(d) for d in positive],
            "negative": [_driver(d) for d in negative],
        },
    }


def _changes(changes: list[Change]) -> dict[str, dict[str, float]]:
    return {c.id: {"before": c.before, "after": c.after, "delta": c.delta} for c in changes}


def ledger_json(ledger: Ledger) -> dict[str, Any]:
    """The tradeoff ledger of `integrate-tui diff`."""
    return {
        "headline": ledger.headline(),
        "overall": _changes([ledger.overall])["overall"],
        "values": _changes(ledger.values),
        "interests": _changes(ledger.interests),
        "resources": {
            r.id: {
                "before": r.before,
                "after": r.after,
                "delta": r.delta,
                "capacity": r.capacity,
                "over": r.over,
                "unit": r.unit,
            }
            for r in ledger.resources
        },
        "silos": _changes(ledger.silos),
        "funding": _changes(ledger.funding),
        "activities": _changes(ledger.activity_effect),
        "interactions": _changes(ledger.interactions),
        "weights": _changes(ledger.weights_changed),
        "rescaled": _changes(ledger.rescaled),
    }
