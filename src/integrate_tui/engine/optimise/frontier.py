"""The Pareto frontier between two criteria (interests or values), by epsilon-constraint.

Anchors, lexicographic: the best y, then the best x (ties towards y) among packages whose
y is within the points' gap of what that first solve reached (at least
LEXICOGRAPHIC_TOLERANCE below it); and the best x, then the best y holding x the same way.
So each end is efficient: no package is better on one criterion without being worse on the
other (up to the solves' gaps; the second stage's is END_GAP_FACTOR times the points').
Holding the criterion exactly at its best made HiGHS crawl (10 s and more a solve at 200
activities); within the gap, and to a 1 % second stage, it does not. A second stage that
finds nothing better in its share of the time leaves the first stage's package. Between
them, at evenly spaced fractions f of the way from the first anchor to the second (the
first stages' packages for the far end: the steps run alongside the other end's
second stages; each half of the steps starts once the end on its side is known, and is
spaced from that end and the other end's first stage): for
f ≤ ½ maximise y + δ·x subject to x ≥ x_A + f·(x_B − x_A); for f > ½ maximise x + δ·y
subject to y ≥ y_B + (1 − f)·(y_A − y_B). δ = 1e-4 steers ties to the efficient side. So
the bounded criterion is never asked for more than half-way to its best — bounds near a
criterion's maximum make HiGHS crawl (measured: > 60 s against < 1 s at 200 activities).
When an anchor's package already meets a step's bound it is optimal for that step too — the
step's allowed set is a subset of the anchor's and the objective is the same — and is
reused without a solve. The steps and the margin below do not depend on one another, so
they are solved at once on WORKERS threads (HiGHS releases the GIL while it solves).
Every package is re-scored by the engine, duplicates merged and dominated points
dropped, so the points returned are mutually non-dominated by the engine's own numbers.

The current funding's position: the largest t such that some allowed package has
x ≥ x_now + t and y ≥ y_now + t (one more MILP). t > 0 means the current funding is
dominated — both sides could gain t points at once; t ≈ 0 means it is on the frontier;
t < 0 can happen only when the current funding breaks a rule (e.g. over capacity).
The anchors are solved to a tenth of the points' gap (ANCHOR_GAP_FACTOR): near a
criterion's best the frontier is flat, and an anchor only 0.1 % short of it can be beaten on
both criteria by the first step, which would cost the frontier a point.
The margin is solved to MARGIN_GAP_FACTOR times the points' gap (0.5 % by default: a
tenth of a point on the margins of 20–40 points seen at 200 activities, where a 0.1 % proof
of this maximin alone took up to 2 s).

Points need no 0.01 % proof to be drawn: without options the frontier solves to a 0.1 %
gap (FRONTIER_GAP). With `Options.time_limit` the whole frontier shares the budget: each of
the points + 3 solves (two for each end) gets an equal part of what is left (times the
number of workers), returns the best package it found with its gap, and a step that finds
none within its part is left out. Without a budget the margin solve, the hardest (both
criteria bounded), stops after MARGIN_LIMIT seconds, its margin then a lower bound
(`margin_proven` false), and an end's second stage after END_LIMIT.
`control` is asked before each solve (a cancelled frontier stops within one solve) and hears
each of the points + 3 done.
"""

from __future__ import annotations

import time
from concurrent.futures import ThreadPoolExecutor, as_completed
from dataclasses import dataclass, replace

import numpy as np

from integrate_tui.engine.compiled import Compiled
from integrate_tui.engine.optimise.budget import Budget
from integrate_tui.engine.optimise.constraints import Options, package_meets
from integrate_tui.engine.optimise.control import NO_CONTROL, Control
from integrate_tui.engine.optimise.core import WORKERS, Setup, maximin, setup
from integrate_tui.engine.optimise.criteria import Criterion, parse
from integrate_tui.engine.optimise.errors import Infeasible, OptimiseError
from integrate_tui.engine.optimise.program import Program
from integrate_tui.engine.score import score
from integrate_tui.engine.ties import ranked

TIE_BREAK = 1e-4
ON_FRONTIER = 1e-6
FRONTIER_GAP = 1e-3
MARGIN_LIMIT = 10.0
MARGIN_GAP_FACTOR = 5.0
ANCHOR_GAP_FACTOR = 0.1
END_GAP_FACTOR = 10.0
"""An anchor's second stage is solved to this many times the points' gap (1 % by default):
with its criterion held near its best HiGHS finds packages slowly, and at 200 activities a
0.1 % second stage ran into END_LIMIT where a 1 % one was proven in 0.6 s, 0.05 % short."""
END_LIMIT = 10.0
"""Seconds an anchor's second stage may take without a budget: its criterion is held at its
best, where HiGHS can crawl; the first stage's package backs it up."""
LEXICOGRAPHIC_TOLERANCE = 1e-6
"""The least an anchor's second stage may give up of the first stage's criterion (points):
more than HiGHS's row tolerance, so the first stage's package stays allowed (as in `fair`);
otherwise it may give up the points' relative gap."""


