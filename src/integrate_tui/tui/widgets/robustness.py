"""Keeps the activity table's robustness column fresh, in the background, after edits settle.

Robustness is the share of weight draws (the optimiser's Monte Carlo, seeded) whose optimal
package funds an activity. It takes a second or more, so it runs in the app's process pool
once the work has been still for `DELAY` seconds, and the old numbers stay on screen,
dimmed, until the new ones arrive. At most one run at a time plus one waiting: an edit
cancels the run going on (the Monte Carlo checks between solves, so it stops within about
one), and the newest work waits for that run to end before its own starts. The tradeoffs
screen asks the very same question, so each run serves both.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from textual.timer import Timer
from textual.widget import Widget
from textual.worker import Worker, WorkerState

from integrate_tui.engine import Compiled
from integrate_tui.engine.optimise import Cancelled
from integrate_tui.session import SAVED, Event, Session
from integrate_tui.session.analyses import robustness_job
from integrate_tui.tui.widgets.activity_table import ActivityTable

if TYPE_CHECKING:
    from integrate_tui.compute import Job


class RobustnessFeed(Widget):
    """An invisible helper of the main screen: debounce, compute, fill the column."""

    DEFAULT_CSS = "RobustnessFeed { display: none; }"
    DELAY = 1.0
    """Seconds of quiet after the last edit before recomputing."""

    def __init__(self, session: Session) -> None:
        super().__init__()
        self.session = session
        self._timer: Timer | None = None
        self._job: Job | None = None
        self._worker: Worker[Any] | None = None
        self._waiting: Compiled | None = None

    @property
    def busy(self) -> bool:
        """True while waiting for edits to settle or for a run's answer."""
        return self._timer is not None or self._job is not None

    def on_mount(self) -> None:
        self._unsubscribe = self.session.subscribe(self._changed)
        self._schedule()

    def on_unmount(self) -> None:
        self._unsubscribe()
        if self._job is not None:
            self._job.cancel()

    def _changed(self, event: Event) -> None:
        if event.kind == SAVED:
            return
        self.call_after_refresh(self._dim)  # after the frame with the new score, not before
        self._schedule()

    def _dim(self) -> None:
        """Mark the numbers shown as stale (a no-op while they are dim already), unless the
        new answer came in first (a quick run can beat the frame this waited for)."""
        if self.busy:
            self.screen.query_one(ActivityTable).show_robustness(None, stale=True)

    def _schedule(self) -> None:
        """(Re)start the quiet period; a run going on is stale and cancelled."""
        if self._timer is not None:
            self._timer.stop()
        if self._job is not None:
            self._job.cancel()
        self._timer = self.set_timer(self.DELAY, self._start)

    def _start(self) -> None:
        """Run on the current work, or, while a cancelled run is still stopping, wait for it."""
        self._timer = None
        if self._job is not None:
            self._waiting = self.session.model
        else:
            self._submit(self.session.model)

    def _submit(self, model: Compiled) -> None:
        self._job = self.app.pool.submit(robustness_job, model)  # type: ignore[attr-defined]
        self._worker = self.run_worker(self._job.wait, group="robustness", exit_on_error=False)

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        if event.worker is not self._worker or event.state not in (
            WorkerState.SUCCESS,
            WorkerState.ERROR,
        ):
            return
        job, self._job, self._worker = self._job, None, None
        if self._waiting is not None:
            model, self._waiting = self._waiting, None
            self._submit(model)
            return
        if job is None or job.cancelled:
            return
        table = self.screen.query_one(ActivityTable)
        if event.state == WorkerState.SUCCESS and (found := event.worker.result) is not None:
            funded = found.funded.tolist()
            table.show_robustness(dict(zip(job.model.activity_ids, funded, strict=True)), False)
        elif not isinstance(event.worker.error, Cancelled):
            table.show_robustness({}, stale=False)  # e.g. no package fits the rules: show none
