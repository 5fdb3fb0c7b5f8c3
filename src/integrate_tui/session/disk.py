"""The work against its file on disk: what differs between them, and a workshop-only save.

A workshop step writes only the workshop record: the file's scenario as it is on disk with
its `[workshop]` part replaced by the session's (`with_workshop`). What differs between the
file and the open work is told as the engine's ledger from one to the other, with the
parts of the scenario that differ named, or why there is no ledger (`Difference`).
"""

from __future__ import annotations

from dataclasses import dataclass

from integrate_tui.engine import Ledger
from integrate_tui.errors import IntegrateError
from integrate_tui.model import Scenario, ScenarioInvalid, validate_scenario
from integrate_tui.model.workshop import Workshop

PARTS = {
    "meta": "title and description",
    "resources": "resources",
    "silos": "silos",
    "values": "values",
    "interests": "interests",
    "activities": "activities",
    "interactions": "interactions",
    "workshop": "workshop record",
}
"""The scenario's parts in words, in file order."""


class WorkshopNeedsWork(IntegrateError):
    """The workshop record refers to changes that are not saved, so it cannot be saved alone."""

    title = "Save everything?"

    def __init__(self, name: str, problems: str) -> None:
        super().__init__(
            f"the workshop record refers to changes not saved to {name} yet, so it cannot be "
            f"saved on its own:\n{problems}"
        )


@dataclass(frozen=True)
class Difference:
    """The file on disk against the open work: the ledger from one to the other, or why none."""

    parts: list[str]
    ledger: Ledger | None = None
    reason: str = ""


def with_workshop(base: Scenario, workshop: Workshop | None, name: str) -> Scenario:
    """`base` with its workshop record replaced by `workshop`, checked by the model's rules."""
    if base.workshop == workshop:
        return base
    data = base.model_dump()
    data["workshop"] = workshop.model_dump() if workshop is not None else None
    try:
        return validate_scenario(data)
    except ScenarioInvalid as error:
        raise WorkshopNeedsWork(name, error.message) from None


def differing_parts(a: Scenario, b: Scenario) -> list[str]:
    """The parts of the scenario that differ between `a` and `b`, in words."""
    return [words for field, words in PARTS.items() if getattr(a, field) != getattr(b, field)]
