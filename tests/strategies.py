"""Hypothesis strategies for random valid scenarios, shared by engine and optimiser tests.

Numbers are multiples of 0.001 (drawn as integers, which is fast and prints readably), and
strategies are built once per range so that generating a scenario stays cheap.
"""

from __future__ import annotations

from functools import cache
from typing import Any

from hypothesis import strategies as st

from integrate_tui.model import Scenario, validate_scenario

SHAPES = ("linear", "diminishing", "threshold")
MILLI = 1000


@cache
def _number(low: float, high: float) -> st.SearchStrategy[float]:
    """A multiple of 0.001 in [low, high]."""
    return st.integers(round(low * MILLI), round(high * MILLI)).map(lambda n: n / MILLI)


def _between(draw: st.DrawFn, low: float, high: float) -> float:
    """A multiple of 0.001 in [low, high] (both multiples of 0.001), without a new strategy."""
    lo, hi = round(low * MILLI), round(high * MILLI)
    return (lo + (hi - lo) * draw(st.integers(0, MILLI)) // MILLI) / MILLI


@st.composite
def responses(draw: st.DrawFn, *, monotone: bool = False) -> str | list[list[float]]:
    """A named shape or a point list from [0, 0]; `monotone` keeps fractions non-decreasing."""
    if draw(st.booleans()):
        return draw(st.sampled_from(SHAPES))
    steps = draw(st.lists(st.integers(50, 1000), min_size=1, max_size=4))
    fractions = [draw(_number(0.0, 1.5)) for _ in steps]
    if monotone:
        fractions.sort()
    xs = [sum(steps[: i + 1]) / MILLI for i in range(len(steps))]
    return [[0.0, 0.0], *([x, y] for x, y in zip(xs, fractions, strict=True))]


def _links(keys: list[str], low: float, high: float) -> st.SearchStrategy[dict[str, float]]:
    """A table from some of `keys` to numbers in [low, high] (empty when there are no keys)."""
    if not keys:
        return st.just({})
    return st.dictionaries(st.sampled_from(keys), _number(low, high), max_size=len(keys))


@st.composite
def scenario_data(
    draw: st.DrawFn,
    *,
    max_activities: int = 8,
    max_interactions: int = 8,
    monotone: bool = False,
) -> dict[str, Any]:
    """Raw scenario data (as parsed from TOML) that `validate_scenario` accepts."""
    counts = {
        "resources": draw(st.integers(1, 3)),
        "silos": draw(st.integers(1, 3)),
        "values": draw(st.integers(1, 4)),
        "interests": draw(st.integers(0, 4)),
    }
    prefix = {"resources": "r", "silos": "s", "values": "v", "interests": "k"}
    ids = {kind: [f"{prefix[kind]}{i}" for i in range(n)] for kind, n in counts.items()}
    costs = _links(ids["resources"], 0.0, 50.0)
    impacts = _links(ids["values"], -5.0, 5.0)
    supports = _links(ids["interests"], -2.0, 2.0)
    cares = _links(ids["values"], 0.0, 5.0)
    n = draw(st.integers(1, max_activities))
    activities = []
    for i in range(n):
        top = draw(_number(0.1, 3.0))
        low = _between(draw, 0.0, top) if draw(st.booleans()) else 0.0
        activities.append(
            {
                "id": f"a{i}",
                "name": f"Activity {i}",
                "silo": draw(st.sampled_from(ids["silos"])),
                "cost": draw(costs),
                "impact": draw(impacts),
                "support": draw(supports),
                "response": draw(responses(monotone=monotone)),
                "funding": _between(draw, low, top),
                "min_funding": low,
                "max_funding": top,
            }
        )
    pairs = [(a, b) for a in range(n) for b in range(a + 1, n)]
    chosen = (
        draw(st.lists(st.sampled_from(pairs), unique=True, max_size=max_interactions))
        if pairs
        else []
    )
    return {
        "schema_version": 1,
        "meta": {"title": "Generated"},
        "resources": [
            {"id": r, "name": r.upper(), "unit": "u", "capacity": draw(_number(0.0, 200.0))}
            for r in ids["resources"]
        ],
        "silos": [{"id": x, "name": x.upper()} for x in ids["silos"]],
        "values": [
            {"id": v, "name": v.upper(), "weight": draw(_number(0.0, 5.0))} for v in ids["values"]
        ],
        "interests": [
            {
                "id": k,
                "name": k.upper(),
                "influence": draw(_number(0.0, 3.0)),
                "cares": draw(cares),
            }
            for k in ids["interests"]
        ],
        "activities": activities,
        "interactions": [
            {
                "between": [f"a{a}", f"a{b}"] if draw(st.booleans()) else [f"a{b}", f"a{a}"],
                "effect": draw(_number(-1.0, 1.0)),
            }
            for a, b in chosen
        ],
    }


def scenarios(**options: Any) -> st.SearchStrategy[Scenario]:
    """Random valid `Scenario`s (see `scenario_data` for the options)."""
    return scenario_data(**options).map(validate_scenario)


@st.composite
def fundings(draw: st.DrawFn, scenario: Scenario) -> list[float]:
    """A funding level for every activity of `scenario`, each within its bounds."""
    return [_between(draw, a.min_funding, a.max_funding) for a in scenario.activities]


@st.composite
def funded_scenarios(draw: st.DrawFn) -> tuple[Scenario, list[float]]:
    """A random scenario with a random funding vector within its bounds."""
    scenario = draw(scenarios())
    return scenario, draw(fundings(scenario))
