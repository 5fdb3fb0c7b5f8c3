"""Property: any valid scenario survives dumps → loads unchanged, and dumps is a fixed point."""

from __future__ import annotations

import datetime
import itertools
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from integrate_tui.files import dumps, loads
from integrate_tui.model import Scenario, validate_scenario

SLUG = st.from_regex(r"[a-z][a-z0-9]{0,5}(-[a-z0-9]{1,3})?", fullmatch=True)
TEXT = st.text(st.characters(exclude_categories=("Cs",)), max_size=12)
NAME = st.text(st.characters(exclude_categories=("Cs",)), min_size=1, max_size=12).filter(str.strip)
NUMBER = st.one_of(st.integers(0, 10**7), st.floats(0, 1e7, allow_nan=False, allow_infinity=False))
DATETIME = st.datetimes(
    datetime.datetime(1990, 1, 1),
    datetime.datetime(2100, 1, 1),
    timezones=st.sampled_from(
        [None, datetime.UTC, datetime.timezone(datetime.timedelta(hours=5, minutes=30))]
    ),
)


def ranged(low: float, high: float) -> st.SearchStrategy[float]:
    """A finite float in [low, high]."""
    return st.floats(low, high, allow_nan=False, allow_infinity=False)


def ids(min_size: int, max_size: int) -> st.SearchStrategy[list[str]]:
    """Distinct valid ids."""
    return st.lists(SLUG, min_size=min_size, max_size=max_size, unique=True)


def weights(draw: st.DrawFn, keys: list[str], values: st.SearchStrategy[Any]) -> dict[str, Any]:
    """A map from some of `keys` (maybe none) to drawn values."""
    chosen = draw(st.lists(st.sampled_from(keys), unique=True)) if keys else []
    return {key: draw(values) for key in chosen}


def optional(
    draw: st.DrawFn, table: dict[str, Any], key: str, value: st.SearchStrategy[Any]
) -> None:
    """Set `key` in `table` half of the time, so defaults are exercised too."""
    if draw(st.booleans()):
        table[key] = draw(value)


@st.composite
def response(draw: st.DrawFn) -> str | list[list[float]]:
    """A named shape or a valid point list from [0, 0]."""
    if draw(st.booleans()):
        return draw(st.sampled_from(["linear", "diminishing", "threshold"]))
    levels = sorted(draw(st.lists(ranged(0.001, 3), min_size=1, max_size=4, unique=True)))
    return [[0, 0], *([level, draw(ranged(0, 1))] for level in levels)]


@st.composite
def silo(draw: st.DrawFn, sid: str, known: dict[str, list[str]]) -> dict[str, Any]:
    """A silo whose floors, summed over all silos, stay ≤ 1."""
    table: dict[str, Any] = {"id": sid, "name": draw(NAME)}
    floor = draw(ranged(0, 1 / len(known["silos"])))
    optional(draw, table, "min_share", st.just(floor))
    optional(draw, table, "max_share", ranged(floor, 1))
    table["envelope"] = weights(draw, known["resources"], NUMBER)
    return table


@st.composite
def activity(draw: st.DrawFn, aid: str, known: dict[str, list[str]]) -> dict[str, Any]:
    """An activity with consistent bounds and references to known ids."""
    max_funding = draw(ranged(0.01, 3))
    min_funding = draw(ranged(0, max_funding))
    table: dict[str, Any] = {
        "id": aid,
        "name": draw(NAME),
        "silo": draw(st.sampled_from(known["silos"])),
        "cost": weights(draw, known["resources"], NUMBER),
        "impact": weights(draw, known["values"], ranged(-5, 5)),
        "support": weights(draw, known["interests"], ranged(-2, 2)),
        "response": draw(response()),
        "funding": draw(ranged(min_funding, max_funding)),
        "min_funding": min_funding,
        "max_funding": max_funding,
    }
    optional(draw, table, "kind", TEXT)
    optional(draw, table, "step", ranged(0.01, 1))
    optional(draw, table, "locked", st.booleans())
    optional(draw, table, "notes", TEXT)
    return table


