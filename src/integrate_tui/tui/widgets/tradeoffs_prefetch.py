"""Keeps the tradeoffs screen's answers ready once it has been opened.

The screen's four analyses take a few seconds of solving (the bundled scenario: about six
CPU-seconds of HiGHS), more than a user waits for a screen. Once the screen has been opened
in a session, an edit that settles for `DELAY` seconds has its questions asked of the app's
process pool, whose niced processes cannot hold up a key; coming back then finds the answers
in the pool's cache, or joins the job still running. Politely: one question at a time, and
only while the pool has nothing else to do, so auto-balance or the robustness column always
finds a process free. An edit cancels the stale question; nothing is asked before the screen
was first wanted.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from textual.timer import Timer
from textual.widget import Widget

from integrate_tui.session import SAVED, Event, Session, analyses

if TYPE_CHECKING:
    from integrate_tui.compute import Job

ORDER = ("efficiency", "montecarlo", "tornado", "frontier")
"""The screen's analyses, quickest first, so that the pool's processes start on the short ones."""


def tradeoff_jobs(x: str, y: str) -> dict[str, tuple[Callable[..., Any], tuple[str, ...]]]:
    """Each of the screen's analyses: its pool function and the arguments after the model
    (the frontier's axes `x` and `y`)."""
    return {
        "efficiency": (analyses.efficiency_job, ()),
        "montecarlo": (analyses.robustness_job, ()),
        "tornado": (analyses.tornado_job, ()),
        "frontier": (analyses.frontier_job, (x, y)),
    }


def opening_axes(session: Session) -> tuple[str, str]:
    """The frontier's axes when the screen opens: the first two criteria."""
    first, second, *_ = (key for _, key in analyses.criteria(session.scenario))
    return first, second


class TradeoffsPrefetch(Widget):
    """An invisible helper of the main screen: after the first visit, ask ahead after edits."""

    DEFAULT_CSS = "TradeoffsPrefetch { display: none; }"
    DELAY = 1.5
    """Seconds of quiet after the last edit before asking (the robustness column waits 1)."""
    POLL = 0.25
    """Seconds between looks at the pool, for a free moment to ask the next question."""

    def __init__(self, session: Session) -> None:
        super().__init__()
        self.session = session
        self.wanted = False
        """Whether the tradeoffs screen has been opened in this session."""
        self._timer: Timer | None = None  # the quiet period, then the looks at the pool
        self._todo: list[tuple[Callable[..., Any], tuple[str, ...]]] = []  # not asked yet
        self._job: Job | None = None

    @property
    def busy(self) -> bool:
        """True while waiting for edits to settle, for a free moment or for an answer."""
        return self._timer is not None

    def on_mount(self) -> None:
        self._unsubscribe = self.session.subscribe(self._changed)

    def on_unmount(self) -> None:
        self._unsubscribe()
        self._cancel()

    def _changed(self, event: Event) -> None:
        if event.kind == SAVED or not self.wanted:
            return
        self._cancel()
        self._timer = self.set_timer(self.DELAY, self._settled)

    def _cancel(self) -> None:
        """Stop the quiet period or the looks, and the question asked about older work."""
        if self._timer is not None:
            self._timer.stop()
            self._timer = None
        if self._job is not None:
            self._job.cancel()
            self._job = None
        self._todo = []

    def _settled(self) -> None:
        """The edits have settled: look at the pool until every question is answered."""
        if self._timer is not None:
            self._timer.stop()  # the quiet period, ended (or cut short)
        asks = tradeoff_jobs(*opening_axes(self.session))
        self._todo = [asks[name] for name in ORDER]
        self._timer = self.set_interval(self.POLL, self._next)
        self._next()

    def _next(self) -> None:
        """Ask the next question once the last is answered and the pool is otherwise idle;
        stop looking once all are. With the screen up, it asks them too: the pool shares one
        job between equal questions."""
        if self._job is not None:
            if not self._job.done():
                return
            self._job = None
        pool = self.app.pool  # type: ignore[attr-defined]
        if not self._todo:
            self._cancel()
        elif not pool.live():
            fn, args = self._todo.pop(0)
            self._job = pool.submit(fn, self.session.model, *args)
