"""Least change: the package that keeps every rule, fits a cut of capacities and holds the
integrated score at a floor while moving as little funding as possible.

* change      Σ_i w_i |f_i − f_i⁰| with w_i = Σ_r cost_ir / C_r: the funding moved, each unit
              of a resource counted as a share of that resource's capacity C_r before the cut
              (the file's, or `Options.capacity`), so kUSD, FTE and days add up. With one
              resource it orders packages as Σ_i cost_i |Δf_i| does. A resource of capacity 0
              is counted against its full demand Σ_i cost_ir · max_funding_i instead. On the
              level grid |F_il − f_i⁰| is a constant per level, so the change is a plain linear
              objective over the level binaries and the MILP is exact (docs/optimiser.md §2).
* cut         `Cut("budget", -0.15)`: a resource's capacity 15 % below the one in force
              (`relative=False`: an amount in its unit). The capacities replace the file's as
              `Options.capacity` does, so value scales and the score's meaning stay as they are.
* rules       every rule auto-balance keeps (capacities after the cut, silo shares, locks,
              grid, an interest floor in `Options.floor`), built by the same `setup`.
* floor       integrated score ≥ `floor` (default: the current funding's score; −inf: none).
              If no package within the rules reaches it, `Infeasible` names the floor and the
              best score any allowed package reaches.
* ties        among packages within TIE_TOLERANCE of the least change, a second solve takes
              the best integrated score; then activities neither depends on settle toward the
              current funding (settle.py); ties left are HiGHS's (levels: lowest of tied LP
              entries, engine/ties.py).
"""

from __future__ import annotations

import math
import re
import time
from collections.abc import Sequence
from dataclasses import dataclass, replace

import numpy as np

from integrate_tui.engine.compiled import Compiled
from integrate_tui.engine.ledger import Ledger, diff
from integrate_tui.engine.optimise.constraints import Options, capacities
from integrate_tui.engine.optimise.core import Setup, remaining, setup, status, unsolved
from integrate_tui.engine.optimise.criteria import index_of, integrated
from integrate_tui.engine.optimise.errors import Infeasible, OptimiseError
from integrate_tui.engine.optimise.program import Program, Solution
from integrate_tui.engine.score import Score, score

FLOOR_TOLERANCE = 1e-6
"""Score points the floor row gives way, above HiGHS's row tolerance: a package scoring exactly
the floor (the current funding, at the default floor) stays allowed."""
TIE_TOLERANCE = 1e-6
"""How much more change (in shares of capacity) the tie-breaking stage may take than the first
stage's package: more than HiGHS's row tolerance, so that package stays allowed."""
MOVED = 1e-9
"""A funding this close to the current one has not moved."""

_CUT = re.compile(r"^\s*([^=\s]+)\s*=\s*([+\-−])\s*([0-9]*\.?[0-9]+)\s*(%?)\s*$")


@dataclass(frozen=True)
class Cut:
    """A what-if change of one resource's capacity: `amount` in its unit, or as a share of the
    capacity in force when `relative` (−0.15: 15 % less)."""

    resource: str
    amount: float
    relative: bool = True

    def label(self, unit: str = "") -> str:
        """ "budget −15 %", "budget −390 kUSD"."""
        sign = "−" if self.amount < 0 else "+"
        if self.relative:
            return f"{self.resource} {sign}{abs(self.amount) * 100:g} %"
        return f"{self.resource} {sign}{abs(self.amount):,g} {unit}".rstrip()


def parse_cut(text: str) -> Cut:
    """`budget=-15%` (a share of the capacity), `budget=-390` (in the resource's unit), or with
    + to raise it; the sign is required, so a cut is never mistaken for a rise."""
    found = _CUT.match(text)
    if not found:
        raise OptimiseError(
            f"cut {text!r} should look like RESOURCE=-15% or RESOURCE=-390, with its sign "
            "(- for a cut, + to raise the capacity)"
        )
    resource, sign, number, percent = found.groups()
    amount = float(number) * (-1.0 if sign in "-−" else 1.0)
    return Cut(resource, amount / 100 if percent else amount, relative=bool(percent))


def cut_capacity(model: Compiled, cuts: Sequence[Cut], base: np.ndarray) -> np.ndarray:
    """The capacities `base` with each cut applied (unknown or repeated resources and cuts below
    zero are refused by name)."""
    cap = np.array(base, dtype=float)
    seen: set[int] = set()
    for cut in cuts:
        r = index_of(model, "resources", cut.resource)
        if r in seen:
            raise OptimiseError(f"{cut.resource!r} is cut twice: give one cut per resource")
        seen.add(r)
        new = cap[r] * (1.0 + cut.amount) if cut.relative else cap[r] + cut.amount
        if not math.isfinite(new) or new < 0:
            unit = model.scenario.resources[r].unit
            raise OptimiseError(
                f"cut {cut.label(unit)} leaves {cut.resource} below zero "
                f"(its capacity is {cap[r]:,g} {unit})".replace(" )", ")")
            )
        cap[r] = new
    return cap


def change_weights(model: Compiled, capacity: np.ndarray) -> np.ndarray:
    """Per activity: what moving its funding by 1 counts, Σ_r cost_ir / C_r (module docstring)."""
    demand = (model.cost * model.max_funding[:, None]).sum(axis=0)
    scale = np.where(capacity > 0, capacity, demand)
    per_unit = np.divide(1.0, scale, out=np.zeros(len(scale)), where=scale > 0)
    return model.cost @ per_unit


@dataclass(frozen=True)
class ResourceCut:
    """One resource: capacity before and after the cut, use now and with the package, and the
    gross amount moved (Σ_i cost_ir |Δf_i|)."""

    id: str
    name: str
    unit: str
    capacity_before: float
    capacity_after: float
    used_before: float
    used_after: float
    moved: float


