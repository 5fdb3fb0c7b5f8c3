"""Helpers for the workshop-mode Pilot tests: a scenario file, typing, reading what is shown."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from rich.text import Text
from textual.pilot import Pilot
from textual.widgets import DataTable, Static

from integrate_tui.files import save
from integrate_tui.model import Scenario
from integrate_tui.tui.app import WorkbenchApp
from integrate_tui.tui.workshop.screen import WorkshopScreen
from integrate_tui.workshop import (
    add_entry,
    add_participant,
    add_round,
    add_snapshot,
    aggregate,
    apply_weights,
    cast_dots,
    cast_ranking,
    close_round,
    individual_weights,
    set_points,
    start_round,
)
from tui_support import app_on
from workshop_data import at, scenario


def scenario_file(folder: Path, **workshop: Any) -> Path:
    """The three-value workshop scenario saved as `riverton.toml` in `folder`."""
    path = folder / "riverton.toml"
    save(scenario(**workshop), path)
    return path


def workshop_app(path: Path) -> WorkbenchApp:
    """The app on `path`, recovery files beside it, no animations (tab switches wait for them)."""
    app = app_on(path)
    app.animation_level = "none"
    return app


async def type_text(pilot: Pilot, text: str) -> None:
    """Type `text` into whatever has focus."""
    await pilot.press(*text)


async def open_workshop(pilot: Pilot) -> WorkshopScreen:
    """Switch to workshop mode with its key, and return its screen."""
    await pilot.press("w")
    await pilot.pause()
    screen = pilot.app.screen
    assert isinstance(screen, WorkshopScreen)
    return screen


def shown(widget: Static) -> str:
    """The plain text a Static shows."""
    content = widget.render()
    return str(getattr(content, "plain", content))


def column(table: DataTable, index: int) -> list[str]:
    """The plain text of one column, top to bottom."""
    return [
        cell.plain if isinstance(cell, Text) else str(cell)
        for cell in (table.get_row_at(r)[index] for r in range(table.row_count))
    ]


def mid_vote() -> Scenario:
    """Three people; a points round closed with the group's weights; a vote under way."""
    s = scenario()
    for pid, name, interest in (("ana", "Ana", "business"), ("ben", "Ben", None)):
        s = add_participant(s, pid, name, interest)
    s = add_participant(s, "cai", "Cai", "diaspora")
    s = add_snapshot(s, "Baseline")
    s = add_round(s, "Priorities", "What matters most", 15, kind="points")
    s = add_round(s, "Choose", "Which package", kind="vote")
    s = start_round(s, 0, at(0))
    s = set_points(s, "ana", {"prosperity": 60, "openness": 30, "equity": 10})
    s = set_points(s, "ben", {"prosperity": 20, "openness": 40, "equity": 40})
    s = set_points(s, "cai", {"prosperity": 30, "openness": 30, "equity": 40})
    group = aggregate(individual_weights(s), [v.id for v in s.values], "geometric")
    s = close_round(apply_weights(s, group.as_points()), at(14), decision="Geometric mean")
    cut = [
        a.model_copy(update={"funding": 0.4}) if a.id == "trade-missions" else a
        for a in s.activities
    ]
    s = add_snapshot(s.model_copy(update={"activities": cut}), "Lean trade")
    s = start_round(s, 1, at(20))
    s = cast_dots(s, "ana", {"Lean trade": 2, "Baseline": 1})
    s = cast_dots(s, "ben", {"Baseline": 3})
    s = cast_ranking(s, "ana", ["Lean trade", "Baseline"])
    return add_entry(s, "objection", "Equity is undersold", at(16), by=["ben"], round=0)
