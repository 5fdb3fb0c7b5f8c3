"""Every key typed after the key that opened a dialog goes to that dialog, in order.

Keys are queued in one burst (`burst`), as a terminal delivers them when typed faster than
the app handles them; `pilot.press` lets the app go idle between keys and hides the fault.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import Button, Input, Select

from integrate_tui.tui.launch import launch_app
from integrate_tui.tui.screens.autobalance import AutoBalanceScreen
from integrate_tui.tui.screens.dialogs import Confirm, Prompt
from integrate_tui.tui.screens.edit import EditScreen
from integrate_tui.tui.screens.main import WIDE, MainScreen
from integrate_tui.tui.widgets.ledger_table import LedgerTable
from integrate_tui.tui.widgets.robustness import RobustnessFeed
from tui_support import SIZE, app_on, burst, wait_until


@pytest.fixture(autouse=True)
def no_robustness(monkeypatch: pytest.MonkeyPatch) -> None:
    """The robustness column is not under test here: keep it from starting."""
    monkeypatch.setattr(RobustnessFeed, "DELAY", 3600)


async def test_a_name_typed_right_after_s_goes_to_the_prompt(example_path: Path) -> None:
    app = app_on(example_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        burst(app, "s", "x", "y")
        await wait_until(pilot, lambda: isinstance(app.screen, Prompt), "the prompt")
        await wait_until(pilot, lambda: app.screen.query_one(Input).value == "xy", "xy typed")
        burst(app, "enter")
        await wait_until(pilot, lambda: isinstance(app.screen, MainScreen), "the prompt closed")
        assert [s.name for s in app.session.snapshots] == ["xy"]


async def test_a_tab_right_after_a_question_opens_is_kept(example_path: Path) -> None:
    app = app_on(example_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("e")
        await wait_until(pilot, lambda: isinstance(app.screen, EditScreen), "the edit screen")
        burst(app, "ctrl+x", "tab")
        await wait_until(pilot, lambda: isinstance(app.screen, Confirm), "the question")
        await wait_until(
            pilot, lambda: isinstance(app.focused, Button) and app.focused.id == "cancel", "Tab"
        )
        for _ in range(3):  # a focus set late would move it back meanwhile
            await pilot.pause()
        assert app.focused.id == "cancel"
        burst(app, "enter")
        await wait_until(pilot, lambda: isinstance(app.screen, EditScreen), "the question closed")
        assert any(a.id == "sister-cities" for a in app.session.scenario.activities)


async def test_down_right_after_a_reads_the_answer_and_opens_no_dropdown(
    example_path: Path,
) -> None:
    app = app_on(example_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        burst(app, "a", "down")
        await wait_until(pilot, lambda: isinstance(app.screen, AutoBalanceScreen), "auto-balance")
        await wait_until(pilot, lambda: isinstance(app.focused, LedgerTable), "the answer focused")
        for _ in range(3):
            await pilot.pause()
        assert isinstance(app.focused, LedgerTable)
        assert not any(select.expanded for select in app.screen.query(Select))


async def test_a_resize_right_after_start_is_drawn(example_path: Path) -> None:
    app = launch_app(example_path, recovery_folder=example_path.parent / "state")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.resize_terminal(160, 48)
        await wait_until(pilot, lambda: isinstance(app.screen, MainScreen), "the workbench")
        screen = app.screen
        await wait_until(pilot, lambda: not screen._pending, "the repaint")
        assert screen._wide is True and app.size.width >= WIDE
