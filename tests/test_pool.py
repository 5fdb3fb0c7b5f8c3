"""The process pool: jobs run elsewhere, are shared and cached, cancel, and die with the pool."""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

import pool_jobs
from integrate_tui.compute import Pool
from integrate_tui.engine import Compiled, compile_scenario
from integrate_tui.engine.optimise import Cancelled, Infeasible
from integrate_tui.files import load
from integrate_tui.session.analyses import robustness_job, tornado_job

pytestmark = pytest.mark.usefixtures("process_pool")


def wait_for(predicate: Callable[[], object], what: str, timeout: float = 60.0) -> None:
    """Poll until `predicate()` holds; the timeout only stops a broken test from hanging."""
    deadline = time.monotonic() + timeout
    while not predicate():
        if time.monotonic() > deadline:
            pytest.fail(f"waited {timeout:g} s for {what}")
        time.sleep(0.01)


@pytest.fixture
def model(example_path: Path) -> Compiled:
    return compile_scenario(load(example_path))


@pytest.fixture
def bundled() -> Compiled:
    from integrate_tui.bundled import bundled_path

    return compile_scenario(load(bundled_path()))


@pytest.fixture
def pool() -> Iterator[Pool]:
    pool = Pool(processes=1)
    yield pool
    pool.shutdown()


def gone(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return True
    return False


def test_a_job_runs_in_another_process_and_returns_its_result(pool: Pool, model: Compiled) -> None:
    pid, back = pool.submit(pool_jobs.where_job, model).future.result(timeout=60)
    assert pid != os.getpid()
    assert back is model  # the model comes back by reference, as the caller's own object


def test_the_same_question_is_shared_while_it_runs_and_cached_after(
    pool: Pool, model: Compiled, tmp_path: Path
) -> None:
    gate = str(tmp_path / "gate")
    first = pool.submit(pool_jobs.hold_job, model, gate)
    second = pool.submit(pool_jobs.hold_job, model, gate)
    assert pool.live() == ["hold"]  # one job for both
    first.cancel()  # the other still wants it: it goes on
    assert pool.abandoned() == []
    Path(gate).touch()
    assert second.future.result(timeout=60) != os.getpid()
    with pytest.raises(Cancelled):
        first.future.result(timeout=60)
    again = compile_scenario(model.scenario)  # an equal model, another object
    cached = pool.submit(pool_jobs.where_job, model)
    cached.future.result(timeout=60)
    hit = pool.submit(pool_jobs.where_job, again)
    assert hit.done() and hit.future.result()[1] is again


def test_cancelling_a_waiting_job_means_it_never_runs(
    pool: Pool, model: Compiled, tmp_path: Path
) -> None:
    gate, mark = str(tmp_path / "gate"), tmp_path / "mark"
    holding = pool.submit(pool_jobs.hold_job, model, gate)  # the one process is busy
    waiting = pool.submit(pool_jobs.mark_job, model, str(mark))
    wait_for(lambda: holding.running, "the first job to start")
    assert not waiting.running
    waiting.cancel()
    Path(gate).touch()
    holding.future.result(timeout=60)
    wait_for(lambda: not pool.live(), "every job to end")
    with pytest.raises(Cancelled):
        waiting.future.result()
    assert not mark.exists()


def test_cancelling_a_running_tornado_stops_it_before_its_last_solve(
    pool: Pool, bundled: Compiled
) -> None:
    job = pool.submit(tornado_job, bundled)
    wait_for(lambda: job.progress[0] >= 1, "the tornado's first solve")
    job.cancel()
    assert pool.abandoned() == ["tornado"]
    wait_for(lambda: not pool.live(), "the tornado to stop")
    with pytest.raises(Cancelled):
        job.future.result()
    done, total = job.progress
    assert done < total


def test_cancelling_a_running_monte_carlo_stops_it_before_its_last_solve(
    pool: Pool, bundled: Compiled
) -> None:
    job = pool.submit(robustness_job, bundled)
    wait_for(lambda: job.progress[0] >= 1, "the first candidate solve")
    job.cancel()
    wait_for(lambda: not pool.live(), "the Monte Carlo run to stop")
    with pytest.raises(Cancelled):
        job.future.result()
    done, total = job.progress
    assert done < total


def test_a_users_error_crosses_with_its_message(pool: Pool, model: Compiled) -> None:
    with pytest.raises(Infeasible) as raised:
        pool.submit(pool_jobs.infeasible_job, model).future.result(timeout=60)
    assert raised.value.conflicts == ["capacity of Programme budget", "floor: diaspora"]
    assert "floor: diaspora" in raised.value.message


def test_a_workers_output_never_reaches_the_terminal(
    pool: Pool, model: Compiled, capfd: pytest.CaptureFixture[str]
) -> None:
    assert pool.submit(pool_jobs.noisy_job, model).future.result(timeout=60) == "written"
    captured = capfd.readouterr()
    assert captured.out == "" and captured.err == ""


def test_shutdown_kills_a_process_in_the_middle_of_a_job(
    pool: Pool, model: Compiled, tmp_path: Path
) -> None:
    gate = tmp_path / "gate"
    job = pool.submit(pool_jobs.hold_job, model, str(gate))  # never released
    pid_file = Path(f"{gate}.pid")
    wait_for(pid_file.exists, "the job to start")
    pool.shutdown()
    wait_for(lambda: gone(int(pid_file.read_text())), "the worker process to die")
    wait_for(job.done, "the job to end")


def test_the_pool_module_imports_neither_textual_nor_multiprocessing() -> None:
    import subprocess
    import sys

    code = (
        "import sys, integrate_tui.compute, integrate_tui.engine.optimise\n"
        "print(sorted(m for m in ('textual', 'multiprocessing') if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
