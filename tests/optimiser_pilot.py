"""Helpers for the TUI's optimiser tests: a scenario where the rules bite; waiting for workers."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
from textual.pilot import Pilot

import integrate_tui.engine.optimise as opt
import tui_support
from conftest import EXAMPLE_TOML
from integrate_tui.tui.widgets.robustness import RobustnessFeed

WELCOME_CENTRE = """\
[[activities]]
id = "welcome-centre"
name = "Welcome centre"
silo = "mayor"
cost = { budget = 350, staff = 0.5 }
impact = { openness = 4 }
support = { diaspora = 1 }
response = "threshold"
step = 0.5
funding = 0.0

"""

TIGHT_TOML = EXAMPLE_TOML.replace("capacity = 1800", "capacity = 550").replace(
    "[[interactions]]", WELCOME_CENTRE + "[[interactions]]"
)
"""Riverton with a third activity and a budget of 550: the optimum moves funding, a floor of 70
changes it again, a floor of 80 is infeasible, and the welcome centre is funded in ~12 % of
weight draws."""


def tight_path(folder: Path) -> Path:
    """The tight scenario written to `tight.toml` in `folder`."""
    path = folder / "tight.toml"
    path.write_text(TIGHT_TOML, encoding="utf-8")
    return path


async def settle(pilot: Pilot) -> None:
    """Wait until every worker has finished and the robustness column is up to date."""
    app = pilot.app

    def computing() -> bool:
        return any(f.busy for screen in app.screen_stack for f in screen.query(RobustnessFeed))

    await tui_support.settle(pilot, computing)


def hold_optimise(monkeypatch: pytest.MonkeyPatch, *, seconds: float = 30) -> threading.Event:
    """Make `optimise` wait (at most `seconds`) until the returned event is set, then solve."""
    release = threading.Event()
    real = opt.optimise

    def slow(*args: object, **kwargs: object) -> opt.Result:
        release.wait(seconds)
        return real(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(opt, "optimise", slow)
    return release
