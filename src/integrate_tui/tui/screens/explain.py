"""Why a number is what it is: its top contributors, the routes they take, and interactions."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import DataTable, Label, Static

from integrate_tui.engine import Explanation
from integrate_tui.model import Activity, Interest, Resource, Value
from integrate_tui.session import Session
from integrate_tui.tui import format as fmt
from integrate_tui.tui.screens.dialogs import Dialog

TOP = 8


def subject_name(session: Session, subject: str) -> str:
    """The readable name of an explained number ("overall", "value:ID", …)."""
    kind, _, key = subject.partition(":")
    if kind == "overall":
        return "The integrated score"
    tables: dict[str, Sequence[Value | Interest | Resource | Activity]] = {
        "value": session.scenario.values,
        "interest": session.scenario.interests,
        "resource": session.scenario.resources,
        "activity": session.scenario.activities,
    }
    return next(e.name for e in tables[kind] if e.id == key)


class ExplainScreen(Dialog[None]):
    """The explanation of one number, as a table of drivers; Escape closes."""

    DEFAULT_CSS = """
    ExplainScreen > Vertical { width: 104; }
    ExplainScreen DataTable { height: auto; max-height: 24; }
    """

    def __init__(self, session: Session, subject: str) -> None:
        super().__init__()
        self._session, self._subject = session, subject

    def compose(self) -> ComposeResult:
        s, explanation = self._session, self._session.explain(self._subject)
        name = subject_name(s, self._subject)
        resource = self._subject.startswith("resource:")
        number = fmt.amount(explanation.total) if resource else fmt.points(explanation.total)
        unit = next(
            (r.unit for r in s.scenario.resources if f"resource:{r.id}" == self._subject), ""
        )
        with Vertical():
            title = f"Why is {name} at {number}{' ' + unit if unit else ''}?"
            yield Label(title, classes="title", markup=False)
            yield Static(_legend(self._subject), classes="legend")
            if explanation.meaning:
                yield Static(explanation.meaning, classes="legend", id="meaning", markup=False)
            for note in explanation.notes:
                yield Static(f"⚠ {note}", classes="legend warning", markup=False)
            yield DataTable(cursor_type="none", zebra_stripes=True)
            yield Label("Esc closes", classes="hint")

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        table.add_column("Activity", width=32)
        table.add_column("Through", width=40)
        table.add_column("Points", width=8)
        for row in _rows(self._session, self._session.explain(self._subject), self._subject):
            table.add_row(*row)


def _legend(subject: str) -> str:
    if subject.startswith("resource:"):
        return "What each activity uses of this resource at its current funding."
    return "Points each activity adds (+) or takes away (−), largest first, then interactions."


def _rows(
    session: Session, explanation: Explanation, subject: str
) -> list[tuple[Text, Text, Text]]:
    s = session.scenario
    activities = {a.id: a.name for a in s.activities}
    routes = {v.id: v.name for v in s.values} | {r.id: r.name for r in s.resources}
    show = fmt.amount if subject.startswith("resource:") else fmt.points
    positive, negative = explanation.top(TOP)
    rows = [
        (Text(activities[d.activity]), Text(routes.get(d.via, d.via)), _number(show, d.points))
        for d in [*positive, *negative]
    ]
    for a, b, pts in explanation.interactions[:TOP]:
        partner = Text(f"interaction with {activities[b]}", style="italic")
        rows.append((Text(activities[a], style="italic"), partner, _number(fmt.points, pts)))
    if not rows:
        rows.append((Text("Nothing contributes to this number yet."), Text(""), Text("")))
    return rows


def _number(show: Callable[[float], str], x: float) -> Text:
    text = show(x)
    return Text(text if x < 0 else f"+{text}", justify="right")
