"""Points allocation for one participant: 100 points over the values, the rest counted live."""

from __future__ import annotations

from collections.abc import Iterable

from textual import on
from textual.widget import Widget
from textual.widgets import Input, Static

from integrate_tui.model import Scenario
from integrate_tui.session import Session
from integrate_tui.tui.workshop.focus import names
from integrate_tui.tui.workshop.forms import FormDialog, row
from integrate_tui.workshop import TOTAL, set_points
from integrate_tui.workshop.points import remaining, weights_to_points


class PointsForm(FormDialog):
    """One box per value; the points left (or too many) update as the facilitator types."""

    DEFAULT_CSS = """
    PointsForm .row { margin-bottom: 1; }
    PointsForm .row > Input { width: 8; }
    PointsForm .row > Label { width: 40; padding: 0 1 0 0; }
    PointsForm #left { text-style: bold; height: auto; margin-top: 1; }
    PointsForm #left.-off { color: $warning; }
    """

    def __init__(self, session: Session, participant_id: str, start: dict[str, float]) -> None:
        name = names(session.scenario)[participant_id]
        super().__init__(f"{name}: spread {TOTAL} points over the values", session)
        self.participant_id = participant_id
        values = [v.id for v in session.scenario.values]
        self._start = weights_to_points(start or {}, values)

    def fields(self) -> Iterable[Widget]:
        for v in self.scenario.values:
            points = str(self._start.get(v.id, 0))
            box = Input(points, restrict=r"[0-9]*", max_length=3, name=v.id, compact=True)
            yield row(v.name, box)

    def tally(self) -> Iterable[Widget]:
        yield Static(id="left")

    def on_mount(self) -> None:
        self.query(Input).first().focus()
        self._recount()

    def points(self) -> dict[str, int]:
        """The points typed so far (an empty box counts as 0)."""
        return {str(box.name): int(box.value or 0) for box in self.query(Input)}

    @on(Input.Changed)
    def _recount(self) -> None:
        left = remaining(self.points(), TOTAL)
        words = "left to give" if left >= 0 else "too many"
        label = self.query_one("#left", Static)
        label.update(f"{abs(left):g} of {TOTAL} points {words}")
        label.set_class(left != 0, "-off")
        self.show_problems([])

    def build(self) -> Scenario:
        return set_points(self.scenario, self.participant_id, self.points())
