"""The app's file flows: start, save, save as, open, quit and recovery, each asking what it must.

Each flow runs as a worker so it can wait for dialogs; errors become a dialog or a
notification, never a traceback. A save that finds the file changed on disk, opened
read-only or not writable asks what to do (`write`); nothing is ever overwritten unasked.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from textual import work
from textual.app import App

from integrate_tui.errors import IntegrateError
from integrate_tui.tui.screens.changed_on_disk import DIFFERENCE, OVERWRITE, RELOAD, SAVE_AS
from integrate_tui.tui.screens.changed_on_disk import ChangedOnDisk as ChangedOnDiskDialog
from integrate_tui.tui.screens.dialogs import Confirm, ErrorDialog
from integrate_tui.tui.screens.file_dialog import FileDialog
from integrate_tui.tui.screens.open_elsewhere import ANYWAY, READ_ONLY, OpenElsewhere

if TYPE_CHECKING:
    from integrate_tui.session import Session


class FileFlows(App[int]):
    """Save, open, quit and recovery for the workbench app."""

    session: Session

    if TYPE_CHECKING:

        def _show_title(self) -> None: ...

    def show_error(self, error: IntegrateError) -> None:
        """The one place errors become a dialog."""
        self.push_screen(ErrorDialog(error.title, error.message))

    def _folder(self) -> Path:
        path = self.session.path
        return path.parent if path is not None else Path.cwd()

    async def save_flow(self, *, ask: bool) -> bool:
        """Save (asking for a path if needed or asked to); True when the work was saved."""
        path = self.session.path
        overwrite = False
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
                overwrite = True
        target = path

        def save(force: bool) -> None:
            self.session.save(target, overwrite=force)

        if not await self.write(save, overwrite):
            return False
        self.notify(f"Saved {target}", title="Saved")
        return True

    async def save_workshop_flow(self) -> bool:
        """Save only the workshop record into the open file; True when it is in the file."""
        if self.session.path is None:
            return await self.save_flow(ask=False)
        return await self.write(
            lambda force: self.session.save_workshop(overwrite=force), workshop=True
        )

    async def write(
        self, save: Callable[[bool], object], force: bool = False, *, workshop: bool = False
    ) -> bool:
        """Run `save(force)`; when the file changed on disk, was opened read-only or cannot be
        written, or a workshop step needs unsaved work, ask what to do. True when what was
        asked for is in the file."""
        from integrate_tui.files import ChangedOnDisk, ScenarioSaveError
        from integrate_tui.session import ReadOnly, WorkshopNeedsWork

        while True:
            try:
                save(force)
                return True
            except ChangedOnDisk as error:
                answer = await self._ask_changed(error.message, workshop=workshop)
                if answer == OVERWRITE:
                    force = True
                    continue
                if answer == RELOAD:
                    self.reload_work()
                elif answer == SAVE_AS:
                    return await self.save_flow(ask=True)
                return False
            except (ReadOnly, ScenarioSaveError) as error:
                return await self._offer_save_as(error.title, error.message)
            except WorkshopNeedsWork as error:
                return await self._offer_save_all(error.title, error.message)
            except IntegrateError as error:
                self.show_error(error)
                return False

    async def _ask_changed(self, message: str, *, workshop: bool) -> str | None:
        """The changed-on-disk question, showing the difference as often as asked."""
        name = self.session.display_name
        while True:
            answer = await self.push_screen_wait(
                ChangedOnDiskDialog(name, message, workshop=workshop)
            )
            if answer != DIFFERENCE:
                return answer
            from integrate_tui.tui.screens.disk_difference import DiskDifference

            names = {a.id: a.name for a in self.session.scenario.activities}
            await self.push_screen_wait(DiskDifference(name, self.session.difference(), names))

    async def _offer_save_as(self, title: str, message: str) -> bool:
        answer = await self.push_screen_wait(
            Confirm(
                title,
                f"{message}.",
                [("save-as", "Save as…", "primary"), ("cancel", "Cancel", "default")],
            )
        )
        return answer == "save-as" and await self.save_flow(ask=True)

    async def _offer_save_all(self, title: str, message: str) -> bool:
        answer = await self.push_screen_wait(
            Confirm(
                title,
                f"{message[0].upper()}{message[1:]}\nSave all your work to the file now?",
                [("save", "Save everything", "primary"), ("cancel", "Not now", "default")],
            )
        )
        return answer == "save" and await self.save_flow(ask=False)

    def reload_work(self) -> None:
        """The file's version becomes the work; say how to get the replaced one back."""
        try:
            kept = self.session.reload()
        except IntegrateError as error:
            self.show_error(error)
            return
        also = f"; it is also kept in {kept.name}" if kept else ""
        self.notify(
            f"Reloaded {self.session.display_name}. ctrl+z brings your version back{also}.",
            title="Reloaded",
            timeout=12,
        )

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

    async def may_open(self, path: Path | None) -> str | None:
        """Ask when `path` (None: the session's) is open to change in another instance:
        "open", READ_ONLY or ANYWAY, or None to cancel."""
        holders = self.session.open_elsewhere(path)
        if not holders:
            return "open"
        name = (path or self.session.path or Path("")).name
        answer = await self.push_screen_wait(OpenElsewhere(name, holders))
        return answer if answer in (READ_ONLY, ANYWAY) else None

    @work(exclusive=True, group="flow")
    async def start_flow(self) -> None:
        """At start: ask when the file is open elsewhere, hold it, offer unsaved work found."""
        answer = await self.may_open(None)
        if answer is None:
            self.exit(0)
            return
        self.session.claim(read_only=answer == READ_ONLY)
        self._show_title()
        await self.offer_recovery()

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
        answer = await self.may_open(path)
        if answer is None:
            return
        try:
            self.session.open(path, read_only=answer == READ_ONLY)
        except IntegrateError as error:
            self.show_error(error)
            return
        self.notify(f"Opened {path}", title="Opened")
        await self.offer_recovery()

    async def action_quit(self) -> None:
        """Quit, asking first about unsaved work (in a worker: the question waits for keys)."""
        self._quit()

    @work(exclusive=True, group="flow")
    async def _quit(self) -> None:
        if await self.settle_unsaved("quitting"):
            self.exit(0)

    async def offer_recovery(self) -> None:
        """Offer to restore unsaved work that closed windows left, newest first."""
        found = self.session.pending_recoveries()
        name = self.session.display_name
        for n, orphan in enumerate(found):
            note = f"\n{name} was changed after that." if orphan.before_file else ""
            more = len(found) - n - 1
            if more:
                note += f"\n{more} older recovery file(s) follow."
            answer = await self.push_screen_wait(
                Confirm(
                    "Unsaved work found",
                    f"{orphan.path} holds changes to {name} that were never saved (last written "
                    f"{orphan.written:%Y-%m-%d %H:%M}). Restore them?{note}",
                    [
                        ("restore", "Restore", "primary"),
                        ("keep", "Later", "default"),
                        ("discard", "Discard", "error"),
                    ],
                )
            )
            if answer == "restore":
                try:
                    self.session.restore_recovery(orphan.path)
                except IntegrateError as error:
                    self.show_error(error)
                    return
                self.notify("Unsaved work restored; save to keep it.", title="Restored")
                return
            if answer == "discard":
                self.session.discard_recovery(orphan.path)

    def autosave(self) -> None:
        """Timer tick: in a thread, write the recovery file and look for changes on disk."""
        self.run_worker(self._autosave, thread=True, group="autosave", exit_on_error=False)

    def _autosave(self) -> None:
        try:
            self.session.autosave()
        except IntegrateError as error:
            self.call_from_thread(
                self.notify, error.message, title="Autosave failed", severity="warning"
            )
        self.session.heartbeat()
        news = self.session.disk_news()
        if news:
            self.call_from_thread(self.notify, news, title="Changed on disk", severity="warning")
