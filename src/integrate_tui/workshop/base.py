"""What every workshop step shares: the (possibly empty) record, copying it, the clock."""

from __future__ import annotations

import datetime
from typing import Any

from integrate_tui.model import Scenario, Workshop


def workshop_of(scenario: Scenario) -> Workshop:
    """The scenario's workshop record, or an empty one when it has none yet."""
    return scenario.workshop or Workshop()


def updated(scenario: Scenario, **changes: Any) -> Scenario:
    """A new scenario whose workshop record has `changes`; the old one is left untouched."""
    workshop = workshop_of(scenario).model_copy(update=changes)
    return scenario.model_copy(update={"workshop": workshop})


def open_round(workshop: Workshop) -> int | None:
    """The index of the round that is started and not closed, if any."""
    for i, round_ in enumerate(workshop.rounds):
        if round_.started is not None and round_.closed is None:
            return i
    return None


def timestamp() -> datetime.datetime:
    """Now, local time with its UTC offset, to the second: how the log records moments."""
    return datetime.datetime.now().astimezone().replace(microsecond=0)


def moment(at: datetime.datetime) -> datetime.datetime:
    """A datetime comparable with any other (a time without offset is taken as UTC)."""
    return at if at.tzinfo else at.replace(tzinfo=datetime.UTC)
