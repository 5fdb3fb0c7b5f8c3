"""Pick a scenario file to open, or a path to save to, by browsing or typing."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, DirectoryTree, Input, Label

from integrate_tui.tui.screens.dialogs import Dialog
from integrate_tui.tui.widgets.typed_input import TypedInput


class ScenarioTree(DirectoryTree):
    """Folders and .toml files, without hidden entries."""

    def filter_paths(self, paths: Iterable[Path]) -> Iterable[Path]:
        return [
            p for p in paths if not p.name.startswith(".") and (p.suffix == ".toml" or _is_dir(p))
        ]


def _is_dir(path: Path) -> bool:
    try:
        return path.is_dir()
    except OSError:
        return False


class FileDialog(Dialog[Path | None]):
    """Browse from a folder or type a path; Enter in the path box accepts it.

    Typing a folder and pressing Enter browses it; Backspace on the tree goes up a folder.
    """

    DEFAULT_CSS = """
    FileDialog > Vertical { width: 90; height: 32; }
    FileDialog ScenarioTree { height: 1fr; border: round $primary 50%; }
    FileDialog Input { margin-top: 1; }
    """
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("backspace", "up", "Up a folder", id="file.up")
    ]

    def __init__(self, mode: str, start: Path, name: str = "") -> None:
        super().__init__()
        self.mode = mode
        self._start = start if start.is_dir() else start.parent
        self._name = name

    def compose(self) -> ComposeResult:
        title = "Open a scenario" if self.mode == "open" else "Save the scenario as"
        with Vertical():
            yield Label(title, classes="title")
            yield ScenarioTree(self._start)
            yield TypedInput(str(self._start / self._name) if self._name else "", id="path")
            with Horizontal(classes="buttons"):
                yield Button("Open" if self.mode == "open" else "Save", id="ok", variant="primary")
                yield Button("Cancel", id="cancel")

    def on_mount(self) -> None:
        """Browse when opening, type when saving: focused at once (`set_focus`), not after
        the keys already typed."""
        first = self.query_one(ScenarioTree) if self.mode == "open" else self.query_one(Input)
        self.set_focus(first)

    def action_up(self) -> None:
        tree = self.query_one(ScenarioTree)
        tree.path = Path(tree.path).resolve().parent

    @on(DirectoryTree.FileSelected)
    def _file(self, event: DirectoryTree.FileSelected) -> None:
        self.query_one(Input).value = str(event.path)
        if self.mode == "open":
            self.dismiss(event.path)

    @on(DirectoryTree.DirectorySelected)
    def _folder(self, event: DirectoryTree.DirectorySelected) -> None:
        box = self.query_one(Input)
        name = Path(box.value).name if box.value and not Path(box.value).is_dir() else ""
        box.value = str(event.path / name) if name else str(event.path)

    @on(Input.Submitted)
    @on(Button.Pressed, "#ok")
    def _accept(self) -> None:
        text = self.query_one(Input).value.strip()
        if not text:
            return
        path = Path(text).expanduser()
        if path.is_dir():
            self.query_one(ScenarioTree).path = path
            return
        if self.mode == "save" and path.suffix != ".toml":
            path = path.with_name(path.name + ".toml")
        self.dismiss(path)

    @on(Button.Pressed, "#cancel")
    def _cancel(self) -> None:
        self.dismiss(None)
