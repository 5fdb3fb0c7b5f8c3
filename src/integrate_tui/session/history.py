"""Unlimited undo and redo as a pair of stacks.

A step is either a whole scenario (the state before an edit of structure, a reload, a bulk
change) or, for a funding or weight move, a light `Levels` record: what moved, from what to
what. A funding key then costs the history O(1), not a copy of the activity list.
"""

from __future__ import annotations

import weakref
from dataclasses import dataclass, field

from integrate_tui.model import Scenario


@dataclass
class Levels:
    """A funding or weight move: each id's level before and after (no scenario kept).

    `sides` remembers, weakly, the scenario objects of the state before and after the move
    when they were built, so that undo and redo can give back that very object while anyone
    (e.g. the session's saved state) still holds it."""

    funding: dict[str, tuple[float, float]]  # activity id → (before, after)
    weights: dict[str, tuple[float, float]]  # value id → (before, after)
    sides: dict[bool, weakref.ref[Scenario]] = field(default_factory=dict)  # after? → scenario

    def levels(self, after: bool) -> tuple[dict[str, float], dict[str, float]]:
        """The funding and the weights on one side of the move."""
        side = int(after)
        return (
            {k: v[side] for k, v in self.funding.items()},
            {k: v[side] for k, v in self.weights.items()},
        )

    def remember(self, after: bool, scenario: Scenario | None) -> None:
        """Keep (weakly) the scenario object of one side, when there is one."""
        if scenario is not None:
            self.sides[after] = weakref.ref(scenario)

    def scenario(self, after: bool) -> Scenario | None:
        """The scenario object of one side, if it was built and is still alive."""
        ref = self.sides.get(after)
        return None if ref is None else ref()


Step = Scenario | Levels
"""What undo and redo move between: a whole scenario, or a light record of levels."""


class History:
    """Steps before each change (undo) and after each undone change (redo), with labels."""

    def __init__(self) -> None:
        self._past: list[tuple[Step, str]] = []
        self._future: list[tuple[Step, str]] = []

    @property
    def undo_label(self) -> str | None:
        """What undo would take back, or None when there is nothing to undo."""
        return self._past[-1][1] if self._past else None

    @property
    def redo_label(self) -> str | None:
        """What redo would do again, or None when there is nothing to redo."""
        return self._future[-1][1] if self._future else None

    def push(self, before: Step, label: str) -> None:
        """Record a change made from `before` (or a `Levels` move); it forgets what was undone."""
        self._past.append((before, label))
        self._future.clear()

    def undo(self, current: Scenario | None) -> tuple[Step, str]:
        """The last step: a scenario to go back to, or a `Levels` move to take back.
        `current` (needed only for a scenario step) becomes redoable."""
        before, label = self._past.pop()
        self._future.append((before if isinstance(before, Levels) else _given(current), label))
        return before, label

    def redo(self, current: Scenario | None) -> tuple[Step, str]:
        """The last undone step: a scenario to go to, or a `Levels` move to make again."""
        after, label = self._future.pop()
        self._past.append((after if isinstance(after, Levels) else _given(current), label))
        return after, label

    def next_undo(self) -> Step | None:
        """The step undo would take (None when there is none), to see what it needs."""
        return self._past[-1][0] if self._past else None

    def next_redo(self) -> Step | None:
        """The step redo would take (None when there is none)."""
        return self._future[-1][0] if self._future else None


def _given(current: Scenario | None) -> Scenario:
    if current is None:
        raise ValueError("a scenario step needs the current scenario")
    return current
