"""A MILP as named blocks of rows, solved by HiGHS through scipy with stdout kept clean.

Blocks carry names so that an infeasible problem can be diagnosed by dropping them one at
a time. scipy is imported only inside `Program.solve`: importing the engine stays cheap.

Root proof. A solve asked for a gap of at least ROOT_PROOF_GAP, of a program larger than
SMALL, first tries to prove it
without branch and bound. An LP relaxation gives an upper bound B on every package: the
program's own LP, tightened by the formulation's `Hints` (the exact convex hull of each
interaction product, valid for every package, which brings B within ~0.01 % of the optimum
where the plain LP is 0.1–0.15 % above it). Each activity the LP funds at one level keeps
that level (then, if that is not enough, that level or a neighbour) and the small MILP over
the rest is solved at its root node. If its package is within the gap of B, it is returned,
proven by B. Otherwise the full MILP runs as usual: the hull rows make HiGHS's own search
slower, so they serve only the bound. Sub-MILPs are limited by nodes, not time, so the
answer does not depend on the machine's speed. Measured in docs/optimiser.md.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field, replace
from typing import Any

import numpy as np

from integrate_tui.engine.optimise.levels import argmax_blocks
from integrate_tui.engine.optimise.quiet import quiet_stdout

DEFAULT_GAP = 1e-4
"""Relative MIP gap (HiGHS's default): a package proven within 0.01 % of the best counts as
optimal. Gap 0 is exact but can take minutes at 500 activities (see performance.md)."""
ROOT_PROOF_GAP = DEFAULT_GAP
"""Solves asked for at least this gap try the root proof first (module docstring)."""
PRESOLVE = False
"""HiGHS's presolve, off: on these programs it removes little once the formulation drops its
trivial rows, and without it the 500-activity benchmark solves ~30 % faster (docs/optimiser.md)."""
SMALL = 600
"""Programs with at most this many integer variables (about 50 activities × 11 levels) skip
the root proof and run the full MILP with presolve on. Below ~100 activities the LP bound is
0.02–0.17 % above the optimum, so the root proof all but never succeeds, and its LP and
sub-MILP cost as much as the MILP (bundled scenario: 0.12 s a solve with it, 0.065 s
without); presolve's restarts pay there (30 activities: 25–45 % faster; 50: faster on 2 of
3 seeds; at 100 and more it costs up to 2×). Measured in docs/optimiser.md §2."""


@dataclass(frozen=True)
class Block:
    """Rows lower ≤ A·v ≤ upper in coordinate form, named for infeasibility messages."""

    name: str
    row: np.ndarray
    col: np.ndarray
    data: np.ndarray
    lower: np.ndarray
    upper: np.ndarray


@dataclass(frozen=True)
class Solution:
    """What one HiGHS run returned: the variables, status, objective, bound and time."""

    x: np.ndarray | None
    status: str  # "optimal", "time limit", "infeasible" or "failed"
    objective: float  # maximised, constant included (nan without a solution)
    bound: float  # proven upper bound on the objective
    gap: float  # (bound − objective) / |objective|, both with the constant (`relative_gap`)
    seconds: float
    message: str
    proof: str = "branch and bound"  # or "root": bounded by the LP relaxation (docstring)


@dataclass(frozen=True)
class Hints:
    """What a formulation tells the root proof about its program.

    `start`: binaries start[k] … start[k + 1] − 1 are one activity's levels, exactly one of
    them 1. Then `count` extra variables in [0, 1] and equality rows (= 0) over the program's
    variables and those extra ones (entries where `extra` is true index the extra variables),
    true of every package, that tighten the LP relaxation.
    """

    start: np.ndarray
    count: int
    row: np.ndarray
    col: np.ndarray
    data: np.ndarray
    extra: np.ndarray


@dataclass
class Program:
    """Variables with bounds and integrality, and named blocks of constraint rows."""

    lower: np.ndarray
    upper: np.ndarray
    integral: np.ndarray
    blocks: list[Block] = field(default_factory=list)
    hints: Hints | None = None

    @property
    def size(self) -> int:
        return len(self.lower)

    def add_variable(self, lower: float, upper: float, integral: bool = False) -> int:
        """Append one variable; returns its index."""
        self.lower = np.r_[self.lower, lower]
        self.upper = np.r_[self.upper, upper]
        self.integral = np.r_[self.integral, int(integral)]
        return self.size - 1

    def add(
        self,
        name: str,
        row: np.ndarray,
        col: np.ndarray,
        data: np.ndarray,
        lower: np.ndarray | float,
        upper: np.ndarray | float,
    ) -> None:
        """Add rows lower ≤ A·v ≤ upper; `row` numbers rows from 0 within this block."""
        count = max(np.size(lower), np.size(upper), int(row.max()) + 1 if len(row) else 1)
        self.blocks.append(
            Block(
                name,
                np.asarray(row, dtype=np.intp),
                np.asarray(col, dtype=np.intp),
                np.asarray(data, dtype=float),
                np.broadcast_to(np.asarray(lower, dtype=float), (count,)).copy(),
                np.broadcast_to(np.asarray(upper, dtype=float), (count,)).copy(),
            )
        )

    def add_row(self, name: str, coef: np.ndarray, lower: float, upper: float) -> None:
        """Add one dense row lower ≤ coef·v ≤ upper (coef may be shorter than the variables)."""
        col = np.flatnonzero(coef)
        bounds = np.array([lower]), np.array([upper])
        self.add(name, np.zeros(len(col), dtype=np.intp), col, coef[col], *bounds)

    def copy(self) -> Program:
        """An independent copy, to add rows or variables for one question."""
        return Program(
            self.lower.copy(),
            self.upper.copy(),
            self.integral.copy(),
            list(self.blocks),
            self.hints,
        )

    def names(self) -> list[str]:
        """The names of the blocks, in the order they were added."""
        return list(dict.fromkeys(b.name for b in self.blocks))

    def _constraints(self, without: frozenset[str]) -> list[Any] | None:
        """All blocks but the named ones as one sparse scipy LinearConstraint (None if none)."""
        from scipy.optimize import LinearConstraint
        from scipy.sparse import coo_matrix

        blocks = [b for b in self.blocks if b.name not in without]
        if not blocks:
            return None
        offsets = np.cumsum([0] + [len(b.lower) for b in blocks])
        rows = np.concatenate([b.row + o for b, o in zip(blocks, offsets[:-1], strict=True)])
        cols = np.concatenate([b.col for b in blocks])
        data = np.concatenate([b.data for b in blocks])
        matrix = coo_matrix((data, (rows, cols)), shape=(int(offsets[-1]), self.size)).tocsr()
        lower = np.concatenate([b.lower for b in blocks])
        upper = np.concatenate([b.upper for b in blocks])
        return [LinearConstraint(matrix, lower, upper)]

    def solve(
        self,
        objective: np.ndarray,
        constant: float = 0.0,
        *,
        time_limit: float | None = None,
        gap: float = DEFAULT_GAP,
        without: frozenset[str] = frozenset(),
        presolve: bool | None = None,
    ) -> Solution:
        """Maximise objective·v + constant, optionally without the named blocks; `presolve`
        overrides the rule (`PRESOLVE`, on for small programs) for a caller that measured."""
        c = np.zeros(self.size)
        c[: len(objective)] = -np.asarray(objective, dtype=float)
        constraints = self._constraints(without)
        started = time.perf_counter()
        small = int(self.integral.sum()) <= SMALL
        if gap >= ROOT_PROOF_GAP and not small:
            proven = self._root_proof(c, constant, constraints, gap, time_limit, started)
            if proven is not None:
                return proven
        if presolve is None:
            presolve = PRESOLVE or small
        options = _options(gap, presolve, time_limit, started)
        res = _milp(c, self.integral, self.lower, self.upper, constraints, options)
        return _solution(res, constant, time.perf_counter() - started)

    def _root_proof(
        self,
        c: np.ndarray,
        constant: float,
        constraints: list[Any] | None,
        gap: float,
        time_limit: float | None,
        started: float,
    ) -> Solution | None:
        """A package of a root-node MILP around the LP optimum, if the (tightened) LP bound
        proves it within `gap`; a proven "infeasible" if the LP is; None to go on."""
        relaxed = self._relaxation(c, constraints, time_limit, started)
        if relaxed.status == 2:
            return _solution(relaxed, constant, time.perf_counter() - started)
        if relaxed.status != 0:
            return None
        bound = -float(relaxed.fun) + constant  # the full objective's, like the reported gap
        x = relaxed.x[: self.size]
        for width in NEIGHBOURS if self.hints is not None else NEIGHBOURS[:1]:
            lower, upper = self._neighbourhood(x, width)
            options = _options(gap / 2, True, time_limit, started) | {"node_limit": 1}
            res = _milp(c, self.integral, lower, upper, constraints, options)
            if res.x is None:
                continue
            value = -float(res.fun) + constant
            if bound - value > REACH * gap * abs(value):
                return None  # too far for a wider neighbourhood to close: branch and bound
            if bound - value <= gap * abs(value):
                return replace(
                    _solution(res, constant, time.perf_counter() - started),
                    status="optimal",
                    bound=bound,
                    gap=relative_gap(value, bound),
                    proof="root",
                )
        return None

    def _relaxation(
        self, c: np.ndarray, constraints: list[Any] | None, time_limit: float | None, started: float
    ) -> Any:
        """The LP relaxation of the program (`constraints`: its rows), with the hints' rows and
        variables when there are hints."""
        from scipy.optimize import LinearConstraint
        from scipy.sparse import coo_matrix, hstack

        options = _options(0.0, PRESOLVE, time_limit, started)
        hints = self.hints
        if hints is None or not hints.count:
            return _milp(
                c, np.zeros_like(self.integral), self.lower, self.upper, constraints, options
            )
        width = self.size + hints.count
        cols = np.where(hints.extra, self.size + hints.col, hints.col)
        tight = coo_matrix((hints.data, (hints.row, cols)), shape=(int(hints.row.max()) + 1, width))
        wider = [
            LinearConstraint(
                hstack([rows.A, coo_matrix((rows.A.shape[0], hints.count))]), rows.lb, rows.ub
            )
            for rows in constraints or []
        ]
        return _milp(
            np.r_[c, np.zeros(hints.count)],
            np.zeros(width, dtype=int),
            np.r_[self.lower, np.zeros(hints.count)],
            np.r_[self.upper, np.ones(hints.count)],
            [*wider, LinearConstraint(tight.tocsr(), 0.0, 0.0)],
            options,
        )

    def _neighbourhood(self, x: np.ndarray, width: int) -> tuple[np.ndarray, np.ndarray]:
        """Bounds keeping each activity the LP funds at one level at that level or one within
        `width` of it; without hints, binaries the LP sets to 1 are fixed at 1."""
        lower, upper = self.lower.copy(), self.upper.copy()
        if self.hints is None:
            lower[(self.integral == 1) & (x > 1.0 - ROUNDING)] = 1.0
            return lower, upper
        start = self.hints.start
        owner = np.repeat(np.arange(len(start) - 1), np.diff(start))
        levels = x[: start[-1]]
        top = np.maximum.reduceat(levels, start[:-1])
        position = np.arange(start[-1]) - start[owner]
        chosen = argmax_blocks(levels, start) - start[:-1]
        far = np.abs(position - chosen[owner]) > width
        upper[: start[-1]][(top[owner] > 1.0 - ROUNDING) & far] = 0.0
        return lower, upper


NEIGHBOURS = (0, 1)
"""Neighbourhoods tried in turn: the LP's own level of each activity it does not split, then
that level or the next one either side (~10× the time at 500 activities, ~5× closer)."""
REACH = 10.0
"""The next neighbourhood is tried only when this one came within REACH × the gap of the
bound: at 500 activities the first lands 1.5–3× the gap away and the second closes it; on
the bundled scenarios (silo shares) it lands 60–120× away and nothing near the LP closes."""


ROUNDING = 1e-6
"""A binary this close to 1 in the LP solution counts as chosen there (HiGHS's tolerance)."""


def _options(
    gap: float, presolve: bool, time_limit: float | None, started: float
) -> dict[str, float | bool]:
    """scipy milp options: quiet, this gap and presolve, and what is left of a time limit."""
    options: dict[str, float | bool] = {"disp": False, "mip_rel_gap": gap, "presolve": presolve}
    if time_limit is not None:
        left = time_limit - (time.perf_counter() - started)
        options["time_limit"] = max(left, 1e-3)
    return options


def _milp(
    c: np.ndarray,
    integral: np.ndarray,
    lower: np.ndarray,
    upper: np.ndarray,
    constraints: list[Any] | None,
    options: dict[str, float | bool],
) -> Any:
    """One run of scipy's milp (HiGHS) minimising c·v, with fd 1 kept quiet."""
    from scipy.optimize import Bounds, milp

    with quiet_stdout():
        return milp(
            c,
            integrality=integral,
            bounds=Bounds(lower, upper),
            constraints=constraints,
            options=options,
        )


def _solution(res: Any, constant: float, seconds: float) -> Solution:
    """Translate scipy's OptimizeResult (status 0 optimal, 1 limit, 2 infeasible)."""
    status = {0: "optimal", 1: "time limit", 2: "infeasible"}.get(res.status, "failed")
    if res.x is None:
        nan = float("nan")
        return Solution(None, status, nan, nan, float("inf"), seconds, res.message)
    objective = -float(res.fun) + constant
    dual = res.get("mip_dual_bound")
    bound = -float(dual) + constant if dual is not None else objective
    return Solution(
        x=np.asarray(res.x),
        status=status,
        objective=objective,
        bound=bound,
        gap=relative_gap(objective, bound),
        seconds=seconds,
        message=res.message,
    )


GAP_NOISE = 1e-9
"""A bound this close above the objective (absolute) is the objective: no gap."""


def relative_gap(objective: float, bound: float) -> float:
    """(bound − objective) / |objective| on the full objective, locked activities' constant
    included (HiGHS's own gap leaves the constant out); 0 within GAP_NOISE, inf at 0."""
    distance = bound - objective
    if distance <= GAP_NOISE:
        return 0.0
    return distance / abs(objective) if objective else float("inf")
