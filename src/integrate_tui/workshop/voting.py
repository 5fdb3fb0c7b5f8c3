"""Votes on options (named snapshots): dot voting and ranked choice by instant runoff.

Dot voting: each participant has N dots and may put several on one option; a ballot may
use fewer than N. Options are ranked by dots; tied options share a rank, and a tie for
first is reported as such, never broken.

Ranked choice (instant runoff): each ballot counts for its highest-ranked option still in
the count. An option with more than half of the ballots still in play wins. Otherwise
options without any vote leave together, or else the one with the fewest votes leaves. A
tie for fewest is broken by the fewest votes in the most recent earlier round where they
differ, and failing that by name: the alphabetically later option leaves. Each round says
which rule it used. When every remaining option has the same count, the result is a tie.
A ballot whose ranked options have all left is exhausted and no longer counts.

Abstentions: participants with no ballot, an empty ranking or no dots placed.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from integrate_tui.workshop.errors import WorkshopError

DEFAULT_DOTS = 3


@dataclass(frozen=True)
class Tally:
    """One option's count, ready to draw as a bar."""

    option: str
    votes: int
    share: float  # of all votes in this count, 0 … 1
    rank: int  # tied options share a rank: 1, 1, 3


@dataclass(frozen=True)
class DotResult:
    """The outcome of a dot vote."""

    options: list[str]
    tallies: list[Tally]  # most dots first; equal counts in option order
    winners: list[str]  # more than one: a tie for first
    voters: list[str]
    abstained: list[str]
    dots: int

    @property
    def tie(self) -> bool:
        """True when several options share first place."""
        return len(self.winners) > 1

    @property
    def cast(self) -> int:
        """All dots placed."""
        return sum(t.votes for t in self.tallies)

    def summary(self) -> str:
        """One line for the screen and the report."""
        if not self.winners:
            return "no dots placed"
        top = self.tallies[0].votes
        if self.tie:
            return f"tie for first: {_names(self.winners)} with {top} dots each"
        return f"{self.winners[0]} leads with {top} of {self.cast} dots"


@dataclass(frozen=True)
class RunoffRound:
    """One count of an instant runoff."""

    number: int
    counts: dict[str, int]  # options still in, in option order
    exhausted: int
    eliminated: list[str]
    reason: str


@dataclass(frozen=True)
class RankedResult:
    """The outcome of a ranked-choice vote, round by round."""

    options: list[str]
    rounds: list[RunoffRound]
    winner: str | None
    tied: list[str]  # a tie that the rules do not break
    voters: list[str]
    abstained: list[str]

    def tallies(self) -> list[Tally]:
        """The final round's counts, for bars."""
        return tallies_of(self.rounds[-1].counts) if self.rounds else []

    def summary(self) -> str:
        """One line for the screen and the report."""
        if self.winner:
            last = self.rounds[-1]
            active = sum(last.counts.values())
            return (
                f"{self.winner} wins in round {last.number} "
                f"with {last.counts[self.winner]} of {active} ballots"
            )
        if self.tied:
            return f"tie between {_names(self.tied)}"
        return "no ballots cast"


def _names(options: Sequence[str]) -> str:
    return ", ".join(options[:-1]) + f" and {options[-1]}" if len(options) > 1 else options[0]


def tallies_of(counts: Mapping[str, int]) -> list[Tally]:
    """Counts as tallies, most first, with shares and shared ranks for ties."""
    total = sum(counts.values())
    ordered = sorted(counts.items(), key=lambda item: -item[1])
    return [
        Tally(
            option,
            votes,
            votes / total if total else 0.0,
            1 + sum(v > votes for v in counts.values()),
        )
        for option, votes in ordered
    ]


def _voters(
    ballots: Mapping[str, object], participants: Sequence[str], problems: list[str]
) -> None:
    known = set(participants)
    problems.extend(f"{p}: not a participant" for p in ballots if p not in known)


def dot_problems(ballot: Mapping[str, object], options: Sequence[str], dots: int) -> list[str]:
    """Why a dot ballot is not valid: unknown options, counts that are not whole, too many dots."""
    problems, used = [], 0
    for option, count in ballot.items():
        if option not in options:
            problems.append(f"unknown option {option!r} (options: {', '.join(options)})")
        elif isinstance(count, bool) or not isinstance(count, int | float):
            problems.append(f"{option}: dots must be a whole number, not {count!r}")
        elif count < 0 or count != int(count):
            problems.append(f"{option}: dots must be a whole number ≥ 0, not {count:g}")
        else:
            used += int(count)
    if used > dots:
        problems.append(f"{used} dots placed, but each participant has {dots}")
    return problems


