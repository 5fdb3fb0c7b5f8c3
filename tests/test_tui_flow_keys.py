"""The file flows' questions are shown by the key that starts them, so the keys typed right
after it go to the question, in order (keys queued in one burst, as a terminal delivers keys
typed faster than the app handles them)."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import Input

from integrate_tui.tui.screens.dialogs import Confirm
from integrate_tui.tui.screens.file_dialog import FileDialog, ScenarioTree
from integrate_tui.tui.screens.main import MainScreen
from integrate_tui.tui.widgets.robustness import RobustnessFeed
from tui_support import SIZE, app_on, burst, wait_until


@pytest.fixture(autouse=True)
def no_robustness(monkeypatch: pytest.MonkeyPatch) -> None:
    """The robustness column is not under test here: keep it from starting."""
    monkeypatch.setattr(RobustnessFeed, "DELAY", 3600)


async def test_a_name_typed_right_after_save_as_goes_to_the_path(
    example_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(example_path.parent)  # a path typed wrong lands here, not in the repo
    app = app_on(example_path)
    async with app.run_test(size=SIZE) as pilot:
        await wait_until(pilot, lambda: isinstance(app.screen, MainScreen), "the workbench")
        target = example_path.with_name("riverton-2.toml")
        burst(app, "f12", "end", *["backspace"] * len(".toml"), "-", "2", "enter")
        await wait_until(pilot, target.exists, f"{target} saved")
        assert app.session.path == target
        assert isinstance(app.screen, MainScreen)


async def test_keys_right_after_open_go_to_the_question_then_the_browser(
    example_path: Path,
) -> None:
    app = app_on(example_path)
    async with app.run_test(size=SIZE) as pilot:
        await wait_until(pilot, lambda: isinstance(app.screen, MainScreen), "the workbench")
        burst(app, "ctrl+o", "tab")
        await wait_until(pilot, lambda: isinstance(app.screen, FileDialog), "the file dialog")
        await wait_until(pilot, lambda: isinstance(app.focused, Input), "Tab from the tree")
        app.session.nudge("trade-missions", 1)
        burst(app, "escape", "ctrl+o", "tab", "tab")
        await wait_until(pilot, lambda: isinstance(app.screen, Confirm), "unsaved changes?")
        await wait_until(pilot, lambda: app.focused.id == "cancel", "two Tabs")
        burst(app, "shift+tab", "enter")  # Discard
        await wait_until(pilot, lambda: isinstance(app.screen, FileDialog), "the file dialog")
        assert isinstance(app.focused, ScenarioTree)
