"""The Group pane's consensus view: what everyone's own best package funds, and what the
package that asks least of anyone costs each person. Also its projector form (regret bars).

Per activity: unanimous (every participant's own best package funds it), contested (with
who, at what level) or never, its level in the consensus package and its core index. Per
participant: their own best score, their score of the consensus package, and their regret
for it beside their regret for the group-weights optimum and for the current funding.
"""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import DataTable, Static

from integrate_tui.engine.optimise.consensus import STATUSES
from integrate_tui.model import Scenario
from integrate_tui.tui import format as fmt
from integrate_tui.tui.workshop.consensus_feed import ConsensusFeed
from integrate_tui.tui.workshop.pane import refill
from integrate_tui.workshop.consensus_room import SAMPLES, Settled, costs
from integrate_tui.workshop.focus import names

PEOPLE = ["Participant", "Own best", "Regret", "Regret, group opt.", "Regret, now"]
ACTIVITIES = ["Activity", "Agreement", "Consensus", "Core", "Funded by"]
BAR = 40
NAME = 20
"""Cells of a name on the screen and on the projector."""
ACTIVITY = (24, 60)
"""Fewest and most cells of an activity's name: what the pane's width leaves beside the
other columns (the table scrolls sideways to who funds it)."""


class ConsensusView(Vertical):
    """The consensus of the room as the feed last heard it (row key of the activity table:
    activity id)."""

    DEFAULT_CSS = """
    ConsensusView { height: 1fr; }
    ConsensusView > .heading { height: auto; padding: 0 1; text-style: bold; }
    ConsensusView #consensus-status { height: auto; padding: 0 1; }
    ConsensusView #consensus-people { height: auto; max-height: 45%; }
    ConsensusView #consensus-activities { height: 1fr; max-height: 100%; margin-top: 1; }
    ConsensusView .detail { height: auto; padding: 0 1; color: $text-muted; }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._shown: tuple[ConsensusFeed, Scenario, str] | None = None

    def compose(self) -> ComposeResult:
        yield Static(classes="heading", id="consensus-heading")
        yield Static(id="consensus-status")
        yield DataTable(cursor_type="none", zebra_stripes=True, id="consensus-people")
        yield DataTable(cursor_type="row", zebra_stripes=True, id="consensus-activities")
        yield Static(classes="detail", id="consensus-detail")

    @property
    def activities(self) -> DataTable:
        """The activity table (the one the keyboard is on)."""
        return self.query_one("#consensus-activities", DataTable)

    def show(self, feed: ConsensusFeed, scenario: Scenario, method: str) -> None:
        """Redraw from the feed: progress, the answer, or why there is none."""
        self._shown = (feed, scenario, method)
        ask, found = feed.ask, feed.result
        source = "" if ask is None else f" of {ask.source}"
        self.query_one("#consensus-heading", Static).update(
            Text(f"Consensus{source} · C: group weights · o: add as an option")
        )
        people = self.query_one("#consensus-people", DataTable)
        status = self.query_one("#consensus-status", Static)
        detail = self.query_one("#consensus-detail", Static)
        if found is None:
            status.update(Text(feed.problem or feed.progress() or "computing…"))
            refill(people, [], PEOPLE)
            refill(self.activities, [], ACTIVITIES)
            detail.update("")
            return
        status.update(_status(found, method))
        who = names(scenario)
        c = found.consensus
        refill(
            people,
            [
                (
                    s.participant,
                    [
                        fmt.clip(who.get(s.participant, s.participant), NAME),
                        *(
                            _right(fmt.points(x))
                            for x in (s.best_score, s.regret, s.group_regret, s.current_regret)
                        ),
                    ],
                )
                for s in c.standings
            ],
            PEOPLE,
        )
        fewest, most = ACTIVITY
        width = min(max((self.size.width or 80) - 50, fewest), most)
        refill(self.activities, _activity_rows(found, scenario, who, width), ACTIVITIES)
        skipped = [] if ask is None else list(ask.skipped)
        detail.update(_detail(found, scenario, method, skipped))

    def on_resize(self) -> None:
        """Activity names are clipped to the width: draw them again."""
        if self._shown is not None:
            self.show(*self._shown)

    def tick(self, feed: ConsensusFeed) -> None:
        """The progress line, while a job runs and nothing is shown yet."""
        if feed.result is None and feed.computing:
            self.query_one("#consensus-status", Static).update(Text(feed.progress()))


def _right(text: str) -> Text:
    """A number in a table cell, right-aligned."""
    return Text(text, justify="right")


def _status(found: Settled, method: str) -> Text:
    """The answer in one line: the largest regret anyone has, and how sure it is."""
    c = found.consensus
    text = Text(f"Largest regret {fmt.points(c.largest_regret)} points", "bold")
    text.append(f" ({c.status}) · group optimum: by {method}")
    return text


def _activity_rows(
    found: Settled, scenario: Scenario, who: dict[str, str], width: int
) -> list[tuple[str, list[str | Text]]]:
    """Unanimous first, then contested, then never (file order within each)."""
    c = found.consensus
    everyone = len(c.participants)
    rows: list[tuple[int, str, list[str | Text]]] = []
    for a, v, share in zip(scenario.activities, c.verdicts, found.core.funded, strict=True):
        by = ", ".join(f"{who.get(p, p)} {level:g}" for p, level in v.funded_by.items())
        if v.status == "contested":
            by = f"{len(v.funded_by)} of {everyone}: {by}"
        shown = {"unanimous": "everyone", "never": "nobody"}.get(v.status, by)
        rows.append(
            (
                STATUSES.index(v.status),
                a.id,
                [
                    fmt.clip(a.name, width),
                    v.status,
                    _right(f"{v.level:g}"),
                    _right(fmt.percent(float(share))),
                    shown,
                ],
            )
        )
    rows.sort(key=lambda row: row[0])  # stable: file order within a status
    return [(key, cells) for _, key, cells in rows]


def _detail(found: Settled, scenario: Scenario, method: str, skipped: list[str]) -> Text:
    """The definitions and the rule, who was left out and what breaks a rule."""
    who = names(scenario)
    text = Text(
        "Regret: own best score − score of a package, on one's own weights · Core: share of "
        f"{SAMPLES:,} mixes of the room's weights whose optimum funds it"
    )
    text.append(f"\nPackage: {found.consensus.rule} ({method})")
    if skipped:
        text.append(" · no weights from " + ", ".join(who.get(p, p) for p in skipped))
    if not found.consensus.current_allowed:
        text.append(" · the current funding breaks a rule")
    return text


def regret_bars(found: Settled, scenario: Scenario, named: bool, palette: fmt.Palette) -> Text:
    """For the projector: each person's regret for the consensus package as a bar, shaded on
    to their regret for the current funding, with the group optimum's; then which activities
    everyone's own best funds, which are disputed (by whom, when `named`) and which none."""
    c = found.consensus
    shown = costs(c, names(scenario), named)
    top = max((max(x.regret, x.group, x.current) for x in shown), default=0.0) or 1.0
    how = "" if named else " (anonymous, lowest first)"
    text = Text(f"What the package that asks least of anyone costs each person{how}\n", "bold")
    text.append("█ regret for this package, ░ for the current funding: points of their own best\n")
    for x in shown:
        if named:
            text.append(f"{fmt.clip(x.name or '', NAME):<{NAME}} ", "bold")
        text.append_text(fmt.bar(x.regret / top, BAR, f"bold {palette.bar}", x.current / top))
        text.append(f" {fmt.points(x.regret):>5}", "bold")
        text.append(f"  group optimum {fmt.points(x.group)}, now {fmt.points(x.current)}\n")
    who = names(scenario)
    activity = {a.id: a.name for a in scenario.activities}
    unanimous = sum(v.status == "unanimous" for v in c.verdicts)
    never = [activity[v.activity] for v in c.verdicts if v.status == "never"]
    text.append(f"\nEveryone's own best funds {unanimous} of {len(c.verdicts)} activities", "bold")
    text.append(f"; nobody's funds {', '.join(never)}\n" if never else "\n")
    for v in (v for v in c.verdicts if v.status == "contested"):
        text.append("Disputed: ", "bold")
        text.append(f"{activity[v.activity]}, wanted by {len(v.funded_by)} of {len(shown)}")
        if named:
            text.append(" (" + ", ".join(who.get(p, p) for p in v.funded_by) + ")")
        text.append("\n")
    return text
