"""Silence file descriptor 1 around HiGHS: it prints from C even with disp=False.

scipy's bundled HiGHS sometimes writes a debug line (`HighsMipSolverData::…
tmpSolver.run();`) straight to fd 1, which would corrupt `--json` output. Every solve goes
through `quiet_stdout`: Python's and C's buffers are flushed, fd 1 points at /dev/null for
the solve, and both are flushed again before fd 1 is restored. Textual draws on stderr, so
the app's screen is unaffected. Solves may run at once in several threads (HiGHS releases
the GIL): the first to enter swaps fd 1 out and the last to leave swaps it back, so no solve
ever runs with fd 1 restored under it.
"""

from __future__ import annotations

import ctypes
import os
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from functools import cache

_LOCK = threading.Lock()


class _Guard:
    """How many solves are inside `quiet_stdout`, and the real fd 1 saved while any are."""

    active = 0
    saved: int | None = None


@cache
def _libc_fflush() -> ctypes._CFuncPtr | None:  # type: ignore[name-defined]
    """C's fflush, to push out what C code buffered before fd 1 changes (None if unavailable)."""
    try:
        return ctypes.CDLL(None).fflush
    except (OSError, AttributeError):
        return None


def _flush_all() -> None:
    """Flush Python's stdout and every C stdio stream."""
    with suppress(AttributeError, ValueError, OSError):
        sys.stdout.flush()
    fflush = _libc_fflush()
    if fflush is not None:
        fflush(None)


@contextmanager
def quiet_stdout() -> Iterator[None]:
    """Run the body with fd 1 pointed at /dev/null, restoring it when no solve is left inside."""
    with _LOCK:
        if _Guard.active == 0:
            _flush_all()
            _Guard.saved = _silence()
        _Guard.active += 1
    try:
        yield
    finally:
        with _LOCK:
            _Guard.active -= 1
            if _Guard.active == 0 and _Guard.saved is not None:
                _flush_all()
                os.dup2(_Guard.saved, 1)
                os.close(_Guard.saved)
                _Guard.saved = None


def _silence() -> int | None:
    """Point fd 1 at /dev/null; returns a duplicate of the old fd 1 (None if there was none)."""
    try:
        saved = os.dup(1)
    except OSError:  # no fd 1 at all: nothing to protect
        return None
    with open(os.devnull, "wb") as sink:
        os.dup2(sink.fileno(), 1)
    return saved
