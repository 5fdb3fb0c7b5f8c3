"""Auto-balance: the provably best package for an objective, re-scored by the real engine.

Objectives
* ``integrated``     maximise the integrated score Σ_v w_v S_v under the given weights.
* ``interest:ID``    maximise one interest's satisfaction; ``value:ID`` one value score.
* ``fair``           maximise the minimum satisfaction over voiced interests (influence > 0
                     and able to move; see constraints.py), then, among packages reaching that
                     minimum, the influence-weighted mean satisfaction. Influence selects who
                     counts and breaks ties; it does not scale satisfaction inside the
                     minimum, where a larger weight would make a powerful group look worse
                     off when its satisfaction is negative and better off when positive.
Any objective may carry a floor ("no voiced interest below X").
"""

from __future__ import annotations

import time
from dataclasses import dataclass

import numpy as np

from integrate_tui.engine.compiled import Compiled
from integrate_tui.engine.ledger import Ledger, diff
from integrate_tui.engine.optimise.constraints import Options, voiced
from integrate_tui.engine.optimise.core import Setup, maximin, remaining, setup, status
from integrate_tui.engine.optimise.criteria import integrated, interest, parse
from integrate_tui.engine.optimise.errors import OptimiseError
from integrate_tui.engine.optimise.program import Solution
from integrate_tui.engine.score import Score, normalise, score

FAIR_TOLERANCE = 1e-6
"""How far (in satisfaction points) below the first stage's minimum the tie-breaking stage of
`fair` may go: more than HiGHS's row tolerance, so the first stage's package stays allowed."""


@dataclass(frozen=True)
class Result:
    """An optimised package: funding, the engine's score and ledger, and how it was proven."""

    objective: str
    funding: np.ndarray
    score: Score
    ledger: Ledger
    status: str  # "optimal" or "time limit: best found"
    gap: float  # relative optimality gap HiGHS proved
    bound: float  # no package can do better than this (objective units)
    seconds: float
    value: float  # the objective as the engine scores the package
    milp_value: float  # the objective as the MILP computed it

    @property
    def approximation_error(self) -> float:
        """|MILP objective − engine objective|: ~0, because the formulation is exact."""
        return abs(self.milp_value - self.value)

    @property
    def package(self) -> dict[str, float]:
        """Funding by activity id."""
        return dict(zip(self.score.model.activity_ids, self.funding.tolist(), strict=True))


def objective_value(model: Compiled, objective: str, s: Score) -> float:
    """What an objective reads from an engine score (`fair`: the minimum over voiced interests)."""
    if objective == "fair":
        return float(s.interests[voiced(model)].min())
    if objective == "integrated":
        return s.overall
    return parse(model, objective).read(s)


def optimise(
    model: Compiled, objective: str = "integrated", options: Options | None = None
) -> Result:
    """The best package for an objective under the scenario's rules and the options."""
    started = time.perf_counter()
    opts = options or Options()
    base = setup(model, opts)
    if objective == "fair":
        sols, milp_value, expressions = _fair(base, started)
    else:
        criterion = (
            integrated(model, opts.weights)
            if objective == "integrated"
            else parse(model, objective)
        )
        coef, constant = base.expression(criterion)
        sols = [base.maximise(coef, constant)]
        milp_value = float(coef @ _point(base, sols[0])) + constant
        expressions = [coef]
    return _finish(base, objective, sols, milp_value, started, expressions)


def _finish(
    base: Setup,
    objective: str,
    sols: list[Solution],
    milp_value: float,
    started: float,
    expressions: list[np.ndarray],
) -> Result:
    """Score the last solution's package (neutral activities settled toward the current
    funding) with the engine and package the result."""
    model, opts = base.model, base.options
    funding = base.package(sols[-1], *expressions)
    after = score(model, funding, opts.weights)
    before = score(model, model.funding, opts.weights)
    return Result(
        objective=objective,
        funding=funding,
        score=after,
        ledger=diff(before, after),
        status=status(sols),
        gap=max(s.gap for s in sols),
        bound=sols[0].bound,
        seconds=time.perf_counter() - started,
        value=objective_value(model, objective, after),
        milp_value=milp_value,
    )


def _fair(base: Setup, started: float) -> tuple[list[Solution], float, list[np.ndarray]]:
    """Max-min over voiced interests, then the best influence-weighted mean at that minimum."""
    model = base.model
    ks = voiced(model)
    if not len(ks):
        raise OptimiseError("`fair` needs at least one interest with influence > 0")
    rows = [base.expression(interest(model, model.interest_ids[k])) for k in ks]
    prog, goal = maximin(
        base.prog,
        (
            (f"fair minimum: {model.interest_ids[k]}", coef, -constant)
            for k, (coef, constant) in zip(ks, rows, strict=True)
        ),
    )
    limit = base.options.time_limit
    first = base.maximise(goal, prog=prog, time_limit=remaining(limit, started))
    # the first package's minimum by the engine, so that it stays allowed in the second stage
    reached = score(model, base.package(first), base.options.weights).interests[ks].min()
    least = float(reached) - FAIR_TOLERANCE
    second = base.prog.copy()
    for k, (coef, constant) in zip(ks, rows, strict=True):
        second.add_row(f"fair minimum: {model.interest_ids[k]}", coef, least - constant, np.inf)
    weight = normalise(model.influence)
    mean = sum(weight[k] * coef for k, (coef, _) in zip(ks, rows, strict=True))
    mean_constant = sum(weight[k] * c for k, (_, c) in zip(ks, rows, strict=True))
    gap = base.options.gap
    last = second.solve(mean, mean_constant, time_limit=remaining(limit, started), gap=gap)
    # at the very edge of the feasible set HiGHS may call the tie-break infeasible or run out
    # of time: the first stage's package is then the answer
    sols = [first, last] if last.x is not None else [first]
    x = _point(base, sols[-1])
    return sols, min(float(coef @ x) + c for coef, c in rows), [coef for coef, _ in rows]


def _point(base: Setup, sol: Solution) -> np.ndarray:
    """The exact variable vector of the package a solution chose (see Formulation.point)."""
    return base.form.point(base.levels.chosen(sol.x))
