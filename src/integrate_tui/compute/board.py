"""Memory the UI and the pool's processes share: per job slot, a cancel flag and progress.

A slot is given to one job at a time. The UI sets the flag; the job's engine call reads it
through its `Control` between solves and writes how many solves it has done out of planned.
Single bytes and ints, each written by one side only: no locks needed.
"""

from __future__ import annotations

import array
from typing import Any

from integrate_tui.engine.optimise.control import Control


class Board:
    """Cancel flags, started marks and progress counts, one slot per job."""

    def __init__(self, slots: int, context: Any = None) -> None:
        """Shared memory from a multiprocessing `context`; plain arrays when None (threads)."""

        def make(code: str) -> Any:
            if context is None:
                return array.array(code, bytes(slots * array.array(code).itemsize))
            return context.RawArray(code, slots)

        self.slots = slots
        self.flags, self.started = make("b"), make("b")
        self.done, self.total = make("i"), make("i")

    def reset(self, slot: int) -> None:
        """Make a slot ready for a new job."""
        self.flags[slot] = self.started[slot] = 0
        self.done[slot] = self.total[slot] = 0

    def cancel(self, slot: int) -> None:
        self.flags[slot] = 1

    def start(self, slot: int) -> None:
        self.started[slot] = 1

    def progress(self, slot: int) -> tuple[int, int]:
        """Solves done and planned, as the job last reported them."""
        return self.done[slot], self.total[slot]

    def control(self, slot: int) -> Control:
        """The engine's view of a slot: its cancel flag, and where progress goes."""

        def report(done: int, total: int) -> None:
            self.done[slot], self.total[slot] = done, total

        return Control(cancelled=lambda: self.flags[slot] != 0, report=report)
