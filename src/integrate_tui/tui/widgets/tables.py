"""A grid whose rows hold levels that move with ←/→, −/+, shift for ×5, 0 and m."""

from __future__ import annotations

from dataclasses import dataclass

from textual.message import Message

from integrate_tui.tui import actions
from integrate_tui.tui.widgets.grid import Grid


class LevelTable(Grid):
    """Asks its screen to move the level of the row under the cursor."""

    BINDINGS = actions.bindings(actions.LEVELS)

    @dataclass
    class Changed(Message):
        """Move the level of row `key` by `steps` steps."""

        table: LevelTable
        key: str
        steps: int

    @dataclass
    class Bound(Message):
        """Set the level of row `key` to its bound, `which` is "min" or "max"."""

        table: LevelTable
        key: str
        which: str

    def is_level_row(self, key: str) -> bool:
        """True for rows whose level can move (not headings or subtotals)."""
        return ":" not in key

    def action_change(self, steps: int) -> None:
        key = self.current_key
        if key is not None and self.is_level_row(key):
            self.post_message(self.Changed(self, key, steps))

    def action_bound(self, which: str) -> None:
        key = self.current_key
        if key is not None and self.is_level_row(key):
            self.post_message(self.Bound(self, key, which))
