"""The app's file flows: start, save, save as, open, quit and recovery, each asking what it must.

Each flow shows its first question from the key's own handler (`ask`), so the keys typed
after the one that started it go to that question, in order; a worker then waits for the
answers. Errors become a dialog or a notification, never a traceback. A save that finds the
file changed on disk, opened read-only or not writable asks what to do (`write`); nothing is
ever overwritten unasked.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from textual import work
from textual.app import App
from textual.screen import Screen

from integrate_tui.errors import IntegrateError
from integrate_tui.tui import dialog_answer
from integrate_tui.tui.dialog_answer import answered as _answered
from integrate_tui.tui.dialog_answer import if_yes as _then
from integrate_tui.tui.screens.changed_on_disk import DIFFERENCE, OVERWRITE, RELOAD, SAVE_AS
from integrate_tui.tui.screens.changed_on_disk import ChangedOnDisk as ChangedOnDiskDialog
from integrate_tui.tui.screens.dialogs import Confirm, ErrorDialog
from integrate_tui.tui.screens.file_dialog import FileDialog
from integrate_tui.tui.screens.open_elsewhere import ANYWAY, READ_ONLY, OpenElsewhere

if TYPE_CHECKING:
    from integrate_tui.session import Session


class FileFlows(App[int]):
    """Save, open, quit and recovery for the workbench app.

    The flows are plain methods that show their first question before they return and hand
    back an awaitable of the outcome; `_finish` waits for it in a worker.
    """

    session: Session

    if TYPE_CHECKING:

        def _show_title(self) -> None: ...

    def show_error(self, error: IntegrateError) -> None:
        """The one place errors become a dialog."""
        self.push_screen(ErrorDialog(error.title, error.message))

    def ask(self, dialog: Screen[Any]) -> asyncio.Future[Any]:
        """Show `dialog` now; its answer (None on Escape) is the future's result."""
        return dialog_answer.ask(self, dialog)

    @work(exclusive=True, group="flow")
    async def _finish(self, flow: Awaitable[object]) -> None:
        """Wait for the answers to a flow's questions (the first already shown)."""
        await flow

    def _folder(self) -> Path:
        path = self.session.path
        return path.parent if path is not None else Path.cwd()

    def save_flow(self, *, ask: bool) -> Awaitable[bool]:
        """Save (asking for a path if needed or asked to); True when the work was saved."""
        path = self.session.path
        if ask or path is None:
            name = path.name if path else f"{self.session.display_name.split(' ')[0]}.toml"
            return self._save_to(self.ask(FileDialog("save", self._folder(), name)))
        return self._save_at(path, overwrite=False)

    async def _save_to(self, chosen: Awaitable[Path | None]) -> bool:
        """Save to the path chosen, asking before replacing another file."""
        path = await chosen
        if path is None:
            return False
        if path.exists() and path != self.session.path:
            answer = await self.ask(
                Confirm(
                    "Replace file?",
                    f"{path} exists. Replace it with this scenario?",
                    [("replace", "Replace", "warning"), ("cancel", "Cancel", "default")],
                )
            )
            if answer != "replace":
                return False
            return await self._save_at(path, overwrite=True)
        return await self._save_at(path, overwrite=False)

    def _save_at(self, target: Path, *, overwrite: bool) -> Awaitable[bool]:
        """Write the work to `target` now; then say so."""

        def save(force: bool) -> None:
            self.session.save(target, overwrite=force)

        def saved() -> Awaitable[bool]:
            self.notify(f"Saved {target}", title="Saved")
            return _answered(True)

        return _then(self.write(save, overwrite), saved, False)

    def save_workshop_flow(self) -> Awaitable[bool]:
        """Save only the workshop record into the open file; True when it is in the file."""
        if self.session.path is None:
            return self.save_flow(ask=False)
        return self.write(lambda force: self.session.save_workshop(overwrite=force), workshop=True)

    def write(
        self, save: Callable[[bool], object], force: bool = False, *, workshop: bool = False
    ) -> Awaitable[bool]:
        """Run `save(force)` now; when the file changed on disk, was opened read-only or
        cannot be written, or a workshop step needs unsaved work, ask what to do. True when
        what was asked for is in the file."""
        from integrate_tui.files import ChangedOnDisk, ScenarioSaveError
        from integrate_tui.session import ReadOnly, WorkshopNeedsWork

        try:
            save(force)
        except ChangedOnDisk as error:
            return self._ask_changed(save, error.message, workshop=workshop)
        except (ReadOnly, ScenarioSaveError) as error:
            return self._offer_save_as(error.title, error.message)
        except WorkshopNeedsWork as error:
            return self._offer_save_all(error.title, error.message)
        except IntegrateError as error:
            self.show_error(error)
            return _answered(False)
        return _answered(True)

    def _ask_changed(
        self, save: Callable[[bool], object], message: str, *, workshop: bool
    ) -> Awaitable[bool]:
        """The changed-on-disk question, then what its answer does."""
        asked = self.ask(ChangedOnDiskDialog(self.session.display_name, message, workshop=workshop))

        async def answered() -> bool:
            answer = await self._show_differences(asked, message, workshop=workshop)
            if answer == OVERWRITE:
                return await self.write(save, True, workshop=workshop)
            if answer == RELOAD:
                self.reload_work()
            elif answer == SAVE_AS:
                return await self.save_flow(ask=True)
            return False

        return answered()

    async def _show_differences(
        self, asked: Awaitable[str | None], message: str, *, workshop: bool
    ) -> str | None:
        """The question's answer, showing the difference (and asking again) as often as asked."""
        from integrate_tui.tui.screens.disk_difference import DiskDifference

        name = self.session.display_name
        while (answer := await asked) == DIFFERENCE:
            names = {a.id: a.name for a in self.session.scenario.activities}
            await self.ask(DiskDifference(name, self.session.difference(), names))
            asked = self.ask(ChangedOnDiskDialog(name, message, workshop=workshop))
        return answer

    def _offer_save_as(self, title: str, message: str) -> Awaitable[bool]:
        buttons = [("save-as", "Save as…", "primary"), ("cancel", "Cancel", "default")]
        asked = self.ask(Confirm(title, f"{message}.", buttons))
        return self._if(asked, "save-as", lambda: self.save_flow(ask=True))

    def _offer_save_all(self, title: str, message: str) -> Awaitable[bool]:
        text = f"{message[0].upper()}{message[1:]}\nSave all your work to the file now?"
        buttons = [("save", "Save everything", "primary"), ("cancel", "Not now", "default")]
        asked = self.ask(Confirm(title, text, buttons))
        return self._if(asked, "save", lambda: self.save_flow(ask=False))

    async def _if(
        self, asked: Awaitable[object], wanted: str, then: Callable[[], Awaitable[bool]]
    ) -> bool:
        """`then()` when the question was answered `wanted`."""
        return await asked == wanted and await then()

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

    def settle_unsaved(self, doing: str) -> Awaitable[bool]:
        """Ask what to do with unsaved work before `doing`; True when it may go ahead."""
        if not self.session.dirty:
            return _answered(True)
        asked = self.ask(
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

        async def answered() -> bool:
            answer = await asked
            if answer == "save":
                return await self.save_flow(ask=False)
            if answer == "discard":
                self.session.discard_recovery()
                return True
            return False

        return answered()

    def may_open(self, path: Path | None) -> Awaitable[str | None]:
        """Ask when `path` (None: the session's) is open to change in another instance:
        "open", READ_ONLY or ANYWAY, or None to cancel."""
        holders = self.session.open_elsewhere(path)
        if not holders:
            return _answered("open")
        name = (path or self.session.path or Path("")).name
        asked = self.ask(OpenElsewhere(name, holders))

        async def answered() -> str | None:
            answer = await asked
            return answer if answer in (READ_ONLY, ANYWAY) else None

        return answered()

    def start_flow(self) -> None:
        """At start: ask when the file is open elsewhere, hold it, offer unsaved work found."""
        self._finish(self._started(self.may_open(None)))

    async def _started(self, asked: Awaitable[str | None]) -> None:
        answer = await asked
        if answer is None:
            self.exit(0)
            return
        self.session.claim(read_only=answer == READ_ONLY)
        self._show_title()
        await self.offer_recovery()

    def action_save(self) -> None:
        self._finish(self.save_flow(ask=False))

    def action_save_as(self) -> None:
        self._finish(self.save_flow(ask=True))

    def action_open(self) -> None:
        chosen = _then(
            self.settle_unsaved("opening another file"),
            lambda: self.ask(FileDialog("open", self._folder())),
            None,
        )
        self._finish(self._open(chosen))

    async def _open(self, chosen: Awaitable[Path | None]) -> None:
        path = await chosen
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
        """Quit, asking first about unsaved work (a worker waits for the answer)."""
        self._finish(_then(self.settle_unsaved("quitting"), self._exit_now, None))

    def _exit_now(self) -> Awaitable[None]:
        self.exit(0)
        return _answered(None)

    async def offer_recovery(self) -> None:
        """Offer to restore unsaved work that closed windows left, newest first."""
        found = self.session.pending_recoveries()
        name = self.session.display_name
        for n, orphan in enumerate(found):
            note = f"\n{name} was changed after that." if orphan.before_file else ""
            more = len(found) - n - 1
            if more:
                note += f"\n{more} older recovery file(s) follow."
            answer = await self.ask(
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
