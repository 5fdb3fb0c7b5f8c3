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

INTEGRATED, FAIR, LEAST_REGRET = "integrated", "fair", "least-regret"
LEAST_CHANGE = "least-change"
"""The objectives that are not a criterion: the integrated score, the worst-off interest,
the package that asks least of the workshop's participants (the consensus under their current
weights: its value is the largest regret anyone has) and the package that fits the rules and a
cut moving the least funding (engine/optimise/least_change.py), which only the MILP can
answer. Every other objective is a criterion, `interest:ID` or `value:ID`."""
NO_GREEDY = (FAIR, LEAST_REGRET, LEAST_CHANGE)

TIME_LIMITS = (2.0, 5.0, 10.0, 30.0, 60.0)
DEFAULT_TIME_LIMIT = 10.0
ROBUSTNESS_SAMPLES = 2_000
ROBUSTNESS_SEED = 0
FRONTIER_POINTS = 12
CUT_SHARES = (0.05, 0.1, 0.15, 0.2, 0.25, 0.3, 0.4, 0.5)
"""The cuts of a resource's capacity the auto-balance screen offers, as shares."""
DEFAULT_CUT_SHARE = 0.15
SCORE_DROPS = (0.0, 1.0, 2.0, 5.0, 10.0)
"""How far below the current integrated score least change may go, in points (0: keep it)."""


def criteria(scenario: Scenario) -> list[tuple[str, str]]:
    """(label, key) for every interest and value, the axes a frontier can be drawn between."""
    return [(f"Interest: {k.name}", f"interest:{k.id}") for k in scenario.interests] + [
        (f"Value: {v.name}", f"value:{v.id}") for v in scenario.values
    ]


def objectives(scenario: Scenario) -> list[tuple[str, str]]:
    """(label, key) for every objective auto-balance can maximise; least regret once two
    participants have given weights."""
    found = [
        ("Integrated score", INTEGRATED),
        ("Fair: lift the worst-off interest", FAIR),
        ("Least change: fit a cut moving the least funding", LEAST_CHANGE),
    ]
    people = scenario.workshop.participants if scenario.workshop else []
    room = [p for p in people if sum(p.weights.values()) > 0]
    if len(room) > 1:
        found.append(("Least regret: the package that asks least of anyone", LEAST_REGRET))
    return found + criteria(scenario)


def objective_name(scenario: Scenario, key: str) -> str:
    """An objective in a few words, for undo labels: "integrated", "interest: Diaspora"."""
    if key in (LEAST_REGRET, LEAST_CHANGE):
        return key.replace("-", " ")
    if key in (INTEGRATED, FAIR):
        return key
    kind, _, ident = key.partition(":")
    entities = scenario.interests if kind == "interest" else scenario.values
    return f"{kind}: {next((e.name for e in entities if e.id == ident), ident)}"


def status_name(scenario: Scenario, key: str) -> str:
    """The objective in a status line: "integrated", "worst-off interest", "interest: …"."""
    words = {
        FAIR: "worst-off interest",
        LEAST_REGRET: "largest regret",
        LEAST_CHANGE: "integrated score, least change",
    }
    return words.get(key) or objective_name(scenario, key)


@dataclass(frozen=True)
class Request:
    """What auto-balance is asked: an objective, an optional floor, silo shares, a time limit;
    for least change also the cuts of capacities and the floor on the integrated score: the
    given `score_floor`, else the current score less `score_drop` (None: no floor)."""

    objective: str = INTEGRATED
    floor: float | None = None
    shares: bool = True
    time_limit: float | None = DEFAULT_TIME_LIMIT
    cuts: tuple[opt.Cut, ...] = ()
    score_floor: float | None = None
    score_drop: float | None = 0.0

    def label(self, scenario: Scenario) -> str:
        """The undo label: "Auto-balance (integrated)", "… (fair, no interest below 20)",
        "… (least change, budget −15 %, score kept)"."""
        floor = "" if self.floor is None else f", no interest below {self.floor:g}"
        shares = "" if self.shares else ", silo shares ignored"
        extra = _least_change_words(scenario, self) if self.objective == LEAST_CHANGE else ""
        name = objective_name(scenario, self.objective)
        return f"Auto-balance ({name}{extra}{floor}{shares})"

    @property
    def options(self) -> opt.Options:
        """The engine's options for this request."""
        return opt.Options(floor=self.floor, time_limit=self.time_limit, shares=self.shares)


