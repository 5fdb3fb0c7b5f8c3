"""A round's results as the room may see them: the spread of weights, or the vote's counts.

The facilitator decides when the room sees a round's results (`Round.revealed`) and
whether with names (`Round.named`). For a points or pairwise round the results are, per
value, every participant's weight and the group's (the round's method, each participant
counted as the round says); for a vote, the dot counts and the instant runoff's counts.
Anonymous results give each value's weights lowest first and no names, so that no one's
set of weights can be told apart across values; named ones keep the participants' order.
The projector and the participant page both draw from this, so the room sees one thing.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from integrate_tui.model import Scenario
from integrate_tui.workshop.aggregate import METHODS, Method, aggregate
from integrate_tui.workshop.base import workshop_of
from integrate_tui.workshop.errors import WorkshopError
from integrate_tui.workshop.focus import PRIORITY_KINDS, counts, given, names
from integrate_tui.workshop.rounds import round_votes
from integrate_tui.workshop.voting import DotResult, RankedResult

NO_DOTS, NO_RANKING = "Abstained", "Did not rank"
"""How the screen and the report name those who placed no dots, and those who did not rank
(who may have placed dots: they did not abstain)."""


@dataclass(frozen=True)
class Spread:
    """One value: each participant's weight (share 0 … 1; name None when anonymous) and the
    group's."""

    value: str
    weights: tuple[tuple[str | None, float], ...]
    group: float


@dataclass(frozen=True)
class Results:
    """What the room is shown of one round."""

    index: int
    title: str
    kind: str
    named: bool
    method: str = ""
    spreads: tuple[Spread, ...] = ()
    dots: DotResult | None = None
    ranked: RankedResult | None = None
    ballots: tuple[tuple[str, str], ...] = ()  # named votes: (who, their ballot in words)

    @property
    def empty(self) -> bool:
        """Nothing to show yet (nobody gave anything)."""
        return not (self.spreads or self.dots or self.ranked)


def revealed_round(scenario: Scenario) -> int | None:
    """The latest started round whose results the facilitator has revealed."""
    rounds = workshop_of(scenario).rounds
    shown = [i for i, r in enumerate(rounds) if r.revealed and r.started is not None]
    return shown[-1] if shown else None


def round_results(scenario: Scenario, index: int) -> Results:
    """Round `index`'s results, named or anonymous as the round says."""
    round_ = workshop_of(scenario).rounds[index]
    base = Results(index, round_.title, round_.kind, round_.named)
    if round_.kind in PRIORITY_KINDS:
        return _priorities(scenario, index, base)
    if round_.kind == "vote":
        return _votes(scenario, index, base)
    return base


def _priorities(scenario: Scenario, index: int, base: Results) -> Results:
    round_ = workshop_of(scenario).rounds[index]
    weights = given(scenario, index)
    method: Method = next(iter(METHODS)) if round_.aggregation is None else round_.aggregation
    try:
        group = aggregate(weights, [v.id for v in scenario.values], method, counts(scenario, index))
    except WorkshopError:
        return base
    who = names(scenario)
    spreads = []
    for v in scenario.values:
        shares: list[tuple[str | None, float]] = [
            (who.get(p, p), w[v.id]) for p, w in group.individual.items()
        ]
        if not base.named:
            shares = [(None, share) for _, share in sorted(shares, key=lambda item: item[1])]
        spreads.append(Spread(v.name, tuple(shares), group.weights[v.id]))
    return Results(base.index, base.title, base.kind, base.named, METHODS[method], tuple(spreads))


def _votes(scenario: Scenario, index: int, base: Results) -> Results:
    try:
        dots, ranked = round_votes(scenario, index)
    except WorkshopError:
        return base
    ballots: tuple[tuple[str, str], ...] = ()
    if base.named:
        who = names(scenario)
        votes = workshop_of(scenario).rounds[index].votes
        ballots = tuple((who.get(p, p), ballot_words(b.dots, b.ranking)) for p, b in votes.items())
    return Results(
        base.index, base.title, base.kind, base.named, dots=dots, ranked=ranked, ballots=ballots
    )


def ballot_words(dots: dict[str, float], ranking: list[str]) -> str:
    """`Lean trade ×2, Baseline ×1; ranked Lean trade > Baseline`."""
    parts = []
    if dots:
        parts.append(", ".join(f"{o} ×{n:g}" for o, n in dots.items()))
    if ranking:
        parts.append("ranked " + " > ".join(ranking))
    return "; ".join(parts) or "nothing yet"


def votes_disagree(dots: DotResult | None, ranked: RankedResult | None) -> str:
    """Why the dot vote and the ranked vote point different ways, or "" when they agree
    (or either has no winner to compare)."""
    if dots is None or ranked is None or not dots.winners or ranked.winner is None:
        return ""
    if dots.winners == [ranked.winner]:
        return ""
    lead = " and ".join(dots.winners)
    return (
        f"The dot vote and the ranked vote disagree: the dots favour {lead}, "
        f"the instant runoff elects {ranked.winner}."
    )


def weight_line(shares: Sequence[float], group: float, width: int) -> str:
    """One value's weights on a 0–100 % line of `width` characters: ● per person (a digit
    where several fall together), ┃ the group's (◉ where someone is on it), · elsewhere."""
    spots = [0] * width
    for share in shares:
        spots[min(width - 1, round(share * (width - 1)))] += 1
    at = min(width - 1, round(group * (width - 1)))
    marks = []
    for i, n in enumerate(spots):
        if i == at:
            marks.append("◉" if n else "┃")
        else:
            marks.append("·" if not n else "●" if n == 1 else str(min(n, 9)))
    return "".join(marks)
