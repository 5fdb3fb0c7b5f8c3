"""Compare two named snapshots, or the open work with another file, with the full ledger."""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal
from textual.screen import Screen
from textual.widgets import Header, Label, Select, Static

from integrate_tui.engine import Ledger, Score, diff
from integrate_tui.errors import IntegrateError
from integrate_tui.session import Session
from integrate_tui.tui import format as fmt
from integrate_tui.tui.screens.file_dialog import FileDialog
from integrate_tui.tui.widgets.footer import Footer
from integrate_tui.tui.widgets.ledger_table import LedgerTable

CURRENT = "current"
FILE = "file:"


class CompareScreen(Screen[None]):
    """Two Selects (snapshots, the current state, files) and the ledger from A to B."""

    DEFAULT_CSS = """
    CompareScreen #pick { height: auto; padding: 0 1; }
    CompareScreen #pick Label { padding: 1 1 0 0; }
    CompareScreen Select { width: 1fr; margin-right: 1; }
    CompareScreen #headline { height: auto; padding: 0 1; border-bottom: solid $primary 50%; }
    CompareScreen DataTable { height: 1fr; }
    """
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "app.pop_screen", "Back", id="compare.back"),
        Binding("f", "file", "Compare with a file", id="compare.file"),
        Binding("x", "swap", "Swap A and B", id="compare.swap"),
    ]
    AUTO_FOCUS = "LedgerTable"
    """↑↓ read the ledger; Tab reaches the choices of A and B (a focused dropdown would open
    on ↓)."""

    def __init__(self, session: Session) -> None:
        super().__init__()
        self.session = session
        self._files: list[Path] = []

    def _options(self) -> list[tuple[Text, str]]:
        options = [("Current state", CURRENT)]
        options += [(f"Snapshot “{s.name}”", s.name) for s in self.session.snapshots]
        options += [(f"File {p.name}", f"{FILE}{p}") for p in self._files]
        return fmt.plain_options(options)

    def compose(self) -> ComposeResult:
        names = [s.name for s in self.session.snapshots]
        first = names[0] if names else CURRENT
        second = names[1] if len(names) > 1 else CURRENT
        yield Header()
        with Horizontal(id="pick"):
            yield Label("A")
            yield Select(self._options(), value=first, allow_blank=False, id="a")
            yield Label("B")
            yield Select(self._options(), value=second, allow_blank=False, id="b")
        yield Static(id="headline")
        yield LedgerTable()
        yield Footer()

    def on_mount(self) -> None:
        self._show()

    @on(Select.Changed)
    def _show(self) -> None:
        a, b = str(self.query_one("#a", Select).value), str(self.query_one("#b", Select).value)
        try:
            ledger = diff(self._score(a), self._score(b))
        except IntegrateError as error:
            self.query_one("#headline", Static).update(Text(error.message, style="bold red"))
            self.query_one(LedgerTable).clear()
            return
        self._fill(ledger)

    def _score(self, choice: str) -> Score:
        if choice.startswith(FILE):
            return self.session.score_file(choice.removeprefix(FILE))
        return self.session.score_for(None if choice == CURRENT else choice)

    def _fill(self, ledger: Ledger) -> None:
        palette = fmt.Palette.from_theme(self.app.theme_variables)
        hint = ""
        if not self.session.snapshots and not self._files:
            hint = "\nNo snapshots yet: press s on the main screen to keep one, or f for a file."
        self.query_one("#headline", Static).update(Text(ledger.headline() + hint))
        names = {a.id: a.name for a in self.session.scenario.activities}
        self.query_one(LedgerTable).show(ledger, names, palette)

    def action_file(self) -> None:
        """Ask for a file to compare, the dialog opened at once so typing goes to it."""
        start = self.session.path or Path.cwd()
        self.app.push_screen(FileDialog("open", start), self._add_file)

    def _add_file(self, path: Path | None) -> None:
        if path is None:
            return
        self._files.append(path)
        for select in self.query(Select):
            select.set_options(self._options())
        self.query_one("#a", Select).value = CURRENT
        self.query_one("#b", Select).value = f"{FILE}{path}"

    def action_swap(self) -> None:
        a, b = self.query_one("#a", Select), self.query_one("#b", Select)
        a.value, b.value = b.value, a.value
