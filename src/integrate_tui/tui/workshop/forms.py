"""Workshop forms: each builds its step through the session, so problems show in the form.

A form dismisses with the step its session command returned (`session.workshop`; None on
Escape); the screen then commits it as one undoable change. The step builds on the
session's scenario as it is when submitted, so a remote submission applied meanwhile is
kept. Enter in any box submits. A form's first box has the focus as soon as it is shown
(`AUTO_FOCUS`, not `on_mount`) and its boxes apply editing keys in typing order
(`TypedInput`), so what is typed right after the key that opened it arrives whole.
Titles, labels, problems and choices hold names of people, values, rounds and options, so
they are shown as written, never read as markup.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widget import Widget
from textual.widgets import Button, Input, Label, Select, Static

from integrate_tui.errors import IntegrateError
from integrate_tui.model import Scenario
from integrate_tui.session import Session
from integrate_tui.session.workshop import Step, WorkshopSteps
from integrate_tui.tui.format import plain_options
from integrate_tui.tui.screens.dialogs import Dialog
from integrate_tui.tui.widgets.typed_input import TypedInput
from integrate_tui.workshop import METHODS, ROUND_KINDS, WorkshopError, workshop_of


class FormDialog(Dialog[Step | None]):
    """Base of the workshop forms: fields, a problems line, Record and Cancel."""

    DEFAULT_CSS = """
    FormDialog > Vertical { width: 80; overflow-y: auto; }
    FormDialog .fields { height: auto; max-height: 40vh; }
    FormDialog .row { height: auto; }
    FormDialog .row > Label { width: 16; padding: 1 1 0 0; }
    FormDialog .row > Input, FormDialog .row > Select { width: 1fr; }
    FormDialog .hint { color: $text-muted; height: auto; }
    FormDialog .problems { color: $error; height: auto; }
    """

    def __init__(self, title: str, session: Session) -> None:
        super().__init__()
        self._title, self.session = title, session

    @property
    def scenario(self) -> Scenario:
        """The session's scenario now: a form builds on what is current when it is submitted."""
        return self.session.scenario

    @property
    def steps(self) -> WorkshopSteps:
        """The session's workshop commands, which build the step."""
        return self.session.workshop

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label(self._title, classes="title", markup=False)
            with VerticalScroll(classes="fields"):
                yield from self.fields()
            yield from self.tally()
            yield Static(classes="problems", markup=False)
            with Horizontal(classes="buttons"):
                yield Button("Record", id="ok", variant="primary")
                yield Button("Cancel", id="cancel")

    def fields(self) -> Iterable[Widget]:
        """The form's own widgets (they scroll when the terminal is short)."""
        return []

    def tally(self) -> Iterable[Widget]:
        """Live feedback kept in view under the fields (points left, consistency)."""
        return []

    def build(self) -> Step:
        """The step from what was typed; raises `IntegrateError` with the problems."""
        raise NotImplementedError

    def show_problems(self, problems: list[str]) -> None:
        """Problems under the fields (empty clears them)."""
        self.query_one(".problems", Static).update("\n".join(problems))

    @on(Input.Submitted)
    @on(Button.Pressed, "#ok")
    def submit(self) -> None:
        """Record when the workshop command accepts the form; else say why not (once: a
        second Enter typed before the form closed must not dismiss the screen behind)."""
        if self.app.screen is not self:
            return
        try:
            new = self.build()
        except WorkshopError as error:
            self.show_problems(error.problems)
        except IntegrateError as error:
            self.show_problems([error.message])
        else:
            self.dismiss(new)

    @on(Button.Pressed, "#cancel")
    def _cancel(self) -> None:
        self.dismiss(None)


def row(label: str, widget: Widget) -> Horizontal:
    """A labelled field (the label is shown as written: it may be a value's or option's name)."""
    return Horizontal(Label(label, markup=False), widget, classes="row")


