"""The scenario model: pydantic types for every table of the file format, and their rules."""

from integrate_tui.model.checks import Problem, ScenarioInvalid, format_loc
from integrate_tui.model.entities import (
    Activity,
    Interaction,
    Interest,
    Meta,
    Resource,
    Silo,
    Value,
)
from integrate_tui.model.scenario import SCHEMA_VERSION, Scenario
from integrate_tui.model.validate import validate_scenario
from integrate_tui.model.workshop import (
    Ballot,
    Inputs,
    Judgement,
    LogEntry,
    Participant,
    Round,
    Snapshot,
    Workshop,
)

__all__ = [
    "SCHEMA_VERSION",
    "Activity",
    "Ballot",
    "Inputs",
    "Interaction",
    "Interest",
    "Judgement",
    "LogEntry",
    "Meta",
    "Participant",
    "Problem",
    "Resource",
    "Round",
    "Scenario",
    "ScenarioInvalid",
    "Silo",
    "Snapshot",
    "Value",
    "Workshop",
    "format_loc",
    "validate_scenario",
]
