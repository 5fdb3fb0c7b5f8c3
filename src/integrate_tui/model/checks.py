"""Cross-table rules a single table cannot check: unique ids, references, bounds, pairs.

Each rule yields a `Problem` with the exact location (`activities[3].cost.budget`) so the
file layer can point at the line, and the edit forms can show the same message.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING

from integrate_tui.errors import IntegrateError
from integrate_tui.model.limits import MAX_STEPS, cut, preview

if TYPE_CHECKING:
    from integrate_tui.model.scenario import Scenario
    from integrate_tui.model.workshop import Ballot, Inputs

Loc = tuple[str | int, ...]

_LISTED = 12
"""Most known ids a "did you mean" hint lists; a long list would bury the message."""


@dataclass(frozen=True)
class Problem:
    """One thing wrong with a scenario: where (a field path) and what, in plain words."""

    loc: Loc
    message: str


class ScenarioInvalid(IntegrateError):
    """A scenario broke one or more rules; `problems` lists every one found."""

    title = "Invalid scenario"

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        super().__init__("\n".join(f"{format_loc(p.loc)}: {p.message}" for p in problems))


def format_loc(loc: Loc) -> str:
    """`('activities', 3, 'cost', 'budget')` → `activities[3].cost.budget`."""
    text = ""
    for part in loc:
        if isinstance(part, int):
            text += f"[{part}]"
        else:
            text += f".{cut(part)}" if text else cut(part)
    return text


def find_problems(scenario: Scenario) -> list[Problem]:
    """Every cross-reference and consistency problem of an otherwise well-typed scenario."""
    return [
        *_duplicate_ids(scenario),
        *_silo_problems(scenario),
        *_share_problems(scenario),
        *_interest_problems(scenario),
        *_activity_problems(scenario),
        *_grid_problems(scenario),
        *_interaction_problems(scenario),
        *_workshop_problems(scenario),
    ]


def _duplicate_ids(s: Scenario) -> Iterator[Problem]:
    for kind in ("resources", "silos", "values", "interests", "activities"):
        first_seen: dict[str, int] = {}
        for i, entity in enumerate(getattr(s, kind)):
            if entity.id in first_seen:
                yield Problem(
                    (kind, i, "id"),
                    f"duplicate id {preview(entity.id)}: "
                    f"{kind}[{first_seen[entity.id]}] has it already",
                )
            else:
                first_seen[entity.id] = i
    if s.workshop:
        seen: set[str] = set()
        for i, participant in enumerate(s.workshop.participants):
            if participant.id in seen:
                yield Problem(
                    ("workshop", "participants", i, "id"),
                    f"duplicate participant id {preview(participant.id)}",
                )
            seen.add(participant.id)


def _missing(loc: Loc, keys: Iterable[str], known: set[str], what: str) -> Iterator[Problem]:
    """One problem per key that names no known entity of kind `what`."""
    for key in keys:
        if key not in known:
            yield Problem((*loc, key), f"unknown {what} {preview(key)}{_hint(key, known)}")


def _hint(key: str, known: set[str]) -> str:
    """' — did you mean …?' for a close id, else the known ids (or that there are none)."""
    from difflib import get_close_matches

    close = get_close_matches(key, sorted(known), n=1)
    if close:
        return f" — did you mean {preview(close[0])}?"
    if not known:
        return " (none are defined)"
    listed = [cut(k) for k in sorted(known)[:_LISTED]]
    more = f", and {len(known) - _LISTED} more" if len(known) > _LISTED else ""
    return f" (known: {', '.join(listed)}{more})"


def _ids(entities: Iterable[object]) -> set[str]:
    """The ids of a list of entities."""
    return {e.id for e in entities}  # type: ignore[attr-defined]


def _silo_problems(s: Scenario) -> Iterator[Problem]:
    resources = _ids(s.resources)
    for i, silo in enumerate(s.silos):
        yield from _missing(("silos", i, "envelope"), silo.envelope, resources, "resource")
        low, high = silo.min_share, silo.max_share
        if low is not None and high is not None and low > high:
            yield Problem(
                ("silos", i, "min_share"), f"min_share {low:g} is above max_share {high:g}"
            )


def _share_problems(s: Scenario) -> Iterator[Problem]:
    floors = sum(silo.min_share or 0.0 for silo in s.silos)
    if floors > 1 + 1e-9:
        yield Problem(
            ("silos",),
            f"the silos' min_share values add up to {floors:g}; together they must not exceed 1",
        )


def _interest_problems(s: Scenario) -> Iterator[Problem]:
    values = _ids(s.values)
    for i, interest in enumerate(s.interests):
        yield from _missing(("interests", i, "cares"), interest.cares, values, "value")


def _activity_problems(s: Scenario) -> Iterator[Problem]:
    silos, resources, values = _ids(s.silos), _ids(s.resources), _ids(s.values)
    interests = _ids(s.interests)
    for i, a in enumerate(s.activities):
        if a.silo not in silos:
            yield Problem(
                ("activities", i, "silo"), f"unknown silo {preview(a.silo)}{_hint(a.silo, silos)}"
            )
        yield from _missing(("activities", i, "cost"), a.cost, resources, "resource")
        yield from _missing(("activities", i, "impact"), a.impact, values, "value")
        yield from _missing(("activities", i, "support"), a.support, interests, "interest")
        if a.min_funding > a.max_funding:  # said with any funding problem, not instead of it
            yield Problem(
                ("activities", i, "min_funding"),
                f"min_funding {a.min_funding:g} is above max_funding {a.max_funding:g}",
            )
            if a.funding > a.max_funding + 1e-9:
                yield Problem(
                    ("activities", i, "funding"),
                    f"funding {a.funding:g} is above max_funding {a.max_funding:g}",
                )
        elif not a.min_funding - 1e-9 <= a.funding <= a.max_funding + 1e-9:
            yield Problem(
                ("activities", i, "funding"),
                f"funding {a.funding:g} is outside [min_funding, max_funding] = "
                f"[{a.min_funding:g}, {a.max_funding:g}]",
            )


def _grid_problems(s: Scenario) -> Iterator[Problem]:
    """Steps so fine that the optimiser's grid of funding levels could not be built."""
    for i, a in enumerate(s.activities):
        span = a.max_funding - a.min_funding
        if span > a.step * MAX_STEPS * (1 + 1e-9):  # a product: 3 / 5e-324 would overflow
            yield Problem(
                ("activities", i, "step"),
                f"step {a.step:g} makes more than {MAX_STEPS:,} steps from min_funding "
                f"{a.min_funding:g} to max_funding {a.max_funding:g}; use a step of at least "
                f"{_smallest_step(span):g}",
            )


