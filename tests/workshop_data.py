"""A small scenario and a few moments shared by the workshop tests."""

from __future__ import annotations

import datetime
from typing import Any

from integrate_tui.model import Scenario, validate_scenario

T0 = datetime.datetime(2026, 3, 5, 10, 0, tzinfo=datetime.UTC)


def at(minutes: float) -> datetime.datetime:
    """A moment `minutes` after the session starts."""
    return T0 + datetime.timedelta(minutes=minutes)


def scenario_data() -> dict[str, Any]:
    """The abridged Riverton example of the format page, with a third value and activity."""
    return {
        "schema_version": 1,
        "meta": {"title": "Riverton — international affairs, FY2027"},
        "resources": [
            {"id": "budget", "name": "Programme budget", "unit": "kUSD", "capacity": 1800},
            {"id": "staff", "name": "Staff time", "unit": "FTE", "capacity": 7.5},
        ],
        "silos": [
            {"id": "mayor", "name": "Mayor's Office of International Affairs"},
            {"id": "econ", "name": "Economic Development Department"},
        ],
        "values": [
            {"id": "prosperity", "name": "Economic prosperity", "weight": 3},
            {"id": "openness", "name": "Openness and inclusion", "weight": 2},
            {"id": "equity", "name": "Equity", "weight": 1},
        ],
        "interests": [
            {
                "id": "business",
                "name": "Business community",
                "cares": {"prosperity": 4, "openness": 1},
            },
            {
                "id": "diaspora",
                "name": "Diaspora communities",
                "cares": {"openness": 3, "prosperity": 1},
            },
        ],
        "activities": [
            {
                "id": "trade-missions",
                "name": "Outbound trade missions",
                "silo": "econ",
                "cost": {"budget": 420, "staff": 1.5},
                "impact": {"prosperity": 4, "openness": 1},
                "support": {"business": 2},
                "response": "diminishing",
                "funding": 0.8,
            },
            {
                "id": "sister-cities",
                "name": "Sister-city programme",
                "silo": "mayor",
                "cost": {"budget": 150, "staff": 1.0},
                "impact": {"openness": 4, "prosperity": 1, "equity": 1},
                "support": {"diaspora": 2},
                "response": [[0, 0], [0.3, 0.1], [0.6, 0.7], [1, 1]],
                "funding": 0.5,
                "min_funding": 0.2,
            },
            {
                "id": "language-access",
                "name": "Language access services",
                "silo": "mayor",
                "cost": {"budget": 200, "staff": 1.0},
                "impact": {"equity": 3, "openness": 2},
                "funding": 0.6,
            },
        ],
        "interactions": [
            {"between": ["trade-missions", "sister-cities"], "effect": 0.3},
        ],
    }


def scenario(**workshop: Any) -> Scenario:
    """The small scenario, with a `[workshop]` table when one is given."""
    data = scenario_data()
    if workshop:
        data["workshop"] = workshop
    return validate_scenario(data)


PEOPLE = [
    {"id": "ana", "name": "Ana", "interest": "business"},
    {"id": "ben", "name": "Ben"},
    {"id": "cai", "name": "Cai", "interest": "diaspora"},
]
