"""A pool of worker processes for the heavy analyses, with cancellable, shared, cached jobs.

Why processes: HiGHS releases the GIL while it solves, but each solve's Python side (building
the program, scoring packages) holds it, and a dozen solves in threads held the UI's key
presses back by seconds. In other processes (niced) they cannot.

* Start.  `concurrent.futures.ProcessPoolExecutor` with the forkserver start method (spawn
  where there is none): never fork, the app has threads. Created by a dispatcher thread, on
  the first job or by `warm()` (the app calls it once the workbench is up), which also starts
  every process and imports numpy, scipy and the engine in them (in the fork server, once), so
  the first analysis does not pay for it and the UI thread never waits for a process to start.
* Jobs.  `submit(fn, model, *args)` returns a `Job` at once: `fn(model, *args, control=…)`
  runs in a process on the model sent pickled (see wire.py). The same question (same model
  fingerprint, function and arguments) asked again while it runs shares the running job; once
  answered it is served from a cache of results, so re-asking without an edit is instant.
* Cancel.  `Job.cancel()`: a job nobody else shares is cancelled — never run if it has not
  started, and told through its slot of the shared `Board` if it has: the engine checks that
  flag between solves and raises `Cancelled`, so it stops within about one solve (a single
  MILP, as auto-balance's, runs to its time limit: HiGHS cannot be interrupted). A cancelled
  job's future ends with `Cancelled`.
* Exit.  `shutdown()` kills the processes, so quitting never waits for a solve and no solve
  outlives the app.

As with any non-fork start method, the program's main module must guard its entry point
with `if __name__ == "__main__":` (each process imports it; the console script does).
IN_PROCESS runs the jobs on threads of this process instead (same slots, cache and
cancellation): for tests that patch the engine, which a process would not see.
"""

from __future__ import annotations

import asyncio
import functools
import os
import queue
import sys
import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import (
    BrokenExecutor,
    Executor,
    Future,
    InvalidStateError,
    ThreadPoolExecutor,
)
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from typing import Any

from integrate_tui.compute import wire
from integrate_tui.compute.board import Board
from integrate_tui.engine import Compiled
from integrate_tui.engine.optimise.control import Cancelled

CORES = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
PROCESSES = max(2, min(4, CORES or 1))
"""Worker processes: at least two, so that one long solve never holds up every other job
(each analysis also solves on up to `core.WORKERS` threads inside its process)."""
SLOTS = 64
"""Jobs that can be live at once; a few per screen are."""
CACHED = 32
"""Answers kept by question."""
PRELOAD = (
    "integrate_tui.compute.server",
    "numpy",
    "scipy.optimize",
    "integrate_tui.engine.optimise",
)
"""Imported by the fork server once (so every process starts with them), and by each process."""
THREAD_NAME = "integrate-tui-pool"
IN_PROCESS = False


@dataclass(eq=False)
class _Task:
    """One question being answered: its slot, the jobs still waiting for it, its executor's
    future once dispatched."""

    key: tuple[Any, ...]
    name: str
    slot: int
    payload: wire.Payload
    fn: Callable[..., Any]
    args: tuple[Any, ...]
    model: Compiled
    holders: list[Job] = field(default_factory=list)
    stopping: list[Job] = field(default_factory=list)  # cancelled it last, told when it ends
    inner: Future[Any] | None = None
    final: tuple[int, int] | None = None  # its progress when it ended (the slot is reused)


class Job:
    """One caller's hold on a question: await it, read its progress, or cancel it."""

    def __init__(self, pool: Pool, name: str, model: Compiled, task: _Task | None) -> None:
        self.name, self.model = name, model
        self.future: Future[Any] = Future()
        self.future.set_running_or_notify_cancel()  # it ends by its task or by `cancel`
        self.submitted = time.monotonic()
        self.cancelled = False
        self._pool, self._task = pool, task

    def cancel(self) -> None:
        """Stop wanting the answer (a no-op once done): the job stops unless another caller
        shares it, and the future ends with `Cancelled` — once the work has stopped, so that
        a caller can wait for its processes to be free; at once if the work goes on for others."""
        if self._task is not None and not self.cancelled and not self.future.done():
            self.cancelled = True
            if not self._pool._release(self._task, self):
                _end(self.future, None, Cancelled())

    def done(self) -> bool:
        return self.future.done()

    @property
    def running(self) -> bool:
        """True once a worker has started it, until it ends."""
        task = self._task
        return task is not None and not self.done() and self._pool.started(task)

    @property
    def progress(self) -> tuple[int, int]:
        """Solves done and planned, as the engine last reported (0, 0 before it starts)."""
        return (0, 0) if self._task is None else self._pool.progress(self._task)

    @property
    def elapsed(self) -> float:
        return time.monotonic() - self.submitted

    async def wait(self) -> Any:
        """The result, awaited on the running event loop (raises what the job raised)."""
        return await asyncio.wrap_future(self.future)

    def _settle(self, data: bytes | None, error: BaseException | None) -> None:
        """The task's answer, loaded onto this job's own model object."""
        if not self.future.done():
            _end(self.future, None if data is None else wire.load_result(data, self.model), error)


