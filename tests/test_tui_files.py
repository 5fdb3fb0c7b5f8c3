"""Pilot tests of the file flows: save, save as, open, errors, quit, recovery, autosave."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest
from textual.pilot import Pilot
from textual.widgets import Input

from integrate_tui.cli.app_command import run_app
from integrate_tui.files import load
from integrate_tui.tui.app import make_app
from integrate_tui.tui.screens.dialogs import Confirm, ErrorDialog
from integrate_tui.tui.screens.file_dialog import FileDialog
from integrate_tui.tui.screens.main import MainScreen
from tui_support import SIZE, app_on, wait_until


async def type_path(pilot: Pilot, path: Path) -> None:
    """Type a path into the file dialog's path box and press Enter."""
    box = pilot.app.screen.query_one(Input)
    box.focus()
    box.value = str(path)
    await pilot.press("enter")


async def test_ctrl_s_saves_a_file_that_loads_back_equal(example_path: Path) -> None:
    app = app_on(example_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("right", "ctrl+s")
        await pilot.pause()
        assert not app.session.dirty and "●" not in app.sub_title
        assert load(example_path) == app.session.scenario


async def test_saving_new_work_asks_for_a_path(tmp_path: Path) -> None:
    app = make_app(None, recovery_folder=tmp_path / "state")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("right", "ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, FileDialog)
        await type_path(pilot, tmp_path / "mine")
        await pilot.pause()
        assert app.session.path == tmp_path / "mine.toml"
        assert load(tmp_path / "mine.toml") == app.session.scenario
        assert app.sub_title == "mine.toml"


async def test_saving_over_comments_keeps_them_without_asking(example_path: Path) -> None:
    example_path.write_text("# a comment to keep\n" + example_path.read_text())
    app = app_on(example_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("right", "ctrl+s")
        await wait_until(pilot, lambda: not app.session.dirty, "the save")
        assert not isinstance(app.screen, Confirm)
    text = example_path.read_text()
    assert text.startswith("# a comment to keep\n")
    assert load(example_path) == app.session.scenario


async def test_a_broken_file_shows_its_errors_and_leaves_the_work_alone(
    example_path: Path,
) -> None:
    broken = example_path.with_name("broken.toml")
    broken.write_text("schema_version = 1\n[meta]\ntitle = 3\n")
    app = app_on(example_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("right")
        before = app.session.scenario
        await pilot.press("ctrl+o")
        await pilot.pause()
        await pilot.press("escape")  # the unsaved-changes question: cancel
        await pilot.pause()
        assert isinstance(app.screen, MainScreen) and app.session.scenario is before
        await pilot.press("ctrl+o")
        await pilot.pause()
        await pilot.click("#discard")
        await pilot.pause()
        assert isinstance(app.screen, FileDialog)
        await type_path(pilot, broken)
        await pilot.pause()
        assert isinstance(app.screen, ErrorDialog)
        text = str(app.screen.query_one("#error-text").render())
        assert "broken.toml:3" in text and "must be text in quotes" in text
        await pilot.press("enter")
        assert app.session.scenario is before and app.session.path == example_path


async def test_opening_another_file(example_path: Path) -> None:
    other = example_path.with_name("other.toml")
    other.write_text(example_path.read_text().replace("funding = 0.8", "funding = 0.3"))
    app = app_on(example_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+o")
        await pilot.pause()
        await type_path(pilot, other)
        await pilot.pause()
        assert app.session.path == other and app.sub_title == "other.toml"
        assert app.session.activity("trade-missions").funding == 0.3


async def test_quitting_with_unsaved_changes_asks(example_path: Path) -> None:
    app = app_on(example_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("right", "ctrl+q")
        await pilot.pause()
        assert isinstance(app.screen, Confirm)
        await pilot.click("#cancel")
        await pilot.pause()
        assert app.is_running and isinstance(app.screen, MainScreen)
        await pilot.press("ctrl+q")
        await pilot.pause()
        await pilot.click("#discard")
        await pilot.pause()
    assert app.return_code == 0
    assert load(example_path).activity("sister-cities").funding == 0.5


async def test_recovery_is_offered_at_start_and_restored(example_path: Path) -> None:
    app = app_on(example_path, autosave_seconds=0.05)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("right")
        recovery = app.session.recovery_path
        await wait_until(pilot, recovery.exists, "the autosave timer to write the recovery file")
    then = time.time() - 60
    os.utime(example_path, (then, then))

    again = app_on(example_path)
    async with again.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(again.screen, Confirm)
        await pilot.click("#restore")
        await pilot.pause()
        assert again.session.activity("sister-cities").funding == 0.6 and again.session.dirty
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert not recovery.exists()


def test_run_app_reports_a_broken_file_before_starting(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    broken = tmp_path / "broken.toml"
    broken.write_text("schema_version = 1\n[meta\n")
    assert run_app(str(broken)) == 2
    assert "broken.toml:2" in capsys.readouterr().err