def count_dots(
    ballots: Mapping[str, Mapping[str, float]],
    options: Sequence[str],
    participants: Sequence[str],
    dots: int = DEFAULT_DOTS,
) -> DotResult:
    """Totals, ranks, winners (a tie when several) and abstentions; bad ballots raise."""
    problems: list[str] = []
    _voters(ballots, participants, problems)
    for person, ballot in ballots.items():
        problems.extend(f"{person}: {p}" for p in dot_problems(ballot, options, dots))
    if problems:
        raise WorkshopError(problems, title="Dot vote")
    totals = {option: 0 for option in options}
    voters = [p for p in participants if sum(ballots.get(p, {}).values()) > 0]
    for person in voters:
        for option, count in ballots[person].items():
            totals[option] += int(count)
    tallies = tallies_of(totals)
    top = tallies[0].votes if tallies else 0
    return DotResult(
        options=list(options),
        tallies=tallies,
        winners=[t.option for t in tallies if t.votes == top] if top > 0 else [],
        voters=voters,
        abstained=[p for p in participants if p not in voters],
        dots=dots,
    )


def ranking_problems(ranking: Sequence[object], options: Sequence[str]) -> list[str]:
    """Why a ranking is not valid: unknown options or an option ranked twice."""
    problems, seen = [], set()
    for option in ranking:
        if option not in options:
            problems.append(f"unknown option {option!r} (options: {', '.join(options)})")
        elif option in seen:
            problems.append(f"{option} is ranked twice")
        seen.add(option)
    return problems


def count_ranked(
    ballots: Mapping[str, Sequence[str]], options: Sequence[str], participants: Sequence[str]
) -> RankedResult:
    """Instant runoff with the documented tie-breaks; bad ballots raise."""
    problems: list[str] = []
    _voters(ballots, participants, problems)
    for person, ranking in ballots.items():
        problems.extend(f"{person}: {p}" for p in ranking_problems(ranking, options))
    if problems:
        raise WorkshopError(problems, title="Ranked-choice vote")
    voters = [p for p in participants if ballots.get(p)]
    result = RankedResult(
        list(options), [], None, [], voters, [p for p in participants if p not in voters]
    )
    if not voters:
        return result
    continuing, history, rounds = list(options), [], []
    while True:
        counts = {option: 0 for option in continuing}
        exhausted = 0
        for person in voters:
            top = next((o for o in ballots[person] if o in counts), None)
            if top is None:
                exhausted += 1
            else:
                counts[top] += 1
        history.append(counts)
        number, active = len(history), len(voters) - exhausted
        best = max(counts.values())
        leaders = [o for o in continuing if counts[o] == best]
        if 2 * best > active:
            reason = f"{leaders[0]} has a majority ({best} of {active})"
            rounds.append(RunoffRound(number, counts, exhausted, [], reason))
            return _done(result, rounds, winner=leaders[0])
        if len(leaders) == len(continuing):
            reason = f"every option left has {best} vote{'' if best == 1 else 's'}"
            rounds.append(RunoffRound(number, counts, exhausted, [], reason))
            return _done(result, rounds, tied=leaders)
        eliminated, reason = _to_eliminate(counts, history, continuing)
        rounds.append(RunoffRound(number, counts, exhausted, eliminated, reason))
        continuing = [o for o in continuing if o not in eliminated]


def _done(
    result: RankedResult,
    rounds: list[RunoffRound],
    *,
    winner: str | None = None,
    tied: list[str] | None = None,
) -> RankedResult:
    return RankedResult(result.options, rounds, winner, tied or [], result.voters, result.abstained)


def _to_eliminate(
    counts: Mapping[str, int], history: list[dict[str, int]], continuing: list[str]
) -> tuple[list[str], str]:
    """Who leaves this round, and the rule that decided it."""
    low = min(counts.values())
    lowest = [o for o in continuing if counts[o] == low]
    if low == 0:
        return lowest, "no votes"
    if len(lowest) == 1:
        return lowest, f"fewest votes ({low})"
    tied = lowest
    for k in range(len(history) - 2, -1, -1):
        fewest = min(history[k][o] for o in tied)
        tied = [o for o in tied if history[k][o] == fewest]
        if len(tied) == 1:
            return tied, (
                f"tie on {low} votes between {_names(lowest)}; "
                f"{tied[0]} had fewer votes in round {k + 1}"
            )
    loser = max(tied, key=lambda o: (o.casefold(), o))
    return [loser], (
        f"tie on {low} votes between {_names(lowest)}, also in every earlier round; "
        f"{loser} leaves by alphabetical order (the later name)"
    )
