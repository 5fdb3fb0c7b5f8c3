"""A scenario's MILP set up once and asked many questions: the shared core of every analysis."""

from __future__ import annotations

import os
import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import numpy as np

from integrate_tui.engine.compiled import Compiled
from integrate_tui.engine.optimise.constraints import Options, add_rules
from integrate_tui.engine.optimise.criteria import Criterion, integrated
from integrate_tui.engine.optimise.diagnose import conflicts, floor_reach, prechecks
from integrate_tui.engine.optimise.errors import Infeasible, OptimiseError
from integrate_tui.engine.optimise.formulation import Formulation, formulate
from integrate_tui.engine.optimise.levels import Levels, level_grid
from integrate_tui.engine.optimise.program import Program, Solution
from integrate_tui.engine.optimise.settle import settle

CORES = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
WORKERS = max(1, min(4, CORES or 1))
"""Threads for independent solves (frontier steps, tornado, Monte Carlo candidates): HiGHS
solves these MILPs on one core and releases the GIL, so solves in threads run at once. The
cores this process may use, not the machine's, and at most 4: more would only queue."""


@dataclass(frozen=True)
class Setup:
    """Level grid, formulation and the program with every rule, for one model and options."""

    model: Compiled
    options: Options
    levels: Levels
    form: Formulation
    prog: Program

    def expression(
        self, criterion: Criterion, activities: np.ndarray | None = None
    ) -> tuple[np.ndarray, float]:
        """Coefficients and constant of a criterion over this program's variables."""
        return self.form.expression(criterion, activities)

    def maximise(
        self,
        coef: np.ndarray,
        constant: float = 0.0,
        *,
        prog: Program | None = None,
        time_limit: float | None = None,
        gap: float | None = None,
    ) -> Solution:
        """Solve for the best package; raise `Infeasible` naming the rules if there is none.

        `time_limit` and `gap` default to the options'."""
        program = self.prog if prog is None else prog
        limit = self.options.time_limit if time_limit is None else time_limit
        sol = program.solve(
            coef, constant, time_limit=limit, gap=self.options.gap if gap is None else gap
        )
        if sol.status == "infeasible":
            raise Infeasible(
                floor_reach(self.form, self.prog, self.options)
                or conflicts(self.form, program, self.options)
            )
        if sol.x is None:
            raise unsolved(sol, limit)
        return sol

    @property
    def stated_weights(self) -> np.ndarray:
        """The raw value weights in force: the options' or else the scenario's."""
        weights = self.options.weights
        return self.model.default_weights if weights is None else weights

    def chosen(self, sol: Solution, *expressions: np.ndarray) -> np.ndarray:
        """The flat level a solution chose for each activity; with the expressions the
        question is made of, activities none of them depends on are settled toward the
        current funding (settle.py, the tie rule of docs/optimiser.md)."""
        chosen = self.levels.chosen(sol.x)
        return settle(self.form, self.options, chosen, expressions) if expressions else chosen

    def package(self, sol: Solution, *expressions: np.ndarray) -> np.ndarray:
        """The funding vector a solution chose (settled as `chosen` says)."""
        return self.levels.package(self.chosen(sol, *expressions))

    def best(self, weights: np.ndarray) -> np.ndarray:
        """The funding of the optimal package for the integrated score under raw weights."""
        coef, constant = self.expression(integrated(self.model, weights))
        return self.package(self.maximise(coef, constant), coef)


def setup(
    model: Compiled, options: Options | None = None, *, hold: np.ndarray | None = None
) -> Setup:
    """Build the MILP; raise `Infeasible` at once when arithmetic shows no package can fit.

    `hold` keeps the activities where it is true at their current funding.
    """
    opts = options or Options()
    levels = level_grid(model, hold)
    found = prechecks(model, levels, opts)
    if found:
        raise Infeasible(found)
    form = formulate(model, levels)
    prog = form.program()
    add_rules(form, prog, opts)
    return Setup(model, opts, levels, form, prog)


def maximin(
    prog: Program, rows: Iterable[tuple[str, np.ndarray, float]]
) -> tuple[Program, np.ndarray]:
    """A copy of `prog` with a free variable t and a row coef·v − t ≥ lower per (name, coef,
    lower), and the objective "maximise t": the largest t that every row exceeds."""
    extended = prog.copy()
    t = extended.add_variable(-np.inf, np.inf)
    for name, coef, lower in rows:
        row = np.r_[coef, np.zeros(extended.size - len(coef))]
        row[t] = -1.0
        extended.add_row(name, row, lower, np.inf)
    goal = np.zeros(extended.size)
    goal[t] = 1.0
    return extended, goal


def remaining(limit: float | None, started: float) -> float | None:
    """What is left of a time limit (seconds) since `started`, never below 1 ms; None: no limit."""
    return None if limit is None else max(limit - (time.perf_counter() - started), 1e-3)


def status(sols: Sequence[Solution]) -> str:
    """The status of a result made of several solves: limited if any solve hit its time limit."""
    return "time limit: best found" if any(s.status == "time limit" for s in sols) else "optimal"


def unsolved(sol: Solution, limit: float | None) -> OptimiseError:
    """Why a solve that was not infeasible gave no package: the time limit, or the solver."""
    if sol.status == "time limit":
        return OptimiseError(
            f"no package found within the time limit of {limit:g} s; allow more time"
        )
    return OptimiseError(f"the solver failed: {sol.message}")