@dataclass(frozen=True)
class FrontierPoint:
    """One efficient package and its two criteria as the engine scores them."""

    funding: np.ndarray
    x: float
    y: float
    gap: float  # the relative MIP gap of the solve that found it (0 when proven)


@dataclass(frozen=True)
class Frontier:
    """Efficient packages between two criteria, and where the current funding stands."""

    model: Compiled
    x: Criterion
    y: Criterion
    points: list[FrontierPoint]  # ascending x, mutually non-dominated
    current: tuple[float, float]
    current_allowed: bool  # whether the current funding meets every rule
    margin: float  # t above: how much both criteria could gain at once (nan: out of time)
    margin_proven: bool  # false when the margin solve stopped at its time limit
    better: FrontierPoint | None  # a package achieving that margin, when dominated
    seconds: float
    asked: int = 0  # the points asked for (`swapped` needs an even number)

    @property
    def dominated(self) -> bool:
        """Whether some allowed package is better on both criteria."""
        return self.margin > ON_FRONTIER

    @property
    def gap(self) -> float:
        """The largest relative MIP gap among the points."""
        return max((p.gap for p in self.points), default=0.0)


def frontier(
    model: Compiled,
    x: str,
    y: str,
    points: int = 12,
    options: Options | None = None,
    *,
    control: Control = NO_CONTROL,
) -> Frontier:
    """The frontier between criteria x and y with up to `points` points."""
    started = time.perf_counter()
    if points < 2:
        raise OptimiseError(f"a frontier needs at least 2 points, not {points}")
    cx, cy = parse(model, x), parse(model, y)
    if cx.key == cy.key:
        raise OptimiseError(f"x and y are the same criterion ({cx.key})")
    base = setup(model, options or Options(gap=FRONTIER_GAP))
    pair = _Pair(base, cx, cy, Budget(base.options.time_limit, started, points + 3), control)
    now = score(model, model.funding, base.options.weights)
    current = (cx.read(now), cy.read(now))
    with ThreadPoolExecutor(WORKERS, thread_name_prefix="frontier") as pool:
        firsts = [pool.submit(pair.point, favour_x=favour) for favour in (False, True)]
        first_y, first_x = (job.result() for job in firsts)  # an infeasible problem stops here
        if first_y is None or first_x is None:
            raise OptimiseError("no package found within the time limit; allow more time")
        steps = np.linspace(0.0, 1.0, points)[1:-1]
        ends = {
            pool.submit(pair.end, first_y, favour_x=False): (False, first_x),
            pool.submit(pair.end, first_x, favour_x=True): (True, first_y),
        }
        margin_job = pool.submit(pair.margin, current)
        found: dict[bool, FrontierPoint] = {}
        jobs = []
        for job in as_completed(ends):  # each half of the steps starts once its end is known
            favour_x, far = ends[job]
            found[favour_x] = job.result()
            half = steps[steps > 0.5] if favour_x else steps[steps <= 0.5]
            jobs += [(f, pool.submit(pair.step, float(f), found[favour_x], far)) for f in half]
        answers = [
            found[False],
            found[True],
            *(job.result() for _, job in sorted(jobs, key=lambda item: item[0])),
        ]
        margin, better, proven = margin_job.result()
    return Frontier(
        model=model,
        x=cx,
        y=cy,
        points=efficient([p for p in answers if p is not None]),
        current=current,
        current_allowed=package_meets(model, now, base.options),
        margin=margin,
        margin_proven=proven,
        better=better if margin > ON_FRONTIER else None,
        seconds=time.perf_counter() - started,
        asked=points,
    )


def swapped(f: Frontier) -> Frontier | None:
    """The frontier between y and x from the one between x and y, without a solve (None when
    it cannot be derived: an odd number of points asked).

    With an even number of points the swapped question is made of the very same MILPs: each
    anchor maximises the same objective (main + δ·other) under the same rows, and the step
    at fraction f is the swapped one's step at 1 − f — the same bound on the same criterion,
    since no step sits at f = ½, where the two sides' rules would differ. The margin's
    maximin is symmetric in x and y (its two rows in the other order: the same margin, to
    its gap). So its answer is this one mirrored (points ordered and merged by `efficient`)."""
    if f.asked % 2:
        return None

    def mirror(p: FrontierPoint) -> FrontierPoint:
        return FrontierPoint(p.funding, p.y, p.x, p.gap)

    return replace(
        f,
        x=f.y,
        y=f.x,
        points=efficient([mirror(p) for p in f.points]),
        current=(f.current[1], f.current[0]),
        better=None if f.better is None else mirror(f.better),
        seconds=0.0,
    )


def efficient(points: list[FrontierPoint]) -> list[FrontierPoint]:
    """The mutually non-dominated points, ascending x (ties and duplicates merged).

    Points tied on x (by `engine.ties`) are taken highest y first, then in solve order.
    """
    kept: list[FrontierPoint] = []
    for p in ranked(points, lambda p: p.x, lambda p: p.y):
        if not kept or p.y > kept[-1].y + ON_FRONTIER:
            kept.append(p)
    return kept[::-1]


