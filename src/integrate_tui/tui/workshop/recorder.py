"""Workshop commands as undoable steps, saved as they are recorded.

With a file, every workshop step saves the workshop record to it at once (atomically,
through the session), so the participant page sees the open round and an unexpected exit
loses nothing recorded. Only the record is written, on top of what the file holds: unsaved
changes made in the workbench stay unsaved (the ● stays) until ctrl+s, or a Discard. When
the file changed on disk, the step asks as ctrl+s would. Without a file, closing a round or
adding a log entry asks once for a path; until there is one, the 30 s recovery file keeps
the work.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from integrate_tui.errors import IntegrateError
from integrate_tui.files import ChangedOnDisk
from integrate_tui.model import Scenario
from integrate_tui.session import ReadOnly, Session, WorkshopNeedsWork
from integrate_tui.tui.workshop.forms import FormDialog

if TYPE_CHECKING:
    from integrate_tui.tui.app import WorkbenchApp


class Recorder:
    """Commit, save and run forms for the workshop screen (which provides app and notify)."""

    session: Session
    app: WorkbenchApp
    _gave_up: object = None
    """The session's file and fingerprint when saving was given up: ask again after a save."""

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
        """Save the workshop record into the open file if that needs no question: True saved,
        False failed, None when a question comes first (no file yet, the file changed on disk
        or opened read-only, a record that needs unsaved work)."""
        s = self.session
        if s.path is None:
            return None
        try:
            s.save_workshop()
        except (ChangedOnDisk, ReadOnly, WorkshopNeedsWork):
            return None
        except IntegrateError as error:
            self.notify(error.message, title="Not saved", severity="error")
            return False
        return True

    async def keep(self, *, ask: bool = False) -> None:
        """Save the workshop record just changed; ask once when there is no file (only if
        `ask`), or when saving needs a question (see `save_quietly`)."""
        s = self.session
        where = (s.path, s.disk)
        if not s.workshop_unsaved or self._gave_up == where or (s.path is None and not ask):
            return
        if self.save_quietly() is None and not await self.app.save_workshop_flow():
            self._gave_up = (s.path, s.disk)
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
