"""The decision log: timestamped decisions, rationales, objections and notes.

Entries are only ever added, never edited in place: the log is the record of the session.
Each entry keeps who it comes from (`by`, participant ids; an objection must name someone)
and the round it was made in (`round`, by default the one open when it is added, else the
last one run: a rationale written just after closing a vote belongs to that vote).
"""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from types import EllipsisType

from integrate_tui.model import LogEntry, Scenario
from integrate_tui.workshop.base import open_round, updated, workshop_of
from integrate_tui.workshop.errors import WorkshopError, build
from integrate_tui.workshop.participants import participant

KINDS: dict[str, str] = {
    "decision": "Decision",
    "rationale": "Rationale",
    "objection": "Objection",
    "note": "Note",
}
"""Each kind of entry and its label."""


def add_entry(
    scenario: Scenario,
    kind: str,
    text: str,
    now: datetime.datetime,
    *,
    by: Sequence[str] = (),
    round: int | EllipsisType | None = ...,
) -> Scenario:
    """Append one entry at `now`.

    `by` names who it comes from (required for an objection); `round` is the index of the
    round it belongs to: unless given, the open round, else the last one started (`None`
    before any has started).
    """
    text = text.strip()
    if not text:
        raise WorkshopError("a log entry needs some text")
    if kind not in KINDS:
        raise WorkshopError(f"unknown log entry kind {kind!r} (use {', '.join(KINDS)})")
    who = list(dict.fromkeys(by))
    for person in who:
        participant(scenario, person)
    if kind == "objection" and not who:
        raise WorkshopError("say who raised the objection")
    workshop = workshop_of(scenario)
    index = current_round(scenario) if round is ... else round
    if index is not None and not 0 <= index < len(workshop.rounds):
        count = len(workshop.rounds)
        raise WorkshopError(f"there is no round {index + 1} (the agenda has {count})")
    entry = build(LogEntry, at=now, kind=kind, text=text, by=who, round=index)
    return updated(scenario, log=[*workshop.log, entry])


def current_round(scenario: Scenario) -> int | None:
    """The round an entry made now belongs to: the open one, else the last one started."""
    workshop = workshop_of(scenario)
    index = open_round(workshop)
    if index is not None:
        return index
    started = [i for i, r in enumerate(workshop.rounds) if r.started is not None]
    return started[-1] if started else None


def authors(scenario: Scenario, entry: LogEntry) -> str:
    """Who an entry comes from, by name (an id nobody has any more stays as it is)."""
    names = {p.id: p.name for p in workshop_of(scenario).participants}
    return ", ".join(names.get(p, p) for p in entry.by)
