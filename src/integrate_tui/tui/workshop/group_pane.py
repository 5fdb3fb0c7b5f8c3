"""Group weights: three aggregations side by side, the disagreement per value and per person;
or (C) the consensus of the room: what everyone's own best funds and what a package costs each."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.widgets import DataTable, Static

from integrate_tui.model import Scenario
from integrate_tui.session import Session
from integrate_tui.tui import format as fmt
from integrate_tui.tui.workshop.consensus_feed import ConsensusFeed
from integrate_tui.tui.workshop.consensus_pane import ConsensusView
from integrate_tui.tui.workshop.pane import Pane, refill
from integrate_tui.workshop import METHODS, Aggregate
from integrate_tui.workshop.aggregate import Method
from integrate_tui.workshop.focus import default_method, group, names, priority_round

ORDER: tuple[Method, ...] = ("arithmetic", "geometric", "median")


WEIGHTS = ("#group-heading", "#group", "#group-detail")
"""The widgets of the group weights view (hidden while the consensus is shown)."""


class GroupPane(Pane):
    """One row per value (row key: value id); g: next method, A: apply the chosen one;
    C: the consensus view instead (row key: activity id), computed by `feed`."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.choices: dict[int | None, Method] = {}
        """The method picked with g, per round: another round starts from its own plan."""
        self.feed = ConsensusFeed(self)
        self.consensus_shown = False
        self._session: Session | None = None

    def method(self, scenario: Scenario) -> Method:
        """The method in use: the one picked with g for this round, else the round's, else
        geometric."""
        return self.choices.get(priority_round(scenario)) or default_method(scenario)

    def choose(self, scenario: Scenario, method: Method) -> None:
        """Show the round in focus by `method` (until another round is in focus)."""
        self.choices[priority_round(scenario)] = method

    def compose(self) -> ComposeResult:
        yield Static(classes="heading", id="group-heading")
        yield DataTable(cursor_type="row", zebra_stripes=True, id="group")
        yield Static(classes="detail", id="group-detail")
        consensus = ConsensusView(id="consensus")
        consensus.display = False
        yield consensus

    def on_mount(self) -> None:
        self._unlisten = self.feed.listen(self._heard)
        self.set_interval(0.5, self._tick, name="consensus-progress")

    def on_unmount(self) -> None:
        self._unlisten()
        self.feed.stop()

    @property
    def view(self) -> ConsensusView:
        return self.query_one(ConsensusView)

    @property
    def table(self) -> DataTable:
        """The table the keyboard is on: the values', or the consensus's activities."""
        return self.view.activities if self.consensus_shown else self.query_one("#group", DataTable)

    def toggle_consensus(self, session: Session) -> None:
        """Show the consensus instead of the group weights, or the weights again."""
        self.consensus_shown = not self.consensus_shown
        for selector in WEIGHTS:
            self.query_one(selector).display = not self.consensus_shown
        self.view.display = self.consensus_shown
        self.show(session)
        self.focus_table()

    def follow(self, session: Session) -> None:
        """The work changed while this pane is hidden: a consensus on an old question stops."""
        self.feed.follow(session.model, self.method(session.scenario))

    def resumed(self, session: Session) -> None:
        """The screen is shown again: the consensus view asks for what it missed."""
        if self.consensus_shown:
            self.show(session)

    def _heard(self) -> None:
        if self.consensus_shown and self._session is not None:
            s = self._session.scenario
            self.view.show(self.feed, s, METHODS[self.method(s)])

    def _tick(self) -> None:
        if self.consensus_shown:
            self.view.tick(self.feed)

    def show(self, session: Session) -> None:
        self._session = session
        if self.consensus_shown:
            method = self.method(session.scenario)
            if self.screen in self.app.screen_stack:  # not while the workbench is shown
                self.feed.want(session.model, method)
            else:
                self.feed.follow(session.model, method)
            self.view.show(self.feed, session.scenario, METHODS[method])
            return
        s, chosen = session.scenario, self.method(session.scenario)
        index = priority_round(s)
        source = "current weights" if index is None else f"round {index + 1}'s inputs"
        heading = self.query_one("#group-heading", Static)
        results = {m: group(s, m) for m in ORDER}
        columns = ["Value", "Now"]
        columns += [("▶ " if m == chosen else "") + METHODS[m] for m in ORDER]
        columns += ["Spread (sd)", "Range", "Furthest"]
        picked = results[chosen]
        if picked is None:
            refill(self.table, [], columns)
            heading.update(f"Group weights from {source}: nobody has given priorities yet.")
            self.query_one("#group-detail", Static).update("")
            return
        who = names(s)
        rows = []
        for j, (v, spread) in enumerate(zip(s.values, picked.disagreement.spread, strict=True)):
            shares = [fmt.percent(r.weights[v.id]) if r else "—" for r in results.values()]
            rows.append(
                (
                    v.id,
                    [
                        v.name,
                        fmt.percent(float(session.score.weights[j])),
                        *shares,
                        f"{100 * spread.sd:.1f} pts",
                        f"{fmt.percent(spread.low)}–{fmt.percent(spread.high)}",
                        f"{who.get(spread.furthest, spread.furthest)} {fmt.gap_points(spread.gap)}"
                        + (
                            f" (tied: {', '.join(who.get(p, p) for p, _ in spread.tied)})"
                            if spread.tied
                            else ""
                        ),
                    ],
                )
            )
        refill(self.table, rows, columns)
        heading.update(
            Text(
                f"Group weights from {source} ({len(picked.individual)} participants), "
                f"by {METHODS[chosen]}: g changes the method, A applies it, C shows the consensus"
            )
        )
        self.query_one("#group-detail", Static).update(_detail(picked, who))


def _detail(result: Aggregate, who: dict[str, str]) -> Text:
    """Who is furthest from the group, vetoes and who gave nothing."""
    far = ", ".join(f"{who.get(p, p)} {fmt.percent(d)}" for p, d in result.disagreement.furthest())
    text = Text(f"Distance from the group (share of weight to move to agree): {far}")
    for value in result.vetoed:
        givers = ", ".join(who.get(p, p) for p in result.zeros[value])
        text.append(f"\n⚠ {value}: zero from {givers} pulls its geometric mean to 0")
    if result.left_out:
        text.append("\nNo priorities yet: " + ", ".join(who.get(p, p) for p in result.left_out))
    if result.counted:
        counted = ", ".join(
            f"{who.get(p, p)} {'left out' if share == 0 else fmt.percent(share)}"
            for p, share in result.counted.items()
        )
        text.append(f"\nCounted less in the group weights (d changes it): {counted}")
    return text
