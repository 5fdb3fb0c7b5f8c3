"""The first frame: a light screen shown while the work is built behind it."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.screen import Screen
from textual.widgets import Header, Static


class StartScreen(Screen[None]):
    """The header and a line saying the work is on its way; replaced by the workbench."""

    DEFAULT_CSS = """
    StartScreen { align: center middle; }
    StartScreen Static { width: auto; color: $text-muted; }
    """

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static("Opening the workbench…")
