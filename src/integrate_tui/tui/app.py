"""The workbench app: bindings from the action registry, screens, themes, autosave timer."""

from __future__ import annotations

import os
from collections.abc import Iterable
from functools import partial

from textual.app import App, SystemCommand
from textual.screen import Screen

from integrate_tui.session import Event, Session
from integrate_tui.session.recovery import AUTOSAVE_SECONDS
from integrate_tui.tui import actions
from integrate_tui.tui.flows import FileFlows
from integrate_tui.tui.palette import JumpProvider
from integrate_tui.tui.screens.main import MainScreen
from integrate_tui.tui.themes import DEFAULT_THEME, PROJECTOR


class WorkbenchApp(FileFlows):
    """Rebalance funding and priorities across silos; every number explained on request."""

    CSS_PATH = "app.tcss"
    TITLE = "integrate-tui"
    BINDINGS = actions.bindings(actions.APP)
    COMMANDS = App.COMMANDS | {JumpProvider}

    def __init__(self, session: Session, *, autosave_seconds: float = AUTOSAVE_SECONDS) -> None:
        super().__init__()
        self.session = session
        self._autosave_seconds = autosave_seconds
        self._history = (False, False)
        self.register_theme(PROJECTOR)
        self.theme = DEFAULT_THEME
        session.subscribe(self._changed)
        self._show_title()

    def get_default_screen(self) -> Screen:
        return MainScreen(self.session)

    def on_mount(self) -> None:
        self.set_interval(self._autosave_seconds, self.autosave, name="autosave")
        self.offer_recovery()

    def _changed(self, event: Event) -> None:
        self._show_title()
        history = (self.session.undo_label is not None, self.session.redo_label is not None)
        if history != self._history:
            self._history = history
            self.refresh_bindings()

    def _show_title(self) -> None:
        marker = " ●" if self.session.dirty else ""
        self.sub_title = f"{self.session.display_name}{marker}"

    def watch_theme(self) -> None:
        for screen in self.screen_stack:
            if isinstance(screen, MainScreen):
                screen.refresh_theme()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Undo and redo show greyed out when there is nothing to take back or redo."""
        if action == "undo":
            return self.session.undo_label is not None or None
        if action == "redo":
            return self.session.redo_label is not None or None
        return True

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        yield from super().get_system_commands(screen)
        for action in actions.palette_actions():
            if action.action.startswith("screen.") and not isinstance(screen, MainScreen):
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
            self.push_screen(HelpScreen())

    def action_projector(self) -> None:
        self.theme = DEFAULT_THEME if self.theme == PROJECTOR.name else PROJECTOR.name

    def reveal(self, kind: str, key: str) -> None:
        """Show an entity's row on the main screen (the palette's "Go to …")."""
        if isinstance(self.screen, MainScreen):
            self.screen.reveal(kind, key)


def make_app(
    path: str | os.PathLike[str] | None = None,
    *,
    recovery_folder: str | os.PathLike[str] | None = None,
    autosave_seconds: float = AUTOSAVE_SECONDS,
) -> WorkbenchApp:
    """The app on a scenario file, or on the bundled scenario (unsaved to a path) when None.

    Raises `ScenarioFileError` when the file cannot be loaded; shared by the CLI and tests.
    """
    session = (
        Session.from_file(path, recovery_folder=recovery_folder)
        if path is not None
        else Session.bundled(recovery_folder=recovery_folder)
    )
    return WorkbenchApp(session, autosave_seconds=autosave_seconds)
