"""Pairwise comparison: for each pair of values, which matters more and how much (Saaty 1–9)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.widgets import Button, Label, Select, Static

from integrate_tui.tui.forms.form import Form
from integrate_tui.workshop.ahp import SCALE, nearest_scale, pairs, priorities
from integrate_tui.workshop.consistency import verdict, worst
from integrate_tui.workshop.errors import WorkshopError


def scale_choices(a: str, b: str) -> list[tuple[Content, float]]:
    """Saaty's scale for one pair, as words: a far more important … equal … b far more.

    Plain `Content`, so value names are shown as typed, never read as markup.
    """
    towards_a = [(f"{a} more important: {SCALE[k]} ({k})", float(k)) for k in range(9, 1, -1)]
    towards_b = [(f"{b} more important: {SCALE[k]} ({k})", 1 / k) for k in range(2, 10)]
    return [
        (Content(text), x) for text, x in (*towards_a, ("Equal importance (1)", 1.0), *towards_b)
    ]


class PairwiseForm(Form):
    """A choice on the 1–9 scale per pair, the consistency ratio and the worst answer live;
    the pair that contradicts the others most is marked ⚠."""

    DEFAULT_CSS = """
    PairwiseForm .pair { height: auto; margin-bottom: 1; }
    PairwiseForm .pair Label { text-style: bold; }
    PairwiseForm .pair Label.-flagged { color: $warning; }
    PairwiseForm Select { width: 100%; }
    PairwiseForm .tally.-inconsistent { color: $warning; }
    """

    def __init__(
        self,
        values: Sequence[tuple[str, str]],
        start: Mapping[tuple[str, str], float],
        *,
        send: str = "Send my comparisons",
    ) -> None:
        """`values` as (id, name); `start`: judgements given before (each pair equal if none)."""
        super().__init__()
        self._names = dict(values)
        self._pairs = pairs([value_id for value_id, _ in values])
        self._start = {pair: nearest_scale(start.get(pair, 1.0)) for pair in self._pairs}
        self._send_label = send

    def compose(self) -> ComposeResult:
        yield Static("For each pair, which value matters more, and how much more?")
        for a, b in self._pairs:
            name_a, name_b = self._names[a], self._names[b]
            with Vertical(classes="pair"):
                yield Label(self._title(a, b, flagged=False), name=f"{a} {b}")
                yield Select(
                    scale_choices(name_a, name_b),
                    value=self._start[a, b],
                    allow_blank=False,
                    name=f"{a} {b}",
                )
        yield Static(classes="tally")
        yield Static(classes="problems")
        with Horizontal(classes="buttons"):
            yield Button(self._send_label, variant="primary", id="send")

    def on_mount(self) -> None:
        self._recount()

    def _title(self, a: str, b: str, *, flagged: bool) -> Content:
        """A pair's heading, marked when it is the most inconsistent answer."""
        return Content(f"{'⚠ ' if flagged else ''}{self._names[a]}  or  {self._names[b]}")

    def judgements(self) -> dict[tuple[str, str], float]:
        """Each pair's answer: how many times the first value matters as much as the second."""
        chosen = {}
        for select in self.query(Select):
            a, b = str(select.name).split(" ")
            value = select.value
            chosen[a, b] = value if isinstance(value, float) else 1.0
        return chosen

    @on(Select.Changed)
    def _recount(self) -> None:
        tally = self.query_one(".tally", Static)
        try:
            result = priorities(list(self._names), self.judgements())
        except WorkshopError as error:
            tally.update("")
            self.show_problems(error.problems)
            return
        lines = [verdict(result)]
        most = worst(result, self._names)
        if most is not None:
            lines.append(most)
        flagged = None if result.worst is None else {result.worst.a, result.worst.b}
        for label in self.query(".pair Label").results(Label):
            a, b = str(label.name).split(" ")
            label.update(self._title(a, b, flagged=flagged == {a, b}))
            label.set_class(flagged == {a, b}, "-flagged")
        tally.update(Content("\n".join(lines)))
        tally.set_class(not result.consistent, "-inconsistent")
        self.show_problems([])

    @on(Button.Pressed, "#send")
    def _send(self, event: Button.Pressed) -> None:
        event.stop()
        self.send("pairwise", self.judgements())
