"""Snapshot tests (pytest-textual-snapshot) of the main, compare and help screens.

Regenerate after an intended change with `pytest tests/test_tui_snapshots.py --snapshot-update`
and look at the SVGs in tests/__snapshots__ before committing them.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.pilot import Pilot

from optimiser_pilot import settle
from tui_support import app_on

SIZES = [(80, 24), (120, 40)]


@pytest.mark.parametrize("size", SIZES, ids=["80x24", "120x40"])
def test_main_screen(
    snap_compare, example_path: Path, quick_robustness: None, size: tuple[int, int]
) -> None:

    async def edited(pilot: Pilot) -> None:
        await pilot.press("right")
        await settle(pilot)  # the robustness column filled in: no race with its worker

    assert snap_compare(app_on(example_path), terminal_size=size, run_before=edited)


@pytest.mark.parametrize("size", SIZES, ids=["80x24", "120x40"])
def test_compare_screen(snap_compare, example_path: Path, size: tuple[int, int]) -> None:
    async def two_snapshots(pilot: Pilot) -> None:
        session = pilot.app.session  # type: ignore[attr-defined]
        session.snapshot("Baseline")
        session.nudge("trade-missions", 2)
        session.set_weight("openness", 4)
        session.snapshot("Option A")
        await pilot.press("c")

    assert snap_compare(app_on(example_path), terminal_size=size, run_before=two_snapshots)


@pytest.mark.parametrize("size", SIZES, ids=["80x24", "120x40"])
def test_help_screen(snap_compare, example_path: Path, size: tuple[int, int]) -> None:
    assert snap_compare(app_on(example_path), terminal_size=size, press=["f1"])
