"""Command palette: jump to any activity, silo, value or interest by name."""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING

from textual.command import Hit, Hits, Provider
from textual.content import Content
from textual.fuzzy import Matcher

if TYPE_CHECKING:
    from integrate_tui.tui.app import WorkbenchApp

_KINDS = (
    ("activities", "activity"),
    ("silos", "silo"),
    ("values", "value"),
    ("interests", "interest"),
)


class JumpProvider(Provider):
    """ "Go to …" entries for every named entity of the open scenario."""

    def _targets(self) -> list[tuple[str, str, str]]:
        app: WorkbenchApp = self.app  # type: ignore[assignment]
        s = app.session.scenario
        return [
            (f"Go to {word}: {entity.name}", kind, entity.id)
            for kind, word in _KINDS
            for entity in getattr(s, kind)
        ]

    def _jump(self, kind: str, key: str) -> None:
        app: WorkbenchApp = self.app  # type: ignore[assignment]
        app.reveal(kind, key)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for title, kind, key in self._targets():
            score = matcher.match(title)
            if score > 0:
                yield Hit(
                    score, highlight(matcher, title), partial(self._jump, kind, key), text=title
                )


def highlight(matcher: Matcher, text: str) -> Content:
    """`text` as written (`Matcher.highlight` reads it as markup) with the matched letters
    in the matcher's style: entity names come from the scenario file."""
    content = Content(text)
    _, offsets = matcher.fuzzy_search.match(matcher.query, text)
    for offset in offsets:
        if not text[offset].isspace():
            content = content.stylize(matcher.match_style, offset, offset + 1)
    return content
