"""The agenda: rounds planned, started and closed, and the ballots cast while a vote is open.

Each round has a kind: a discussion; a points or a pairwise round, which records every
participant's weights (see `participants`); or a vote on options (named snapshots). At
most one round is open at a time. Starting a vote fixes its ballot: the options chosen
when it was planned, else every snapshot there is, and each participant's dots (3 unless
planned otherwise). Starting a round also records the funding and value weights in force
then, so a package applied between rounds is seen where it was (before the round), not at
its close. Closing a round stamps the time and records the funding and value weights in
force and the facilitator's decision. Every function returns a new scenario.
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping, Sequence
from types import EllipsisType
from typing import Any

from integrate_tui.model import Ballot, Round, Scenario
from integrate_tui.workshop.base import open_round, updated, workshop_of
from integrate_tui.workshop.errors import WorkshopError, build
from integrate_tui.workshop.options import current_state, option_names
from integrate_tui.workshop.participants import participant
from integrate_tui.workshop.voting import (
    DEFAULT_DOTS,
    DotResult,
    RankedResult,
    count_dots,
    count_ranked,
    dot_problems,
    ranking_problems,
)

ROUND_KINDS: dict[str, str] = {
    "discussion": "discussion",
    "points": "points allocation",
    "pairwise": "pairwise comparison",
    "vote": "vote on options",
}
"""Each kind of round and its name for people; the first is the default."""


def _round(scenario: Scenario, index: int) -> Round:
    rounds = workshop_of(scenario).rounds
    if not 0 <= index < len(rounds):
        raise WorkshopError(f"there is no round {index + 1} (the agenda has {len(rounds)})")
    return rounds[index]


def _set_round(scenario: Scenario, index: int, round_: Round) -> Scenario:
    rounds = list(workshop_of(scenario).rounds)
    rounds[index] = round_
    return updated(scenario, rounds=rounds)


def add_round(
    scenario: Scenario,
    title: str,
    purpose: str = "",
    minutes: float | None = None,
    *,
    kind: str = "discussion",
    aggregation: str | None = None,
    options: Sequence[str] = (),
    dots: int | None = None,
) -> Scenario:
    """A planned round at the end of the agenda, with an optional time box in minutes.

    `aggregation` is how a points or pairwise round combines the weights given; `options`
    and `dots` plan a vote's ballot (left out, they are fixed when the vote starts).
    """
    round_ = build(
        Round,
        title=title,
        purpose=purpose,
        kind=kind,
        minutes=minutes,
        aggregation=aggregation,
        options=list(options),
        dots=dots,
    )
    _check_options(scenario, round_.options)
    return updated(scenario, rounds=[*workshop_of(scenario).rounds, round_])


def edit_round(
    scenario: Scenario,
    index: int,
    *,
    title: str | None = None,
    purpose: str | None = None,
    minutes: float | EllipsisType | None = ...,
    kind: str | None = None,
    aggregation: str | EllipsisType | None = ...,
    options: Sequence[str] | None = None,
    dots: int | EllipsisType | None = ...,
    revealed: bool | None = None,
    named: bool | None = None,
    counts: Mapping[str, float] | None = None,
) -> Scenario:
    """Change a round's title, purpose, time box or aggregation; its kind and ballot only
    until it starts. `minutes=None`, `aggregation=None` and `dots=None` clear them.
    `revealed` and `named` say whether the room sees the results and with names; `counts`
    replaces how much each participant's priorities count in the group's weights."""
    before = _round(scenario, index)
    fields = before.model_dump()
    changes: dict[str, Any] = {"title": title, "purpose": purpose, "kind": kind}
    changes["options"] = None if options is None else list(options)
    changes |= {"revealed": revealed, "named": named}
    changes["counts"] = None if counts is None else dict(counts)
    fields.update({k: v for k, v in changes.items() if v is not None})
    cleared = {"minutes": minutes, "aggregation": aggregation, "dots": dots}
    fields.update({k: v for k, v in cleared.items() if v is not ...})
    after = build(Round, **fields)
    ballot = (after.kind, after.options, after.dots)
    if before.started is not None and ballot != (before.kind, before.options, before.dots):
        raise WorkshopError(f"round {before.title!r} has started: its kind and ballot are fixed")
    if after.options != before.options:
        _check_options(scenario, after.options)
    return _set_round(scenario, index, after)


def _check_options(scenario: Scenario, options: Sequence[str]) -> None:
    """Every option on a ballot must be a snapshot, and on it once."""
    known = option_names(scenario)
    listed = ", ".join(known) or "none yet"
    problems = [f"unknown option {o!r} (options: {listed})" for o in options if o not in known]
    twice = [o for o in dict.fromkeys(options) if options.count(o) > 1]
    problems += [f"{o} is on the ballot twice" for o in twice]
    if problems:
        raise WorkshopError(problems)


def remove_round(scenario: Scenario, index: int) -> Scenario:
    """Drop a round that has not started; what happened in a started one stays on record."""
    if _round(scenario, index).started is not None:
        raise WorkshopError("this round has started; its record cannot be removed")
    rounds = [r for i, r in enumerate(workshop_of(scenario).rounds) if i != index]
    return updated(scenario, rounds=rounds)


def start_round(scenario: Scenario, index: int, now: datetime.datetime) -> Scenario:
    """Open a planned round at `now`, fixing a vote's ballot; refused while another is open."""
    round_ = _round(scenario, index)
    current = open_round(workshop_of(scenario))
    if current is not None:
        title = workshop_of(scenario).rounds[current].title
        raise WorkshopError(f"round {title!r} is still open: close it first")
    if round_.started is not None:
        raise WorkshopError(f"round {round_.title!r} has already been run")
    in_force = current_state(scenario)
    update: dict[str, Any] = {
        "started": now,
        "start_funding": dict(in_force.funding),
        "start_weights": dict(in_force.weights),
    }
    if round_.kind == "vote":
        options = round_.options or option_names(scenario)
        if not options:
            raise WorkshopError(
                f"round {round_.title!r} is a vote, but there is nothing to vote on: "
                "keep an option (a named snapshot) first"
            )
        _check_options(scenario, options)
        update["options"] = list(options)
        update["dots"] = dot_budget(round_)
    return _set_round(scenario, index, round_.model_copy(update=update))


