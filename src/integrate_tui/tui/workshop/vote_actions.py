"""Options and ballots: keep the current state as an option, enter someone's dots or ranking."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual import work

from integrate_tui.tui.screens.dialogs import Prompt
from integrate_tui.tui.workshop.ballot_forms import DotsForm, RankingForm
from integrate_tui.tui.workshop.focus import names
from integrate_tui.tui.workshop.recorder import Recorder
from integrate_tui.workshop import BASELINE, add_snapshot, open_round, option_names, workshop_of

if TYPE_CHECKING:
    from integrate_tui.tui.workshop.forms import FormDialog


def next_option(taken: list[str]) -> str:
    """A name to suggest: "Baseline" first, then "Option A", "Option B", …"""
    if not taken:
        return BASELINE
    letter = 0
    while f"Option {chr(ord('A') + letter)}" in taken and letter < 25:
        letter += 1
    return f"Option {chr(ord('A') + letter)}"


class VoteActions(Recorder):
    """Option and ballot commands (the screen provides `participant`)."""

    if TYPE_CHECKING:

        async def participant(self, doing: str) -> str | None: ...

    async def add_option(self) -> None:
        """Keep the current funding and weights as a named option to vote on."""
        suggestion = next_option(option_names(self.session.scenario))
        name = await self.app.push_screen_wait(
            Prompt("Keep the current funding and weights as the option…", suggestion, suggestion)
        )
        if name:
            new = self.attempt(lambda s: add_snapshot(s, name))
            if await self.record(new, f"Option “{name}”"):
                self.notify(f"“{name}” can be voted on now.", title="Options")

    def open_vote(self) -> int | None:
        """The open vote, or None after saying why no ballot can be entered."""
        workshop = workshop_of(self.session.scenario)
        index = open_round(workshop)
        if index is None or workshop.rounds[index].kind != "vote":
            self.notify("Start a vote round on the agenda first.", title="Vote")
            return None
        return index

    async def ballot(self, form: type[DotsForm | RankingForm], doing: str) -> None:
        """Enter the selected participant's ballot in the open vote with `form`."""
        index = self.open_vote()
        pid = None if index is None else await self.participant(doing)
        if index is None or pid is None:
            return
        name = names(self.session.scenario)[pid]
        entry: FormDialog = form(self.session, pid, index)
        await self.run_form(entry, f"{name}'s {doing.lower()}")

    @work(exclusive=True, group="workshop")
    async def action_dots(self) -> None:
        await self.ballot(DotsForm, "Dots")

    @work(exclusive=True, group="workshop")
    async def action_rank(self) -> None:
        await self.ballot(RankingForm, "Ranking")
