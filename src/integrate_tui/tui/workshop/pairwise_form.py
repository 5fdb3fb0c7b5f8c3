"""Pairwise comparison for one participant: Saaty 1–9 per pair, consistency ratio live."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import ClassVar

from textual import on
from textual.binding import Binding, BindingType
from textual.widget import Widget
from textual.widgets import Static

from integrate_tui.model import Scenario
from integrate_tui.session import Session
from integrate_tui.tui.workshop.focus import names
from integrate_tui.tui.workshop.forms import FormDialog
from integrate_tui.tui.workshop.pair_list import PairList
from integrate_tui.workshop import CR_LIMIT, WorkshopError, describe, pairs, priorities
from integrate_tui.workshop import set_judgements as record_judgements


class PairwiseForm(FormDialog):
    """↑/↓ pick a pair, ←/→ lean toward the value that matters more; Enter records."""

    DEFAULT_CSS = """
    PairwiseForm > Vertical { width: 84; }
    PairwiseForm #consistency { height: auto; margin-top: 1; }
    PairwiseForm #consistency.-inconsistent { color: $warning; }
    """
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "submit", "Record", id="pairwise.record"),
    ]

    def __init__(
        self,
        session: Session,
        participant_id: str,
        start: Mapping[tuple[str, str], float],
    ) -> None:
        name = names(session.scenario)[participant_id]
        super().__init__(f"{name}: which value matters more, and how much?", session)
        self.participant_id = participant_id
        self._start = dict(start)
        self._values = {v.id: v.name for v in session.scenario.values}

    def fields(self) -> Iterable[Widget]:
        yield PairList(pairs(list(self._values)), self._values, self._start)

    def tally(self) -> Iterable[Widget]:
        yield Static(id="consistency", markup=False)  # names the values

    def on_mount(self) -> None:
        self.query_one(PairList).focus()
        self._recount()

    def action_submit(self) -> None:
        self.submit()

    @on(PairList.Changed)
    def _recount(self) -> None:
        """The chosen judgement in words, the consistency ratio and the worst judgement."""
        pair_list = self.query_one(PairList)
        judged = pair_list.judgements()
        a, b = pair_list.pairs[pair_list.cursor]
        lines = [describe(self._values[a], self._values[b], judged[a, b])]
        box = self.query_one("#consistency", Static)
        try:
            result = priorities(list(self._values), judged)
        except WorkshopError as error:
            box.update("\n".join([*lines, *error.problems]))
            return
        verdict = (
            f"consistent (at most {CR_LIMIT:.2f})"
            if result.consistent
            else f"above {CR_LIMIT:.2f}: some answers contradict others"
        )
        lines.append(f"Consistency ratio {result.cr:.3f}: {verdict}")
        worst = result.worst
        if worst is not None:
            lines.append(f"⚠ Most inconsistent: {worst.explain(self._values)}")
        pair_list.flag(None if worst is None else (worst.a, worst.b))
        box.update("\n".join(lines))
        box.set_class(not result.consistent, "-inconsistent")
        self.show_problems([])

    def build(self) -> Scenario:
        judged = self.query_one(PairList).judgements()
        return record_judgements(self.scenario, self.participant_id, judged)
