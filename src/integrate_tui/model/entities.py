"""The tables of a scenario: resources, silos, values, interests, activities, interactions."""

from __future__ import annotations

import datetime
from typing import Literal

from pydantic import Field, field_validator

from integrate_tui.model.base import (
    Effect,
    Impact,
    Name,
    NonNegative,
    Share,
    Slug,
    StrictModel,
    Support,
)
from integrate_tui.model.limits import MAX_RESPONSE_POINTS, preview

ResponseShape = Literal["linear", "diminishing", "threshold"]
ResponsePoint = list[NonNegative]
MAX_EXPANSION = 3.0
"""Upper limit of `max_funding`: an activity may grow to three times its costed size."""


class Meta(StrictModel):
    """What the scenario is and who wrote it."""

    title: Name
    description: str = ""
    authors: list[str] = Field(default_factory=list)
    created: datetime.date | None = None
    unit_note: str = ""


class Resource(StrictModel):
    """A limited means (money, staff time, political attention) with its capacity."""

    id: Slug
    name: Name
    unit: str = ""
    capacity: NonNegative
    description: str = ""


class Silo(StrictModel):
    """A unit that owns activities; shares bound its part of resources, an envelope fixes it."""

    id: Slug
    name: Name
    description: str = ""
    min_share: Share | None = None
    max_share: Share | None = None
    envelope: dict[Slug, NonNegative] = Field(default_factory=dict)


class Value(StrictModel):
    """Something the polity cares about; weights are relative, `scale` the impact worth 100."""

    id: Slug
    name: Name
    weight: NonNegative = 1.0
    scale: float | None = Field(default=None, gt=0)
    description: str = ""


class Interest(StrictModel):
    """A stakeholder group: how much political weight it has and which values it cares about."""

    id: Slug
    name: Name
    influence: NonNegative = 1.0
    cares: dict[Slug, NonNegative] = Field(default_factory=dict)
    description: str = ""


class Activity(StrictModel):
    """A functional activity competing for resources; costs and impacts are at funding 1.0."""

    id: Slug
    name: Name
    silo: Slug
    kind: str = ""
    cost: dict[Slug, NonNegative] = Field(default_factory=dict)
    impact: dict[Slug, Impact] = Field(default_factory=dict)
    support: dict[Slug, Support] = Field(default_factory=dict)
    response: ResponseShape | list[ResponsePoint] = "linear"
    funding: NonNegative
    min_funding: NonNegative = 0.0
    max_funding: float = Field(default=1.0, gt=0, le=MAX_EXPANSION)
    step: float = Field(default=0.1, gt=0, le=1)
    locked: bool = False
    notes: str = ""

    @field_validator("response")
    @classmethod
    def _points_valid(cls, value: ResponseShape | list[list[float]]) -> object:
        if isinstance(value, str):
            return value
        if len(value) < 2:
            raise ValueError("a response point list needs at least two points, from [0, 0]")
        if len(value) > MAX_RESPONSE_POINTS:
            raise ValueError(
                f"a response point list takes at most {MAX_RESPONSE_POINTS} points, "
                f"not {len(value):,}"
            )
        for i, point in enumerate(value):
            if len(point) != 2:
                raise ValueError(f"point {i} must be [funding, fraction], got {preview(point)}")
        if value[0] != [0, 0]:
            raise ValueError(f"a response point list must start at [0, 0], not {preview(value[0])}")
        for i in range(1, len(value)):
            if value[i][0] <= value[i - 1][0]:
                raise ValueError(
                    f"response funding levels must increase: point {i} ({value[i][0]:g}) "
                    f"is not above point {i - 1} ({value[i - 1][0]:g})"
                )
        return value


class Interaction(StrictModel):
    """Synergy (effect > 0) or interference (effect < 0) between two activities."""

    between: list[Slug] = Field(min_length=2, max_length=2)
    effect: Effect
    note: str = ""

    @property
    def pair(self) -> frozenset[str]:
        """The two activities, order-free: interactions are symmetric."""
        return frozenset(self.between)
