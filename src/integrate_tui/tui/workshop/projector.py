"""Projector mode: only what the room needs, large and high-contrast: timer, scores, ledger.

Also the room ("6 of 8 sent"), during a vote what each option funds, and the results of
the round in focus once the facilitator reveals them (R): per value each participant's
weight as a dot on one line and the group's, or the dot counts and the instant-runoff
counts as bars; names only when the round's results are named (N). Opened from the Group
pane's consensus view, it shows instead what the consensus package costs each person, as
bars (named or anonymous as the round's results are), and which activities are disputed.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.widgets import Digits, Label, Static

from integrate_tui.engine import Ledger, diff
from integrate_tui.model import Scenario
from integrate_tui.session import Event, Session
from integrate_tui.tui import format as fmt
from integrate_tui.tui.themes import PROJECTOR
from integrate_tui.tui.widgets.ledger_view import describe
from integrate_tui.tui.workshop.clock import RoundClock
from integrate_tui.tui.workshop.consensus_feed import ConsensusFeed
from integrate_tui.tui.workshop.consensus_pane import regret_bars
from integrate_tui.tui.workshop.round_bar import room_line, round_line
from integrate_tui.tui.workshop.vote_pane import contents_text, tally_bars
from integrate_tui.workshop import ballot_options, baseline, open_round, workshop_of
from integrate_tui.workshop.ballot import ballot_contents
from integrate_tui.workshop.log import current_round
from integrate_tui.workshop.presence import Tally
from integrate_tui.workshop.results import Results, round_results, weight_line
from integrate_tui.workshop.voting import tallies_of

BAR = 48
NAME = 34
LINE = 48
"""Cells of a value's weight line (0 … 100 %)."""


class ProjectorScreen(Screen[None]):
    """Big digits for the integrated score and the countdown; value bars; the ledger."""

    DEFAULT_CSS = """
    ProjectorScreen { background: $background; padding: 1 2; }
    ProjectorScreen #round { height: auto; text-style: bold; margin-bottom: 1; }
    ProjectorScreen #top { height: auto; }
    ProjectorScreen #top > Vertical { width: 1fr; height: auto; }
    ProjectorScreen #top Label { text-style: bold; color: $primary; }
    ProjectorScreen Digits { width: auto; text-style: bold; }
    ProjectorScreen #timer.-over { color: $error; }
    ProjectorScreen #scores { height: auto; margin-top: 1; }
    ProjectorScreen #room-results { height: auto; margin-top: 1; }
    ProjectorScreen #ledger { height: 1fr; margin-top: 1; border-top: heavy $primary; }
    ProjectorScreen #keys { height: 1; color: $text-muted; }
    """
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("p,f5,escape", "dismiss", "Back", id="projector.back"),
        Binding("t", "timer", "Pause timer", id="projector.timer"),
    ]

    def __init__(
        self,
        session: Session,
        clock: RoundClock,
        room: Callable[[], Tally | None] = lambda: None,
        *,
        consensus: ConsensusFeed | None = None,
    ) -> None:
        """`room`: the participant page's presence counts, as last read; `consensus`: the
        feed whose answer the room is shown instead of the round's results."""
        super().__init__()
        self.session, self.clock, self.room = session, clock, room
        self.consensus = consensus
        self._theme = ""

    def compose(self) -> ComposeResult:
        yield Static(id="round")
        with Horizontal(id="top"):
            with Vertical():
                yield Label("Integrated score")
                yield Digits(id="score")
            with Vertical():
                yield Label("Time left", id="timer-label")
                yield Digits(id="timer")
        yield Static(id="scores")
        yield Static(id="room-results")
        yield Static(id="ledger")
        yield Static("p or Esc: back to the workshop · t: pause or resume the timer", id="keys")

    def on_mount(self) -> None:
        self._theme, self.app.theme = self.app.theme, PROJECTOR.name
        self._unsubscribe = self.session.subscribe(self._changed)
        self._unlisten = self.consensus.listen(self._show) if self.consensus else lambda: None
        self.set_interval(0.5, self._tick)
        self._show()

    def on_unmount(self) -> None:
        self._unsubscribe()
        self._unlisten()
        self.app.theme = self._theme

    def _changed(self, event: Event) -> None:
        self.app.call_later(self._show)

    def action_timer(self) -> None:
        self.clock.toggle()
        self._tick()

    def _tick(self) -> None:
        shown = self.clock.display() or "--:--"
        timer = self.query_one("#timer", Digits)
        timer.update(shown)
        timer.set_class(self.clock.overrun, "-over")
        label = "Over time" if self.clock.overrun else "Time left"
        self.query_one("#timer-label", Label).update(label)
        palette = fmt.Palette.from_theme(self.app.theme_variables)
        line = round_line(self.session.scenario, self.clock, palette)
        room = room_line(self.session.scenario, self.room())
        if room:
            line.append(f"   · {room}", "bold")
        self.query_one("#round", Static).update(line)

    def _show(self) -> None:
        s, score = self.session.scenario, self.session.score
        self.clock.follow(s)
        palette = fmt.Palette.from_theme(self.app.theme_variables)
        self.query_one("#score", Digits).update(fmt.points(score.overall))
        text = Text()
        rows = [(v.name, x) for v, x in zip(s.values, score.values, strict=True)]
        if score.fairness.worst_off is not None:
            worst = next(k.name for k in s.interests if k.id == score.fairness.worst_off)
            if score.fairness.tied:
                worst += f" (tied with {len(score.fairness.tied)})"
            rows.append((f"Worst off: {worst}", score.fairness.minimum))
        for name, x in rows:
            style = f"bold {palette.bar if x >= 0 else palette.bad}"
            text.append(f"{fmt.clip(name, NAME):<{NAME}} ", "bold")
            text.append_text(fmt.bar(float(x) / 100, BAR, style))
            text.append(f" {fmt.points(float(x)):>6}\n", "bold")
        self.query_one("#scores", Static).update(text)
        names = {a.id: a.name for a in s.activities}
        base = baseline(s)
        ledger: Ledger | None
        if base is not None:
            ledger = diff(base.score(self.session.model), score)
            label = f"Since {base.label}"
        else:
            ledger, label = self.session.ledger, "The last change"
        self.query_one("#ledger", Static).update(describe(ledger, label, names, palette))
        shown = room_text(s, palette) if self.consensus is None else self._consensus(palette)
        self.query_one("#room-results", Static).update(shown)
        self.query_one("#ledger", Static).display = not shown.plain
        self._tick()

    def _consensus(self, palette: fmt.Palette) -> Text:
        """The consensus as the room sees it, or that it is on its way."""
        feed = self.consensus
        assert feed is not None
        if feed.result is None:
            problem = feed.problem or "being computed…"
            return Text(f"The package that asks least of anyone: {problem}\n", "bold")
        named = feed.ask is not None and feed.ask.named
        return regret_bars(feed.result, self.session.scenario, named, palette)


