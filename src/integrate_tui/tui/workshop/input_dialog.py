"""Someone's points or comparisons entered by the facilitator, in the form participants use.

The dialog hosts one of `tui.forms`; when the form sends its input, the dialog has the
session build the step (`session.workshop`) and dismisses with it, or shows in the form why
the input cannot be recorded. Escape or Cancel dismisses with None.
"""

from __future__ import annotations

from collections.abc import Callable

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Button, Label

from integrate_tui.errors import IntegrateError
from integrate_tui.session.workshop import Step
from integrate_tui.tui.forms.form import Form
from integrate_tui.tui.screens.dialogs import Dialog
from integrate_tui.workshop import WorkshopError

RECORD = "Record"
"""The send button's label when the facilitator enters someone's input."""


class InputDialog(Dialog[Step | None]):
    """A form's input, recorded for a participant as the step `build` makes of it."""

    AUTO_FOCUS = ".fields *"
    """The form's first field has the focus as soon as the dialog is shown."""
    DEFAULT_CSS = """
    InputDialog > Vertical { width: 88; }
    InputDialog .fields { height: auto; max-height: 70vh; }
    """

    def __init__(self, title: str, form: Form, build: Callable[[], Step]) -> None:
        """`build` reads the form's input and returns the session's step for it."""
        super().__init__()
        self._title, self.form, self._build = title, form, build

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label(self._title, classes="title", markup=False)
            with VerticalScroll(classes="fields"):
                yield self.form
            with Horizontal(classes="buttons"):
                yield Button("Cancel", id="cancel")

    @on(Form.Submitted)
    def _submitted(self, message: Form.Submitted) -> None:
        message.stop()
        if self.app.screen is not self:  # already recorded: a second Enter in a burst
            return
        try:
            step = self._build()
        except WorkshopError as error:
            self.form.show_problems(error.problems)
        except IntegrateError as error:
            self.form.show_problems([error.message])
        else:
            self.dismiss(step)

    @on(Button.Pressed, "#cancel")
    def _cancel(self) -> None:
        self.dismiss(None)
