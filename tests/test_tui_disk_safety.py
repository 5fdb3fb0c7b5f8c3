"""Pilot tests of the file on disk: another program's edit, another window on the same file."""

from __future__ import annotations

import os
import time
from pathlib import Path

from textual.pilot import Pilot
from textual.widgets import Button, Input, Label, Static

from instance_support import end, other_instance
from integrate_tui.files import load
from integrate_tui.tui.app import WorkbenchApp
from integrate_tui.tui.screens.main import MainScreen
from tui_support import SIZE, app_on, notes, wait_until


def edit_on_disk(path: Path, old: str, new: str) -> None:
    """What another program does: change the file's text."""
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")


def funding(path: Path, activity: str) -> float:
    return load(path).activity(activity).funding


def asking(app: WorkbenchApp, *buttons: str) -> bool:
    """Whether the screen shown is a question with these answers."""
    shown = [b.id for b in app.screen.query(Button)]
    return shown == list(buttons)


def text_of(app: WorkbenchApp, selector: str) -> str:
    widget = app.screen.query_one(selector, Static)
    return str(widget.render())


CHANGED = ("reload", "overwrite", "save-as", "difference", "cancel")


async def changed_then_ctrl_s(pilot: Pilot, path: Path) -> None:
    """Change the work, let another program change the file, press ctrl+s."""
    await pilot.press("right")  # sister-cities 0.5 → 0.6
    edit_on_disk(path, "funding = 0.8", "funding = 0.4")  # trade-missions, on disk
    await pilot.press("ctrl+s")
    await wait_until(pilot, lambda: asking(pilot.app, *CHANGED), "the changed-on-disk question")


async def test_ctrl_s_over_an_edit_made_on_disk_asks_and_cancel_keeps_it(
    example_path: Path,
) -> None:
    app = app_on(example_path)
    async with app.run_test(size=SIZE) as pilot:
        await changed_then_ctrl_s(pilot, example_path)
        assert "changed by another program" in text_of(app, "#message-text")
        assert funding(example_path, "trade-missions") == 0.4  # nothing written yet
        await pilot.click("#difference")
        await wait_until(pilot, lambda: asking(app, "back"), "the difference")
        summary = text_of(app, "#summary")
        assert "Outbound trade missions 0.4 → 0.8" in summary and "Differing: activities" in summary
        title = str(app.screen.query_one(".title", Label).render())
        assert title == "riverton.toml on disk → your work"
        await pilot.click("#back")
        await wait_until(pilot, lambda: asking(app, *CHANGED), "the question again")
        await pilot.click("#cancel")
        await wait_until(pilot, lambda: isinstance(app.screen, MainScreen), "the workbench")
        assert funding(example_path, "trade-missions") == 0.4 and app.session.dirty
        assert "●" in app.sub_title


async def test_overwrite_replaces_the_edit_made_on_disk(example_path: Path) -> None:
    app = app_on(example_path)
    async with app.run_test(size=SIZE) as pilot:
        await changed_then_ctrl_s(pilot, example_path)
        await pilot.click("#overwrite")
        await wait_until(pilot, lambda: not app.session.dirty, "the save")
        assert load(example_path) == app.session.scenario
        assert funding(example_path, "trade-missions") == 0.8


async def test_reload_takes_the_files_version_and_ctrl_z_brings_yours_back(
    example_path: Path,
) -> None:
    app = app_on(example_path)
    seen = notes(app)
    async with app.run_test(size=SIZE) as pilot:
        await changed_then_ctrl_s(pilot, example_path)
        await pilot.click("#reload")
        await wait_until(pilot, lambda: isinstance(app.screen, MainScreen), "the workbench")
        s = app.session
        assert s.activity("trade-missions").funding == 0.4 and not s.dirty
        assert any(n.startswith("Reloaded: ") and ".kept-" in n for n in seen)
        await pilot.press("ctrl+z")
        assert s.activity("sister-cities").funding == 0.6 and s.dirty
        assert s.activity("trade-missions").funding == 0.8


async def save_as_mine(pilot: Pilot, path: Path) -> None:
    """Choose Save as…, save to `mine.toml` beside `path` and wait for the save."""
    app = pilot.app
    await pilot.click("#save-as")
    await wait_until(pilot, lambda: bool(app.screen.query(Input)), "the file dialog")
    box = app.screen.query_one(Input)
    box.value = str(path.with_name("mine.toml"))
    box.focus()
    await pilot.press("enter")
    await wait_until(pilot, lambda: not app.session.dirty, "the save as")