def room_text(scenario: Scenario, palette: fmt.Palette) -> Text:
    """What the room is shown beside the scores: revealed results of the round in focus,
    and during a vote what each option funds."""
    text = Text()
    index = current_round(scenario)
    rounds = workshop_of(scenario).rounds
    if index is not None and rounds[index].revealed:
        text.append_text(results_text(round_results(scenario, index), palette))
    vote = open_round(workshop_of(scenario))
    if vote is not None and rounds[vote].kind == "vote":
        text.append_text(contents_text(ballot_contents(scenario, ballot_options(scenario, vote))))
    return text


def dot_line(shares: list[float], group: float) -> Text:
    """One value's weights on a line (see `results.weight_line`), people bold, gaps dim."""
    text = Text()
    for mark in weight_line(shares, group, LINE):
        text.append(mark, "dim" if mark == "·" else "bold")
    return text


def results_text(results: Results, palette: fmt.Palette) -> Text:
    """A round's revealed results, large enough for the room."""
    how = "named" if results.named else "anonymous"
    text = Text(f"Results of round {results.index + 1}: {results.title} ({how})\n", "bold")
    if results.empty:
        return text.append("Nothing given yet.\n")
    if results.spreads:
        text.append(f"Each dot is one person's weight, ┃ the group's ({results.method})\n", "dim")
        for spread in results.spreads:
            text.append(f"{fmt.clip(spread.value, NAME):<{NAME}} ", "bold")
            text.append_text(dot_line([w for _, w in spread.weights], spread.group))
            text.append(f" {fmt.percent(spread.group):>4}\n", "bold")
            if results.named:
                who = ", ".join(f"{n} {fmt.percent(w)}" for n, w in spread.weights)
                text.append(f"{'':<{NAME}} {who}\n", "dim")
    if results.dots is not None:
        text.append("Dot vote\n", "bold")
        text.append_text(tally_bars(results.dots.tallies, "dot", palette))
    if results.ranked is not None:
        text.append("Ranked choice (instant runoff)\n", "bold")
        for count in results.ranked.rounds:
            text.append(f"Count {count.number}\n")
            text.append_text(tally_bars(tallies_of(count.counts), "ballot", palette))
        text.append(results.ranked.summary() + "\n", "bold")
    for who, ballot in results.ballots:
        text.append(f"{who}: {ballot}\n", "dim")
    return text