def _smallest_step(span: float) -> float:
    """The least step, to three significant digits, that divides `span` into MAX_STEPS or fewer."""
    exact = span / MAX_STEPS
    shown = float(f"{exact:.3g}")
    return shown if shown >= exact * (1 - 1e-9) else float(f"{exact * (1 + 1e-3):.3g}")


def _interaction_problems(s: Scenario) -> Iterator[Problem]:
    activities = _ids(s.activities)
    seen: dict[frozenset[str], int] = {}
    for i, interaction in enumerate(s.interactions):
        a, b = interaction.between
        for j, end in enumerate((a, b)):
            if end not in activities:
                yield Problem(
                    ("interactions", i, "between", j),
                    f"unknown activity {preview(end)}{_hint(end, activities)}",
                )
        if a == b:
            yield Problem(
                ("interactions", i, "between"), f"activity {preview(a)} cannot interact with itself"
            )
        elif interaction.pair in seen:
            yield Problem(
                ("interactions", i, "between"),
                f"duplicate interaction between {preview(a)} and {preview(b)}: "
                f"interactions[{seen[interaction.pair]}] has it already",
            )
        else:
            seen[interaction.pair] = i


def _workshop_problems(s: Scenario) -> Iterator[Problem]:
    if s.workshop is None:
        return
    w = s.workshop
    values, activities, interests = _ids(s.values), _ids(s.activities), _ids(s.interests)
    silos, participants = _ids(s.silos), _ids(w.participants)
    for i, p in enumerate(w.participants):
        loc: Loc = ("workshop", "participants", i)
        if p.interest is not None and p.interest not in interests:
            yield Problem(
                (*loc, "interest"),
                f"unknown interest {preview(p.interest)}{_hint(p.interest, interests)}",
            )
        yield from _missing((*loc, "weights"), p.weights, values, "value")
    for i, r in enumerate(w.rounds):
        loc = ("workshop", "rounds", i)
        yield from _missing((*loc, "funding"), r.funding, activities, "activity")
        yield from _missing((*loc, "weights"), r.weights, values, "value")
        yield from _missing((*loc, "inputs"), r.inputs, participants, "participant")
        yield from _missing((*loc, "silo_priorities"), r.silo_priorities, silos, "silo")
        yield from _missing((*loc, "votes"), r.votes, participants, "participant")
        yield from _missing((*loc, "counts"), r.counts, participants, "participant")
        yield from _missing((*loc, "start_funding"), r.start_funding, activities, "activity")
        yield from _missing((*loc, "start_weights"), r.start_weights, values, "value")
        for who, given in r.inputs.items():
            yield from _input_problems((*loc, "inputs", who), given, values)
        options = set(r.options)
        for who, ballot in r.votes.items():
            yield from _ballot_problems((*loc, "votes", who), ballot, options)
        for j, old in enumerate(r.history):
            where = (*loc, "history", j)
            if old.participant not in participants:
                who = f"{preview(old.participant)}{_hint(old.participant, participants)}"
                yield Problem((*where, "participant"), f"unknown participant {who}")
            if old.inputs is not None:
                yield from _input_problems((*where, "inputs"), old.inputs, values)
            if old.ballot is not None:
                yield from _ballot_problems((*where, "ballot"), old.ballot, options)
    for i, r in enumerate(w.rounds):
        if r.started and r.closed and _utc(r.closed) < _utc(r.started):
            yield Problem(
                ("workshop", "rounds", i, "closed"), "a round cannot close before it started"
            )
    for i, entry in enumerate(w.log):
        loc = ("workshop", "log", i)
        yield from _missing((*loc, "by"), entry.by, participants, "participant")
        if entry.round is not None and entry.round >= len(w.rounds):
            yield Problem(
                (*loc, "round"), f"round {entry.round} does not exist ({len(w.rounds)} recorded)"
            )
    names: set[str] = set()
    for i, snap in enumerate(w.snapshots):
        loc = ("workshop", "snapshots", i)
        if snap.name in names:
            yield Problem((*loc, "name"), f"duplicate snapshot name {preview(snap.name)}")
        names.add(snap.name)
        yield from _missing((*loc, "funding"), snap.funding, activities, "activity")
        yield from _missing((*loc, "weights"), snap.weights, values, "value")


