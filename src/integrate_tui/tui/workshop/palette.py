"""Command palette entries for workshop mode, from the action registry's workshop scope."""

from __future__ import annotations

from functools import partial

from textual.command import DiscoveryHit, Hit, Hits, Provider

from integrate_tui.tui import actions


def _entries() -> list[tuple[str, str, str]]:
    """(title, action, keys) of every workshop action."""
    return [
        (f"Workshop: {a.help}", a.action, actions.keys_label(a.keys))
        for a in actions.ACTIONS
        if a.scope == actions.WORKSHOP
    ]


class WorkshopCommands(Provider):
    """Every workshop command by name, run as if its key were pressed."""

    def _run(self, action: str) -> None:
        self.app.call_later(self.screen.run_action, action.removeprefix("screen."))

    async def discover(self) -> Hits:
        for title, action, keys in _entries():
            yield DiscoveryHit(title, partial(self._run, action), help=keys)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for title, action, keys in _entries():
            score = matcher.match(title)
            if score > 0:
                yield Hit(score, matcher.highlight(title), partial(self._run, action), title, keys)
