"""The `[workshop]` record: participants, rounds, snapshots and the decision log."""

from __future__ import annotations

import datetime
from typing import Annotated, Literal

from pydantic import Field

from integrate_tui.model.base import Name, NonNegative, Slug, StrictModel
from integrate_tui.model.entities import MAX_EXPANSION


class Participant(StrictModel):
    """Someone in the room, optionally speaking for an interest, with their own value weights."""

    id: Slug
    name: Name
    interest: Slug | None = None
    weights: dict[Slug, NonNegative] = Field(default_factory=dict)


Level = Annotated[float, Field(ge=0, le=MAX_EXPANSION)]


class Snapshot(StrictModel):
    """A named funding and weight set ("Baseline", "Option A") to compare and vote on."""

    name: Name
    funding: dict[Slug, Level] = Field(default_factory=dict)
    weights: dict[Slug, NonNegative] = Field(default_factory=dict)


class Judgement(StrictModel):
    """A pairwise comparison on Saaty's scale: value `a` is `ratio` times as important as `b`."""

    a: Slug
    b: Slug
    ratio: float = Field(ge=1 / 9, le=9)


class Inputs(StrictModel):
    """The priorities one participant gave in a round: points as weights, or judgements."""

    weights: dict[Slug, NonNegative] = Field(default_factory=dict)
    judgements: list[Judgement] = Field(default_factory=list)


class Ballot(StrictModel):
    """One participant's vote on a round's options: dots per option and/or a ranking."""

    dots: dict[str, NonNegative] = Field(default_factory=dict)
    ranking: list[str] = Field(default_factory=list)


class Superseded(StrictModel):
    """What a participant had given in a round before a later submission replaced it."""

    participant: Slug
    at: datetime.datetime | None = None
    inputs: Inputs | None = None
    ballot: Ballot | None = None


class Round(StrictModel):
    """One round of a session: what was in force, how people voted, what was decided."""

    title: Name
    purpose: str = ""
    kind: Literal["discussion", "points", "pairwise", "vote"] = "discussion"
    minutes: NonNegative | None = None
    started: datetime.datetime | None = None
    closed: datetime.datetime | None = None
    aggregation: Literal["arithmetic", "geometric", "median"] | None = None
    options: list[str] = Field(default_factory=list)
    dots: int | None = Field(default=None, ge=1)
    funding: dict[Slug, Level] = Field(default_factory=dict)
    weights: dict[Slug, NonNegative] = Field(default_factory=dict)
    inputs: dict[Slug, Inputs] = Field(default_factory=dict)
    votes: dict[Slug, Ballot] = Field(default_factory=dict)
    silo_priorities: list[Slug] = Field(default_factory=list)
    decision: str = ""
    start_funding: dict[Slug, Level] = Field(default_factory=dict)
    start_weights: dict[Slug, NonNegative] = Field(default_factory=dict)
    counts: dict[Slug, Annotated[float, Field(ge=0, le=1)]] = Field(default_factory=dict)
    revealed: bool = False
    named: bool = False
    history: list[Superseded] = Field(default_factory=list)


class LogEntry(StrictModel):
    """A timestamped line of the decision log."""

    at: datetime.datetime
    kind: str = "note"
    text: Name
    by: list[Slug] = Field(default_factory=list)
    round: int | None = Field(default=None, ge=0)


class Workshop(StrictModel):
    """Everything a facilitated session recorded, so the file alone tells what happened."""

    participants: list[Participant] = Field(default_factory=list)
    rounds: list[Round] = Field(default_factory=list)
    snapshots: list[Snapshot] = Field(default_factory=list)
    log: list[LogEntry] = Field(default_factory=list)