@st.composite
def workshop(draw: st.DrawFn, known: dict[str, list[str]]) -> dict[str, Any]:
    """Participants, rounds with votes, snapshots and a log, all referring to known ids."""
    participants = []
    for pid in draw(ids(0, 3)):
        p: dict[str, Any] = {"id": pid, "name": draw(NAME)}
        if known["interests"]:
            optional(draw, p, "interest", st.sampled_from(known["interests"]))
        p["weights"] = weights(draw, known["values"], NUMBER)
        participants.append(p)
    voters = [p["id"] for p in participants]
    known_weights = weights(draw, known["values"], NUMBER)
    rounds = [
        {
            "title": draw(NAME),
            "started": draw(DATETIME),
            "funding": weights(draw, known["activities"], ranged(0, 3)),
            "inputs": weights(
                draw, voters, st.fixed_dictionaries({"weights": st.just(known_weights)})
            ),
            "votes": weights(
                draw,
                voters,
                st.fixed_dictionaries(
                    {"dots": st.dictionaries(TEXT, NUMBER, max_size=2)},
                    optional={"ranking": st.lists(TEXT, max_size=2)},
                ),
            ),
            "decision": draw(TEXT),
        }
        for _ in range(draw(st.integers(0, 2)))
    ]
    log = [
        {"at": draw(DATETIME), "kind": draw(TEXT), "text": draw(NAME)}
        for _ in range(draw(st.integers(0, 3)))
    ]
    snapshots = [
        {
            "name": name,
            "funding": weights(draw, known["activities"], ranged(0, 3)),
            "weights": weights(draw, known["values"], NUMBER),
        }
        for name in draw(st.lists(NAME, max_size=2, unique=True))
    ]
    return {"participants": participants, "rounds": rounds, "snapshots": snapshots, "log": log}


@st.composite
def scenarios(draw: st.DrawFn) -> Scenario:
    """A valid scenario with awkward text, numbers and datetimes where the format allows."""
    known = {
        "resources": draw(ids(1, 3)),
        "silos": draw(ids(1, 3)),
        "values": draw(ids(1, 3)),
        "interests": draw(ids(0, 3)),
        "activities": draw(ids(1, 5)),
    }
    meta: dict[str, Any] = {"title": draw(NAME)}
    optional(draw, meta, "description", TEXT)
    optional(draw, meta, "authors", st.lists(TEXT, max_size=3))
    optional(draw, meta, "created", st.dates(datetime.date(1990, 1, 1)))
    pairs = list(itertools.combinations(known["activities"], 2))
    chosen = draw(st.lists(st.sampled_from(pairs), unique=True, max_size=4)) if pairs else []
    data: dict[str, Any] = {
        "schema_version": 1,
        "meta": meta,
        "resources": [
            {"id": r, "name": draw(NAME), "unit": draw(TEXT), "capacity": draw(NUMBER)}
            for r in known["resources"]
        ],
        "silos": [draw(silo(s, known)) for s in known["silos"]],
        "values": [{"id": v, "name": draw(NAME), "weight": draw(NUMBER)} for v in known["values"]],
        "interests": [
            {"id": i, "name": draw(NAME), "cares": weights(draw, known["values"], NUMBER)}
            for i in known["interests"]
        ],
        "activities": [draw(activity(a, known)) for a in known["activities"]],
        "interactions": [
            {
                "between": list(draw(st.permutations(pair))),
                "effect": draw(ranged(-1, 1)),
                "note": draw(TEXT),
            }
            for pair in chosen
        ],
    }
    if draw(st.booleans()):
        data["workshop"] = draw(workshop(known))
    return validate_scenario(data)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(scenarios())
def test_dumps_loads_round_trip(scenario: Scenario) -> None:
    text = dumps(scenario)
    assert loads(text) == scenario
    assert dumps(loads(text)) == text
    assert dumps(scenario) == text
