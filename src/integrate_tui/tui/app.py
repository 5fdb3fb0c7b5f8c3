"""The workbench app: bindings from the action registry, screens, themes, autosave timer.

Importing this module costs little more than Textual itself: the session, the engine and
numpy come in with the work. `launch.launch_app` (what the CLI runs) shows a first frame at
once and builds the work in a thread behind it; `make_app` builds it first (tests, scripts).
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, cast

from textual import work
from textual.app import App, SystemCommand
from textual.notifications import SeverityLevel
from textual.screen import Screen
from textual.worker import Worker, WorkerState

from integrate_tui.errors import IntegrateError
from integrate_tui.tui import actions
from integrate_tui.tui.daemon_executor import use_daemon_threads
from integrate_tui.tui.flows import FileFlows
from integrate_tui.tui.key_order import KeysFollowTheFocus
from integrate_tui.tui.palette import JumpProvider
from integrate_tui.tui.screens.start import StartScreen
from integrate_tui.tui.themes import DEFAULT_THEME, PROJECTOR

if TYPE_CHECKING:
    from integrate_tui.compute import Pool
    from integrate_tui.engine import Score
    from integrate_tui.model import Scenario
    from integrate_tui.session import Event, Session
    from integrate_tui.tui.screens.main import MainScreen

WORKBENCH, WORKSHOP = "workbench", "workshop"
"""The app's modes: each keeps its own screen stack while the other is shown."""
STARTING = "starting"
"""The mode of the first frame while `launch_app` builds the work (never shown again)."""


