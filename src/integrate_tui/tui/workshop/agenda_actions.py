"""Agenda commands: plan, change, drop, start and close rounds; pause the countdown.

Each acts now (shows its dialog, commits its step) and hands back an awaitable of the rest.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable

from integrate_tui.tui.dialog_answer import after, answered
from integrate_tui.tui.screens.dialogs import Confirm
from integrate_tui.tui.workshop.clock import RoundClock
from integrate_tui.tui.workshop.forms import RoundForm
from integrate_tui.tui.workshop.log_forms import CloseForm
from integrate_tui.tui.workshop.recorder import Recorder
from integrate_tui.workshop import open_round, workshop_of


class AgendaCommands:
    """The agenda's commands, on the round `selected` returns (the agenda row's key)."""

    def __init__(
        self,
        recorder: Recorder,
        clock: RoundClock,
        selected: Callable[[], str | None],
        redraw: Callable[[], None],
    ) -> None:
        """`redraw`: redraw the round bar (the countdown paused or resumed)."""
        self.recorder, self.clock = recorder, clock
        self._selected, self._redraw = selected, redraw

    def selected_round(self) -> int | None:
        """The agenda row under the cursor."""
        key = self._selected()
        return None if key is None else int(key)

    def add(self) -> Awaitable[bool]:
        """Plan a round at the end of the agenda."""
        return self.recorder.run_form(RoundForm(self.recorder.session))

    def edit(self) -> Awaitable[bool]:
        """Change the selected round (its kind and ballot only until it starts)."""
        index = self.selected_round()
        if index is None:
            return answered(False)
        return self.recorder.run_form(RoundForm(self.recorder.session, index))

    def remove(self) -> Awaitable[bool]:
        """Drop the selected round, after asking; a started one stays on record."""
        r, index = self.recorder, self.selected_round()
        if index is None:
            return answered(False)
        title = workshop_of(r.session.scenario).rounds[index].title
        asked = r.ask(
            Confirm(
                "Remove round?",
                f"Remove round {index + 1}, {title!r}, from the agenda?",
                [("remove", "Remove", "warning"), ("cancel", "Cancel", "default")],
            )
        )

        def removed(answer: str | None) -> Awaitable[bool]:
            if answer != "remove":
                return answered(False)
            return r.record(r.attempt(lambda: r.session.workshop.remove_round(index)))

        return after(asked, removed)

    def start(self) -> Awaitable[None]:
        """Open the selected round now."""
        r, index = self.recorder, self.selected_round()
        if index is None:
            return answered(None)
        title = workshop_of(r.session.scenario).rounds[index].title
        started = r.record(r.attempt(lambda: r.session.workshop.start_round(index)))
        return r.said(started, f"Round {index + 1} is open: {title}", title="Agenda")

    def close(self) -> Awaitable[None]:
        """Close the open round with the facilitator's decision, and save."""
        r = self.recorder
        index = open_round(workshop_of(r.session.scenario))
        if index is None:
            r.notify("No round is open: s on the agenda starts one.", title="Agenda")
            return answered(None)
        closed = r.run_form(CloseForm(r.session, index), ask=True)
        return r.said(closed, f"Round {index + 1} closed and recorded.", title="Agenda")

    def timer(self) -> None:
        """Pause or resume the open round's countdown."""
        if not self.clock.toggle():
            self.recorder.notify("The open round has no time box.", title="Timer")
        self._redraw()
