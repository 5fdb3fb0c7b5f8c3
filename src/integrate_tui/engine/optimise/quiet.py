"""Silence file descriptor 1 around HiGHS: it prints from C even with disp=False.

scipy's bundled HiGHS sometimes writes a debug line (`HighsMipSolverData::…
tmpSolver.run();`) straight to fd 1, which would corrupt `--json` output. Every solve goes
through `quiet_stdout`: Python's and C's buffers are flushed, fd 1 points at /dev/null for
the solve, and both are flushed again before fd 1 is restored. Textual draws on stderr, so
the app's screen is unaffected; a lock keeps concurrent solves from interleaving the swap.
"""

from __future__ import annotations

import ctypes
import os
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from functools import cache

_LOCK = threading.RLock()


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
    """Run the body with fd 1 pointed at /dev/null, restoring it afterwards."""
    with _LOCK:
        _flush_all()
        try:
            saved = os.dup(1)
        except OSError:  # no fd 1 at all: nothing to protect
            yield
            return
        try:
            with open(os.devnull, "wb") as sink:
                os.dup2(sink.fileno(), 1)
            try:
                yield
            finally:
                _flush_all()
                os.dup2(saved, 1)
        finally:
            os.close(saved)
