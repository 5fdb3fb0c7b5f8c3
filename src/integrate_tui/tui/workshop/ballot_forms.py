"""Ballots the facilitator enters for someone: dots over the options, or a ranking of them."""

from __future__ import annotations

from collections.abc import Iterable

from textual import on
from textual.widget import Widget
from textual.widgets import Input, OptionList, Static

from integrate_tui.model import Ballot
from integrate_tui.session import Session
from integrate_tui.session.workshop import Step
from integrate_tui.tui.workshop.forms import FormDialog, row
from integrate_tui.workshop import ballot_options, dot_budget, workshop_of
from integrate_tui.workshop.focus import names


class DotsForm(FormDialog):
    """A box per option for the dots placed on it; the dots left are counted live."""

    DEFAULT_CSS = """
    DotsForm .row { margin-bottom: 1; }
    DotsForm .row > Input { width: 8; }
    DotsForm .row > Label { width: 40; padding: 0 1 0 0; }
    DotsForm #left { text-style: bold; height: auto; margin-top: 1; }
    DotsForm #left.-off { color: $warning; }
    """

    def __init__(self, session: Session, participant_id: str, index: int) -> None:
        round_ = workshop_of(session.scenario).rounds[index]
        self.dots = dot_budget(round_)
        name = names(session.scenario)[participant_id]
        super().__init__(f"{name}: place up to {self.dots} dots", session)
        self.participant_id = participant_id
        self.options = ballot_options(session.scenario, index)
        self._start = round_.votes.get(participant_id, Ballot()).dots

    def fields(self) -> Iterable[Widget]:
        for i, option in enumerate(self.options):
            dots = f"{self._start.get(option, 0):g}"
            box = Input(dots, restrict=r"[0-9]*", max_length=2, name=str(i), compact=True)
            yield row(option, box)

    def tally(self) -> Iterable[Widget]:
        yield Static(id="left")

    def on_mount(self) -> None:
        self.query(Input).first().focus()
        self._recount()

    def ballot(self) -> dict[str, int]:
        """Dots per option as typed (empty boxes count 0)."""
        return {self.options[int(str(box.name))]: int(box.value or 0) for box in self.query(Input)}

    @on(Input.Changed)
    def _recount(self) -> None:
        left = self.dots - sum(self.ballot().values())
        label = self.query_one("#left", Static)
        label.update(f"{left} of {self.dots} dots left" if left >= 0 else f"{-left} too many")
        label.set_class(left < 0, "-off")
        self.show_problems([])

    def build(self) -> Step:
        return self.steps.cast_dots(self.participant_id, self.ballot())


class RankingForm(FormDialog):
    """Enter on an option ranks it next (again: takes it out); all ranked records the ballot."""

    DEFAULT_CSS = """
    RankingForm OptionList { height: auto; max-height: 16; }
    """

    def __init__(self, session: Session, participant_id: str, index: int) -> None:
        name = names(session.scenario)[participant_id]
        super().__init__(f"{name}: rank the options, first choice first", session)
        self.participant_id = participant_id
        self.options = ballot_options(session.scenario, index)
        round_ = workshop_of(session.scenario).rounds[index]
        self.ranking = list(round_.votes.get(participant_id, Ballot()).ranking)

    def fields(self) -> Iterable[Widget]:
        yield OptionList(*self._prompts(), markup=False)  # option names as written
        yield Static(
            "Enter ranks the highlighted option next; Record keeps a partial ranking.",
            classes="hint",
        )

    def _prompts(self) -> list[str]:
        return [
            f"{self.ranking.index(o) + 1}. {o}" if o in self.ranking else f"   {o}"
            for o in self.options
        ]

    def on_mount(self) -> None:
        self.query_one(OptionList).focus()

    @on(OptionList.OptionSelected)
    def _pick(self, event: OptionList.OptionSelected) -> None:
        option = self.options[event.option_index]
        if option in self.ranking:
            self.ranking.remove(option)
        else:
            self.ranking.append(option)
        listing = self.query_one(OptionList)
        for i, prompt in enumerate(self._prompts()):
            listing.replace_option_prompt_at_index(i, prompt)
        if len(self.ranking) == len(self.options):
            self.submit()

    def build(self) -> Step:
        return self.steps.cast_ranking(self.participant_id, self.ranking)