class _Pair:
    """Two criteria over one set-up MILP, the time budget shared by its solves, the control."""

    def __init__(
        self, base: Setup, cx: Criterion, cy: Criterion, budget: Budget, control: Control
    ) -> None:
        self.base, self.cx, self.cy = base, cx, cy
        self.ex, self.ey = base.expression(cx), base.expression(cy)
        self.budget, self.control = budget, control
        self.counter = control.counter(budget.waiting)

    def _solve(
        self,
        coef: np.ndarray,
        prog: Program,
        limit: float | None = None,
        gap: float | None = None,
        *,
        optional: bool = False,
    ) -> tuple[FrontierPoint, str] | None:
        """The best package found, scored by the engine, and the solve's status.

        None if the time ran out before any package was found (or, `optional`, if the solve
        failed in any way: an anchor's second stage, which the first stage backs up)."""
        self.control.check()
        try:
            sol = self.base.maximise(coef, prog=prog, time_limit=limit, gap=gap)
        except Infeasible:
            if optional:
                return None
            raise
        except OptimiseError:
            if optional or self.budget.deadline is not None:
                return None
            raise
        finally:
            self.counter.tick()
        funding = self.base.package(sol, self.ex[0], self.ey[0])
        s = score(self.base.model, funding, self.base.options.weights)
        return FrontierPoint(funding, self.cx.read(s), self.cy.read(s), sol.gap), sol.status

    def step(self, f: float, near: FrontierPoint, far: FrontierPoint) -> FrontierPoint | None:
        """The step a fraction f of the way between the ends, bounding the criterion that is
        at most half-way to its best: `near` is the end on the step's side (lexicographic),
        `far` the other end's first stage (its bounded criterion is within the gap of the
        second stage's, so the spacing does not wait for it). The near end's package when it
        meets the bound."""
        favour_x = f > 0.5
        if favour_x:
            at_least = near.y + (1 - f) * (far.y - near.y)
        else:
            at_least = near.x + f * (far.x - near.x)
        if (near.y if favour_x else near.x) >= at_least:
            self.budget.skip()  # answered without a solve: later solves get its time
            self.counter.tick()
            return near
        return self.point(favour_x=favour_x, at_least=at_least)

    def point(self, *, favour_x: bool, at_least: float | None = None) -> FrontierPoint | None:
        """Maximise one criterion (ties towards the other), optionally bounding the other."""
        main, other = (self.ex, self.ey) if favour_x else (self.ey, self.ex)
        prog = self.base.prog
        if at_least is not None:
            prog = prog.copy()
            prog.add_row("frontier step", other[0], at_least - other[1], np.inf)
        gap = None if at_least is not None else ANCHOR_GAP_FACTOR * self.base.options.gap
        found = self._solve(main[0] + TIE_BREAK * other[0], prog, self.budget.share(), gap)
        return None if found is None else found[0]

    def hold(self, first: FrontierPoint, *, favour_x: bool) -> float:
        """What an end's second stage holds its main criterion at: within the points' gap of
        what the first stage reached (at least LEXICOGRAPHIC_TOLERANCE below it)."""
        reached = first.x if favour_x else first.y
        return reached - max(self.base.options.gap * abs(reached), LEXICOGRAPHIC_TOLERANCE)

    def end(self, first: FrontierPoint, *, favour_x: bool) -> FrontierPoint:
        """One end's second stage: from the first stage's best main criterion (`point`), the
        best other one (ties towards the main) holding the main within the points' gap of
        what the first stage reached; the first stage's package if that finds nothing better."""
        main, other = (self.ex, self.ey) if favour_x else (self.ey, self.ex)
        gap = self.base.options.gap
        prog = self.base.prog.copy()
        prog.add_row("frontier end", main[0], self.hold(first, favour_x=favour_x) - main[1], np.inf)
        share = self.budget.share()
        limit = END_LIMIT if share is None else share
        objective = other[0] + TIE_BREAK * main[0]
        found = self._solve(objective, prog, limit, END_GAP_FACTOR * gap, optional=True)
        if found is None:  # at the very edge of the feasible set, or out of time
            return first
        second = found[0]
        better = (second.y > first.y) if favour_x else (second.x > first.x)
        return second if better else first

    def margin(self, current: tuple[float, float]) -> tuple[float, FrontierPoint | None, bool]:
        """Largest t with x ≥ x_now + t and y ≥ y_now + t, by the engine's numbers."""
        prog, goal = maximin(
            self.base.prog,
            (
                (f"beat the current {name}", coef, now - constant)
                for (coef, constant), now, name in (
                    (self.ex, current[0], "x"),
                    (self.ey, current[1], "y"),
                )
            ),
        )
        limit = self.budget.share()
        gap = MARGIN_GAP_FACTOR * self.base.options.gap
        found = self._solve(goal, prog, MARGIN_LIMIT if limit is None else limit, gap)
        if found is None:
            return float("nan"), None, False
        best, status = found
        return min(best.x - current[0], best.y - current[1]), best, status == "optimal"
