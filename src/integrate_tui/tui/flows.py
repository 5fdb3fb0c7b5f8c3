"""The app's file flows: save, save as, open, quit and recovery, each asking what it must.

Each flow runs as a worker so it can wait for dialogs; errors become a dialog or a
notification, never a traceback.
"""

from __future__ import annotations

import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from textual import work
from textual.app import App

from integrate_tui.errors import IntegrateError
from integrate_tui.tui.screens.dialogs import Confirm, ErrorDialog
from integrate_tui.tui.screens.file_dialog import FileDialog

if TYPE_CHECKING:
    from integrate_tui.session import Session


class FileFlows(App[int]):
    """Save, open, quit and recovery for the workbench app."""

    session: Session

    def show_error(self, error: IntegrateError) -> None:
        """The one place errors become a dialog."""
        self.push_screen(ErrorDialog(error.title, error.message))

    def _folder(self) -> Path:
        path = self.session.path
        return path.parent if path is not None else Path.cwd()

    async def save_flow(self, *, ask: bool) -> bool:
        """Save (asking for a path if needed or asked to); True when the work was saved."""
        path = self.session.path
        if ask or path is None:
            name = path.name if path else f"{self.session.display_name.split(' ')[0]}.toml"
            path = await self.push_screen_wait(FileDialog("save", self._folder(), name))
            if path is None:
                return False
            if path.exists() and path != self.session.path:
                answer = await self.push_screen_wait(
                    Confirm(
                        "Replace file?",
                        f"{path} exists. Replace it with this scenario?",
                        [("replace", "Replace", "warning"), ("cancel", "Cancel", "default")],
                    )
                )
                if answer != "replace":
                    return False
        warning = self.session.comment_loss(path)
        if warning:
            answer = await self.push_screen_wait(
                Confirm(
                    "Comments will be lost",
                    warning,
                    [("save", "Save anyway", "warning"), ("cancel", "Cancel", "default")],
                )
            )
            if answer != "save":
                return False
        try:
            saved = self.session.save(path)
        except IntegrateError as error:
            self.show_error(error)
            return False
        self.notify(f"Saved {saved}", title="Saved")
        return True

    async def settle_unsaved(self, doing: str) -> bool:
        """Ask what to do with unsaved work before `doing`; True when it may go ahead."""
        if not self.session.dirty:
            return True
        answer = await self.push_screen_wait(
            Confirm(
                "Unsaved changes",
                f"{self.session.display_name} has unsaved changes. Save them before {doing}?",
                [
                    ("save", "Save", "primary"),
                    ("discard", "Discard", "error"),
                    ("cancel", "Cancel", "default"),
                ],
            )
        )
        if answer == "save":
            return await self.save_flow(ask=False)
        if answer == "discard":
            self.session.discard_recovery()
            return True
        return False

    @work(exclusive=True, group="flow")
    async def action_save(self) -> None:
        await self.save_flow(ask=False)

    @work(exclusive=True, group="flow")
    async def action_save_as(self) -> None:
        await self.save_flow(ask=True)

    @work(exclusive=True, group="flow")
    async def action_open(self) -> None:
        if not await self.settle_unsaved("opening another file"):
            return
        path = await self.push_screen_wait(FileDialog("open", self._folder()))
        if path is None:
            return
        try:
            self.session.open(path)
        except IntegrateError as error:
            self.show_error(error)
            return
        self.notify(f"Opened {path}", title="Opened")

    @work(exclusive=True, group="flow")
    async def action_quit(self) -> None:
        if await self.settle_unsaved("quitting"):
            self.exit(0)

    @work(exclusive=True, group="flow")
    async def offer_recovery(self) -> None:
        """At start: offer to restore unsaved work found in a recovery file."""
        found = self.session.pending_recovery()
        if found is None:
            return
        when = datetime.datetime.fromtimestamp(found.stat().st_mtime).strftime("%Y-%m-%d %H:%M")
        answer = await self.push_screen_wait(
            Confirm(
                "Unsaved work found",
                f"{found} holds changes to {self.session.display_name} that were never saved "
                f"(last written {when}). Restore them?",
                [("restore", "Restore", "primary"), ("discard", "Discard", "error")],
            )
        )
        if answer == "restore":
            try:
                self.session.restore_recovery()
            except IntegrateError as error:
                self.show_error(error)
                return
            self.notify("Unsaved work restored; save to keep it.", title="Restored")
        elif answer == "discard":
            self.session.discard_recovery()

    def autosave(self) -> None:
        """Timer tick: write the recovery file in a thread when there is unsaved work."""
        if self.session.dirty or self.session.recovery_path.exists():
            self.run_worker(self._autosave, thread=True, group="autosave", exit_on_error=False)

    def _autosave(self) -> None:
        try:
            self.session.autosave()
        except IntegrateError as error:
            self.call_from_thread(
                self.notify, error.message, title="Autosave failed", severity="warning"
            )
