"""What a session tells its listeners, and the test that decides whether to recompile."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel

from integrate_tui.model import Scenario

SCORE = "score"
"""Only funding, weights or snapshots changed: same rows, new numbers."""
STRUCTURE = "structure"
"""Entities, bounds, names or notes changed: views rebuild their rows."""
FILE = "file"
"""Another file was opened: everything is new, history included."""
SAVED = "saved"
"""The work was saved: the path and the unsaved-changes marker changed."""


@dataclass(frozen=True)
class Event:
    """One change: its kind (SCORE, STRUCTURE, FILE, SAVED) and a label in words."""

    kind: str
    label: str


Listener = Callable[[Event], None]


def _without(entity: BaseModel, field: str) -> dict[str, Any]:
    return {k: v for k, v in entity.__dict__.items() if k != field}


def _same_but(a: list[Any], b: list[Any], field: str) -> bool:
    return len(a) == len(b) and all(
        x is y or _without(x, field) == _without(y, field) for x, y in zip(a, b, strict=True)
    )


def same_structure(a: Scenario, b: Scenario) -> bool:
    """True when `a` and `b` compile to the same arrays apart from funding and value weights."""
    return (
        a.resources == b.resources
        and a.silos == b.silos
        and a.interests == b.interests
        and a.interactions == b.interactions
        and _same_but(a.values, b.values, "weight")
        and _same_but(a.activities, b.activities, "funding")
    )
