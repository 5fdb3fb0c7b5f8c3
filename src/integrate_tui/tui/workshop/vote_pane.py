"""Options and votes: who voted how, and the results as bars, with ties and abstentions."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.widgets import DataTable, Static

from integrate_tui.session import Session
from integrate_tui.tui import format as fmt
from integrate_tui.tui.workshop.pane import Pane, refill
from integrate_tui.workshop import (
    DotResult,
    RankedResult,
    Tally,
    WorkshopError,
    ballot_options,
    dot_budget,
    option_names,
    round_votes,
    workshop_of,
)
from integrate_tui.workshop.ballot import Contents, ballot_contents
from integrate_tui.workshop.focus import names, vote_round
from integrate_tui.workshop.results import NO_DOTS, NO_RANKING, votes_disagree

BAR = 20


class VotePane(Pane):
    """Ballots (row key: participant id) beside the live results; v: dots, r: ranking."""

    DEFAULT_CSS = """
    VotePane Horizontal { height: 1fr; }
    VotePane #ballots { width: auto; max-width: 60%; height: 1fr; }
    VotePane #results { width: 1fr; height: 1fr; padding: 0 1; overflow-y: auto; }
    """

    def compose(self) -> ComposeResult:
        yield Static(classes="heading", id="vote-heading")
        with Horizontal():
            yield DataTable(cursor_type="row", zebra_stripes=True, id="ballots")
            yield Static(id="results")

    def on_mount(self) -> None:
        for label in ("Participant", "Dots", "Ranking"):
            self.table.add_column(label)

    def show(self, session: Session) -> None:
        s = session.scenario
        workshop, index = workshop_of(s), vote_round(s)
        votes = {} if index is None else workshop.rounds[index].votes
        rows = []
        for p in workshop.participants:
            ballot = votes.get(p.id)
            dots = ", ".join(f"{o} ×{n:g}" for o, n in ballot.dots.items()) if ballot else ""
            ranking = " > ".join(ballot.ranking) if ballot else ""
            rows.append((p.id, [p.name, dots or "—", ranking or "—"]))
        refill(self.table, rows)
        palette = fmt.Palette.from_theme(self.app.theme_variables)
        results = Text()
        if index is None:
            heading = "No vote yet: o keeps an option; plan a vote on the agenda and start it."
        else:
            round_ = workshop.rounds[index]
            state = "open" if round_.closed is None else "closed"
            heading = (
                f"Round {index + 1} · {round_.title} ({state}) · "
                f"{dot_budget(round_)} dots each · v: dots, r: ranking"
            )
            try:
                dotted, ranked = round_votes(s, index)
                results = _results(dotted, ranked, names(s), palette)
            except WorkshopError as error:
                results = Text("\n".join(error.problems), style=palette.bad)
        options = option_names(s) if index is None else ballot_options(s, index)
        results.append("\n\n")
        results.append_text(contents_text(ballot_contents(s, options)))
        self.query_one("#vote-heading", Static).update(Text(heading))
        self.query_one("#results", Static).update(results)


def tally_bars(tallies: list[Tally], unit: str, palette: fmt.Palette) -> Text:
    top = max((t.votes for t in tallies), default=0) or 1
    width = max((len(t.option) for t in tallies), default=0)
    text = Text()
    for t in tallies:
        text.append(f"{t.option:<{width}} ")
        style = palette.good if t.rank == 1 else palette.bar
        text.append_text(fmt.bar(t.votes / top, BAR, style, rest=0))
        text.append(f" {t.votes} {unit}{'' if t.votes == 1 else 's'} ({fmt.percent(t.share)})\n")
    return text


def _results(
    dotted: DotResult | None, ranked: RankedResult | None, who: dict[str, str], palette: fmt.Palette
) -> Text:
    """Dot totals and the instant runoff, each with its winner, tie and abstentions."""
    text = Text()
    if dotted is None and ranked is None:
        return Text("No ballots yet.")
    if dotted is not None:
        text.append("Dot vote\n", style="bold")
        text.append_text(tally_bars(dotted.tallies, "dot", palette))
        text.append(dotted.summary() + "\n", style="bold" if not dotted.tie else palette.bad)
        text.append(_left_empty(NO_DOTS, dotted.abstained, who))
    if ranked is not None:
        text.append("\nRanked choice (instant runoff)\n", style="bold")
        text.append_text(tally_bars(ranked.tallies(), "ballot", palette))
        for r in ranked.rounds:
            counts = ", ".join(f"{o} {n}" for o, n in r.counts.items())
            text.append(f"Count {r.number}: {counts} — {r.reason}\n")
        text.append(ranked.summary() + "\n", style="bold" if ranked.winner else palette.bad)
        text.append(_left_empty(NO_RANKING, ranked.abstained, who))
    split = votes_disagree(dotted, ranked)
    if split:
        text.append(f"⚠ {split}\n", style=f"bold {palette.bad}")
    return text


def _left_empty(label: str, people: list[str], who: dict[str, str]) -> str:
    """`Did not rank: Ben, Cai`: who left this part of the ballot empty."""
    return f"{label}: {', '.join(who.get(p, p) for p in people)}\n" if people else ""


def contents_text(contents: list[Contents]) -> Text:
    """What each option funds (changes against the baseline) and how it scores, all with
    the group's weights: the Vote pane and the projector show this."""
    text = Text("What each option funds, scored with the group's weights\n", style="bold")
    for c in contents:
        text.append(f"{c.name}", style="bold")
        text.append(f" · integrated score {fmt.points(c.overall)}")
        if not c.feasible:
            text.append("  (over capacity)")
        text.append("\n")
        if c.compared:
            changed = [
                f"{f.name} {fmt.level(f.level)} ({fmt.delta(f.change, 2)})" for f in c.changes
            ]
            text.append("  " + ("; ".join(changed) or "same as the baseline") + "\n")
        else:
            text.append("  " + "; ".join(f"{f.name} {fmt.level(f.level)}" for f in c.funded) + "\n")
        scores = [*c.values, *c.interests]
        text.append("  " + ", ".join(f"{n} {fmt.points(x)}" for n, x in scores) + "\n", "dim")
    return text
