"""Keeps the tradeoffs screen's answers ready once it has been opened.

The screen's four analyses take a few seconds of solving (the bundled scenario: about six
CPU-seconds of HiGHS), more than a user waits for a screen. Once the screen has been opened
in a session, every edit that settles for `DELAY` seconds asks the same questions of the
app's process pool, whose niced processes cannot hold up a key; coming back then finds the
answers in the pool's cache, or joins the jobs still running. An edit cancels the stale
jobs, so at most one set runs, and nothing runs before the screen was first wanted.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from textual.timer import Timer
from textual.widget import Widget

from integrate_tui.session import SAVED, Event, Session

if TYPE_CHECKING:
    from integrate_tui.compute import Job

ORDER = ("efficiency", "montecarlo", "tornado", "frontier")
"""The screen's analyses, quickest first, so that the pool's processes start on the short ones."""


def tradeoff_jobs(x: str, y: str) -> dict[str, tuple[Callable[..., Any], tuple[str, ...]]]:
    """Each of the screen's analyses: its pool function and the arguments after the model
    (the frontier's axes `x` and `y`). The analyses come with the workshop package, so they
    are imported when first asked for, not with the workbench."""
    from integrate_tui.session import analyses

    return {
        "efficiency": (analyses.efficiency_job, ()),
        "montecarlo": (analyses.robustness_job, ()),
        "tornado": (analyses.tornado_job, ()),
        "frontier": (analyses.frontier_job, (x, y)),
    }


def opening_axes(session: Session) -> tuple[str, str]:
    """The frontier's axes when the screen opens: the first two criteria."""
    from integrate_tui.session.analyses import criteria

    first, second, *_ = (key for _, key in criteria(session.scenario))
    return first, second


class TradeoffsPrefetch(Widget):
    """An invisible helper of the main screen: after the first visit, re-ask after edits."""

    DEFAULT_CSS = "TradeoffsPrefetch { display: none; }"
    DELAY = 1.5
    """Seconds of quiet after the last edit before asking (the robustness column waits 1)."""

    def __init__(self, session: Session) -> None:
        super().__init__()
        self.session = session
        self.wanted = False
        """Whether the tradeoffs screen has been opened in this session."""
        self._timer: Timer | None = None
        self._jobs: list[Job] = []

    @property
    def busy(self) -> bool:
        """True while waiting for edits to settle or for an answer asked ahead."""
        return self._timer is not None or any(not job.done() for job in self._jobs)

    def on_mount(self) -> None:
        self._unsubscribe = self.session.subscribe(self._changed)

    def on_unmount(self) -> None:
        self._unsubscribe()
        self._cancel()

    def _changed(self, event: Event) -> None:
        if event.kind == SAVED or not self.wanted:
            return
        self._cancel()
        self._timer = self.set_timer(self.DELAY, self._ask)

    def _cancel(self) -> None:
        """Stop the quiet period and the jobs asked about older work."""
        if self._timer is not None:
            self._timer.stop()
            self._timer = None
        for job in self._jobs:
            job.cancel()
        self._jobs = []

    def _ask(self) -> None:
        """Ask the screen's questions about the work as it is now. With the screen up, it asks
        them too: the pool shares one job between equal questions."""
        self._timer = None
        model = self.session.model
        pool = self.app.pool  # type: ignore[attr-defined]
        asks = tradeoff_jobs(*opening_axes(self.session))
        self._jobs = [pool.submit(fn, model, *args) for fn, args in (asks[n] for n in ORDER)]
