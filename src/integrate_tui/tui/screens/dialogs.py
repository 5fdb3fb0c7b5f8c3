"""Small modal dialogs: a question with buttons, an error list, a text prompt, a choice.

Titles, messages, button labels and choices often hold file names or names from the
scenario, so every dialog shows them as written (never read as markup)."""

from __future__ import annotations

from typing import ClassVar, TypeVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, OptionList, Static

from integrate_tui.tui.format import plain
from integrate_tui.tui.widgets.typed_input import TypedInput

T = TypeVar("T")

DIALOG_CSS = """
Dialog { align: center middle; }
Dialog > Vertical {
    width: 72; max-width: 95%; height: auto; max-height: 90%;
    border: thick $primary; background: $surface; padding: 1 2;
}
Dialog .title { text-style: bold; margin-bottom: 1; }
Dialog .message { height: auto; max-height: 20; }
Dialog Horizontal.buttons { height: auto; margin-top: 1; align-horizontal: right; }
Dialog Button { margin-left: 1; }
Dialog.-error > Vertical { border: thick $error; }
"""


class Dialog(ModalScreen[T]):
    """Base of every dialog: centred box, Escape cancels (dismissing with None).

    A dialog takes its first focus from `AUTO_FOCUS` while it is composed, before the app
    reads the next key: `widget.focus()` in `on_mount` would run only after the keys
    already typed, sending them to the wrong widget and undoing a quick Tab. Open a dialog
    with `push_screen` from the key's handler (never from a worker after an `await`), so
    the keys typed after the one that opened it go to it, in order.
    """

    DEFAULT_CSS = DIALOG_CSS
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Cancel", id="dialog.cancel")
    ]

    def action_cancel(self) -> None:
        self.dismiss(None)


class Confirm(Dialog[str | None]):
    """A question; dismisses with the id of the button pressed, None on Escape."""

    AUTO_FOCUS = "Button"

    def __init__(self, title: str, message: str, buttons: list[tuple[str, str, str]]) -> None:
        super().__init__()
        self._title, self._message, self._buttons = title, message, buttons

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label(self._title, classes="title", markup=False)
            with VerticalScroll(classes="message"):
                yield Static(self._message, markup=False, id="message-text")
            with Horizontal(classes="buttons"):
                for button_id, label, variant in self._buttons:
                    yield Button(plain(label), id=button_id, variant=variant)  # type: ignore[arg-type]

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id)


class ErrorDialog(Dialog[None]):
    """An error for the reader: its title and every line of its message."""

    AUTO_FOCUS = "Button"

    def __init__(self, title: str, message: str) -> None:
        super().__init__(classes="-error")
        self._title, self._message = title, message

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label(self._title, classes="title", markup=False)
            with VerticalScroll(classes="message"):
                yield Static(self._message, markup=False, id="error-text")
            with Horizontal(classes="buttons"):
                yield Button("OK", id="ok", variant="primary")

    @on(Button.Pressed)
    def _pressed(self) -> None:
        self.dismiss(None)


class Prompt(Dialog[str | None]):
    """Ask for one line of text; Enter accepts, Escape cancels. A suggested value starts
    selected, so typing replaces it."""

    AUTO_FOCUS = "Input"

    def __init__(self, title: str, placeholder: str = "", value: str = "") -> None:
        super().__init__()
        self._title, self._placeholder, self._value = title, placeholder, value

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label(self._title, classes="title", markup=False)
            yield TypedInput(self._value, placeholder=self._placeholder)

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        if event.value.strip():
            self.dismiss(event.value.strip())


class Choose(Dialog[str | None]):
    """Pick one of several names; Enter picks, Escape cancels."""

    AUTO_FOCUS = "OptionList"

    def __init__(self, title: str, names: list[str]) -> None:
        super().__init__()
        self._title, self._names = title, names

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label(self._title, classes="title", markup=False)
            yield OptionList(*self._names, markup=False)

    @on(OptionList.OptionSelected)
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(self._names[event.option_index])