def _open(scenario: Scenario) -> int:
    """The open round, or the reason nothing can be recorded now."""
    index = open_round(workshop_of(scenario))
    if index is None:
        raise WorkshopError("no round is open: start one from the agenda first")
    return index


def close_round(
    scenario: Scenario,
    now: datetime.datetime,
    *,
    decision: str = "",
    funding: Mapping[str, float] | None = None,
    weights: Mapping[str, float] | None = None,
) -> Scenario:
    """Close the open round at `now`, recording funding and weights (default: those in force)."""
    index = _open(scenario)
    in_force = current_state(scenario)
    fields = _round(scenario, index).model_dump()
    fields.update(
        closed=now,
        decision=decision,
        funding=dict(in_force.funding if funding is None else funding),
        weights=dict(in_force.weights if weights is None else weights),
    )
    activities = {a.id for a in scenario.activities}
    values = {v.id for v in scenario.values}
    problems = [
        *(f"unknown activity {k!r}" for k in fields["funding"] if k not in activities),
        *(f"unknown value {k!r}" for k in fields["weights"] if k not in values),
    ]
    if problems:
        raise WorkshopError(problems)
    return _set_round(scenario, index, build(Round, **fields))


def _open_vote(scenario: Scenario) -> tuple[int, Round]:
    """The open round, or the reason no ballot can be cast now."""
    index = _open(scenario)
    round_ = _round(scenario, index)
    if round_.kind != "vote":
        raise WorkshopError(
            f"the open round {round_.title!r} is a {ROUND_KINDS[round_.kind]}, not a vote"
        )
    return index, round_


def dot_budget(round_: Round) -> int:
    """How many dots each participant has in a round: its own number, else the default."""
    return DEFAULT_DOTS if round_.dots is None else round_.dots


def ballot_options(scenario: Scenario, index: int) -> list[str]:
    """The options on a round's ballot: those it records.

    A round that records none (a hand-written file) offers the snapshots there are now
    and any option one of its ballots names.
    """
    round_ = _round(scenario, index)
    if round_.options:
        return list(round_.options)
    named = [o for ballot in round_.votes.values() for o in (*ballot.dots, *ballot.ranking)]
    return list(dict.fromkeys([*option_names(scenario), *named]))


def _set_ballot(scenario: Scenario, index: int, participant_id: str, **part: Any) -> Scenario:
    """The round with part of one participant's ballot replaced; an empty ballot is dropped."""
    round_ = _round(scenario, index)
    before = round_.votes.get(participant_id, Ballot())
    ballot = Ballot(**{"dots": before.dots, "ranking": before.ranking, **part})
    votes = {**round_.votes, participant_id: ballot}
    if not (ballot.dots or ballot.ranking):
        del votes[participant_id]
    return _set_round(scenario, index, round_.model_copy(update={"votes": votes}))


def cast_dots(scenario: Scenario, participant_id: str, ballot: Mapping[str, int]) -> Scenario:
    """Record a participant's dots in the open vote, replacing any earlier dots of theirs."""
    participant(scenario, participant_id)
    index, round_ = _open_vote(scenario)
    problems = dot_problems(ballot, ballot_options(scenario, index), dot_budget(round_))
    if problems:
        raise WorkshopError(problems, title="Dot vote")
    placed = {option: float(n) for option, n in ballot.items() if n > 0}
    return _set_ballot(scenario, index, participant_id, dots=placed)


def cast_ranking(scenario: Scenario, participant_id: str, ranking: Sequence[str]) -> Scenario:
    """Record a participant's ranking in the open vote, replacing any earlier one of theirs."""
    participant(scenario, participant_id)
    index, _ = _open_vote(scenario)
    problems = ranking_problems(ranking, ballot_options(scenario, index))
    if problems:
        raise WorkshopError(problems, title="Ranked-choice vote")
    return _set_ballot(scenario, index, participant_id, ranking=list(ranking))


def round_votes(scenario: Scenario, index: int) -> tuple[DotResult | None, RankedResult | None]:
    """A round's dot vote and ranked-choice results so far; None for a kind nobody used.

    Counted over the round's options with its dot budget (see `ballot_options` and
    `dot_budget`); a ballot that breaks them raises `WorkshopError`.
    """
    round_ = _round(scenario, index)
    people = [p.id for p in workshop_of(scenario).participants]
    options = ballot_options(scenario, index)
    dots = {p: ballot.dots for p, ballot in round_.votes.items() if ballot.dots}
    rankings = {p: ballot.ranking for p, ballot in round_.votes.items() if ballot.ranking}
    dotted = count_dots(dots, options, people, dot_budget(round_)) if dots else None
    ranked = count_ranked(rankings, options, people) if rankings else None
    return dotted, ranked
