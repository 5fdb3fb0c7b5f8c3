"""Agenda commands: plan, change, drop, start and close rounds; pause the countdown."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual import work

from integrate_tui.tui.screens.dialogs import Confirm
from integrate_tui.tui.workshop.clock import RoundClock
from integrate_tui.tui.workshop.forms import RoundForm
from integrate_tui.tui.workshop.log_forms import CloseForm
from integrate_tui.tui.workshop.recorder import Recorder
from integrate_tui.workshop import open_round, remove_round, start_round, timestamp, workshop_of

if TYPE_CHECKING:
    from integrate_tui.tui.workshop.pane import Pane


class AgendaActions(Recorder):
    """Round commands of the workshop screen (which provides `pane`, `clock` and `refresh_bar`)."""

    clock: RoundClock

    if TYPE_CHECKING:

        def pane(self, name: str) -> Pane: ...
        def refresh_bar(self) -> None: ...

    def selected_round(self) -> int | None:
        """The agenda row under the cursor."""
        key = self.pane("agenda").current
        return None if key is None else int(key)

    async def add_round(self) -> None:
        """Plan a round at the end of the agenda."""
        await self.run_form(RoundForm(self.session), "Add a round")

    async def edit_round(self) -> None:
        """Change the selected round (its kind and ballot only until it starts)."""
        index = self.selected_round()
        if index is not None:
            await self.run_form(RoundForm(self.session, index), f"Change round {index + 1}")

    async def remove_round(self) -> None:
        """Drop the selected round, after asking; a started one stays on record."""
        index = self.selected_round()
        if index is None:
            return
        title = workshop_of(self.session.scenario).rounds[index].title
        answer = await self.app.push_screen_wait(
            Confirm(
                "Remove round?",
                f"Remove round {index + 1}, {title!r}, from the agenda?",
                [("remove", "Remove", "warning"), ("cancel", "Cancel", "default")],
            )
        )
        if answer == "remove":
            new = self.attempt(lambda s: remove_round(s, index))
            await self.record(new, f"Remove round {index + 1}")

    @work(exclusive=True, group="workshop")
    async def action_start(self) -> None:
        index = self.selected_round()
        if index is None:
            return
        title = workshop_of(self.session.scenario).rounds[index].title
        new = self.attempt(lambda s: start_round(s, index, timestamp()))
        if await self.record(new, f"Start round {index + 1}: {title}"):
            self.notify(f"Round {index + 1} is open: {title}", title="Agenda")

    @work(exclusive=True, group="workshop")
    async def action_close(self) -> None:
        index = open_round(workshop_of(self.session.scenario))
        if index is None:
            self.notify("No round is open: s on the agenda starts one.", title="Agenda")
            return
        form = CloseForm(self.session, index)
        if await self.run_form(form, f"Close round {index + 1}", ask=True):
            self.notify(f"Round {index + 1} closed and recorded.", title="Agenda")

    def action_timer(self) -> None:
        if not self.clock.toggle():
            self.notify("The open round has no time box.", title="Timer")
        self.refresh_bar()
