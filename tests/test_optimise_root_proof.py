"""Faster proofs: the LP bound with a root-node sub-MILP, and solves run at once in threads."""

from __future__ import annotations

import itertools
import threading
import time
from dataclasses import replace
from typing import Any

import numpy as np
import pytest

from integrate_tui.engine.optimise import (
    Infeasible,
    Options,
    formulation,
    frontier,
    optimise,
    program,
)
from integrate_tui.engine.optimise.core import WORKERS, setup
from integrate_tui.engine.optimise.criteria import integrated
from integrate_tui.engine.optimise.program import ROOT_PROOF_GAP, Program, Solution
from optimise_scenarios import brute_force, compiled, every_package, feasible

LOOSE = Options(gap=0.02)


@pytest.fixture(autouse=True)
def _root_proof_at_every_size(monkeypatch: pytest.MonkeyPatch) -> None:
    """These programs are small: make them take the root proof, which is what is tested."""
    monkeypatch.setattr(program, "SMALL", 0)


def test_small_programs_skip_the_root_proof(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(program, "SMALL", 3)
    sol = _knapsack(2.0).solve(np.array([3.0, 2.0, 1.0]), gap=ROOT_PROOF_GAP)
    assert sol.proof == "branch and bound"
    assert sol.objective == pytest.approx(5.0)


def _knapsack(capacity: float) -> Program:
    """Three yes/no activities of cost 1 sharing one capacity: x0 + x1 + x2 ≤ capacity."""
    prog = Program(lower=np.zeros(3), upper=np.ones(3), integral=np.ones(3, dtype=int))
    prog.add_row("capacity", np.ones(3), -np.inf, capacity)
    return prog


def test_an_lp_that_proves_the_gap_answers_without_branch_and_bound() -> None:
    sol = _knapsack(2.0).solve(np.array([3.0, 2.0, 1.0]), gap=ROOT_PROOF_GAP)
    assert sol.proof == "root"
    assert sol.status == "optimal"
    assert sol.objective == pytest.approx(5.0)
    assert np.allclose(sol.x, [1, 1, 0])


def test_an_lp_bound_too_far_above_goes_on_to_branch_and_bound() -> None:
    # the LP takes half of the third activity: bound 5.5 against a best package of 5
    sol = _knapsack(2.5).solve(np.array([3.0, 2.0, 1.0]), gap=ROOT_PROOF_GAP)
    assert sol.proof == "branch and bound"
    assert sol.objective == pytest.approx(5.0)


def test_tight_gaps_never_take_the_root_proof() -> None:
    sol = _knapsack(2.0).solve(np.array([3.0, 2.0, 1.0]), gap=ROOT_PROOF_GAP / 10)
    assert sol.proof == "branch and bound"


def test_an_infeasible_lp_is_reported_infeasible() -> None:
    prog = _knapsack(2.0)
    prog.add_row("at least three", np.ones(3), 3.0, np.inf)
    assert prog.solve(np.ones(3), gap=ROOT_PROOF_GAP).status == "infeasible"


@pytest.mark.parametrize("seed", range(30))
@pytest.mark.parametrize("shares", [False, True])
def test_loose_gap_packages_are_within_the_gap_of_brute_force(seed: int, shares: bool) -> None:
    model = compiled(seed, shares=shares)
    allowed = brute_force(model)
    if not allowed:
        with pytest.raises(Infeasible):
            optimise(model, options=LOOSE)
        return
    r = optimise(model, options=LOOSE)
    best = max(s.overall for s in allowed)
    assert feasible(r.score)
    assert r.bound >= best - 1e-6  # the bound is a true upper bound on every package
    assert r.value >= best - LOOSE.gap * max(abs(best), abs(r.value)) - 1e-6
    assert r.approximation_error < 1e-6


@pytest.mark.skipif(WORKERS < 2, reason="one core: solves run one at a time")
def test_frontier_solves_run_at_once(monkeypatch: pytest.MonkeyPatch) -> None:
    # The first two solves wait for each other: run one after the other, they would time out.
    meet = threading.Barrier(2, timeout=10)
    calls = itertools.count()
    solve = Program.solve

    def together(self: Program, *args: Any, **kwargs: Any) -> Solution:
        if next(calls) < 2:
            meet.wait()
        return solve(self, *args, **kwargs)

    monkeypatch.setattr(Program, "solve", together)
    assert len(frontier(compiled(3), "k0", "value:v1", points=4).points) >= 1


def _hinted_rows(prog: Program) -> np.ndarray:
    """The hints' rows as a dense matrix over the program's variables, then the extra ones."""
    hints = prog.hints
    assert hints is not None
    cols = np.where(hints.extra, prog.size + hints.col, hints.col)
    rows = np.zeros((int(hints.row.max()) + 1, prog.size + hints.count))
    np.add.at(rows, (hints.row, cols), hints.data)
    return rows


@pytest.mark.parametrize("seed", range(12))
def test_the_hull_rows_hold_for_every_package(seed: int) -> None:
    # y_lm = x_il·x_jm at every combination of levels: the rows cut off no package
    model = compiled(seed)
    base = setup(model, Options())
    form, lv = base.form, base.levels
    hints = base.prog.hints
    assert hints is not None and np.array_equal(hints.start, lv.start)
    if not hints.count:
        return
    rows = _hinted_rows(base.prog)
    pairs = np.flatnonzero(form.product == 2)
    for funding in every_package(model):
        chosen = np.array(
            [lv.start[i] + int(np.argmin(np.abs(lv.funding[lv.start[i] : lv.start[i + 1]] - f)))
             for i, f in enumerate(funding)]
        )  # fmt: skip
        v = form.point(chosen)
        y = [np.outer(v[lv.start[i] : lv.start[i + 1]], v[lv.start[j] : lv.start[j + 1]])
             for i, j in form.side[pairs]]  # fmt: skip
        full = np.r_[v, np.concatenate([block.ravel() for block in y])]
        assert np.allclose(rows @ full, 0.0, atol=1e-12)


@pytest.mark.parametrize("seed", range(12))
def test_the_hull_bound_is_tighter_than_the_plain_lp_and_still_a_bound(seed: int) -> None:
    model = compiled(seed)
    allowed = brute_force(model)
    if not allowed:
        return
    base = setup(model, Options())
    coef, constant = base.expression(integrated(model, model.default_weights))
    c = -np.r_[coef, np.zeros(base.prog.size - len(coef))]
    plain = replace(base.prog, hints=None)
    rows = base.prog._constraints(frozenset())
    bounds = [
        -p._relaxation(c, rows, None, time.perf_counter()).fun + constant
        for p in (plain, base.prog)
    ]
    best = max(s.overall for s in allowed)
    assert bounds[0] >= bounds[1] - 1e-9 >= best - 2e-9
    if seed == 1:  # a pair of split levels the plain LP combines as it likes: 0.2 points
        assert bounds[0] - bounds[1] > 0.1


def test_too_large_a_hull_leaves_the_plain_lp_bound(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(formulation, "MAX_HULL", 0)
    model = compiled(4)
    hints = setup(model, Options()).prog.hints
    assert hints is not None and hints.count == 0 and len(hints.start) == len(model.funding) + 1
    best = max(s.overall for s in brute_force(model))
    assert optimise(model, options=LOOSE).value >= best - LOOSE.gap * abs(best) - 1e-6
