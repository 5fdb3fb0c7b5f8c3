"""Workshop commands as undoable steps, saved as they are recorded.

With a file, every workshop step is saved to it at once (atomically, through the session),
so the participant page sees the open round and an unexpected exit loses nothing recorded.
Without one, closing a round or adding a log entry asks once for a path; until there is
one, the 30 s recovery file keeps the work.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from integrate_tui.errors import IntegrateError
from integrate_tui.model import Scenario
from integrate_tui.session import Session
from integrate_tui.tui.workshop.forms import FormDialog

if TYPE_CHECKING:
    from integrate_tui.tui.app import WorkbenchApp


class Recorder:
    """Commit, save and run forms for the workshop screen (which provides app and notify)."""

    session: Session
    app: WorkbenchApp
    _gave_up: tuple[bool, Path | None] = (False, None)

    if TYPE_CHECKING:

        def notify(self, message: str, **options: object) -> None: ...

    def commit(self, new: Scenario | None, label: str) -> bool:
        """Make `new` current as one undoable step; a rule it breaks becomes a dialog."""
        if new is None:
            return False
        try:
            return self.session.apply(new, label) is not None
        except IntegrateError as error:
            self.app.show_error(error)
            return False

    def attempt(self, change: Callable[[Scenario], Scenario]) -> Scenario | None:
        """The scenario a workshop command returns, or None after showing why it cannot run."""
        try:
            return change(self.session.scenario)
        except IntegrateError as error:
            self.app.show_error(error)
            return None

    def save_quietly(self) -> bool | None:
        """Save to the open file if that needs no question: True saved, False failed,
        None when a question comes first (no file yet, or comments it would drop)."""
        s = self.session
        if s.path is None or s.comment_loss() is not None:
            return None
        try:
            s.save()
        except IntegrateError as error:
            self.notify(error.message, title="Not saved", severity="error")
            return False
        return True

    async def keep(self, *, ask: bool = False) -> None:
        """Save what was just recorded; ask once when there is no file (only if `ask`) or
        when saving would drop the file's comments."""
        s = self.session
        if not s.dirty or self._gave_up == (True, s.path) or (s.path is None and not ask):
            return
        if self.save_quietly() is None and not await self.app.save_flow(ask=False):
            self._gave_up = (True, s.path)
            self.notify(
                "Workshop steps are not being saved to a file; the recovery file keeps them "
                "every 30 s. Press ctrl+s to save.",
                title="Not saved",
                severity="warning",
            )

    async def record(self, new: Scenario | None, label: str, *, ask: bool = False) -> bool:
        """Commit `new` as one step and save it; True when something changed."""
        changed = self.commit(new, label)
        if changed:
            await self.keep(ask=ask)
        return changed

    async def run_form(self, form: FormDialog, label: str, *, ask: bool = False) -> bool:
        """Show a form and record the scenario it builds."""
        new = await self.app.push_screen_wait(form)
        return await self.record(new, label, ask=ask)
