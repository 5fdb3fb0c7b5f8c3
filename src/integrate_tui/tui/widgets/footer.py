"""The footer every screen docks: Textual's, recomposed only when what it shows changes."""

from __future__ import annotations

from typing import Any

from textual.widgets import Footer as TextualFooter


class Footer(TextualFooter):
    """Textual's footer, skipping a recompose that would draw the same keys again.

    Textual recomposes the footer (~30 key widgets, 50 ms or more) on every focus change and
    binding refresh, and queues one per signal: mounting the workbench queued four, and a Tab
    between two widgets with the same keys redrew all of them for nothing.
    """

    _shown: tuple[Any, ...] | None = None

    def _showing(self) -> tuple[Any, ...]:
        """Everything the footer's keys are drawn from: bindings shown, state, style."""
        app = self.app
        keys = tuple(
            (b.key, app.get_key_display(b), b.description, b.action, b.group, enabled, tooltip)
            for _node, b, enabled, tooltip in self.screen.active_bindings.values()
            if b.show
        )
        return (self.compact, self.show_command_palette, keys)

    async def recompose(self) -> None:
        """Recompose when the keys, their state or the style differ from those drawn."""
        showing = self._showing()
        if showing == self._shown:
            return
        self._shown = showing
        await super().recompose()
