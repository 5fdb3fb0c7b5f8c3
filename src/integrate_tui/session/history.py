"""Unlimited undo and redo as a pair of stacks of immutable scenarios."""

from __future__ import annotations

from integrate_tui.model import Scenario


class History:
    """Scenarios before each change (undo) and after each undone change (redo), with labels."""

    def __init__(self) -> None:
        self._past: list[tuple[Scenario, str]] = []
        self._future: list[tuple[Scenario, str]] = []

    @property
    def undo_label(self) -> str | None:
        """What undo would take back, or None when there is nothing to undo."""
        return self._past[-1][1] if self._past else None

    @property
    def redo_label(self) -> str | None:
        """What redo would do again, or None when there is nothing to redo."""
        return self._future[-1][1] if self._future else None

    def push(self, before: Scenario, label: str) -> None:
        """Record a change made from `before`; a new change forgets what was undone."""
        self._past.append((before, label))
        self._future.clear()

    def undo(self, current: Scenario) -> tuple[Scenario, str]:
        """The scenario before the last change; `current` becomes redoable."""
        before, label = self._past.pop()
        self._future.append((current, label))
        return before, label

    def redo(self, current: Scenario) -> tuple[Scenario, str]:
        """The scenario after the last undone change; `current` becomes undoable."""
        after, label = self._future.pop()
        self._past.append((current, label))
        return after, label