def _least_change_words(scenario: Scenario, request: Request) -> str:
    """ ", budget −15 %, score kept" for a least-change request's label."""
    units = {r.id: r.unit for r in scenario.resources}
    cuts = "".join(f", {c.label(units.get(c.resource, ''))}" for c in request.cuts)
    if request.score_floor is not None:
        return f"{cuts}, score at least {request.score_floor:g}"
    if request.score_drop is None:
        return cuts
    if request.score_drop == 0:
        return f"{cuts}, score kept"
    return f"{cuts}, score down at most {request.score_drop:g}"


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
    detail: tuple[str, ...] = ()  # more lines for the status: least change's cut and moves


def greedy(model: Compiled, request: Request) -> opt.GreedyResult | None:
    """The greedy value-for-money answer (None for `fair` and least regret, which only the
    MILP can answer)."""
    if request.objective in NO_GREEDY:
        return None
    criterion = None if request.objective == INTEGRATED else opt.parse(model, request.objective)
    return opt.greedy(model, criterion, request.options)


def solve_greedy(model: Compiled, before: Score, request: Request) -> Preview | None:
    """The greedy answer as a preview against the score `before` (None for `fair` and least
    regret)."""
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
    if request.objective == LEAST_REGRET:
        return least_regret(model, before, request)
    if request.objective == LEAST_CHANGE:
        return least_change_preview(model, before, request)
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


def least_regret(model: Compiled, before: Score, request: Request) -> Preview:
    """The consensus package under the participants' current weights (with the request's
    floor, silo shares and time limit) as a preview: its value is the largest regret anyone
    has for it, `before` the largest for the current funding (`WorkshopError` with fewer
    than two participants with weights)."""
    from integrate_tui.engine.optimise.consensus import consensus
    from integrate_tui.workshop.consensus_room import room

    people = room(model.scenario)
    c = consensus(model, people.vectors(model), people.group_vector(model), request.options)
    package = dict(zip(model.activity_ids, c.package.tolist(), strict=True))
    return Preview(
        model=model,
        package=package,
        ledger=diff(before, score(model, c.package)),
        label=request.label(model.scenario),
        objective=status_name(model.scenario, LEAST_REGRET),
        before=max(s.current_regret for s in c.standings),
        value=c.largest_regret,
        feasible=True,
        status=c.status,
        gap=c.gap,
        seconds=c.seconds,
    )


def least_change(model: Compiled, request: Request) -> opt.LeastChange:
    """The least-change package for the request: its rules and cuts, and the score floor it
    states (the given one, else the current score less the drop; none when the drop is None)."""
    if request.score_floor is not None:
        floor = request.score_floor
    elif request.score_drop is None:
        floor = -np.inf
    else:
        floor = score(model).overall - request.score_drop
    return opt.least_change(model, request.options, cuts=request.cuts, floor=floor)


def least_change_preview(model: Compiled, before: Score, request: Request) -> Preview:
    """The least-change package as a preview: the integrated score before and after, and the
    cut and what moved in `detail`."""
    found = least_change(model, request)
    return Preview(
        model=model,
        package=found.package,
        ledger=diff(before, found.score),
        label=request.label(model.scenario),
        objective=status_name(model.scenario, LEAST_CHANGE),
        before=before.overall,
        value=found.score.overall,
        feasible=True,
        status=found.status,
        gap=found.gap,
        seconds=found.seconds,
        detail=least_change_lines(found),
    )


def least_change_lines(found: opt.LeastChange) -> tuple[str, ...]:
    """The cut and what moved in words, for the status line and the CLI's heading."""
    lines = [
        f"Cut {r.name} {r.capacity_before:,.6g} → {r.capacity_after:,.6g} {r.unit}".rstrip()
        + f" (used {r.used_before:,.6g} → {r.used_after:,.6g})"
        for r in found.resources
        if abs(r.capacity_after - r.capacity_before) > 1e-9
    ]
    moved = ", ".join(
        f"{r.name} {r.moved:,.4g} {r.unit}".rstrip() for r in found.resources if r.moved > 1e-9
    )
    count = len(found.ledger.funding)
    floor = f"score floor {found.floor:.1f}" if np.isfinite(found.floor) else "no score floor"
    lines.append(
        f"Moved {moved or 'nothing'} in {count} {'activity' if count == 1 else 'activities'} "
        f"(change {found.change:.3g}); {floor}"
    )
    return tuple(lines)


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