class Pool:
    """Worker processes, created on first use; see the module docstring."""

    def __init__(self, processes: int = PROCESSES, *, preload: Sequence[str] = PRELOAD) -> None:
        self.processes = processes
        self.preload = tuple(preload)
        self.in_process = IN_PROCESS
        self._lock = threading.RLock()  # a cancel may finish a task on the spot
        self._queue: queue.SimpleQueue[_Task | None] = queue.SimpleQueue()
        self._dispatcher: threading.Thread | None = None
        self._executor: Executor | None = None
        self._board: Board | None = None
        self._free = list(range(SLOTS))
        self._asked: dict[tuple[Any, ...], _Task] = {}
        self._live: set[_Task] = set()
        self._cache: OrderedDict[tuple[Any, ...], bytes] = OrderedDict()
        self._closed = False
        self._warming = False  # while the dispatcher starts the processes
        self._lifeline: Any = None  # the app's end of the processes' lifeline (worker.py)

    def warm(self) -> None:
        """Start the processes now, in the background (at most once)."""
        with self._lock:
            if self._dispatcher is None and not self._closed:
                self._board = self._board or self._new_board()
                self._dispatcher = threading.Thread(
                    target=self._dispatch, name=f"{THREAD_NAME}-dispatch", daemon=True
                )
                self._dispatcher.start()

    def submit(
        self, fn: Callable[..., Any], model: Compiled, *args: Any, cache: bool = True
    ) -> Job:
        """Ask `fn(model, *args, control=…)` of the pool; `fn` and `args` must pickle, `args`
        hash. `cache`: share and reuse answers to the same question (off when each call must
        be answered afresh)."""
        payload = wire.payload(model)
        name = fn.__name__.removesuffix("_job")
        key = (payload.fingerprint, fn.__module__, fn.__qualname__, args)
        self.warm()
        with self._lock:
            if self._closed:
                raise RuntimeError("the pool is shut down")
            known = self._cache.get(key) if cache else None
            if known is not None:
                self._cache.move_to_end(key)
                job = Job(self, name, model, None)
                job._settle(known, None)
                return job
            task = self._asked.get(key) if cache else None
            new = task is None
            if task is None:
                if not self._free:
                    raise RuntimeError(f"more than {SLOTS} analyses at once")
                task = _Task(key, name, self._free.pop(), payload, fn, args, model)
                assert self._board is not None
                self._board.reset(task.slot)
                self._live.add(task)
                if cache:
                    self._asked[key] = task
            job = Job(self, name, model, task)
            task.holders.append(job)
            if new:
                self._queue.put(task)  # with its first holder: a task without is abandoned
        return job

    def live(self) -> list[str]:
        """The names of jobs not finished yet (waiting, running, or stopping after a cancel)."""
        with self._lock:
            return sorted(t.name for t in self._live)

    def abandoned(self) -> list[str]:
        """The names of jobs nobody wants any more that have not stopped yet."""
        with self._lock:
            return sorted(t.name for t in self._live if not t.holders)

    def running(self) -> list[str]:
        """The names of jobs a worker is running now."""
        with self._lock:
            return sorted(t.name for t in self._live if self.started(t))

    def started(self, task: _Task) -> bool:
        assert self._board is not None
        return bool(self._board.started[task.slot])

    def progress(self, task: _Task) -> tuple[int, int]:
        assert self._board is not None
        return self._board.progress(task.slot) if task.final is None else task.final

    def shutdown(self) -> None:
        """Cancel everything and kill the processes: returns at once (HiGHS cannot be stopped
        inside a solve, and a quit must not wait for one)."""
        with self._lock:
            self._closed = True
            for task in list(self._live):
                self._abandon(task)
            executor = None if self._warming else self._executor  # else it stops itself
        self._queue.put(None)
        if executor is not None:
            _stop(executor)

    def _release(self, task: _Task, job: Job) -> bool:
        """`job` no longer wants its task's answer; True if that stops the task, which then
        tells `job` when it has ended."""
        with self._lock:
            if job not in task.holders:
                return False
            if len(task.holders) > 1:
                task.holders.remove(job)
                return False
            self._abandon(task)
            return True

    def _abandon(self, task: _Task) -> None:
        """Nobody wants this answer: stop it, and tell its jobs when it has (under the lock)."""
        task.stopping += task.holders
        task.holders.clear()
        if self._asked.get(task.key) is task:
            del self._asked[task.key]  # a new question starts afresh
        assert self._board is not None
        self._board.cancel(task.slot)
        if task.inner is not None:
            task.inner.cancel()  # never runs if it is still waiting

    def _new_board(self) -> Board:
        return Board(SLOTS, None if self.in_process else _context())

    def _dispatch(self) -> None:
        """The dispatcher thread: start the executor, then hand it each task in turn (starting
        a new executor if a process died, say killed for memory)."""
        executor: Executor | None = None
        failure: BaseException | None = None
        try:
            executor = self._start()
        except RuntimeError as error:  # e.g. a main module without `if __name__ == "__main__"`
            failure = error
        while (task := self._queue.get()) is not None:
            if executor is None or self._closed or not task.holders:
                self._finished(task, None, failure)
                continue
            try:
                try:
                    inner = self._send(executor, task)
                except BrokenExecutor:
                    executor = self._start()
                    inner = self._send(executor, task)
            except RuntimeError as error:  # broken again, or shut down meanwhile
                self._finished(task, None, error)
                continue
            with self._lock:
                task.inner = inner
                if not task.holders:  # abandoned while it was being sent
                    inner.cancel()
            inner.add_done_callback(functools.partial(self._finished, task))

    def _start(self) -> Executor:
        """The executor with every process up and warm (on the dispatcher thread)."""
        from integrate_tui.compute import worker

        assert self._board is not None
        if self.in_process:
            executor: Executor = ThreadPoolExecutor(self.processes, thread_name_prefix=THREAD_NAME)
        else:
            from concurrent.futures import ProcessPoolExecutor
            from multiprocessing import resource_tracker

            context = _context()
            if context.get_start_method() == "forkserver":
                context.set_forkserver_preload(list(self.preload))
            with _stderr_with_a_descriptor():
                resource_tracker.ensure_running()
            lifeline, self._lifeline = context.Pipe(duplex=False)
            executor = ProcessPoolExecutor(
                self.processes,
                mp_context=context,
                initializer=worker.initialise,
                initargs=(self._board, self.preload, lifeline),
            )
        with self._lock:
            self._executor, self._warming = executor, not self.in_process
        readies = []
        for _ in range(self.processes if self._warming else 0):
            with self._lock:
                if self._closed:
                    break
            readies.append(executor.submit(worker.ready))  # starts one process
        for ready in readies:
            ready.exception()  # a failure shows on the first job
        with self._lock:
            self._warming = False
            if self._closed:  # shut down while the processes started
                _stop(executor)
        return executor

    def _send(self, executor: Executor, task: _Task) -> Future[Any]:
        """Submit a task to the executor."""
        if self.in_process:
            from integrate_tui.compute.worker import execute

            board = self._board
            assert board is not None
            return executor.submit(execute, board, task.slot, task.model, task.fn, task.args)
        from integrate_tui.compute.worker import run

        data = task.payload
        return executor.submit(run, task.slot, data.fingerprint, data.data, task.fn, task.args)

    def _finished(
        self, task: _Task, inner: Future[Any] | None, failed: BaseException | None = None
    ) -> None:
        """A task ended (on an executor thread), or could not be sent (`failed`): free its slot,
        cache and hand out its answer."""
        data: bytes | None = None
        if failed is not None:
            error: BaseException | None = failed
        elif inner is None or inner.cancelled():
            error = Cancelled()
        else:
            error = inner.exception()
            data = None if error is not None else inner.result()
        with self._lock:
            self._live.discard(task)
            if self._asked.get(task.key) is task:
                del self._asked[task.key]
            assert self._board is not None
            task.final = self._board.progress(task.slot)
            self._free.append(task.slot)
            if data is not None:
                self._cache[task.key] = data
                while len(self._cache) > CACHED:
                    self._cache.popitem(last=False)
            holders, task.holders = list(task.holders), []
            stopping, task.stopping = list(task.stopping), []
        for job in holders:
            job._settle(data, error)
        for job in stopping:
            job._settle(None, Cancelled())


