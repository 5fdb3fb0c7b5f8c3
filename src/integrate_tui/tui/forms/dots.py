"""Dot voting: place your dots on the options, several on one if you like."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.content import Content
from textual.widgets import Button, Input, Label, Static

from integrate_tui.tui.forms.form import Form
from integrate_tui.tui.widgets.typed_input import TypedInput
from integrate_tui.workshop.voting import dot_problems


class DotsForm(Form):
    """Per option a box for its dots, with − and + beside it (for the mouse: Tab goes from
    box to box); the dots left are counted live."""

    DEFAULT_CSS = """
    DotsForm .row Button { min-width: 5; width: 7; }
    DotsForm .row Input { width: 8; }
    DotsForm .tally.-off { color: $warning; }
    """

    def __init__(
        self,
        options: Sequence[str],
        budget: int,
        start: Mapping[str, float],
        *,
        send: str = "Send my dots",
    ) -> None:
        super().__init__()
        self._options = list(options)
        self._budget = budget
        self._start = {o: int(start.get(o, 0)) for o in self._options}
        self._send_label = send

    def compose(self) -> ComposeResult:
        yield Static(f"You have {self._budget} dots. Put them on the options you prefer.")
        for option in self._options:
            with Horizontal(classes="row"):
                yield Label(Content(option), classes="name")
                yield _mouse_button("−", option, "minus")
                yield TypedInput(
                    str(self._start[option]), restrict=r"[0-9]*", max_length=2, name=option
                )
                yield _mouse_button("+", option, "plus")
        yield Static(classes="tally")
        yield Static(classes="problems")
        with Horizontal(classes="buttons"):
            yield Button(self._send_label, variant="primary", id="send")

    def on_mount(self) -> None:
        self._recount()

    def dots(self) -> dict[str, int]:
        """The dots placed on each option (an empty box counts 0)."""
        return {str(box.name): int(box.value or 0) for box in self.query(Input)}

    @property
    def _left(self) -> int:
        """The dots not placed yet (negative: too many)."""
        return self._budget - sum(self.dots().values())

    def place(self, option: str, change: int) -> None:
        """Add or take back a dot, never below none nor beyond the budget."""
        box = next(b for b in self.query(Input) if b.name == option)
        now = int(box.value or 0)
        if (change > 0 and self._left <= 0) or now + change < 0:
            self.app.bell()
            return
        box.value = str(now + change)

    @on(Button.Pressed, ".plus")
    def _plus(self, event: Button.Pressed) -> None:
        event.stop()
        self.place(str(event.button.name), +1)

    @on(Button.Pressed, ".minus")
    def _minus(self, event: Button.Pressed) -> None:
        event.stop()
        self.place(str(event.button.name), -1)

    @on(Input.Changed)
    def _recount(self) -> None:
        left = self._left
        tally = self.query_one(".tally", Static)
        words = f"{left} of {self._budget} dots left" if left >= 0 else f"{-left} too many"
        tally.update(words)
        tally.set_class(left < 0, "-off")
        self.show_problems([])

    @on(Button.Pressed, "#send")
    @on(Input.Submitted)
    def _send(self, event: Button.Pressed | Input.Submitted) -> None:
        event.stop()
        placed = {o: n for o, n in self.dots().items() if n > 0}
        problems = dot_problems(placed, self._options, self._budget)
        if not placed:
            problems = ["Place at least one dot first."]
        self.show_problems(problems)
        if not problems:
            self.send("dots", placed)


def _mouse_button(label: str, name: str, kind: str) -> Button:
    """A − or + for the mouse, left out of Tab (which goes from box to box)."""
    button = Button(label, name=name, classes=kind)
    button.can_focus = False
    return button
