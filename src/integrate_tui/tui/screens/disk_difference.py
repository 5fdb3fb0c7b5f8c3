"""What differs between the file on disk and the open work: the ledger from one to the other."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Button, Label, Static

from integrate_tui.tui import format as fmt
from integrate_tui.tui.screens.dialogs import Dialog
from integrate_tui.tui.widgets.ledger_table import LedgerTable

if TYPE_CHECKING:
    from collections.abc import Mapping

    from integrate_tui.session import Difference


class DiskDifference(Dialog[None]):
    """The parts that differ, and the ledger from the file to the work (or why there is none)."""

    DEFAULT_CSS = """
    DiskDifference > Vertical { width: 100; height: 90%; }
    DiskDifference .title { margin-bottom: 0; }
    DiskDifference .message { height: auto; max-height: 5; }
    DiskDifference LedgerTable { height: 1fr; margin-top: 1; }
    """
    AUTO_FOCUS = "#back"
    """Focused while composed (see `Dialog`), so a key typed at once reaches the dialog."""

    def __init__(self, name: str, difference: Difference, names: Mapping[str, str]) -> None:
        super().__init__()
        self._name, self._difference, self._names = name, difference, names

    def compose(self) -> ComposeResult:
        d = self._difference
        if d.parts:
            summary = "Differing: " + ", ".join(d.parts) + ".\n"
        elif d.ledger is not None:
            summary = "The scenarios are the same; only the file's text differs.\n"
        else:
            summary = ""
        if d.ledger is None:
            summary += f"No ledger between them: {d.reason}."
        else:
            summary += d.ledger.headline()
        with Vertical():
            yield Label(f"{self._name} on disk → your work", classes="title", markup=False)
            with VerticalScroll(classes="message"):
                yield Static(Text(summary), id="summary")
            if d.ledger is not None:
                yield LedgerTable(headers=("File", "Yours"))
            with Horizontal(classes="buttons"):
                yield Button("Back", id="back", variant="primary", compact=True)

    def on_mount(self) -> None:
        if self._difference.ledger is not None:
            palette = fmt.Palette.from_theme(self.app.theme_variables)
            self.query_one(LedgerTable).show(self._difference.ledger, self._names, palette)

    @on(Button.Pressed)
    def _pressed(self) -> None:
        self.dismiss(None)
