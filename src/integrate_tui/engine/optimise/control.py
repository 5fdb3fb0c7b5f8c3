"""How a caller steers a long analysis: stop it between solves, and hear how far it got.

HiGHS cannot be interrupted inside a solve, so the analyses made of many solves (tornado,
frontier, Monte Carlo) ask `Control.check` before each one (and Monte Carlo before each
chunk of samples) and raise `Cancelled` once the caller no longer wants the answer: a
superseded or abandoned analysis stops within about one solve. They report solves done
out of solves planned through `Control.report`. Plain callables, so the engine needs no
threads or processes of its own to be steered; `NO_CONTROL` never cancels and hears nothing.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass
from typing import ParamSpec, TypeVar

P = ParamSpec("P")
R = TypeVar("R")


class Cancelled(Exception):
    """The caller stopped wanting the answer; raised between solves, never shown to a user."""


def _never() -> bool:
    return False


def _ignore(done: int, total: int) -> None:
    """Hear nothing."""


@dataclass(frozen=True)
class Control:
    """A cancel check and a progress report (solves done, solves planned)."""

    cancelled: Callable[[], bool] = _never
    report: Callable[[int, int], None] = _ignore

    def check(self) -> None:
        """Raise `Cancelled` if the caller no longer wants the answer."""
        if self.cancelled():
            raise Cancelled

    def counter(self, total: int) -> Counter:
        """A thread-safe count of `total` planned solves that reports each one done."""
        return Counter(self, total)


NO_CONTROL = Control()


class Counter:
    """Solves done out of planned, shared by the threads of one analysis."""

    def __init__(self, control: Control, total: int) -> None:
        self.control, self.total, self.done = control, total, 0
        self._lock = threading.Lock()
        control.report(0, total)

    def plan(self, more: int) -> None:
        """`more` solves were added to the plan (e.g. a re-solve found to be needed)."""
        with self._lock:
            self.total += more
            self.control.report(self.done, self.total)

    def tick(self) -> None:
        """One planned solve is done (or answered without a solve)."""
        with self._lock:
            self.done += 1
            self.control.report(self.done, self.total)

    def checked(self, solve: Callable[P, R]) -> Callable[P, R]:
        """`solve` wrapped: check for cancellation first, count it done after."""

        def run(*args: P.args, **kwargs: P.kwargs) -> R:
            self.control.check()
            found = solve(*args, **kwargs)
            self.tick()
            return found

        return run
