"""Helpers shared by the TUI tests: build the app on a file, read what tables show, wait for
the app to reach a state (never for a fixed time: tests must pass however slow the machine)."""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from rich.text import Text
from textual.app import App
from textual.command import Command, CommandList, CommandPalette
from textual.pilot import Pilot
from textual.widgets import DataTable

from integrate_tui.engine import compile_scenario, score
from integrate_tui.model import Scenario, validate_scenario
from integrate_tui.tui.app import WorkbenchApp, make_app

SIZE = (120, 40)


def app_on(path: Path, **options: float) -> WorkbenchApp:
    """The app on a scenario file, with recovery files of untitled work kept in its folder."""
    return make_app(path, recovery_folder=path.parent / "state", **options)


def notes(app: App[object]) -> list[str]:
    """Every notification from now on, as "title: message", still shown as the app shows it."""
    seen: list[str] = []
    show = app.notify

    def record(message: str, **options: Any) -> None:
        seen.append(f"{options.get('title', '')}: {message}")
        show(message, **options)

    app.notify = record  # type: ignore[method-assign]
    return seen


def cell(table: DataTable, row: str, column: str) -> str:
    """The plain text a table cell shows."""
    value = table.get_cell(row, column)
    return value.plain if isinstance(value, Text) else str(value)


def fresh_score(scenario: Scenario):
    """The engine's score of a scenario rebuilt from plain data: nothing cached is reused."""
    return score(compile_scenario(validate_scenario(scenario.model_dump())))


async def wait_until(
    pilot: Pilot, predicate: Callable[[], object], what: str, *, timeout: float = 60.0
) -> None:
    """Let the app run until `predicate()` is true; fail naming `what` if it never becomes so.

    The app always handles what is already queued first, so a message posted just before the
    call is seen. The timeout only stops a broken test from hanging: it is generous so that
    a loaded machine (pytest -n auto) is never mistaken for a bug.
    """
    deadline = time.monotonic() + timeout
    await pilot.pause()
    while not predicate():
        if not pilot.app.is_running:
            pytest.fail(f"the app stopped before {what}")
        if time.monotonic() > deadline:
            pytest.fail(f"waited {timeout:g} s for {what}")
        await pilot.pause()


def palette_offers(app: App[object], text: str) -> bool:
    """Whether the command palette has finished searching and highlights a hit starting `text`."""
    palette = app.screen
    if not isinstance(palette, CommandPalette):
        return False
    if any(w.node is palette and not w.is_finished for w in app.workers):
        return False  # still gathering hits for what was typed last
    option = palette.query_one(CommandList).highlighted_option
    return isinstance(option, Command) and str(option.hit.text).startswith(text)


async def settle(
    pilot: Pilot, busy: Callable[[], bool] = lambda: False, *, timeout: float = 60.0
) -> None:
    """Wait until no worker is unfinished, every screen is mounted and `busy()` is false.

    Quiet must hold at two checks in a row: the pause between them lets the app handle what
    the last worker posted when it finished (which may push a screen or start a worker).
    """
    app = pilot.app
    streak = 0

    def quiet_twice() -> bool:
        nonlocal streak
        quiet = (
            all(w.is_finished for w in app.workers)
            and all(screen.is_mounted for screen in app.screen_stack)
            and not busy()
        )
        streak = streak + 1 if quiet else 0
        return streak >= 2

    await wait_until(
        pilot, quiet_twice, "the workers to finish and the app to settle", timeout=timeout
    )


def burst(app: App[object], *keys: str) -> None:
    """Queue `keys` all at once, as a terminal delivers keys typed faster than the app handles
    them (`pilot.press` lets the app go idle after each key, which hides ordering faults)."""
    from textual import events

    characters = {"tab": "\t", "enter": "\r", "space": " ", "backspace": "\x7f"}
    for key in keys:
        event = events.Key(key, characters.get(key, key if len(key) == 1 else None))
        event.set_sender(app)
        app.post_message(event)
