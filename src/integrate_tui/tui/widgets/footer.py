"""The footer every screen docks: Textual's, recomposed only when what it shows changes."""

from __future__ import annotations

from typing import Any

from textual.screen import Screen
from textual.widgets import Footer as TextualFooter


class Footer(TextualFooter):
    """Textual's footer, skipping a recompose that would draw the same keys again.

    Textual recomposes the footer (~30 key widgets, 50 ms or more) on every focus change and
    binding refresh, and queues one per signal: mounting the workbench queued four, and a Tab
    between two widgets with the same keys redrew all of them for nothing.
    """

    _shown: tuple[Any, ...] | None = None

    def on_mount(self) -> None:
        self.app.screen_change_signal.subscribe(self, self._screen_changed)

    def on_unmount(self) -> None:
        self.app.screen_change_signal.unsubscribe(self)

    def _screen_changed(self, screen: Screen) -> None:
        """Back on top: show what changed meanwhile (skipped while another screen was)."""
        if self.is_attached and screen is self.screen:
            self.bindings_changed(screen)

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
        if not self.is_attached or self.screen is not self.app.screen:
            return  # Textual reads a covered screen's keys against the one on top
        showing = self._showing()
        if showing == self._shown:
            return
        self._shown = showing
        await super().recompose()
