"""Dot voting: place your dots on the options, several on one if you like."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.content import Content
from textual.widgets import Button, Label, Static

from integrate_tui.tui.forms.form import Form
from integrate_tui.workshop.voting import dot_problems


class DotsForm(Form):
    """A − and + per option, the dots placed beside them, the dots left counted live."""

    DEFAULT_CSS = """
    DotsForm .row Button { min-width: 5; width: 7; }
    DotsForm .count { width: 8; padding: 1 0 0 0; content-align: center top; text-style: bold; }
    """

    def __init__(self, options: Sequence[str], budget: int, start: Mapping[str, float]) -> None:
        super().__init__()
        self._options = list(options)
        self._budget = budget
        self._dots = {o: int(start.get(o, 0)) for o in self._options}

    def compose(self) -> ComposeResult:
        yield Static(f"You have {self._budget} dots. Put them on the options you prefer.")
        for option in self._options:
            with Horizontal(classes="row"):
                yield Label(Content(option), classes="name")
                yield Button("−", name=option, classes="minus")
                yield Static(classes="count", name=option)
                yield Button("+", name=option, classes="plus")
        yield Static(classes="tally")
        yield Static(classes="problems")
        with Horizontal(classes="buttons"):
            yield Button("Send my dots", variant="primary", id="send")

    def on_mount(self) -> None:
        self._show()

    def dots(self) -> dict[str, int]:
        """The dots placed on each option."""
        return dict(self._dots)

    @property
    def _left(self) -> int:
        """The dots not placed yet."""
        return self._budget - sum(self._dots.values())

    def place(self, option: str, change: int) -> None:
        """Add or take back a dot, never below none nor beyond the budget."""
        if (change > 0 and self._left <= 0) or self._dots[option] + change < 0:
            self.app.bell()
            return
        self._dots[option] += change
        self._show()

    @on(Button.Pressed, ".plus")
    def _plus(self, event: Button.Pressed) -> None:
        self.place(str(event.button.name), +1)

    @on(Button.Pressed, ".minus")
    def _minus(self, event: Button.Pressed) -> None:
        self.place(str(event.button.name), -1)

    def _show(self) -> None:
        for count in self.query(".count").results(Static):
            n = self._dots[str(count.name)]
            count.update("●" * n if 0 < n <= 5 else str(n))
        self.query_one(".tally", Static).update(f"{self._left} of {self._budget} dots left")
        self.show_problems([])

    @on(Button.Pressed, "#send")
    def _send(self) -> None:
        placed = {o: n for o, n in self._dots.items() if n > 0}
        problems = dot_problems(placed, self._options, self._budget)
        if not placed:
            problems = ["Place at least one dot first."]
        self.show_problems(problems)
        if not problems:
            self.send("dots", placed)
