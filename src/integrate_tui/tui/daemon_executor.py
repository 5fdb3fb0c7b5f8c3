"""Thread workers that never hold up quitting.

The heavy solves run in the app's process pool (`integrate_tui.compute`), which quitting
kills; what is left on threads is light (building the work, the greedy answer, files).
Textual runs `@work(thread=True)` jobs on the event loop's default executor, and
`asyncio.run` joins that executor's threads before it returns: quitting while one still
ran would leave the terminal blank until it ended. Here each job gets its own daemon thread
instead, so `App.run` returns at once. A process must then not tear down under such a
thread (a solve in it, e.g. in tests that run pool jobs in-process, would abort in HiGHS's
C++ thread pool), so the CLI leaves with `leave_now` when one is still busy; an unfinished
job is simply dropped (its worker was cancelled anyway).
"""

from __future__ import annotations

import asyncio
import os
import sys
import threading
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from typing import Any

THREAD_NAME = "integrate-tui-worker"


class DaemonExecutor(ThreadPoolExecutor):
    """One daemon thread per job; shutting down never waits (asyncio requires the base class)."""

    def submit(self, fn: Callable[..., Any], /, *args: Any, **kwargs: Any) -> Future[Any]:
        future: Future[Any] = Future()

        def run() -> None:
            if not future.set_running_or_notify_cancel():
                return
            try:
                future.set_result(fn(*args, **kwargs))
            except BaseException as error:  # handed to the worker, which reports it
                future.set_exception(error)

        threading.Thread(target=run, name=THREAD_NAME, daemon=True).start()
        return future

    def shutdown(self, wait: bool = True, *, cancel_futures: bool = False) -> None:
        """Nothing to wait for: daemon threads end with the process."""


def use_daemon_threads() -> None:
    """Make the running event loop run thread workers on daemon threads."""
    asyncio.get_running_loop().set_default_executor(DaemonExecutor())


def workers_running() -> bool:
    """Whether a worker thread is still busy (say, a solve the user quit in the middle of)."""
    return any(t.name == THREAD_NAME and t.is_alive() for t in threading.enumerate())


def leave_now(code: int) -> None:
    """End the process at once with `code`, after flushing what was written to stdout/stderr."""
    for stream in (sys.stdout, sys.stderr):
        stream.flush()
    os._exit(code)
