"""Helpers shared by the TUI tests: build the app on a file and read what tables show."""

from __future__ import annotations

from pathlib import Path

from rich.text import Text
from textual.widgets import DataTable

from integrate_tui.engine import compile_scenario, score
from integrate_tui.model import Scenario, validate_scenario
from integrate_tui.tui.app import WorkbenchApp, make_app

SIZE = (120, 40)


def app_on(path: Path, **options: float) -> WorkbenchApp:
    """The app on a scenario file, with recovery files of untitled work kept in its folder."""
    return make_app(path, recovery_folder=path.parent / "state", **options)


def cell(table: DataTable, row: str, column: str) -> str:
    """The plain text a table cell shows."""
    value = table.get_cell(row, column)
    return value.plain if isinstance(value, Text) else str(value)


def fresh_score(scenario: Scenario):
    """The engine's score of a scenario rebuilt from plain data: nothing cached is reused."""
    return score(compile_scenario(validate_scenario(scenario.model_dump())))
