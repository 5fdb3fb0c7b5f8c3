"""The decision log's form, and closing a round with its decision."""

from __future__ import annotations

from collections.abc import Iterable

from textual.widget import Widget
from textual.widgets import Input, Select, SelectionList, Static

from integrate_tui.session import Session
from integrate_tui.session.workshop import Step
from integrate_tui.tui.format import plain_options
from integrate_tui.tui.widgets.typed_input import TypedInput
from integrate_tui.tui.workshop.forms import FormDialog, row
from integrate_tui.workshop import KINDS, workshop_of


class LogForm(FormDialog):
    """A timestamped entry: its kind, its text and who raised it (an objection needs someone)."""

    AUTO_FOCUS = "#text"

    DEFAULT_CSS = """
    LogForm SelectionList { height: auto; max-height: 10; }
    """

    def __init__(self, session: Session, kind: str = "decision") -> None:
        super().__init__("Add to the decision log", session)
        self.kind = kind

    def fields(self) -> Iterable[Widget]:
        kinds = [(label, kind) for kind, label in KINDS.items()]
        yield row("Kind", Select(kinds, value=self.kind, allow_blank=False, id="kind"))
        yield row("Entry", TypedInput(placeholder="what was decided, and why", id="text"))
        people = plain_options((p.name, p.id) for p in workshop_of(self.scenario).participants)
        if people:
            yield Static("Raised by (space ticks a name):", classes="hint")
            yield SelectionList[str](*people, id="by")

    def build(self) -> Step:
        kind = str(self.query_one("#kind", Select).value)
        text = self.query_one("#text", Input).value
        by = list(self.query_one(SelectionList).selected) if self.query(SelectionList) else []
        return self.steps.add_entry(kind, text, by)


class CloseForm(FormDialog):
    """Close the open round with the facilitator's decision (which may be left empty)."""

    AUTO_FOCUS = "#decision"

    def __init__(self, session: Session, index: int) -> None:
        title = workshop_of(session.scenario).rounds[index].title
        super().__init__(f"Close round {index + 1}: {title}", session)

    def fields(self) -> Iterable[Widget]:
        yield row("Decision", TypedInput(placeholder="(none)", id="decision"))
        yield Static(
            "Closing records the funding and weights in force now, the votes cast and this "
            "decision, then saves the file.",
            classes="hint",
        )

    def build(self) -> Step:
        return self.steps.close_round(self.query_one(Input).value.strip())
