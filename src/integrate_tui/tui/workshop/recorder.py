"""Recording workshop steps from the screen: run a form, commit its step, save as the session says.

The session decides (`session.workshop`): what each step is called, and when the workshop
record is saved or a question comes first. This side only shows what it is told: a rule a
step breaks as a dialog, a failed save as a notification, and the save question through the
app's flow, which the screen is given when it is made (no import of the app).
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import TypeVar

from textual.notifications import SeverityLevel
from textual.screen import Screen
from textual.widget import Widget

from integrate_tui.errors import IntegrateError
from integrate_tui.session import Session
from integrate_tui.session.workshop import ASK, FAILED, Step

T = TypeVar("T")

SaveFlow = Callable[[], Awaitable[bool]]
"""The app's question for saving the workshop record; True when it is in the file."""
ShowError = Callable[[IntegrateError], None]
"""The app's one place errors become a dialog."""


class Recorder:
    """What the workshop commands share: the session, dialogs, notifications and saving."""

    def __init__(self, host: Widget, session: Session, save: SaveFlow, show_error: ShowError):
        """`host`: the widget whose app shows dialogs and notifications (the screen)."""
        self.host, self.session = host, session
        self._save, self._show_error = save, show_error

    def notify(
        self,
        message: str,
        *,
        title: str = "",
        severity: SeverityLevel = "information",
        timeout: float | None = None,
    ) -> None:
        """A notification (always plain text: see the app's `notify`)."""
        self.host.notify(message, title=title, severity=severity, timeout=timeout)

    async def ask(self, dialog: Screen[T]) -> T:
        """Show a dialog and wait for its answer (from a worker)."""
        return await self.host.app.push_screen_wait(dialog)

    def show_error(self, error: IntegrateError) -> None:
        """An error as the app's dialog."""
        self._show_error(error)

    def attempt(self, build: Callable[[], Step]) -> Step | None:
        """The step a session command builds, or None after showing why it cannot run."""
        try:
            return build()
        except IntegrateError as error:
            self._show_error(error)
            return None

    def commit(self, step: Step | None) -> bool:
        """Make the step one undoable change; a rule it breaks becomes a dialog."""
        if step is None:
            return False
        try:
            return self.session.workshop.commit(step)
        except IntegrateError as error:
            self._show_error(error)
            return False

    async def keep(self, *, ask: bool = False) -> None:
        """Save the workshop record as the session's policy says, asking when it must."""
        steps = self.session.workshop
        kept = steps.keep(ask=ask)
        if kept.outcome == FAILED:
            self.notify(kept.message, title="Not saved", severity="error")
        elif kept.outcome == ASK and not await self._save():
            self.notify(steps.give_up(), title="Not saved", severity="warning")

    async def record(self, step: Step | None, *, ask: bool = False) -> bool:
        """Commit the step and save it; True when something changed."""
        changed = self.commit(step)
        if changed:
            await self.keep(ask=ask)
        return changed

    async def run_form(self, form: Screen[Step | None], *, ask: bool = False) -> bool:
        """Show a form and record the step it builds (None: cancelled)."""
        return await self.record(await self.ask(form), ask=ask)
