"""Ranked choice: number the options in your order of preference, first choice first.

The options stay in their order on screen, each with its rank: Enter on one ranks it next
(again: takes it out, and the ranks after it close up); Move up / Move down (ctrl+↑/↓)
swap its rank with the option ranked just before or after it.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal
from textual.content import Content
from textual.widgets import Button, OptionList, Static

from integrate_tui.tui.forms.form import Form
from integrate_tui.workshop.voting import ranking_problems


class RankingForm(Form):
    """The options with their ranks; send the ranking (or, `send_when_complete`, as soon as
    every option is ranked)."""

    DEFAULT_CSS = """
    RankingForm OptionList { height: auto; max-height: 16; margin-bottom: 1; }
    RankingForm .hint { color: $text-muted; height: auto; }
    """
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+up", "move(-1)", "Move up", id="participant.rank-up"),
        Binding("ctrl+down", "move(1)", "Move down", id="participant.rank-down"),
    ]

    def __init__(
        self,
        options: Sequence[str],
        start: Sequence[str],
        *,
        send: str = "Send my ranking",
        rank_all: bool = True,
        send_when_complete: bool = False,
    ) -> None:
        """`start`: the ranking given before; `rank_all` ranks the options it leaves out
        after it, in their order (a participant starts from a full ranking)."""
        super().__init__()
        self._options = list(options)
        kept = list(dict.fromkeys(o for o in start if o in self._options))
        rest = [o for o in self._options if o not in kept] if rank_all else []
        self._ranking = kept + rest
        self._send_label = send
        self._send_when_complete = send_when_complete

    def compose(self) -> ComposeResult:
        yield Static("Rank the options from your first choice to your last.")
        yield OptionList()
        yield Static(
            "Enter ranks the highlighted option next (again: takes it out); "
            "Move up / Move down (ctrl+↑/↓) change its place.",
            classes="hint",
        )
        yield Static(classes="problems")
        with Horizontal(classes="buttons"):
            yield Button("Move up", id="up")
            yield Button("Move down", id="down")
            yield Button(self._send_label, variant="primary", id="send")

    def on_mount(self) -> None:
        listing = self.query_one(OptionList)
        listing.set_options(self._prompts())
        if self._options:
            listing.highlighted = 0
        self.show_problems([])

    def ranking(self) -> list[str]:
        """The options ranked so far, first choice first."""
        return list(self._ranking)

    def _prompts(self) -> list[Content]:
        """Each option as shown (as written, never read as markup), numbered when ranked."""
        return [
            Content(f"{self._ranking.index(o) + 1}. {o}" if o in self._ranking else f"   {o}")
            for o in self._options
        ]

    def _redraw(self) -> None:
        listing = self.query_one(OptionList)
        for i, prompt in enumerate(self._prompts()):
            listing.replace_option_prompt_at_index(i, prompt)
        self.show_problems([])

    def _highlighted(self) -> str | None:
        index = self.query_one(OptionList).highlighted
        return None if index is None else self._options[index]

    def action_move(self, step: int) -> None:
        """The highlighted option's rank `step` places earlier (negative) or later."""
        option = self._highlighted()
        if option not in self._ranking:
            self.app.bell()
            return
        here = self._ranking.index(option)
        there = min(max(here + step, 0), len(self._ranking) - 1)
        self._ranking.insert(there, self._ranking.pop(here))
        self._redraw()

    @on(OptionList.OptionSelected)
    def _pick(self, event: OptionList.OptionSelected) -> None:
        """Rank the option next, or take it out of the ranking."""
        event.stop()
        option = self._options[event.option_index]
        if option in self._ranking:
            self._ranking.remove(option)
        else:
            self._ranking.append(option)
        self._redraw()
        if self._send_when_complete and len(self._ranking) == len(self._options):
            self._send()

    @on(Button.Pressed, "#up")
    def _up(self, event: Button.Pressed) -> None:
        event.stop()
        self.action_move(-1)

    @on(Button.Pressed, "#down")
    def _down(self, event: Button.Pressed) -> None:
        event.stop()
        self.action_move(1)

    @on(Button.Pressed, "#send")
    def _send(self, event: Button.Pressed | None = None) -> None:
        if event is not None:
            event.stop()
        problems = ranking_problems(self._ranking, self._options)
        if not self._ranking:
            problems = ["Rank at least one option first."]
        self.show_problems(problems)
        if not problems:
            self.send("ranking", self.ranking())