def number(box: Input, what: str, kind: Callable[[str], float] = float) -> float | None:
    """A box's number (None when empty), or `WorkshopError` naming the field."""
    text = box.value.strip()
    if not text:
        return None
    try:
        return kind(text)
    except ValueError:
        raise WorkshopError(f"{what}: {text!r} is not a number") from None


class RoundForm(FormDialog):
    """Plan a round, or change one: title, purpose, kind, time box, aggregation, dots."""

    AUTO_FOCUS = "#title"

    def __init__(self, session: Session, index: int | None = None) -> None:
        title = "Add a round to the agenda" if index is None else f"Change round {index + 1}"
        super().__init__(title, session)
        self.index = index

    def fields(self) -> Iterable[Widget]:
        r = None if self.index is None else workshop_of(self.scenario).rounds[self.index]
        kinds = [(name, kind) for kind, name in ROUND_KINDS.items()]
        methods = [(name, method) for method, name in METHODS.items()]
        minutes = "" if r is None or r.minutes is None else f"{r.minutes:g}"
        yield row("Title", TypedInput(r.title if r else "", id="title"))
        yield row("Purpose", TypedInput(r.purpose if r else "", id="purpose"))
        kind = r.kind if r else "points"
        yield row("Kind", Select(kinds, value=kind, allow_blank=False, id="kind"))
        yield row("Minutes", TypedInput(minutes, restrict=r"[0-9.]*", id="minutes"))
        aggregation = (r.aggregation if r else None) or Select.NULL
        blank = "(decide when applying)"
        yield row("Aggregation", Select(methods, value=aggregation, prompt=blank, id="method"))
        dots = "" if r is None or r.dots is None else str(r.dots)
        yield row("Dots each", TypedInput(dots, restrict=r"[0-9]*", placeholder="3", id="dots"))
        yield Static("Aggregation: points and pairwise rounds. Dots: votes.", classes="hint")

    def build(self) -> Step:
        value = {s.id: s.value for s in self.query(Select)}
        method = None if value["method"] is Select.NULL else str(value["method"])
        minutes = number(self.query_one("#minutes", Input), "minutes")
        dots = number(self.query_one("#dots", Input), "dots", int)
        text = {box.id: box.value.strip() for box in self.query(Input)}
        fields = {"purpose": text["purpose"], "kind": str(value["kind"]), "dots": dots}
        fields.update(minutes=minutes, aggregation=method)
        if self.index is None:
            return self.steps.add_round(text["title"], **fields)
        return self.steps.edit_round(self.index, title=text["title"], **fields)


class ParticipantForm(FormDialog):
    """Add someone, or change their name and the interest they speak for."""

    AUTO_FOCUS = "#name"

    def __init__(self, session: Session, participant_id: str | None = None) -> None:
        title = "Add a participant" if participant_id is None else "Change a participant"
        super().__init__(title, session)
        self.participant_id = participant_id

    def fields(self) -> Iterable[Widget]:
        people = {p.id: p for p in workshop_of(self.scenario).participants}
        person = people.get(self.participant_id or "")
        interests = plain_options((k.name, k.id) for k in self.scenario.interests)
        interest = (person.interest if person else None) or Select.NULL
        yield row("Name", TypedInput(person.name if person else "", id="name"))
        box = TypedInput(self.participant_id or "", placeholder="from the name", id="pid")
        box.disabled = person is not None
        yield row("Id", box)
        prompt = "(no interest)"
        yield row("Speaks for", Select(interests, value=interest, prompt=prompt, id="interest"))

    def build(self) -> Step:
        name = self.query_one("#name", Input).value.strip()
        chosen = self.query_one("#interest", Select).value
        interest = None if chosen is Select.NULL else str(chosen)
        if self.participant_id is not None:
            return self.steps.edit_participant(self.participant_id, name or None, interest)
        pid = self.query_one("#pid", Input).value.strip()
        return self.steps.add_participant(name, pid, interest)
