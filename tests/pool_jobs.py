"""Jobs for the process-pool tests (not a test module): importable by the pool's processes."""

from __future__ import annotations

import os
import time
from pathlib import Path

from integrate_tui.engine import Compiled
from integrate_tui.engine.optimise import Control, Infeasible


def where_job(model: Compiled, *, control: Control) -> tuple[int, Compiled]:
    """The process it ran in, and the model it was given."""
    return os.getpid(), model


def hold_job(model: Compiled, gate: str, *, control: Control) -> int:
    """Write this process's id next to `gate`, then wait (cancellably) until `gate` exists."""
    Path(gate + ".pid").write_text(str(os.getpid()))
    while not Path(gate).exists():
        control.check()
        time.sleep(0.01)
    return os.getpid()


def mark_job(model: Compiled, mark: str, *, control: Control) -> str:
    """Create the file `mark`: proof that the job ran."""
    Path(mark).touch()
    return mark


def noisy_job(model: Compiled, *, control: Control) -> str:
    """Write to file descriptors 1 and 2, as HiGHS and warnings would."""
    os.write(1, b"HighsMipSolverData::transformNewIntegerFeasibleSolution tmpSolver.run();\n")
    os.write(2, b"RuntimeWarning: something on stderr\n")
    return "written"


def infeasible_job(model: Compiled, *, control: Control) -> None:
    """Fail the way the optimiser does when no package fits."""
    raise Infeasible(["capacity of Programme budget", "floor: diaspora"])
