"""Options and ballots: keep the current state as an option, enter someone's dots or ranking.

Each shows its dialog now and hands back an awaitable of the rest, so the keys typed after
the one that opened it go to it.
"""

from __future__ import annotations

from collections.abc import Awaitable

from integrate_tui.tui.dialog_answer import after, answered
from integrate_tui.tui.screens.dialogs import Prompt
from integrate_tui.tui.workshop.ballot_forms import DotsForm, RankingForm
from integrate_tui.tui.workshop.consensus_feed import ConsensusFeed
from integrate_tui.tui.workshop.people_actions import PeopleCommands
from integrate_tui.tui.workshop.recorder import Recorder
from integrate_tui.workshop.consensus_room import Settled


class VoteCommands:
    """Option and ballot commands; ballots are for the participant `people` picks."""

    def __init__(self, recorder: Recorder, people: PeopleCommands) -> None:
        self.recorder, self.people = recorder, people

    def add_option(self) -> Awaitable[None]:
        """Keep the current funding and weights as a named option to vote on."""
        r = self.recorder
        suggestion = r.session.workshop.suggest_option()
        asked = r.ask(
            Prompt("Keep the current funding and weights as the option…", suggestion, suggestion)
        )
        return self._option_named(asked)

    async def _option_named(self, asked: Awaitable[str | None]) -> None:
        r = self.recorder
        name = await asked
        if name and await r.record(r.attempt(lambda: r.session.workshop.add_option(name))):
            r.notify(f"“{name}” can be voted on now.", title="Options")

    def add_consensus(self, feed: ConsensusFeed) -> Awaitable[None]:
        """Keep the package that asks least of anyone as a named option (one undo step)."""
        r = self.recorder
        found = feed.result
        if found is None:
            r.notify(feed.problem or "The consensus is still being computed.", title="Options")
            return answered(None)
        suggestion = r.session.workshop.suggest_package_option()
        asked = r.ask(
            Prompt(
                "Keep the package that asks least of anyone as the option…", suggestion, suggestion
            )
        )
        return self._consensus_named(feed, found, asked)

    async def _consensus_named(
        self, feed: ConsensusFeed, found: Settled, asked: Awaitable[str | None]
    ) -> None:
        """Record the package `found` under the name given, unless the room moved meanwhile."""
        r = self.recorder
        name = await asked
        if not name:
            return
        if feed.result is not found:
            r.notify("The room's weights changed meanwhile: press o again.", title="Options")
            return
        c = found.consensus
        package = dict(zip(c.model.activity_ids, c.package.tolist(), strict=True))
        if await r.record(r.attempt(lambda: r.session.workshop.add_package_option(name, package))):
            r.notify(f"“{name}” can be voted on now.", title="Options")

    def ballot(self, form: type[DotsForm | RankingForm], doing: str) -> Awaitable[bool]:
        """Enter the selected participant's ballot in the open vote with `form`."""
        r = self.recorder
        index = r.session.workshop.open_vote()
        if index is None:
            r.notify("Start a vote round on the agenda first.", title="Vote")
            return answered(False)
        return after(
            self.people.participant(doing),
            lambda pid: answered(False) if pid is None else r.run_form(form(r.session, pid, index)),
        )

    def dots(self) -> Awaitable[bool]:
        """Someone's dot vote."""
        return self.ballot(DotsForm, "Dots")

    def rank(self) -> Awaitable[bool]:
        """Someone's ranking of the options."""
        return self.ballot(RankingForm, "Ranking")