class WorkbenchApp(KeysFollowTheFocus, FileFlows):
    """Rebalance funding and priorities across silos; every number explained on request."""

    CSS_PATH = "app.tcss"
    TITLE = "integrate-tui"
    BINDINGS = actions.bindings(actions.APP)
    COMMANDS = App.COMMANDS | {JumpProvider}
    DEFAULT_MODE = WORKBENCH
    pool: Pool

    def __init__(
        self,
        session: Session | Callable[[], Session],
        *,
        autosave_seconds: float | None = None,
    ) -> None:
        """`session`, or a function that builds it in a worker after the first frame."""
        self._loader = session if callable(session) else None
        if self._loader is not None:
            # Read by App.__init__: this app's first frame is StartScreen (a per-app choice).
            self.DEFAULT_MODE = STARTING  # type: ignore[misc]
        super().__init__()
        self.add_mode(WORKBENCH, self.get_default_screen)
        self.add_mode(WORKSHOP, self._workshop_screen)
        if self._loader is not None:
            self.add_mode(STARTING, StartScreen)
        self.load_error: IntegrateError | None = None
        self._autosave_seconds = autosave_seconds
        self._history = (False, False)
        self.register_theme(PROJECTOR)
        self.theme = DEFAULT_THEME
        if not callable(session):
            self._use(session)

    def _use(self, session: Session) -> None:
        from integrate_tui.compute import Pool

        self.session = session
        self.pool = Pool()  # the heavy analyses' processes, started by `_start`
        session.subscribe(self._changed)
        self._show_title()

    def get_default_screen(self) -> Screen:
        return _main_screen()(self.session)

    def _workshop_screen(self) -> Screen:
        from integrate_tui.tui.workshop.screen import WorkshopScreen

        return WorkshopScreen(
            self.session, save=self.save_workshop_flow, show_error=self.show_error
        )

    def action_workshop(self) -> None:
        """Workshop mode: its own screens; the workbench's stay as they are meanwhile."""
        self.switch_mode(WORKSHOP)

    def action_workbench(self) -> None:
        """Back to the workbench, redrawn in the theme chosen meanwhile."""
        self.switch_mode(WORKBENCH)
        self.watch_theme()

    def on_mount(self) -> None:
        use_daemon_threads()
        if self._loader is None:
            self._start()
        else:
            self._load()

    def _start(self) -> None:
        """Autosave, the open-elsewhere question and the recovery offer, once there is work."""
        from integrate_tui.session.recovery import AUTOSAVE_SECONDS

        seconds = AUTOSAVE_SECONDS if self._autosave_seconds is None else self._autosave_seconds
        self.set_interval(seconds, self.autosave, name="autosave")
        self.call_after_refresh(self.pool.warm)
        self.start_flow()

    def on_unmount(self) -> None:
        """Closing: the file is no longer open here (a recovery file left stays offered)."""
        if not self._loading:
            self.pool.shutdown()  # kills its processes: a quit never waits for a solve
            self.session.release()

    @work(thread=True, group="load", exit_on_error=False)
    def _load(self) -> Session:
        """Build the work off the UI thread, importing the main screen (and numpy) with it."""
        assert self._loader is not None
        session = self._loader()
        _main_screen()
        return session

    async def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        """The work is built: show the workbench, or leave with the error for the CLI."""
        if event.worker.group != "load" or event.state not in (
            WorkerState.SUCCESS,
            WorkerState.ERROR,
        ):
            return
        if event.state == WorkerState.ERROR:
            error = event.worker.error
            self.load_error = (
                error if isinstance(error, IntegrateError) else IntegrateError(repr(error))
            )
            self.exit(return_code=2)
            return
        self._loader = None
        self._use(cast("Session", event.worker.result))  # what _load returned
        await self.switch_mode(WORKBENCH)
        self._start()

    def _changed(self, event: Event) -> None:
        self._show_title()
        history = (self.session.undo_label is not None, self.session.redo_label is not None)
        if history != self._history:
            self._history = history
            self.refresh_bindings()

    def _show_title(self) -> None:
        """The scenario's own title, then its file (read-only, unsaved marks) in the header."""
        self.title = self.session.scenario.meta.title.strip() or self.TITLE
        marker = " ●" if self.session.dirty else ""
        mode = " (read-only)" if self.session.read_only else ""
        self.sub_title = f"{self.session.display_name}{mode}{marker}"

    def watch_theme(self) -> None:
        if self._loading:
            return
        for screen in self.screen_stack:
            if isinstance(screen, _main_screen()):
                screen.refresh_theme()

    def notify(
        self,
        message: str,
        *,
        title: str = "",
        severity: SeverityLevel = "information",
        timeout: float | None = None,
        markup: bool = False,
    ) -> None:
        """Every notification is plain text, whatever a caller asks: names, reasons and file
        names come from users, files and remote participants, and `[/]` must not crash."""
        super().notify(message, title=title, severity=severity, timeout=timeout, markup=False)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Undo and redo show greyed out when there is nothing to take back or redo."""
        if self._loading:
            return action in ("help", "projector")
        if action == "undo":
            return self.session.undo_label is not None or None
        if action == "redo":
            return self.session.redo_label is not None or None
        return True

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        yield from super().get_system_commands(screen)
        if self._loading:
            return
        for action in actions.palette_actions():
            if action.action.startswith("screen.") and not isinstance(screen, _main_screen()):
                continue
            yield SystemCommand(action.label, action.help, partial(self.run_action, action.action))

    def action_undo(self) -> None:
        label = self.session.undo()
        if label:
            self.notify(f"Undone: {label}", timeout=2)

    def action_redo(self) -> None:
        label = self.session.redo()
        if label:
            self.notify(f"Redone: {label}", timeout=2)

    def action_help(self) -> None:
        from integrate_tui.tui.screens.help import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen(self.screen.active_bindings.values()))

    def action_projector(self) -> None:
        self.theme = DEFAULT_THEME if self.theme == PROJECTOR.name else PROJECTOR.name

    def action_export(self) -> None:
        """Ask where to write the spreadsheet (the file's folder, its name as .xlsx)."""
        from integrate_tui.tui.screens.dialogs import Prompt

        stem = (self.session.path or self.session.origin or Path("scenario")).stem
        suggestion = self._folder() / f"{stem}.xlsx"
        title = "Export to (.xlsx: every table; .csv: the activities, importable)"
        self.push_screen(Prompt(title, "name.xlsx or name.csv", str(suggestion)), self._export_to)

    def _export_to(self, answer: str | None) -> None:
        """Write the package and its scores to the path typed, asking before replacing a file."""
        from integrate_tui.files.spreadsheet import ExportError, export_format
        from integrate_tui.tui.screens.dialogs import Confirm

        if answer is None:
            return
        path = Path(answer).expanduser()
        try:
            export_format(path)
        except ExportError as error:
            self.show_error(error)
            return
        session = self.session
        work = partial(
            self._write_export, path, session.scenario, session.score, session.display_name
        )
        if not path.exists():
            work()
            return
        buttons = [("replace", "Replace", "warning"), ("cancel", "Cancel", "default")]
        question = Confirm("Replace file?", f"{path} exists. Replace it with this export?", buttons)

        def answered(choice: str | None) -> None:
            if choice == "replace":
                work()

        self.push_screen(question, answered)

    @work(thread=True, group="export", exit_on_error=False)
    def _write_export(self, path: Path, scenario: Scenario, score: Score, source: str) -> None:
        """Build the tables from the engine's score and write them, off the UI thread."""
        from integrate_tui.files.spreadsheet import XLSX, export, export_format
        from integrate_tui.session.export_tables import package_tables

        tables = package_tables(scenario, score, source)
        names = None if export_format(path) == XLSX else ["activities"]
        try:
            export(tables, path, title=scenario.meta.title, source=source, names=names)
        except IntegrateError as error:
            self.call_from_thread(self.show_error, error)
            return
        what = "every table" if names is None else "the activities"
        self.call_from_thread(self.notify, f"Wrote {what} to {path}", title="Exported")

    def reveal(self, kind: str, key: str) -> None:
        """Show an entity's row on the main screen (the palette's "Go to …")."""
        if isinstance(self.screen, _main_screen()):
            self.screen.reveal(kind, key)

    @property
    def _loading(self) -> bool:
        """True until the work is built (only when started by `launch_app`)."""
        return self._loader is not None


def _main_screen() -> type[MainScreen]:
    """The main screen's class, imported on first use: it brings the engine and numpy."""
    from integrate_tui.tui.screens.main import MainScreen

    return MainScreen


def make_app(
    path: str | os.PathLike[str] | None = None,
    *,
    recovery_folder: str | os.PathLike[str] | None = None,
    autosave_seconds: float | None = None,
) -> WorkbenchApp:
    """The app on a scenario file, or on the bundled scenario (unsaved to a path) when None.

    Raises `ScenarioFileError` when the file cannot be loaded; used by tests and scripts.
    """
    from integrate_tui.session import Session

    session = (
        Session.from_file(path, recovery_folder=recovery_folder)
        if path is not None
        else Session.bundled(recovery_folder=recovery_folder)
    )
    return WorkbenchApp(session, autosave_seconds=autosave_seconds)
