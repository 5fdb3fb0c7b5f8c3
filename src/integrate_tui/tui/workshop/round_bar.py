"""The line above the panes: the open round, its countdown, the room, the inbox's last news."""

from __future__ import annotations

from rich.text import Text
from textual.widgets import Static

from integrate_tui.model import Scenario
from integrate_tui.tui import format as fmt
from integrate_tui.tui.workshop.clock import RoundClock
from integrate_tui.workshop import ROUND_KINDS, open_round, workshop_of
from integrate_tui.workshop.presence import Tally


def round_line(scenario: Scenario, clock: RoundClock, palette: fmt.Palette) -> Text:
    """`Round 2 of 3 · Title · kind   07:32 left`, or what comes next when none is open."""
    rounds = workshop_of(scenario).rounds
    if clock.index is None:
        planned = [i for i, r in enumerate(rounds) if r.started is None]
        if not planned:
            return Text("No round open · a adds one to the agenda", style="dim")
        nxt = rounds[planned[0]]
        return Text(f"No round open · next: {nxt.title} (s on the agenda starts it)")
    r = rounds[clock.index]
    text = Text.assemble(
        (f"Round {clock.index + 1} of {len(rounds)} · ", "bold"),
        (r.title, "bold"),
        f" · {ROUND_KINDS[r.kind]}",
    )
    shown = clock.display()
    if shown:
        style = f"bold {palette.bad}" if clock.overrun else "bold"
        text.append("   ⏱ ")
        text.append(shown, style)
        text.append(" over" if clock.overrun else " left")
        if clock.paused:
            text.append(" (paused: t resumes)", "dim")
    return text


def room_line(scenario: Scenario, room: Tally | None) -> str:
    """`6 of 8 sent (7 on this round, 8 joined)`, or `8 of 8 joined` between rounds; empty
    before anyone has joined from the participant page."""
    if room is None or not room.joined:
        return ""
    if open_round(workshop_of(scenario)) is None:
        return f"{room.joined} of {room.listed} joined"
    return f"{room} ({room.on_round} on this round, {room.joined} joined)"


class RoundBar(Static):
    """One line: the round in progress and its timer; the room and the inbox's last news."""

    DEFAULT_CSS = """
    RoundBar { height: 1; padding: 0 1; background: $panel; }
    """

    def show(
        self, scenario: Scenario, clock: RoundClock, news: str = "", room: Tally | None = None
    ) -> None:
        """Redraw (every tick of the countdown, and after every change)."""
        palette = fmt.Palette.from_theme(self.app.theme_variables)
        text = round_line(scenario, clock, palette)
        line = room_line(scenario, room)
        if line:
            text.append(f"   · {line}", "bold")
        if news:
            text.append(f"   · {news}", "dim")
        self.update(text, layout=False)