@dataclass(frozen=True)
class LeastChange:
    """The least-change package, the engine's score and ledger, and what was cut."""

    funding: np.ndarray
    score: Score
    ledger: Ledger  # from the current funding, scored on the file's scales
    floor: float  # the integrated-score floor held (−inf: none)
    change: float  # Σ_i w_i |f_i − f_i⁰| of the package (module docstring)
    bound: float  # no allowed package changes less than this
    cuts: tuple[Cut, ...]
    resources: list[ResourceCut]
    status: str  # "optimal" or "time limit: best found"
    gap: float
    seconds: float
    score_error: float  # |MILP integrated score − engine's| at the package: ~0 (exact)

    @property
    def package(self) -> dict[str, float]:
        """Funding by activity id."""
        return dict(zip(self.score.model.activity_ids, self.funding.tolist(), strict=True))

    @property
    def moved(self) -> np.ndarray:
        """Activities × resources: each activity's change of use, after − before."""
        m = self.score.model
        return m.cost * (self.funding - m.funding)[:, None] + 0.0  # no −0.0


def least_change(
    model: Compiled,
    options: Options | None = None,
    *,
    cuts: Sequence[Cut] = (),
    floor: float | None = None,
) -> LeastChange:
    """The package changing least (module docstring) under the rules, the cuts and the floor."""
    started = time.perf_counter()
    opts = options or Options()
    before_cut = capacities(model, opts)
    if cuts:
        opts = replace(opts, capacity=cut_capacity(model, cuts, before_cut))
    base = setup(model, opts)
    now = score(model, model.funding, opts.weights)
    bar = now.overall if floor is None else float(floor)
    change = _change_expression(base, change_weights(model, before_cut))
    goal, constant = base.expression(integrated(model, opts.weights))
    prog = base.prog.copy()
    if math.isfinite(bar):
        prog.add_row("score floor", goal, bar - constant - FLOOR_TOLERANCE, np.inf)
    first = _least(base, prog, change, (goal, constant), bar, cuts)
    least = float(change @ base.form.point(base.levels.chosen(first.x)))
    prog.add_row("least change", change, -np.inf, least + TIE_TOLERANCE)
    limit = remaining(opts.time_limit, started)
    second = prog.solve(goal, constant, time_limit=limit, gap=opts.gap)
    sols = [first, second] if second.x is not None else [first]
    chosen = base.chosen(sols[-1], change, goal)
    funding = base.levels.package(chosen)
    after = score(model, funding, opts.weights)
    point = base.form.point(chosen)
    return LeastChange(
        funding=funding,
        score=after,
        ledger=diff(now, after),
        floor=bar,
        change=float(change @ point),
        bound=max(-first.bound, 0.0),
        cuts=tuple(cuts),
        resources=_resources(model, before_cut, capacities(model, opts), now, after),
        status=status(sols),
        gap=max(s.gap for s in sols),
        seconds=time.perf_counter() - started,
        score_error=abs(float(goal @ point) + constant - after.overall),
    )


def _change_expression(base: Setup, weights: np.ndarray) -> np.ndarray:
    """The change's coefficients over the program's variables: w_i |F_il − f_i⁰| per level."""
    lv = base.levels
    coef = np.zeros(base.form.size)
    moved = np.abs(lv.funding - base.model.funding[lv.owner])
    coef[: lv.size] = weights[lv.owner] * np.where(moved > MOVED, moved, 0.0)
    return coef


def _least(
    base: Setup,
    prog: Program,
    change: np.ndarray,
    goal: tuple[np.ndarray, float],
    bar: float,
    cuts: Sequence[Cut],
) -> Solution:
    """The first stage, least change; `Infeasible` naming the floor when only it cannot hold."""
    opts = base.options
    sol = prog.solve(-change, time_limit=opts.time_limit, gap=opts.gap)
    if sol.status == "infeasible":
        best = base.maximise(*goal)  # raises the rules' own `Infeasible` when they conflict
        reach = score(base.model, base.package(best, goal[0]), opts.weights).overall
        raise Infeasible([_floor_message(base, bar, reach, cuts)])
    if sol.x is None:
        raise unsolved(sol, opts.time_limit)
    return sol


def _floor_message(base: Setup, bar: float, reach: float, cuts: Sequence[Cut]) -> str:
    """The floor in words, with the capacities cut and the best score the rules allow."""
    model = base.model
    cap = capacities(model, base.options)
    within = []
    for cut in cuts:
        r = model.index["resources"][cut.resource]
        unit = model.scenario.resources[r].unit
        within.append(
            f"{model.scenario.resources[r].name} {cap[r]:,.6g} {unit} ({cut.label(unit)})"
        )
    where = f" with {', '.join(within)}" if within else ""
    return (
        f"integrated score floor {bar:.2f}{where}: no package within the rules reaches it — "
        f"the best any reaches is {reach:.2f}; lower the floor to at most that"
    )


def _resources(
    model: Compiled, before: np.ndarray, after: np.ndarray, now: Score, then: Score
) -> list[ResourceCut]:
    """Per resource: capacities around the cut, use now and with the package, gross moved."""
    gross = (model.cost * np.abs(then.funding - now.funding)[:, None]).sum(axis=0)
    return [
        ResourceCut(
            id=res.id,
            name=res.name,
            unit=res.unit,
            capacity_before=float(before[r]),
            capacity_after=float(after[r]),
            used_before=float(now.used[r]),
            used_after=float(then.used[r]),
            moved=float(gross[r]),
        )
        for r, res in enumerate(model.scenario.resources)
    ]
