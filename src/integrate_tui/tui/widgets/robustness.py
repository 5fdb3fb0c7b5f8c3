"""Keeps the activity table's robustness column fresh, in the background, after edits settle.

Robustness is the share of weight draws (the optimiser's Monte Carlo, seeded) whose optimal
package funds an activity. It takes a second or more, so it runs in a thread worker once
the work has been still for `DELAY` seconds; a newer edit cancels a stale run, and the old
numbers stay on screen, dimmed, until the new ones arrive.
"""

from __future__ import annotations

from textual import work
from textual.timer import Timer
from textual.widget import Widget
from textual.worker import Worker, WorkerState

from integrate_tui.engine import Compiled
from integrate_tui.session import SAVED, Event, Session
from integrate_tui.tui.widgets.activity_table import ActivityTable


class RobustnessFeed(Widget):
    """An invisible helper of the main screen: debounce, compute, fill the column."""

    DEFAULT_CSS = "RobustnessFeed { display: none; }"
    DELAY = 1.0
    """Seconds of quiet after the last edit before recomputing."""

    def __init__(self, session: Session) -> None:
        super().__init__()
        self.session = session
        self._timer: Timer | None = None
        self._worker: Worker[dict[str, float]] | None = None

    @property
    def busy(self) -> bool:
        """True while waiting for edits to settle or for the worker's answer."""
        return self._timer is not None or self._worker is not None

    def on_mount(self) -> None:
        self._unsubscribe = self.session.subscribe(self._changed)
        self._schedule()

    def on_unmount(self) -> None:
        self._unsubscribe()

    def _changed(self, event: Event) -> None:
        if event.kind == SAVED:
            return
        self.call_after_refresh(self._dim)  # after the frame with the new score, not before
        self._schedule()

    def _dim(self) -> None:
        """Mark the numbers shown as stale (a no-op while they are dim already)."""
        self.screen.query_one(ActivityTable).show_robustness(None, stale=True)

    def _schedule(self) -> None:
        """(Re)start the quiet period; a run already going is cancelled as stale."""
        if self._timer is not None:
            self._timer.stop()
        if self._worker is not None:
            self._worker.cancel()
            self._worker = None
        self._timer = self.set_timer(self.DELAY, self._start)

    def _start(self) -> None:
        self._timer = None
        self._worker = self._compute(self.session.model)

    @work(thread=True, exclusive=True, group="robustness", exit_on_error=False)
    def _compute(self, model: Compiled) -> dict[str, float]:
        from integrate_tui.engine.optimise import robustness
        from integrate_tui.tui.analyses import ROBUSTNESS_SAMPLES, ROBUSTNESS_SEED

        found = robustness(model, ROBUSTNESS_SAMPLES, ROBUSTNESS_SEED)
        return dict(zip(model.activity_ids, found.funded.tolist(), strict=True))

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        if event.worker is not self._worker or event.state not in (
            WorkerState.SUCCESS,
            WorkerState.ERROR,
        ):
            return
        self._worker = None
        table = self.screen.query_one(ActivityTable)
        if event.state == WorkerState.SUCCESS:
            table.show_robustness(event.worker.result, stale=False)
        else:  # e.g. no package fits the rules: nothing is robust, say so by showing nothing
            table.show_robustness({}, stale=False)
