"""Each participant's submissions as a history: what a later submission replaced, and when.

A round keeps only the latest priorities or ballot of each participant (that is what
counts); `keep_replaced` adds to the round's `history` what someone had given before a
step replaced it, stamped with the moment of the replacing submission, so the record shows
every change of mind, not only the last word.
"""

from __future__ import annotations

import datetime

from integrate_tui.model import Scenario
from integrate_tui.model.workshop import Superseded
from integrate_tui.workshop.base import open_round, updated, workshop_of


def keep_replaced(before: Scenario, after: Scenario, now: datetime.datetime | None) -> Scenario:
    """`after`, with what its open round's inputs and ballots replaced of `before`'s kept
    in that round's history (nothing when no round is open or nothing was replaced)."""
    index = open_round(workshop_of(before))
    if index is None or open_round(workshop_of(after)) != index:
        return after
    old, new = workshop_of(before).rounds[index], workshop_of(after).rounds[index]
    kept = [
        Superseded(participant=p, at=now, inputs=given)
        for p, given in old.inputs.items()
        if new.inputs.get(p) != given
    ]
    kept += [
        Superseded(participant=p, at=now, ballot=ballot)
        for p, ballot in old.votes.items()
        if new.votes.get(p) != ballot
    ]
    if not kept:
        return after
    rounds = list(workshop_of(after).rounds)
    rounds[index] = new.model_copy(update={"history": [*new.history, *kept]})
    return updated(after, rounds=rounds)


def replaced(scenario: Scenario, index: int, participant: str) -> list[Superseded]:
    """What `participant` gave in round `index` before their latest, oldest first."""
    return [h for h in workshop_of(scenario).rounds[index].history if h.participant == participant]