def _input_problems(loc: Loc, given: Inputs, values: set[str]) -> Iterator[Problem]:
    """A participant's priorities name only the scenario's values."""
    yield from _missing((*loc, "weights"), given.weights, values, "value")
    for j, judgement in enumerate(given.judgements):
        yield from _missing((*loc, "judgements", j), (judgement.a, judgement.b), values, "value")


def _ballot_problems(loc: Loc, ballot: Ballot, options: set[str]) -> Iterator[Problem]:
    """A ballot names only the round's options (when the round lists them)."""
    if options:
        yield from _missing(loc, [*ballot.dots, *ballot.ranking], options, "option")


def _utc(at: datetime.datetime) -> datetime.datetime:
    """A moment comparable with any other: a time without offset is taken as UTC."""
    return at if at.tzinfo else at.replace(tzinfo=datetime.UTC)


def id_of(data: Mapping[str, object], loc: Loc) -> str | None:
    """The raw `id` of the table a location points into, if the source data has one."""
    node: object = data
    found: str | None = None
    for part in loc:
        try:
            node = node[part]  # type: ignore[index]
        except (KeyError, IndexError, TypeError):
            break
        if isinstance(part, int) and isinstance(node, Mapping) and isinstance(node.get("id"), str):
            found = node["id"]
    return found
