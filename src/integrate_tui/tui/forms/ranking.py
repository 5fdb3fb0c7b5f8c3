"""Ranked choice: put the options in your order of preference, first choice at the top."""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal
from textual.content import Content
from textual.widgets import Button, OptionList, Static

from integrate_tui.tui.forms.form import Form
from integrate_tui.workshop.voting import ranking_problems


class RankingForm(Form):
    """The options in order; move the highlighted one up or down, then send the order."""

    DEFAULT_CSS = """
    RankingForm OptionList { height: auto; max-height: 16; margin-bottom: 1; }
    """
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+up", "move(-1)", "Move up", id="participant.rank-up"),
        Binding("ctrl+down", "move(1)", "Move down", id="participant.rank-down"),
    ]

    def __init__(self, options: Sequence[str], start: Sequence[str]) -> None:
        super().__init__()
        self._options = list(options)
        kept = [o for o in start if o in self._options]
        self._order = kept + [o for o in self._options if o not in kept]

    def compose(self) -> ComposeResult:
        yield Static("Order the options from your first choice (top) to your last.")
        yield OptionList()
        yield Static(classes="problems")
        with Horizontal(classes="buttons"):
            yield Button("Move up", id="up")
            yield Button("Move down", id="down")
            yield Button("Send my ranking", variant="primary", id="send")

    def on_mount(self) -> None:
        self._show(0)

    def ranking(self) -> list[str]:
        """The options in the participant's order, first choice first."""
        return list(self._order)

    def action_move(self, step: int) -> None:
        """Move the highlighted option `step` places (up when negative), within the list."""
        here = self.query_one(OptionList).highlighted or 0
        there = min(max(here + step, 0), len(self._order) - 1)
        self._order.insert(there, self._order.pop(here))
        self._show(there)

    @on(Button.Pressed, "#up")
    def _up(self) -> None:
        self.action_move(-1)

    @on(Button.Pressed, "#down")
    def _down(self) -> None:
        self.action_move(1)

    def _show(self, highlighted: int) -> None:
        listing = self.query_one(OptionList)
        listing.set_options(Content(f"{i}. {o}") for i, o in enumerate(self._order, start=1))
        if self._order:
            listing.highlighted = highlighted
        self.show_problems([])

    @on(Button.Pressed, "#send")
    def _send(self) -> None:
        problems = ranking_problems(self._order, self._options)
        self.show_problems(problems)
        if not problems and self._order:
            self.send("ranking", self.ranking())