def _end(future: Future[Any], result: Any, error: BaseException | None) -> None:
    """Settle a future unless the other side (answer or cancel) got there first."""
    with suppress(InvalidStateError):
        if error is not None:
            future.set_exception(error)
        else:
            future.set_result(result)


@contextmanager
def _stderr_with_a_descriptor() -> Iterator[None]:
    """multiprocessing's resource tracker, started with the first process, is handed
    sys.stderr's file descriptor; inside a Textual app sys.stderr is a capture without one
    (fileno −1, which fails the start). Lend it /dev/null meanwhile: its warnings must not
    land on the screen either."""
    try:
        usable = sys.stderr.fileno() >= 0
    except (AttributeError, ValueError, OSError):
        usable = False
    if usable:
        yield
        return
    with open(os.devnull, "w") as sink:
        previous, sys.stderr = sys.stderr, sink
        try:
            yield
        finally:
            if sys.stderr is sink:  # unless the app put its own back meanwhile
                sys.stderr = previous


def _context() -> Any:
    """The multiprocessing context: forkserver where there is one, else spawn; never fork."""
    import multiprocessing

    methods = multiprocessing.get_all_start_methods()
    return multiprocessing.get_context("forkserver" if "forkserver" in methods else "spawn")


def _stop(executor: Executor) -> None:
    """Kill an executor's processes (if any) and shut it down without waiting."""
    for process in list((getattr(executor, "_processes", None) or {}).values()):
        process.kill()  # private, but the only handle on them: HiGHS cannot be interrupted
    executor.shutdown(wait=False, cancel_futures=True)
