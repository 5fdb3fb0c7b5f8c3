"""A vote round's two ways to vote, side by side as tabs: dots and a ranking."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import TabbedContent, TabPane

from integrate_tui.model import Ballot
from integrate_tui.tui.forms.dots import DotsForm
from integrate_tui.tui.forms.ranking import RankingForm


class VoteTabs(Vertical):
    """Dot voting first, ranked choice second; each sends its own part of the ballot."""

    DEFAULT_CSS = """
    VoteTabs { height: auto; }
    VoteTabs TabbedContent, VoteTabs TabPane { height: auto; }
    """

    def __init__(self, options: tuple[str, ...], budget: int, given: Ballot) -> None:
        super().__init__()
        self._options, self._budget, self._given = options, budget, given

    def compose(self) -> ComposeResult:
        with TabbedContent():
            with TabPane("Dot vote", id="dots-tab"):
                yield DotsForm(self._options, self._budget, self._given.dots)
            with TabPane("Ranked choice", id="ranking-tab"):
                yield RankingForm(self._options, self._given.ranking)
