"""The tornado's gaps and time budget, and cancelling long analyses.

By default every tornado solve is proven to 0.01 % (no re-solves); at the frontier's looser
gap it must tell the same story: the same "package changes" flags, bars within the gap.
"""

from __future__ import annotations

import time
from collections.abc import Callable

import pytest

from integrate_tui.bundled import bundled_path
from integrate_tui.engine import Compiled, compile_scenario
from integrate_tui.engine.optimise import (
    FRONTIER_GAP,
    Cancelled,
    Control,
    Options,
    Tornado,
    frontier,
    robustness,
    tornado,
)
from integrate_tui.engine.optimise.budget import Budget
from integrate_tui.engine.optimise.core import WORKERS
from integrate_tui.engine.optimise.tornado import REFINE_GAP, TIME_BUDGET
from integrate_tui.files import load
from optimise_scenarios import compiled

TIGHT = Options(gap=REFINE_GAP)
LOOSE = Options(gap=FRONTIER_GAP, time_limit=TIME_BUDGET)


def bundled() -> Compiled:
    return compile_scenario(load(bundled_path()))


def flags(t: Tornado) -> dict[str, tuple[bool, bool]]:
    return {b.value: (bool(b.changed[0]), bool(b.changed[1])) for b in t.bars}


def bars(t: Tornado) -> dict[str, tuple[float, float]]:
    return {b.value: b.optimum for b in t.bars}


def same_story(model: Compiled) -> tuple[dict[str, tuple[bool, bool]], Tornado]:
    """The tornado at the frontier's gap, checked against the tight one: its flags, and it."""
    tight, loose = tornado(model, TIGHT), tornado(model, LOOSE)
    assert loose.status == "optimal"
    assert flags(loose) == flags(tight)
    assert loose.base == pytest.approx(tight.base, abs=1e-9)  # the stated optimum is tight
    for value, (low, high) in bars(loose).items():
        for found, proven in zip((low, high), bars(tight)[value], strict=True):
            assert found == pytest.approx(proven, abs=FRONTIER_GAP * max(1.0, abs(proven)))
    return flags(loose), loose


def test_the_loose_tornado_flags_the_same_package_changes_as_a_tight_one_on_bundled() -> None:
    found, t = same_story(bundled())
    assert any(any(f) for f in found.values())  # some weight moves change the package …
    assert not all(all(f) for f in found.values())  # … and some do not
    assert t.solves > 1 + 2 * len(t.bars)  # those were solved again to tell


def test_the_default_tornado_is_proven_tight_in_one_solve_a_move() -> None:
    model = bundled()
    default, tight = tornado(model), tornado(model, Options(gap=REFINE_GAP, time_limit=60.0))
    assert default.solves == 1 + 2 * len(default.bars)  # the stated optimum, then each move
    assert default.gap <= REFINE_GAP and default.status == "optimal"
    assert flags(default) == flags(tight) and bars(default) == bars(tight)


@pytest.mark.parametrize("seed", range(8))
def test_the_default_tornado_flags_the_same_package_changes_on_generated_scenarios(
    seed: int,
) -> None:
    same_story(compiled(seed, shares=seed % 2 == 1))


def test_a_time_budget_is_shared_by_the_solves_still_to_come() -> None:
    spent = Budget(TIME_BUDGET, started=time.perf_counter() - 2 * TIME_BUDGET, solves=10)
    assert spent.share() == 0.0
    later = time.perf_counter() + 3600.0  # started in an hour: nothing spent yet
    fresh = Budget(10.0, started=later, solves=WORKERS * 4)
    assert fresh.share(whole=True) > 10.0  # all of what is left, for the stated optimum
    left = WORKERS * 4 - 1
    assert fresh.share() == pytest.approx(fresh.share(whole=True) * WORKERS / left, rel=1e-6)
    assert Budget(None, started=0.0, solves=3).share() is None


def cancel_after(solves: int) -> tuple[Control, list[tuple[int, int]]]:
    """A control that cancels once `solves` solves are reported done, and what it heard."""
    heard: list[tuple[int, int]] = []

    def report(done: int, total: int) -> None:
        heard.append((done, total))

    return Control(cancelled=lambda: bool(heard) and heard[-1][0] >= solves, report=report), heard


def first_frontier(model: Compiled, control: Control) -> object:
    x, y = "interest:" + model.interest_ids[0], "value:" + model.value_ids[0]
    return frontier(model, x, y, 12, control=control)


@pytest.mark.parametrize(
    "analysis",
    [
        lambda m, c: tornado(m, control=c),
        first_frontier,
        lambda m, c: robustness(m, 2_000, 0, control=c),
    ],
    ids=["tornado", "frontier", "monte-carlo"],
)
def test_a_cancelled_analysis_stops_within_a_solve_or_two(
    analysis: Callable[[Compiled, Control], object],
) -> None:
    control, heard = cancel_after(2)
    with pytest.raises(Cancelled):
        analysis(bundled(), control)
    done, total = heard[-1]
    assert 2 <= done <= 2 + WORKERS < total  # those already running finish, no more start


def test_monte_carlo_checks_between_chunks_of_samples() -> None:
    calls = []

    def cancelled() -> bool:
        calls.append(1)
        return len(calls) > 2  # the stated optimum's solve, the first chunk, then stop

    with pytest.raises(Cancelled):
        robustness(compiled(1), 20_000, 0, candidates=0, control=Control(cancelled=cancelled))
    assert len(calls) == 3
