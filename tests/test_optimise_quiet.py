"""HiGHS may print from C to fd 1; every solve keeps stdout clean (performance.md's trap)."""

from __future__ import annotations

import os
import subprocess
import sys
import threading

import pytest

from integrate_tui.engine.optimise import frontier, optimise, quiet_stdout
from optimise_scenarios import compiled


def test_solves_leave_stdout_and_stderr_clean(capfd: pytest.CaptureFixture[str]) -> None:
    model = compiled(5)
    optimise(model)
    optimise(model, "fair")
    frontier(model, "k0", "v1", points=3)
    out, err = capfd.readouterr()
    assert out == ""
    assert err == ""


CHILD = """
import ctypes
from integrate_tui.engine.optimise import quiet_stdout
libc = ctypes.CDLL(None)
print("before", end="")
with quiet_stdout():
    libc.printf(b"HighsMipSolverData::transformNewIntegerFeasibleSolution tmpSolver.run();")
    os.write(1, b"straight to fd 1")
libc.fflush(None)
print(" after")
"""


def test_c_writes_inside_the_guard_never_reach_stdout() -> None:
    # Without PYTHONUNBUFFERED, C's stdout into a pipe is block-buffered: text printed by C
    # inside the guard must be flushed to /dev/null before fd 1 comes back, or it leaks later.
    env = {k: v for k, v in os.environ.items() if k != "PYTHONUNBUFFERED"}
    code = "import os\n" + CHILD
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=env, check=True
    )
    assert result.stdout == "before after\n"


def test_fd_writes_inside_the_guard_vanish(capfd: pytest.CaptureFixture[str]) -> None:
    print("before", end="")  # buffered by Python: must come out before the swap
    with quiet_stdout():
        os.write(1, b"straight to fd 1\n")
    print(" after")
    assert capfd.readouterr().out == "before after\n"


def test_the_guard_restores_stdout_after_an_error(capfd: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(RuntimeError), quiet_stdout():
        raise RuntimeError("boom")
    os.write(1, b"visible\n")
    assert capfd.readouterr().out == "visible\n"


def test_overlapping_guards_keep_fd_1_silent_until_the_last_leaves(
    capfd: pytest.CaptureFixture[str],
) -> None:
    # Solves run at once in threads: the first guard to leave must not restore fd 1 under
    # a solve still running in another thread.
    first_in, first_out = threading.Event(), threading.Event()
    overlapped: list[bool] = []

    def first() -> None:
        with quiet_stdout():
            first_in.set()
            overlapped.append(second_in.wait(5))  # both guards held at once: no lock
        first_out.set()

    second_in = threading.Event()
    thread = threading.Thread(target=first)
    thread.start()
    first_in.wait(5)
    with quiet_stdout():
        second_in.set()
        first_out.wait(5)
        os.write(1, b"after the first guard left\n")
    thread.join(5)
    os.write(1, b"visible\n")
    assert overlapped == [True]
    assert capfd.readouterr().out == "visible\n"
