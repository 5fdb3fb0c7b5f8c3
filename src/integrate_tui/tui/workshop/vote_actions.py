"""Options and ballots: keep the current state as an option, enter someone's dots or ranking."""

from __future__ import annotations

from integrate_tui.tui.screens.dialogs import Prompt
from integrate_tui.tui.workshop.ballot_forms import DotsForm, RankingForm
from integrate_tui.tui.workshop.consensus_feed import ConsensusFeed
from integrate_tui.tui.workshop.people_actions import PeopleCommands
from integrate_tui.tui.workshop.recorder import Recorder


class VoteCommands:
    """Option and ballot commands; ballots are for the participant `people` picks."""

    def __init__(self, recorder: Recorder, people: PeopleCommands) -> None:
        self.recorder, self.people = recorder, people

    async def add_option(self) -> None:
        """Keep the current funding and weights as a named option to vote on."""
        r = self.recorder
        suggestion = r.session.workshop.suggest_option()
        name = await r.ask(
            Prompt("Keep the current funding and weights as the option…", suggestion, suggestion)
        )
        if name and await r.record(r.attempt(lambda: r.session.workshop.add_option(name))):
            r.notify(f"“{name}” can be voted on now.", title="Options")

    async def add_consensus(self, feed: ConsensusFeed) -> None:
        """Keep the package that asks least of anyone as a named option (one undo step)."""
        r = self.recorder
        found = feed.result
        if found is None:
            r.notify(feed.problem or "The consensus is still being computed.", title="Options")
            return
        suggestion = r.session.workshop.suggest_package_option()
        name = await r.ask(
            Prompt(
                "Keep the package that asks least of anyone as the option…", suggestion, suggestion
            )
        )
        if not name:
            return
        if feed.result is not found:
            r.notify("The room's weights changed meanwhile: press o again.", title="Options")
            return
        c = found.consensus
        package = dict(zip(c.model.activity_ids, c.package.tolist(), strict=True))
        if await r.record(r.attempt(lambda: r.session.workshop.add_package_option(name, package))):
            r.notify(f"“{name}” can be voted on now.", title="Options")

    async def ballot(self, form: type[DotsForm | RankingForm], doing: str) -> None:
        """Enter the selected participant's ballot in the open vote with `form`."""
        r = self.recorder
        index = r.session.workshop.open_vote()
        if index is None:
            r.notify("Start a vote round on the agenda first.", title="Vote")
            return
        pid = await self.people.participant(doing)
        if pid is not None:
            await r.run_form(form(r.session, pid, index))

    async def dots(self) -> None:
        """Someone's dot vote."""
        await self.ballot(DotsForm, "Dots")

    async def rank(self) -> None:
        """Someone's ranking of the options."""
        await self.ballot(RankingForm, "Ranking")
