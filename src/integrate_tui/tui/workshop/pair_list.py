"""Every pair of values on Saaty's scale, one line each: ←/→ lean the judgement left or right."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import ClassVar

from rich.text import Text
from textual.binding import Binding, BindingType
from textual.geometry import Region, Size
from textual.message import Message
from textual.reactive import reactive
from textual.widget import Widget

from integrate_tui.tui import format as fmt
from integrate_tui.workshop.ahp import nearest_scale

STEPS = 8
"""Positions run from −8 (left value 9× as important) through 0 (equal) to +8 (right 9×)."""
NAME = 17


def ratio(position: int) -> float:
    """How many times the left value matters as much as the right one at a position."""
    return float(1 - position) if position <= 0 else 1 / (1 + position)


def position(judged: float) -> int:
    """The scale position nearest to a judgement."""
    r = nearest_scale(judged)
    return 1 - round(r) if r >= 1 else round(1 / r) - 1


class PairList(Widget, can_focus=True):
    """A focusable list of pairs; the cursor row's judgement moves with ←/→."""

    DEFAULT_CSS = """
    PairList { height: auto; }
    PairList:focus { background-tint: $foreground 5%; }
    """
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("up", "cursor(-1)", "Previous pair", show=False, id="pairs.up"),
        Binding("down", "cursor(1)", "Next pair", show=False, id="pairs.down"),
        Binding("left", "lean(-1)", "Left matters more", id="pairs.left"),
        Binding("right", "lean(1)", "Right matters more", id="pairs.right"),
    ]
    cursor: reactive[int] = reactive(0)

    class Changed(Message):
        """A judgement moved, or the cursor did."""

    def __init__(
        self,
        pairs: Sequence[tuple[str, str]],
        names: Mapping[str, str],
        start: Mapping[tuple[str, str], float],
    ) -> None:
        super().__init__()
        self.pairs = list(pairs)
        self.names = dict(names)
        self.positions = [position(start.get(pair, 1.0)) for pair in self.pairs]
        self.flagged: tuple[str, str] | None = None

    def judgements(self) -> dict[tuple[str, str], float]:
        """Each pair's judgement: how many times the left value matters as much as the right."""
        return {pair: ratio(p) for pair, p in zip(self.pairs, self.positions, strict=True)}

    def flag(self, pair: tuple[str, str] | None) -> None:
        """Point out the most inconsistent judgement (None: nothing to point out)."""
        if pair != self.flagged:
            self.flagged = pair
            self.refresh()

    def action_cursor(self, step: int) -> None:
        self.cursor = min(max(self.cursor + step, 0), len(self.pairs) - 1)
        parent = self.parent
        if isinstance(parent, Widget):
            y = self.virtual_region.y + self.cursor
            parent.scroll_to_region(Region(0, y, 1, 1), animate=False, immediate=True)

    def action_lean(self, step: int) -> None:
        i = self.cursor
        moved = min(max(self.positions[i] + step, -STEPS), STEPS)
        if moved != self.positions[i]:
            self.positions[i] = moved
            self.refresh()
            self.post_message(self.Changed())

    def watch_cursor(self) -> None:
        self.refresh()
        self.post_message(self.Changed())

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        return len(self.pairs)

    def render(self) -> Text:
        warning = self.app.theme_variables.get("warning", "yellow")
        text = Text(no_wrap=True, overflow="ellipsis")
        for i, ((a, b), at) in enumerate(zip(self.pairs, self.positions, strict=True)):
            if i:
                text.append("\n")
            here = i == self.cursor
            flagged = (a, b) == self.flagged or (b, a) == self.flagged
            text.append("⚠ " if flagged else ("▶ " if here else "  "), f"bold {warning}")
            text.append(fmt.clip(self.names[a], NAME).rjust(NAME), "bold" if at < 0 else "")
            text.append(" ")
            for p in range(-STEPS, STEPS + 1):
                mark = str(abs(p) + 1)
                style = "reverse bold" if p == at else ("" if here else "dim")
                text.append(f"{mark:>2}", style)
            text.append("  ")
            text.append(fmt.clip(self.names[b], NAME), "bold" if at > 0 else "")
        return text
