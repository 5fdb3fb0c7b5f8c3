"""Start-up: the first frame comes before the engine, numpy and scipy; the work follows it."""

from __future__ import annotations

import subprocess
import sys
import threading
from pathlib import Path

import pytest
from textual.pilot import Pilot

from integrate_tui.errors import IntegrateError
from integrate_tui.files import ScenarioFileError
from integrate_tui.session import Session
from integrate_tui.tui.app import WorkbenchApp
from integrate_tui.tui.launch import launch_app
from integrate_tui.tui.screens.main import MainScreen
from integrate_tui.tui.screens.start import StartScreen
from integrate_tui.tui.widgets.activity_table import ActivityTable
from tui_support import wait_until

HEAVY = (
    "numpy",
    "scipy",
    "pydantic",
    "importlib.metadata",
    "integrate_tui.session",
    "integrate_tui.engine",
)
NO_ROBUSTNESS = (
    "from integrate_tui.tui.widgets.robustness import RobustnessFeed\n"
    "RobustnessFeed.DELAY = 3600  # its Monte Carlo is an optimiser run, and silences fd 1"
)
"""For a child app: keep the robustness column from starting however slowly the app runs."""


def test_importing_the_app_leaves_the_engine_numpy_and_scipy_for_later() -> None:
    code = f"import sys, integrate_tui.tui.app\nprint([m for m in {HEAVY!r} if m in sys.modules])"
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=True
    )
    assert result.stdout.strip() == "[]"


def test_the_workbench_imports_neither_scipy_nor_the_workshop_before_they_are_used(
    tmp_path: Path,
) -> None:
    code = (
        "import sys\n"
        "from integrate_tui.tui.app import make_app\n"
        f"{NO_ROBUSTNESS}\n"
        "async def leave(pilot):\n"
        "    await pilot.pause()\n"
        "    print(any(m in sys.modules for m in ('scipy', 'integrate_tui.workshop')))\n"
        "    pilot.app.exit()\n"
        "make_app(None, recovery_folder=sys.argv[1]).run(headless=True, auto_pilot=leave)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code, str(tmp_path)],
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    assert result.stdout.strip().endswith("False")


async def test_a_light_first_screen_shows_while_the_work_is_built(example_path: Path) -> None:
    release = threading.Event()

    def build() -> Session:
        release.wait(10)
        return Session.from_file(example_path, recovery_folder=example_path.parent / "state")

    app = WorkbenchApp(build)
    async with app.run_test() as pilot:
        try:
            assert isinstance(app.screen, StartScreen)
            await pilot.press("ctrl+z", "ctrl+s", "ctrl+p", "a")  # nothing to act on yet
            assert isinstance(app.screen, StartScreen)
        finally:
            release.set()
        await until_the_workbench(pilot)
        assert app.screen.query_one(ActivityTable).current_key == "sister-cities"
        assert app.sub_title == "riverton.toml"


async def test_launch_opens_the_file_in_the_workbench(example_path: Path) -> None:
    app = launch_app(example_path, recovery_folder=example_path.parent / "state")
    async with app.run_test() as pilot:
        await until_the_workbench(pilot)
        assert app.current_mode == "workbench" and app.session.path == example_path


async def until_the_workbench(pilot: Pilot) -> None:
    """Wait until the main screen has replaced the first one and drawn its rows."""

    def shown() -> bool:
        screen = pilot.app.screen
        return isinstance(screen, MainScreen) and bool(screen.query_one(ActivityTable).keys)

    await wait_until(pilot, shown, "the workbench to replace the first screen")


def test_launch_reports_a_broken_file_before_textual_starts(tmp_path: Path) -> None:
    broken = tmp_path / "broken.toml"
    broken.write_text("schema_version = 1\n[meta\n")
    with pytest.raises(ScenarioFileError):
        launch_app(broken)


async def test_a_failure_while_building_the_work_ends_the_app_with_the_error() -> None:
    def fails() -> None:
        raise IntegrateError("the scenario exploded", title="Cannot open")

    app = WorkbenchApp(fails)  # type: ignore[arg-type]
    async with app.run_test() as pilot:
        await wait_until(pilot, lambda: app.return_code is not None, "the app to end")
    assert app.return_code == 2
    assert app.load_error is not None and app.load_error.message == "the scenario exploded"


QUIT_DURING_A_SOLVE = f"""
import sys, threading
from integrate_tui.tui.app import make_app
{NO_ROBUSTNESS}
from integrate_tui.tui.daemon_executor import leave_now, workers_running
async def quit_while_busy(pilot):
    pilot.app.run_worker(threading.Event().wait, thread=True)  # a solve that never ends
    while not workers_running():
        await pilot.pause()
    pilot.app.exit()
make_app(sys.argv[1], recovery_folder=sys.argv[2]).run(headless=True, auto_pilot=quit_while_busy)
print(workers_running(), flush=True)
leave_now(0)
"""


def test_quitting_does_not_wait_for_a_running_worker(example_path: Path) -> None:
    # The worker never finishes: an app or process that waited for it would hang until the
    # timeout (a guard against hanging, not a speed budget) and fail the test.
    result = subprocess.run(
        [sys.executable, "-c", QUIT_DURING_A_SOLVE, str(example_path), str(example_path.parent)],
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    assert result.stdout.strip() == "True"  # it was still running when the app returned
