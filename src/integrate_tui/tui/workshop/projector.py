"""Projector mode: only what the room needs, large and high-contrast: timer, scores, ledger."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.widgets import Digits, Label, Static

from integrate_tui.engine import Ledger, diff
from integrate_tui.session import Event, Session
from integrate_tui.tui import format as fmt
from integrate_tui.tui.themes import PROJECTOR
from integrate_tui.tui.widgets.ledger_view import describe
from integrate_tui.tui.workshop.clock import RoundClock
from integrate_tui.tui.workshop.round_bar import round_line
from integrate_tui.workshop import baseline

BAR = 48
NAME = 34


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
    ProjectorScreen #ledger { height: 1fr; margin-top: 1; border-top: heavy $primary; }
    ProjectorScreen #keys { height: 1; color: $text-muted; }
    """
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("p,f5,escape", "dismiss", "Back", id="projector.back"),
        Binding("t", "timer", "Pause timer", id="projector.timer"),
    ]

    def __init__(self, session: Session, clock: RoundClock) -> None:
        super().__init__()
        self.session, self.clock = session, clock
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
        yield Static(id="ledger")
        yield Static("p or Esc: back to the workshop · t: pause or resume the timer", id="keys")

    def on_mount(self) -> None:
        self._theme, self.app.theme = self.app.theme, PROJECTOR.name
        self._unsubscribe = self.session.subscribe(self._changed)
        self.set_interval(0.5, self._tick)
        self._show()

    def on_unmount(self) -> None:
        self._unsubscribe()
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
        self.query_one("#round", Static).update(
            round_line(self.session.scenario, self.clock, palette)
        )

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
        self._tick()
