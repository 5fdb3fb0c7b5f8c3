"""What runs in the pool's processes (and, for tests, on the pool's threads).

Each process is set up once by `initialise`: the shared board, file descriptors 1 and 2 sent
to /dev/null (HiGHS writes to fd 1 from C, and a warning on fd 2 would land on the app's
screen), a lower priority so the UI process always gets a core first, Ctrl+C left to the UI,
a thread that ends the process when the app's process ends (however it ends), and the heavy
imports done before the first job. Models are unpickled once per fingerprint.
"""

from __future__ import annotations

import importlib
import os
import pickle
import signal
import threading
from collections import OrderedDict
from collections.abc import Callable, Sequence
from contextlib import suppress
from multiprocessing.connection import Connection
from typing import Any

from integrate_tui.compute.board import Board
from integrate_tui.compute.wire import dump_result
from integrate_tui.engine import Compiled

NICENESS = 10
"""How much lower than the UI the pool's processes run (os.nice)."""
MODELS = 4
"""Unpickled models a process keeps, by fingerprint."""

_board: Board | None = None
_models: OrderedDict[str, Compiled] = OrderedDict()


def initialise(board: Board, preload: Sequence[str], lifeline: Connection) -> None:
    """Set up one pool process (see the module docstring)."""
    global _board
    _board = board
    silence()
    threading.Thread(target=_outlive_not, args=(lifeline,), daemon=True).start()
    if hasattr(os, "nice"):
        os.nice(NICENESS)
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    for name in preload:
        importlib.import_module(name)


def silence() -> None:
    """Point this process's file descriptors 1 and 2 at /dev/null."""
    with open(os.devnull, "wb") as sink:
        for fd in (1, 2):
            os.dup2(sink.fileno(), fd)


def _outlive_not(lifeline: Connection) -> None:
    """End this process as soon as the app's ends (say by `os._exit`, before the pool could
    stop it): only the app holds the other end of `lifeline`, so waiting on it ends then."""
    with suppress(EOFError, OSError):
        lifeline.recv()
    os._exit(0)


def ready() -> int:
    """A job that only proves the process is up (the pool's warm-up)."""
    return os.getpid()


def run(slot: int, fingerprint: str, data: bytes, fn: Callable[..., Any], args: tuple) -> bytes:
    """Run one job in this process on the model pickled in `data`; the result pickled."""
    assert _board is not None, "initialise() sets up every pool process"
    model = _models.get(fingerprint)
    if model is None:
        model = pickle.loads(data)
        _models[fingerprint] = model
        while len(_models) > MODELS:
            _models.popitem(last=False)
    _models.move_to_end(fingerprint)
    return execute(_board, slot, model, fn, args)


def execute(board: Board, slot: int, model: Compiled, fn: Callable[..., Any], args: tuple) -> bytes:
    """`fn(model, *args, control=…)` unless cancelled before it starts; the result pickled."""
    control = board.control(slot)
    control.check()  # a job cancelled while it waited never runs
    board.start(slot)
    return dump_result(fn(model, *args, control=control), model)
