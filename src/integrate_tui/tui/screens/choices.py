"""A question with a few answers, each a button with a line saying what it does."""

from __future__ import annotations

from typing import ClassVar, NamedTuple

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Button, Label, Static

from integrate_tui.tui.format import plain
from integrate_tui.tui.screens.dialogs import Dialog


class Choice(NamedTuple):
    """One answer: its id (what the dialog returns), button label, explanation and variant."""

    id: str
    label: str
    explanation: str
    variant: str = "default"


class Choices(Dialog[str | None]):
    """A question; dismisses with the id of the answer chosen, None on Escape."""

    AUTO_FOCUS = "Button"

    DEFAULT_CSS = """
    Choices > Vertical { width: 78; }
    Choices .message { max-height: 8; }
    Choices #answers { height: auto; margin-top: 1; }
    Choices .answer { height: auto; }
    Choices .answer Button { width: 20; min-width: 20; margin: 0 2 0 0; }
    Choices .answer Label { width: 1fr; color: $text-muted; }
    """
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("up", "app.focus_previous", "Previous", show=False, id="choices.previous"),
        Binding("down", "app.focus_next", "Next", show=False, id="choices.next"),
    ]

    def __init__(self, title: str, message: str, choices: list[Choice]) -> None:
        super().__init__()
        self._title, self._message, self._choices = title, message, choices

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label(self._title, classes="title", markup=False)
            with VerticalScroll(classes="message"):
                yield Static(self._message, markup=False, id="message-text")
            with Vertical(id="answers"):
                for choice in self._choices:
                    with Horizontal(classes="answer"):
                        yield Button(
                            plain(choice.label),
                            id=choice.id,
                            variant=choice.variant,  # type: ignore[arg-type]
                            compact=True,
                        )
                        yield Label(choice.explanation, markup=False)

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id)
