"""Points allocation: spread 100 points over the values, with the points left always in view."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.content import Content
from textual.widgets import Button, Input, Label, Static

from integrate_tui.tui.forms.form import Form
from integrate_tui.tui.widgets.typed_input import TypedInput
from integrate_tui.workshop.points import (
    TOTAL,
    even_points,
    points_problems,
    remaining,
    weights_to_points,
)


class PointsForm(Form):
    """One box per value for its points; the rest of the 100 is counted live."""

    DEFAULT_CSS = """
    PointsForm Input { width: 14; }
    PointsForm .tally.-off { color: $warning; }
    """

    def __init__(
        self,
        values: Sequence[tuple[str, str]],
        start: Mapping[str, float],
        *,
        send: str = "Send my points",
    ) -> None:
        """`values` as (id, name); `start`: weights given before, as whole points (none: 0s)."""
        super().__init__()
        self._values = list(values)
        ids = [value_id for value_id, _ in self._values]
        self._start = weights_to_points(start, ids) if start else {}
        self._send_label = send

    def compose(self) -> ComposeResult:
        yield Static(
            f"Spread {TOTAL} points over the values: more points, more weight.", classes="hint"
        )
        for value_id, name in self._values:
            with Horizontal(classes="row"):
                yield Label(Content(name), classes="name")
                yield TypedInput(
                    str(self._start.get(value_id, 0)),
                    name=value_id,
                    restrict=r"[0-9]*",
                    max_length=3,
                )
        yield Static(classes="tally")
        yield Static(classes="problems")
        with Horizontal(classes="buttons"):
            yield Button(self._send_label, variant="primary", id="send")
            yield Button("Spread evenly", id="even")

    def on_mount(self) -> None:
        self._recount()

    def points(self) -> dict[str, int]:
        """The points typed so far (an empty box counts as 0)."""
        return {str(box.name): int(box.value or 0) for box in self.query(Input)}

    @on(Input.Changed)
    def _recount(self) -> None:
        left = remaining(self.points())
        words = "left to give" if left >= 0 else "too many"
        tally = self.query_one(".tally", Static)
        tally.update(f"{abs(left):g} of {TOTAL} points {words}")
        tally.set_class(left != 0, "-off")
        self.show_problems([])

    @on(Button.Pressed, "#even")
    def _even(self) -> None:
        spread = even_points([value_id for value_id, _ in self._values])
        for box in self.query(Input):
            box.value = str(spread[str(box.name)])

    @on(Button.Pressed, "#send")
    @on(Input.Submitted)
    def _send(self, event: Button.Pressed | Input.Submitted) -> None:
        event.stop()
        points = self.points()
        problems = points_problems(points, [value_id for value_id, _ in self._values])
        self.show_problems(problems)
        if not problems:
            self.send("points", points)
