"""The room's consensus, computed in the app's process pool while the facilitator shows it.

The question (`session.workshop_jobs.consensus_ask`) is the priorities round in focus, everyone's
weights there and the group's by the method shown, on the current rules and funding. It is
asked only when the consensus view is shown; the answer is kept until the question changes.
A change of question (a new input, another method, an edit) cancels the job on the old one
(the engine stops within about one solve); so does the screen going away. The same
question asked again is answered from the pool's cache.
"""

from __future__ import annotations

from collections.abc import Callable
from contextlib import suppress
from typing import Any

from textual.widget import Widget
from textual.worker import Worker

from integrate_tui.compute import Job
from integrate_tui.compute.wire import payload
from integrate_tui.engine import Compiled
from integrate_tui.engine.optimise import Cancelled
from integrate_tui.errors import IntegrateError
from integrate_tui.session.workshop_jobs import ConsensusAsk, consensus_ask, consensus_job
from integrate_tui.workshop.aggregate import Method
from integrate_tui.workshop.consensus_room import Settled

Key = tuple[Any, ...]


class ConsensusFeed:
    """One consensus job at a time, its progress, its answer or why there is none."""

    def __init__(self, host: Widget) -> None:
        """`host`: the widget whose workers await the pool (they end with it)."""
        self.host = host
        self.ask: ConsensusAsk | None = None
        self.result: Settled | None = None
        self.problem = ""
        """Why there is no answer: too few participants with weights, or the engine's error."""
        self._key: Key | None = None
        self._job: Job | None = None
        self._worker: Worker[None] | None = None
        self._listeners: list[Callable[[], None]] = []

    @property
    def computing(self) -> bool:
        """True while a job is working on the current question."""
        return self._job is not None and not self._job.done()

    def progress(self) -> str:
        """How far the job got, as the view shows it: "computing… 3 of 12 solves (2 s)"."""
        job = self._job
        if job is None or job.done():
            return ""
        if not job.running:
            return f"computing… waiting for a free process ({job.elapsed:.0f} s)"
        done, total = job.progress
        steps = f" {done} of {total} solves" if total else ""
        return f"computing…{steps} ({job.elapsed:.0f} s)"

    def listen(self, heard: Callable[[], None]) -> Callable[[], None]:
        """Call `heard` whenever the answer, the problem or the progress state changes;
        returns the call that stops it."""
        self._listeners.append(heard)
        return lambda: self._listeners.remove(heard)

    def want(self, model: Compiled, method: Method) -> None:
        """Compute the consensus on `model` by `method` unless that is known or under way (a
        question answered before comes from the pool's cache at once)."""
        known = self._follow(model, method)
        if self.ask is None or (known and (self._job is not None or self.problem)):
            return
        pool = self.host.app.pool  # type: ignore[attr-defined]
        job = self._job = pool.submit(consensus_job, self.ask.model, *self.ask.args)
        if job.done():
            self._settle(job)
            return
        self._worker = self.host.run_worker(
            self._await(job), group="consensus", exit_on_error=False
        )
        self._tell()

    def follow(self, model: Compiled, method: Method) -> None:
        """A change while nobody looks: a job on another question than `model`'s stops (an
        answer kept is checked when next wanted, so that edits meanwhile cost nothing)."""
        if self.computing:
            self._follow(model, method)

    def stop(self) -> None:
        """Nobody will look at the answer: cancel the job."""
        self._drop()
        self._key = None

    def _follow(self, model: Compiled, method: Method) -> bool:
        """True when the question on `model` is the one known; else forget the old one."""
        try:
            ask, problem = consensus_ask(model, method), ""
        except IntegrateError as error:
            ask, problem = None, error.message
        key: Key = (
            ("problem", problem) if ask is None else (payload(ask.model).fingerprint, ask.args)
        )
        if key == self._key:
            self.ask = ask  # the same question; the round's title or `named` may be new
            return True
        self._drop()
        self._key, self.ask, self.problem = key, ask, problem
        self._tell()
        return False

    def _drop(self) -> None:
        if self._job is not None:
            self._job.cancel()
        if self._worker is not None:
            self._worker.cancel()
        self._job = self._worker = None
        self.result, self.problem = None, ""

    async def _await(self, job: Job) -> None:
        """Wait for the job; its answer or error is read from its future."""
        with suppress(Exception):
            await job.wait()
        if job is self._job:
            self._settle(job)

    def _settle(self, job: Job) -> None:
        """The job ended: keep its answer, or what went wrong in words."""
        self._worker = None
        error = job.future.exception()
        if error is None:
            self.result = job.future.result()
        elif isinstance(error, IntegrateError):
            self.problem = error.message
        elif not isinstance(error, Cancelled):
            self.problem = f"the consensus could not be computed: {error!r}"
        self._tell()

    def _tell(self) -> None:
        for heard in list(self._listeners):
            heard()
