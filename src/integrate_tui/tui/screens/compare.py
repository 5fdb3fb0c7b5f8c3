"""Compare two named snapshots, or the open work with another file, with the full ledger."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import ClassVar

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Header, Label, Select, Static

from integrate_tui.engine import Change, Ledger, Score, diff
from integrate_tui.errors import IntegrateError
from integrate_tui.session import Session
from integrate_tui.tui import format as fmt
from integrate_tui.tui.screens.file_dialog import FileDialog

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

    def __init__(self, session: Session) -> None:
        super().__init__()
        self.session = session
        self._files: list[Path] = []

    def _options(self) -> list[tuple[str, str]]:
        options = [("Current state", CURRENT)]
        options += [(f"Snapshot “{s.name}”", s.name) for s in self.session.snapshots]
        options += [(f"File {p.name}", f"{FILE}{p}") for p in self._files]
        return options

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
        yield DataTable(cursor_type="row", zebra_stripes=True)
        yield Footer()

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        table.add_column("", width=36, key="name")
        for key in ("A", "B", "Δ"):
            table.add_column(key, width=10, key=key)
        self._show()

    @on(Select.Changed)
    def _show(self) -> None:
        a, b = str(self.query_one("#a", Select).value), str(self.query_one("#b", Select).value)
        try:
            ledger = diff(self._score(a), self._score(b))
        except IntegrateError as error:
            self.query_one("#headline", Static).update(Text(error.message, style="bold red"))
            self.query_one(DataTable).clear()
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
        table = self.query_one(DataTable)
        table.clear()
        units = {r.id: r.unit for r in ledger.resources}
        names = {a.id: a.name for a in self.session.scenario.activities}
        interactions = [fmt.interaction(c, names) for c in ledger.interactions]
        resources = [replace(r, name=f"{r.name} ({units[r.id]})") for r in ledger.resources]
        sections: list[tuple[str, list[Change], Callable[[float], str]]] = [
            ("Values", ledger.values, fmt.points),
            ("Interests", ledger.interests, fmt.points),
            ("Resources used", resources, fmt.amount),
            ("Silos' part of the score", ledger.silos, fmt.points),
            ("Funding changed", ledger.funding, fmt.level),
            ("Weights changed", ledger.weights_changed, fmt.weight),
            ("Interactions that moved", interactions, fmt.points),
        ]
        table.add_row(*_row(ledger.overall, fmt.points, palette, "bold"))
        for title, changes, show in sections:
            if changes:
                table.add_row(Text(title, style="bold underline"), "", "", "")
                for change in changes:
                    table.add_row(*_row(change, show, palette))

    @work
    async def action_file(self) -> None:
        start = self.session.path or Path.cwd()
        path = await self.app.push_screen_wait(FileDialog("open", start))
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


_CHANGE: dict[Callable[[float], str], Callable[[float], str]] = {
    fmt.points: fmt.delta,
    fmt.amount: fmt.amount_change,
    fmt.level: lambda d: f"{d:+.2f}",
    fmt.weight: lambda d: f"{d:+g}",
}
"""How a change is written for each way of writing the number itself."""


def _row(
    change: Change, show: Callable[[float], str], palette: fmt.Palette, style: str = ""
) -> tuple[Text, Text, Text, Text]:
    d = change.delta
    delta = _CHANGE[show](d) if abs(d) > 1e-9 else ""
    name = change.name if style else "  " + fmt.clip(change.name, 34)
    return (
        Text(name, style=style),
        Text(show(change.before), style=style, justify="right"),
        Text(show(change.after), style=style, justify="right"),
        fmt.signed(delta, d, palette),
    )
