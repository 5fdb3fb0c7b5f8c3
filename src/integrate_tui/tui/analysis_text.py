"""How the optimiser screens word their choices and results: objectives, criteria, proof."""

from __future__ import annotations

import math

from integrate_tui.model import Scenario

INTEGRATED, FAIR = "integrated", "fair"


def criteria(scenario: Scenario) -> list[tuple[str, str]]:
    """(label, key) for every interest and value, the axes a frontier can be drawn between."""
    return [(f"Interest: {k.name}", f"interest:{k.id}") for k in scenario.interests] + [
        (f"Value: {v.name}", f"value:{v.id}") for v in scenario.values
    ]


def objectives(scenario: Scenario) -> list[tuple[str, str]]:
    """(label, key) for every objective auto-balance can maximise."""
    return [
        ("Integrated score", INTEGRATED),
        ("Fair: lift the worst-off interest", FAIR),
        *criteria(scenario),
    ]


def objective_name(scenario: Scenario, key: str) -> str:
    """An objective in a few words, for undo labels: "integrated", "interest: Diaspora"."""
    if key in (INTEGRATED, FAIR):
        return key
    kind, _, ident = key.partition(":")
    entities = scenario.interests if kind == "interest" else scenario.values
    return f"{kind}: {next((e.name for e in entities if e.id == ident), ident)}"


def proof(status: str, gap: float) -> str:
    """What HiGHS proved: "optimal within 0.01 %", "proven optimal", "best found, gap 0.4 %"."""
    if status == "optimal":
        if gap <= 1e-9:
            return "proven optimal"
        return f"optimal within {math.ceil(gap * 1e4) / 100:.2f} %"
    if not math.isfinite(gap):
        return "best found, gap unknown"
    return f"best found, gap {100 * gap:.2g} %"
