"""A time limit shared by the solves of one analysis (frontier, tornado).

Each solve still to come gets an equal part of what is left, times the number of solves run
at once (WORKERS): early solves that finish quickly leave their time to the later ones.
Without a limit every solve runs to its gap.
"""

from __future__ import annotations

import threading
import time

from integrate_tui.engine.optimise.core import WORKERS


class Budget:
    """What is left of `limit` seconds since `started`, shared by the planned solves."""

    def __init__(self, limit: float | None, started: float, solves: int) -> None:
        self.deadline = None if limit is None else started + limit
        self.waiting = solves
        self._lock = threading.Lock()

    def plan(self, more: int) -> None:
        """`more` solves were added to the plan."""
        with self._lock:
            self.waiting += more

    def skip(self) -> None:
        """A planned solve was answered without solving: the later ones get its time."""
        with self._lock:
            self.waiting -= 1

    def share(self, *, whole: bool = False) -> float | None:
        """The time limit of the next solve (None: no limit), which counts as started; `whole`:
        all that is left, for a solve the others depend on."""
        with self._lock:
            waiting = self.waiting
            self.waiting -= 1
        if self.deadline is None:
            return None
        left = max(self.deadline - time.perf_counter(), 0.0)
        return left if whole else left * min(1.0, WORKERS / max(waiting, 1))
