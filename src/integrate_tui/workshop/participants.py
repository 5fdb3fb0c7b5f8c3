"""Participants: who is in the room, whom they speak for, and the weights they give.

Every function returns a new scenario and leaves its argument untouched, so the state layer
can keep the old one for undo. Weights given while a points or pairwise round is open are
also recorded in that round's `inputs`, so closing it keeps what each person said.
"""

from __future__ import annotations

from collections.abc import Mapping
from types import EllipsisType

from integrate_tui.model import Inputs, Participant, Round, Scenario
from integrate_tui.workshop.ahp import Judgements, priorities
from integrate_tui.workshop.base import open_round, updated, workshop_of
from integrate_tui.workshop.errors import WorkshopError, build
from integrate_tui.workshop.points import TOTAL, check_points

PRIORITY_KINDS = ("points", "pairwise")
"""The kinds of round that record each participant's weights (and judgements)."""


def participant(scenario: Scenario, participant_id: str) -> Participant:
    """The participant with this id, or `WorkshopError` naming the ones there are."""
    people = workshop_of(scenario).participants
    for person in people:
        if person.id == participant_id:
            return person
    known = ", ".join(p.id for p in people) or "none yet"
    raise WorkshopError(f"unknown participant {participant_id!r} (participants: {known})")


def _check_interest(scenario: Scenario, interest: str | None) -> None:
    known = [k.id for k in scenario.interests]
    if interest is not None and interest not in known:
        raise WorkshopError(
            f"unknown interest {interest!r} (interests: {', '.join(known) or 'none'})"
        )


def _replace(scenario: Scenario, person: Participant) -> Scenario:
    people = [person if p.id == person.id else p for p in workshop_of(scenario).participants]
    return updated(scenario, participants=people)


def add_participant(
    scenario: Scenario, participant_id: str, name: str, interest: str | None = None
) -> Scenario:
    """A new participant, optionally speaking for an interest; ids are unique."""
    if any(p.id == participant_id for p in workshop_of(scenario).participants):
        raise WorkshopError(f"there is already a participant with id {participant_id!r}")
    _check_interest(scenario, interest)
    person = build(Participant, id=participant_id, name=name, interest=interest)
    return updated(scenario, participants=[*workshop_of(scenario).participants, person])


def edit_participant(
    scenario: Scenario,
    participant_id: str,
    *,
    name: str | None = None,
    interest: str | EllipsisType | None = ...,
) -> Scenario:
    """Rename a participant or change whom they speak for (`interest=None` clears it)."""
    person = participant(scenario, participant_id)
    fields = person.model_dump()
    if name is not None:
        fields["name"] = name
    if interest is not ...:
        _check_interest(scenario, interest)
        fields["interest"] = interest
    return _replace(scenario, build(Participant, **fields))


def remove_participant(scenario: Scenario, participant_id: str) -> Scenario:
    """Remove someone the record does not name; the record of a session is never rewritten."""
    participant(scenario, participant_id)
    workshop = workshop_of(scenario)
    where = [repr(r.title) for r in workshop.rounds if _on_record(r, participant_id)]
    if any(participant_id in entry.by for entry in workshop.log):
        where.append("the decision log")
    if where:
        raise WorkshopError(
            f"{participant_id} is on record in {', '.join(where)}; the record is kept "
            "as it is, so they cannot be removed (rename them instead, or simply leave "
            "them out of later rounds)"
        )
    people = [p for p in workshop.participants if p.id != participant_id]
    return updated(scenario, participants=people)


def _on_record(round_: Round, participant_id: str) -> bool:
    """Whether a round's record names the participant: inputs, votes, counts or history."""
    named = (*round_.inputs, *round_.votes, *round_.counts)
    return participant_id in named or any(h.participant == participant_id for h in round_.history)


def _record(scenario: Scenario, participant_id: str, given: Inputs) -> Scenario:
    """Keep a participant's priorities in the open points or pairwise round, replacing theirs.

    With no round open, or one of another kind, only the participant's own weights change.
    """
    workshop = workshop_of(scenario)
    index = open_round(workshop)
    if index is None or workshop.rounds[index].kind not in PRIORITY_KINDS:
        return scenario
    rounds = list(workshop.rounds)
    round_ = rounds[index]
    rounds[index] = round_.model_copy(update={"inputs": {**round_.inputs, participant_id: given}})
    return updated(scenario, rounds=rounds)


def set_points(
    scenario: Scenario, participant_id: str, points: Mapping[str, float], total: float = TOTAL
) -> Scenario:
    """A participant's points allocation over the values becomes their weights."""
    person = participant(scenario, participant_id)
    allocation = check_points(points, [v.id for v in scenario.values], total)
    scenario = _replace(scenario, person.model_copy(update={"weights": allocation}))
    return _record(scenario, participant_id, Inputs(weights=allocation))


def set_judgements(scenario: Scenario, participant_id: str, judgements: Judgements) -> Scenario:
    """A participant's pairwise comparisons of the values; their eigenvector becomes their weights.

    The weights are kept as percentages (2 decimals); the judgements, one per pair in value
    order, are recorded in the open round with them so the report can show each person's CR.
    """
    person = participant(scenario, participant_id)
    result = priorities([v.id for v in scenario.values], judgements)
    weights = {v: round(100 * w, 2) for v, w in result.weights.items()}
    scenario = _replace(scenario, person.model_copy(update={"weights": weights}))
    return _record(
        scenario, participant_id, Inputs(weights=weights, judgements=result.judgements())
    )


def individual_weights(scenario: Scenario) -> dict[str, dict[str, float]]:
    """Each participant's current weights (only those who have given some)."""
    return {p.id: dict(p.weights) for p in workshop_of(scenario).participants if p.weights}
