"""The optimiser calls the screens make, and what they hand back.

Each function takes a compiled model captured on the UI thread (never the live session) and
calls the engine; nothing here touches a widget, and nothing imports Textual. The `*_job`
functions are what the screens submit to the app's process pool (`integrate_tui.compute`):
they run in its worker processes, where `control` tells the engine when to stop. scipy is
imported there, never in the UI process.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from integrate_tui.engine import Compiled, Ledger, Score, diff, score
from integrate_tui.engine import optimise as opt
from integrate_tui.engine.envelopes import Move
from integrate_tui.engine.rebalance import RebalanceResult, rebalance
from integrate_tui.model import Scenario
from integrate_tui.tui.analysis_text import FAIR, INTEGRATED, objective_name

TIME_LIMITS = (2.0, 5.0, 10.0, 30.0, 60.0)
DEFAULT_TIME_LIMIT = 10.0
ROBUSTNESS_SAMPLES = 2_000
ROBUSTNESS_SEED = 0
FRONTIER_POINTS = 12


@dataclass(frozen=True)
class Request:
    """What auto-balance is asked: an objective, an optional floor, silo shares, a time limit."""

    objective: str = INTEGRATED
    floor: float | None = None
    shares: bool = True
    time_limit: float = DEFAULT_TIME_LIMIT

    def label(self, scenario: Scenario) -> str:
        """The undo label: "Auto-balance (integrated)", "… (fair, no interest below 20)"."""
        floor = "" if self.floor is None else f", no interest below {self.floor:g}"
        shares = "" if self.shares else ", silo shares ignored"
        return f"Auto-balance ({objective_name(scenario, self.objective)}{floor}{shares})"


@dataclass(frozen=True)
class Preview:
    """A package the optimiser proposes, as the engine scores it against the current funding."""

    model: Compiled
    package: dict[str, float]
    ledger: Ledger
    label: str  # the undo step's name when applied
    objective: str  # the objective's name, for the status line
    before: float  # the objective now
    value: float  # the objective with this package
    feasible: bool  # whether it keeps every rule asked for
    status: str  # "greedy", "optimal" or "time limit: best found"
    gap: float
    seconds: float


def _options(request: Request) -> opt.Options:
    return opt.Options(floor=request.floor, time_limit=request.time_limit, shares=request.shares)


def _name(scenario: Scenario, objective: str) -> str:
    """The objective in the status line: "integrated", "worst-off interest", "interest: …"."""
    return "worst-off interest" if objective == FAIR else objective_name(scenario, objective)


def _package(model: Compiled, funding: np.ndarray) -> dict[str, float]:
    return dict(zip(model.activity_ids, funding.tolist(), strict=True))


def solve_greedy(model: Compiled, before: Score, request: Request) -> Preview | None:
    """The greedy value-for-money answer (None for `fair`, which only the MILP can answer)."""
    if request.objective == FAIR:
        return None
    criterion = None if request.objective == INTEGRATED else opt.parse(model, request.objective)
    options = _options(request)
    found = opt.greedy(model, criterion, options)
    return Preview(
        model=model,
        package=_package(model, found.funding),
        ledger=diff(before, found.score),
        label=request.label(model.scenario),
        objective=_name(model.scenario, request.objective),
        before=opt.objective_value(model, request.objective, before),
        value=found.value,
        feasible=found.feasible,
        status="greedy",
        gap=float("nan"),
        seconds=found.seconds,
    )


def solve_milp(model: Compiled, before: Score, request: Request) -> Preview:
    """The MILP's answer, proven within the gap or the best found in the time limit."""
    result = opt.optimise(model, request.objective, _options(request))
    return Preview(
        model=model,
        package=result.package,
        ledger=result.ledger,
        label=request.label(model.scenario),
        objective=_name(model.scenario, request.objective),
        before=opt.objective_value(model, request.objective, before),
        value=result.value,
        feasible=True,
        status=result.status,
        gap=result.gap,
        seconds=result.seconds,
    )


def milp_job(model: Compiled, request: Request, *, control: opt.Control) -> Preview:
    """Auto-balance's MILP against the model's own funding (one solve: it runs to its limit)."""
    return solve_milp(model, score(model), request)


def frontier_job(model: Compiled, x: str, y: str, *, control: opt.Control) -> opt.Frontier:
    """The tradeoffs screen's frontier between criteria x and y."""
    return opt.frontier(model, x, y, FRONTIER_POINTS, control=control)


def efficiency_job(model: Compiled, *, control: opt.Control) -> opt.EfficiencyOrder:
    """The efficiency curve (no solves: milliseconds)."""
    return opt.efficiency_order(model)


def tornado_job(model: Compiled, *, control: opt.Control) -> opt.Tornado:
    """The tornado at its default gap and time budget."""
    return opt.tornado(model, control=control)


def robustness_job(model: Compiled, *, control: opt.Control) -> opt.Robustness:
    """Funding probabilities: the workbench's Robust column and the tradeoffs panel alike, so
    one run (shared, then cached) serves both."""
    return opt.robustness(model, ROBUSTNESS_SAMPLES, ROBUSTNESS_SEED, control=control)


def best_fill_job(
    model: Compiled, move: Move, priorities: tuple[str, ...], *, control: opt.Control
) -> RebalanceResult:
    """The silo view's move with both envelopes filled at best by the optimiser."""
    with opt.quiet_stdout():  # in the app's own process too, when tests run jobs there
        return rebalance(model, model.funding, move, "best", priorities)


def marginals_job(model: Compiled, *, control: opt.Control) -> opt.Marginals:
    """What δ more of each silo's envelope would add, for the silo view."""
    return opt.marginal_values(model)
