"""Replay: the recorded rounds and log entries in order, and what was in force at each step."""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import DataTable, Static

from integrate_tui.session import Session
from integrate_tui.tui import format as fmt
from integrate_tui.tui.widgets.ledger_view import describe
from integrate_tui.tui.workshop.pane import Pane, refill
from integrate_tui.workshop import Step, replay

COLUMNS = ("Step", "When", "What", "Title", "Score", "Δ")


class ReplayPane(Pane):
    """Steps on the left (row key: step number); ↑/↓ show each step's state and ledger."""

    DEFAULT_CSS = """
    ReplayPane Horizontal { height: 1fr; }
    ReplayPane #steps { width: 64; height: 1fr; }
    ReplayPane VerticalScroll { width: 1fr; height: 1fr; padding: 0 1; }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.steps: list[Step] = []
        self._session: Session | None = None

    def compose(self) -> ComposeResult:
        with Horizontal():
            yield DataTable(cursor_type="row", zebra_stripes=True, id="steps")
            with VerticalScroll():
                yield Static(id="step-detail")

    def on_mount(self) -> None:
        for label in COLUMNS:
            self.table.add_column(label)

    def show(self, session: Session) -> None:
        self._session = session
        self.steps = replay(session.scenario, session.model)
        rows = [
            (
                str(step.number),
                [
                    str(step.number),
                    "now" if step.at is None else f"{step.at:%H:%M}",
                    step.kind,
                    fmt.clip(step.title, 20),
                    fmt.points(step.score.overall),
                    fmt.delta(step.ledger.overall.delta) if step.ledger else "",
                ],
            )
            for step in self.steps
        ]
        refill(self.table, rows)
        self._detail()

    @on(DataTable.RowHighlighted)
    def _detail(self) -> None:
        key, box = self.current, self.query_one("#step-detail", Static)
        if key is None or self._session is None:
            box.update("Nothing recorded yet: start a round or add a log entry.")
            return
        palette = fmt.Palette.from_theme(self.app.theme_variables)
        box.update(detail(self.steps[int(key) - 1], self._session, len(self.steps), palette))


def detail(step: Step, session: Session, count: int, palette: fmt.Palette) -> Text:
    """A step: what happened, the score, value scores and weights, and the ledger before it."""
    s = session.scenario
    text = Text.assemble((f"Step {step.number} of {count} · {step.kind} · ", "bold"))
    text.append(step.title, "bold")
    if step.text:
        text.append(f"\n{step.text}")
    text.append(f"\n\nIntegrated score {fmt.points(step.score.overall)}\n", "bold")
    for v, x, w in zip(s.values, step.score.values, step.score.weights, strict=True):
        text.append(f"  {fmt.clip(v.name, 28):<28} {fmt.points(x):>6}   weight {fmt.percent(w)}\n")
    names = {a.id: a.name for a in s.activities}
    if step.ledger is None:
        text.append("\nThe first step: the state everything after is compared with.\n")
    else:
        text.append("\nSince the step before\n", "bold")
        text.append_text(describe(step.ledger, "", names, palette))
        text.append("\n")
    moved = {c.id: c for c in step.ledger.funding} if step.ledger else {}
    text.append("\nFunding\n", "bold")
    for a, level in zip(s.activities, step.score.funding, strict=True):
        change = moved.get(a.id)
        text.append(f"  {fmt.clip(a.name, 36):<36} {fmt.level(float(level))}")
        if change is not None:
            text.append(f"  (was {fmt.level(change.before)})", "dim")
        text.append("\n")
    return text