async def test_save_as_keeps_both(example_path: Path) -> None:
    app = app_on(example_path)
    async with app.run_test(size=SIZE) as pilot:
        await changed_then_ctrl_s(pilot, example_path)
        await save_as_mine(pilot, example_path)
    assert funding(example_path, "trade-missions") == 0.4
    assert funding(example_path.with_name("mine.toml"), "sister-cities") == 0.6


async def test_the_difference_says_when_the_two_cannot_be_compared(example_path: Path) -> None:
    app = app_on(example_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("right")
        edit_on_disk(example_path, '"sister-cities"', '"twinning"')
        await pilot.press("ctrl+s")
        await wait_until(pilot, lambda: asking(app, *CHANGED), "the changed-on-disk question")
        await pilot.click("#difference")
        await wait_until(pilot, lambda: asking(app, "back"), "the difference")
        summary = text_of(app, "#summary")
        assert summary.startswith("Differing: activities, interactions.\n")
        assert "No ledger between them: the two scenarios have different activity ids" in summary


async def test_a_change_on_disk_is_noticed_while_idle(example_path: Path) -> None:
    app = app_on(example_path, autosave_seconds=0.05)
    seen = notes(app)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        edit_on_disk(example_path, "funding = 0.8", "funding = 0.4")
        await wait_until(pilot, lambda: any("riverton.toml was changed" in n for n in seen), "news")
        assert seen.count(next(n for n in seen if "riverton.toml was changed" in n)) == 1


async def test_another_window_on_the_file_is_named_and_read_only_refuses_to_save(
    example_path: Path,
) -> None:
    other, _ = other_instance(example_path, "trade-missions", "running")
    try:
        app = app_on(example_path)
        async with app.run_test(size=SIZE) as pilot:
            choices = ("read-only", "anyway", "cancel")
            await wait_until(pilot, lambda: asking(app, *choices), "the open-elsewhere question")
            message = text_of(app, "#message-text")
            assert message.startswith("riverton.toml is open in another window since ")
            await pilot.click("#read-only")
            await wait_until(pilot, lambda: "(read-only)" in app.sub_title, "read-only")
            before = example_path.read_bytes()
            await pilot.press("right", "ctrl+s")
            await wait_until(pilot, lambda: asking(app, "save-as", "cancel"), "save as offered")
            assert "opened read-only" in text_of(app, "#message-text")
            await pilot.click("#cancel")
            await pilot.pause()
            assert example_path.read_bytes() == before
    finally:
        end(other)


async def test_cancel_leaves_a_file_open_in_another_window_alone(example_path: Path) -> None:
    other, _ = other_instance(example_path, "trade-missions", "running")
    try:
        app = app_on(example_path)
        async with app.run_test(size=SIZE) as pilot:
            await wait_until(pilot, lambda: asking(app, "read-only", "anyway", "cancel"), "ask")
            await pilot.click("#cancel")
            await wait_until(pilot, lambda: not app.is_running, "the app to close")
    finally:
        end(other)


async def test_two_windows_one_saves_the_others_unsaved_work_survives_its_crash(
    example_path: Path,
) -> None:
    other, recovery = other_instance(example_path, "trade-missions", "running")
    try:
        app = app_on(example_path)
        async with app.run_test(size=SIZE) as pilot:
            await wait_until(pilot, lambda: asking(app, "read-only", "anyway", "cancel"), "ask")
            await pilot.click("#anyway")
            await wait_until(pilot, lambda: isinstance(app.screen, MainScreen), "the workbench")
            await pilot.press("right", "ctrl+s")
            await wait_until(pilot, lambda: not app.session.dirty, "the save")
            assert funding(example_path, "sister-cities") == 0.6
            assert recovery.exists()  # the other window's unsaved work
    finally:
        end(other)  # it ends without cleaning up: a crash
    then = time.time() - 60
    os.utime(recovery, (then, then))

    again = app_on(example_path)
    async with again.run_test(size=SIZE) as pilot:
        await wait_until(pilot, lambda: asking(again, "restore", "keep", "discard"), "the offer")
        message = text_of(again, "#message-text")
        assert str(recovery) in message and "riverton.toml was changed after that" in message
        await pilot.click("#restore")
        await wait_until(pilot, lambda: again.session.dirty, "the restore")
        assert again.session.activity("trade-missions").funding == 0.9


async def test_a_read_only_file_is_not_replaced_and_save_as_is_offered(example_path: Path) -> None:
    example_path.chmod(0o444)
    app = app_on(example_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("right", "ctrl+s")
        await wait_until(pilot, lambda: asking(app, "save-as", "cancel"), "save as offered")
        assert "read-only" in text_of(app, "#message-text")
        await save_as_mine(pilot, example_path)
    assert funding(example_path, "sister-cities") == 0.5
    assert funding(example_path.with_name("mine.toml"), "sister-cities") == 0.6
