"""Recording workshop steps from the screen: run a form, commit its step, save as the session says.

The session decides (`session.workshop`): what each step is called, and when the workshop
record is saved or a question comes first. This side only shows what it is told: a rule a
step breaks as a dialog, a failed save as a notification, and the save question through the
app's flow, which the screen is given when it is made (no import of the app).

Every command here acts now (commits, shows its first question) and hands back an awaitable
of the rest, which the screen's worker waits for: a dialog opened by a key is up before the
next key is handled, so the keys typed after it go to it (`tui.dialog_answer`).
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
from integrate_tui.tui import dialog_answer
from integrate_tui.tui.dialog_answer import after, answered

T = TypeVar("T")

SaveFlow = Callable[[], Awaitable[bool]]
"""The app's save of the workshop record, asking (now) what it must; True when it is in the file."""
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

    def ask(self, dialog: Screen[T]) -> Awaitable[T | None]:
        """Show a dialog now; its answer (None on Escape) when awaited (by a worker)."""
        return dialog_answer.ask(self.host.app, dialog)

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

    def keep(self, *, ask: bool = False) -> Awaitable[None]:
        """Save the workshop record as the session's policy says, asking now when it must."""
        steps = self.session.workshop
        kept = steps.keep(ask=ask)
        if kept.outcome == FAILED:
            self.notify(kept.message, title="Not saved", severity="error")
        elif kept.outcome == ASK:
            return self._unless_saved(self._save())
        return answered(None)

    async def _unless_saved(self, saved: Awaitable[bool]) -> None:
        """Say what became of the steps when the save question was declined."""
        if not await saved:
            self.notify(self.session.workshop.give_up(), title="Not saved", severity="warning")

    def record(self, step: Step | None, *, ask: bool = False) -> Awaitable[bool]:
        """Commit the step now and save it; True when something changed."""
        if not self.commit(step):
            return answered(False)
        return after(self.keep(ask=ask), lambda _: answered(True))

    def run_form(self, form: Screen[Step | None], *, ask: bool = False) -> Awaitable[bool]:
        """Show a form now and record the step it builds (None: cancelled)."""
        return after(self.ask(form), lambda step: self.record(step, ask=ask))

    async def said(
        self, done: Awaitable[bool], message: str, *, title: str, timeout: float | None = None
    ) -> None:
        """Notify `message` once `done` turns out true (a step recorded, say)."""
        if await done:
            self.notify(message, title=title, timeout=timeout)
