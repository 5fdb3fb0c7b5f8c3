"""Shared fixtures: the abridged Riverton example of the scenario-format design doc."""

from __future__ import annotations

from pathlib import Path

import pytest

EXAMPLE_TOML = """\
schema_version = 1

[meta]
title = "Riverton — international affairs, FY2027"
description = "Functional activities of a mid-size US city's international work."

[[resources]]
id = "budget"
name = "Programme budget"
unit = "kUSD"
capacity = 1800

[[resources]]
id = "staff"
name = "Staff time"
unit = "FTE"
capacity = 7.5

[[silos]]
id = "mayor"
name = "Mayor's Office of International Affairs"

[[silos]]
id = "econ"
name = "Economic Development Department"

[[values]]
id = "prosperity"
name = "Economic prosperity"
weight = 3

[[values]]
id = "openness"
name = "Openness and inclusion"
weight = 2

[[interests]]
id = "business"
name = "Business community"
cares = { prosperity = 4, openness = 1 }

[[interests]]
id = "diaspora"
name = "Diaspora communities"
cares = { openness = 3, prosperity = 1 }

[[activities]]
id = "trade-missions"
name = "Outbound trade missions"
silo = "econ"
kind = "economic promotion"
cost = { budget = 420, staff = 1.5 }
impact = { prosperity = 4, openness = 1 }
support = { business = 2 }
response = "diminishing"
funding = 0.8

[[activities]]
id = "sister-cities"
name = "Sister-city programme"
silo = "mayor"
kind = "sister cities"
cost = { budget = 150, staff = 1.0 }
impact = { openness = 4, prosperity = 1 }
support = { diaspora = 2 }
response = [[0, 0], [0.3, 0.1], [0.6, 0.7], [1, 1]]
funding = 0.5
min_funding = 0.2

[[interactions]]
between = ["trade-missions", "sister-cities"]
effect = 0.3
note = "Sister-city ties open doors for trade delegations."
"""
"""The abridged example of scenario-format.md, verbatim: a small scenario valid in every way."""


@pytest.fixture
def example_toml() -> str:
    """The example scenario as TOML text."""
    return EXAMPLE_TOML


@pytest.fixture
def example_path(tmp_path: Path) -> Path:
    """The example scenario written to `riverton.toml` in a fresh temporary folder."""
    path = tmp_path / "riverton.toml"
    path.write_text(EXAMPLE_TOML, encoding="utf-8")
    return path


@pytest.fixture(autouse=True)
def jobs_in_this_process(monkeypatch: pytest.MonkeyPatch) -> None:
    """Run the app's pool jobs on threads here, where a test's patches of the engine apply
    (tests of the process pool itself use the `process_pool` fixture)."""
    from integrate_tui.compute import pool

    monkeypatch.setattr(pool, "IN_PROCESS", True)


@pytest.fixture
def process_pool(monkeypatch: pytest.MonkeyPatch) -> None:
    """Run the app's pool jobs in worker processes, as the app does."""
    from integrate_tui.compute import pool

    monkeypatch.setattr(pool, "IN_PROCESS", False)


@pytest.fixture
def quick_robustness(monkeypatch: pytest.MonkeyPatch) -> None:
    """Recompute the workbench's robustness column 50 ms after an edit rather than a second."""
    from integrate_tui.tui.widgets.robustness import RobustnessFeed

    monkeypatch.setattr(RobustnessFeed, "DELAY", 0.05)
