"""The whole scenario: the root of the file format, validated as one consistent model."""

from __future__ import annotations

from pydantic import Field, model_validator

from integrate_tui.model.base import StrictModel
from integrate_tui.model.checks import ScenarioInvalid, find_problems
from integrate_tui.model.entities import (
    Activity,
    Interaction,
    Interest,
    Meta,
    Resource,
    Silo,
    Value,
)
from integrate_tui.model.workshop import Workshop

SCHEMA_VERSION = 1


class Scenario(StrictModel):
    """Resources, silos, values, interests, activities and interactions, plus a workshop record."""

    schema_version: int = Field(ge=SCHEMA_VERSION, le=SCHEMA_VERSION)
    meta: Meta
    resources: list[Resource] = Field(min_length=1)
    silos: list[Silo] = Field(min_length=1)
    values: list[Value] = Field(min_length=1)
    interests: list[Interest] = Field(default_factory=list)
    activities: list[Activity] = Field(min_length=1)
    interactions: list[Interaction] = Field(default_factory=list)
    workshop: Workshop | None = None

    @model_validator(mode="after")
    def _consistent(self) -> Scenario:
        problems = find_problems(self)
        if problems:
            raise ScenarioInvalid(problems)
        return self

    def activity(self, activity_id: str) -> Activity:
        """The activity with this id (KeyError if there is none)."""
        for activity in self.activities:
            if activity.id == activity_id:
                return activity
        raise KeyError(activity_id)
