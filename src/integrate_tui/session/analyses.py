"""The optimiser as the workbench and the CLI ask it: objectives, requests and their answers.

One adapter for both front ends: the objective keys and their names, auto-balance's request
and preview, and the calls the screens submit to the app's process pool (`*_job`: they run
in its worker processes, where `control` tells the engine when to stop) and the CLI runs
in-process. Each takes a compiled model (captured on the UI thread, never the live session)
and calls the engine; nothing here touches a widget or imports Textual. scipy is imported
by the engine only when a solve runs.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from integrate_tui.engine import Compiled, Ledger, Score, diff, score
from integrate_tui.engine import optimise as opt
from integrate_tui.engine.envelopes import Move
from integrate_tui.engine.rebalance import RebalanceResult, rebalance
from integrate_tui.model import Scenario, validate_scenario

INTEGRATED, FAIR = "integrated", "fair"
"""The objectives that are not a criterion: the integrated score, and the worst-off interest
(which only the MILP can answer). Every other objective is a criterion, `interest:ID` or
`value:ID`."""

TIME_LIMITS = (2.0, 5.0, 10.0, 30.0, 60.0)
DEFAULT_TIME_LIMIT = 10.0
ROBUSTNESS_SAMPLES = 2_000
ROBUSTNESS_SEED = 0
FRONTIER_POINTS = 12


def criteria(scenario: Scenario) -> list[tuple[str, str]]:
    """(label, key) for every interest and value, the axes a frontier can be drawn between."""
    return [(f"Interest: {k.name}", f"interest:{k.id}") for k in scenario.interests] + [
        (f"Value: {v.name}", f"value:{v.id}") for v in scenario.values
    ]


def objectives(scenario: Scenario) -> list[tuple[str, str]]:
    """(label, key) for every objective auto-balance can maximise."""
    return [
        ("Integrated score", INTEGRATED),
        ("Fair: lift the worst-off interest", FAIR),
        *criteria(scenario),
    ]


def objective_name(scenario: Scenario, key: str) -> str:
    """An objective in a few words, for undo labels: "integrated", "interest: Diaspora"."""
    if key in (INTEGRATED, FAIR):
        return key
    kind, _, ident = key.partition(":")
    entities = scenario.interests if kind == "interest" else scenario.values
    return f"{kind}: {next((e.name for e in entities if e.id == ident), ident)}"


def status_name(scenario: Scenario, key: str) -> str:
    """The objective in a status line: "integrated", "worst-off interest", "interest: …"."""
    return "worst-off interest" if key == FAIR else objective_name(scenario, key)


@dataclass(frozen=True)
class Request:
    """What auto-balance is asked: an objective, an optional floor, silo shares, a time limit."""

    objective: str = INTEGRATED
    floor: float | None = None
    shares: bool = True
    time_limit: float | None = DEFAULT_TIME_LIMIT

    def label(self, scenario: Scenario) -> str:
        """The undo label: "Auto-balance (integrated)", "… (fair, no interest below 20)"."""
        floor = "" if self.floor is None else f", no interest below {self.floor:g}"
        shares = "" if self.shares else ", silo shares ignored"
        return f"Auto-balance ({objective_name(scenario, self.objective)}{floor}{shares})"

    @property
    def options(self) -> opt.Options:
        """The engine's options for this request."""
        return opt.Options(floor=self.floor, time_limit=self.time_limit, shares=self.shares)


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


def greedy(model: Compiled, request: Request) -> opt.GreedyResult | None:
    """The greedy value-for-money answer (None for `fair`, which only the MILP can answer)."""
    if request.objective == FAIR:
        return None
    criterion = None if request.objective == INTEGRATED else opt.parse(model, request.objective)
    return opt.greedy(model, criterion, request.options)


def solve_greedy(model: Compiled, before: Score, request: Request) -> Preview | None:
    """The greedy answer as a preview against the score `before` (None for `fair`)."""
    found = greedy(model, request)
    if found is None:
        return None
    return Preview(
        model=model,
        package=dict(zip(model.activity_ids, found.funding.tolist(), strict=True)),
        ledger=diff(before, found.score),
        label=request.label(model.scenario),
        objective=status_name(model.scenario, request.objective),
        before=opt.objective_value(model, request.objective, before),
        value=found.value,
        feasible=found.feasible,
        status="greedy",
        gap=float("nan"),
        seconds=found.seconds,
    )


def solve_milp(model: Compiled, before: Score, request: Request) -> Preview:
    """The MILP's answer, proven within the gap or the best found in the time limit."""
    result = opt.optimise(model, request.objective, request.options)
    return Preview(
        model=model,
        package=result.package,
        ledger=result.ledger,
        label=request.label(model.scenario),
        objective=status_name(model.scenario, request.objective),
        before=opt.objective_value(model, request.objective, before),
        value=result.value,
        feasible=True,
        status=result.status,
        gap=result.gap,
        seconds=result.seconds,
    )


def with_funding(scenario: Scenario, funding: np.ndarray) -> Scenario:
    """A copy of the scenario with new funding levels, validated again (readable errors)."""
    data = scenario.model_dump()
    for activity, level in zip(data["activities"], funding.tolist(), strict=True):
        activity["funding"] = level
    return validate_scenario(data)


def frontier(
    model: Compiled, x: str, y: str, points: int = FRONTIER_POINTS, time_limit: float | None = None
) -> opt.Frontier:
    """The frontier between criteria x and y, at the frontier's gap, within `time_limit`."""
    return opt.frontier(
        model, x, y, points, opt.Options(gap=opt.FRONTIER_GAP, time_limit=time_limit)
    )


@dataclass(frozen=True)
class Sensitivity:
    """How much the optimum depends on the weights: the tornado, robustness, one flip."""

    tornado: opt.Tornado
    robustness: opt.Robustness
    flip: opt.WhatItTakes | None


def sensitivity(
    model: Compiled,
    samples: int,
    seed: int,
    *,
    candidates: int,
    validate: int,
    activity: str | None = None,
    value: str | None = None,
) -> Sensitivity:
    """The tornado; Monte Carlo robustness, drawing also on the tornado's packages; and, with
    an activity and a value, what it would take to flip that activity."""
    bars = opt.tornado(model)
    extra = [f for bar in bars.bars for f in bar.packages]
    mc = opt.robustness(model, samples, seed, candidates=candidates, validate=validate, extra=extra)
    flip = opt.what_it_takes(model, activity, value) if activity and value else None
    return Sensitivity(bars, mc, flip)


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
