"""The package that asks least of anyone: each participant's own best, and least largest regret.

Participants  each has raw value weights; their score of a package is the integrated score
              under their weights, S(P) · ŵ_p (the engine's value scores S, scoring.md §5).
Own best      the exact optimum under their weights on the same program as auto-balance (grid,
              locks, capacities, silo shares, an optional floor): one MILP each, WORKERS at
              a time, solved to the gap whatever the time limit (every regret is measured
              from them, so a limit would make the answer depend on the machine's speed),
              activities their weights do not care about settled toward the current funding
              (settle.py). Likewise the group optimum. Their best score is the most any
              solved package gives them (their own solve first, then the others' and the
              group optimum: a package within the gap of their optimum may score a little
              higher for them); their best package is the one that gives it, their own when
              tied (`engine.ties`).
Regret        best_p − score_p(P), in integrated-score points, ≥ 0 for every allowed package
              (up to the solves' gap).
Least regret  the exact MILP: one free variable m and, per participant, a row
              score_p(x) − m ≥ best_p − B̄ (score_p linear in the formulation's variables, so the
              program is exact on the step grid; B̄ the largest best score, so m = B̄ − the
              largest regret is on a score's scale and the gap means what it does elsewhere);
              maximise m. Then, deterministically, among packages whose every regret is within
              REGRET_TOLERANCE + gap · max|best| of the first package's largest regret, the one
              with the best group score (aggregate weights): everyone is asked at most the
              least largest regret, and what is left goes to the room as a whole. The variant
              `max_regret=X` bounds every regret by X and maximises the group score within it
              (in both, the group optimum itself when it keeps the bound: no solve). A time
              limit bounds these two stages only: the first may use all that is left (half
              with a bound X), the second what remains. A first stage that runs out of time
              keeps the best it found, or else the known package (every optimum solved) of
              least largest regret, and without X its package stands: the tie rule serves a
              proven least.
Room program  with more participants than values, each participant's score goes through one
              free variable per value, s_v = S_v(x) (an exact equality row each), as α_p · s:
              a row of |values| entries instead of one over every level (`_Room`).
Verdicts      per activity: "unanimous" when every participant's best package funds it
              (above min_funding), "contested" when some do (`funded_by`: who, at what
              level), "never" when none does.
"""

from __future__ import annotations

import time
from collections.abc import Mapping
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, replace

import numpy as np

from integrate_tui.engine.compiled import Compiled
from integrate_tui.engine.optimise.constraints import Options, package_meets
from integrate_tui.engine.optimise.control import NO_CONTROL, Control
from integrate_tui.engine.optimise.core import WORKERS, Setup, maximin, remaining, setup, status
from integrate_tui.engine.optimise.criteria import integrated
from integrate_tui.engine.optimise.errors import Infeasible, OptimiseError
from integrate_tui.engine.optimise.levels import FUNDED
from integrate_tui.engine.optimise.program import Program, Solution, relative_gap
from integrate_tui.engine.score import score
from integrate_tui.engine.ties import first_min, tied_max

REGRET_TOLERANCE = 1e-6
"""How far (points) above the least largest regret the group-score stage may go: more than
HiGHS's row tolerance, so the first stage's package stays allowed in the second."""
STAGE_PRESOLVE = False
"""HiGHS's presolve for the two regret stages, off: their epigraph rows give it little to
remove and its restarts cost 30–40 % of the stages' CPU on most rooms measured (50 × 22 room 0:
1.27 + 2.14 s → 0.96 + 1.37 s; the whole consensus 7.0 → 6.1 s CPU, room 1 8.6 → 7.3 s), with
the same answers (docs/optimiser.md §11)."""
STATUSES = ("unanimous", "contested", "never")
LEAST_REGRET = "least largest regret, then the best group score"
BOUNDED = "the best group score with every regret at most {bound:g}"


@dataclass(frozen=True)
class Standing:
    """One participant's view: their own best, and what three packages cost them."""

    participant: str
    best: np.ndarray  # funding of their own best package
    best_score: float  # their score of it
    score: float  # their score of the consensus package
    regret: float  # best_score − score
    group_regret: float  # their regret for the aggregate-weights optimum
    current_regret: float  # their regret for the current funding


@dataclass(frozen=True)
class Verdict:
    """Whether the participants' own best packages fund one activity, and at what levels."""

    activity: str
    status: str  # "unanimous", "contested" or "never"
    funded_by: dict[str, float]  # participant → level, for those whose best package funds it
    level: float  # its level in the consensus package


@dataclass(frozen=True)
class Consensus:
    """The consensus package, everyone's standing on it, and the activity verdicts."""

    model: Compiled
    participants: list[str]
    weights: np.ndarray  # participants × values, normalised
    group_weights: np.ndarray  # values, normalised
    package: np.ndarray
    group_package: np.ndarray  # the optimum under the group weights
    standings: list[Standing]
    verdicts: list[Verdict]
    least_regret: float  # t*: the least largest regret any allowed package has
    group_score: float  # the consensus package's score under the group weights
    max_regret: float | None  # the variant's bound X, or None
    current_allowed: bool  # whether the current funding keeps every rule
    status: str  # "optimal" or "time limit: best found"
    gap: float
    seconds: float

    @property
    def rule(self) -> str:
        """How the package was chosen, in words for the report and the CLI."""
        return LEAST_REGRET if self.max_regret is None else BOUNDED.format(bound=self.max_regret)

    @property
    def largest_regret(self) -> float:
        """The largest regret anyone has for the consensus package."""
        return max(s.regret for s in self.standings)

    def packages(self) -> list[np.ndarray]:
        """Every package this answer found: the bests, the group optimum and the consensus."""
        return [*(s.best for s in self.standings), self.group_package, self.package]


def consensus(
    model: Compiled,
    weights: Mapping[str, np.ndarray],
    group: np.ndarray | None = None,
    options: Options | None = None,
    *,
    max_regret: float | None = None,
    control: Control = NO_CONTROL,
) -> Consensus:
    """Each participant's best package, the least-regret package (or, with `max_regret`, the
    best group score within that regret), and per activity unanimous / contested / never.

    `weights`: participant id → raw value weights, in the order to report them; `group`:
    the aggregate raw weights (default: the options' or the scenario's)."""
    if len(weights) < 2:
        raise OptimiseError("a consensus needs at least two participants with weights")
    if max_regret is not None and not max_regret >= 0:
        raise OptimiseError(f"the regret bound must be a number ≥ 0, not {max_regret}")
    started = time.perf_counter()
    base = setup(model, options)
    people = list(weights)
    alphas = np.array([integrated(model, np.asarray(w, float)).values for w in weights.values()])
    group_alpha = integrated(model, base.stated_weights if group is None else group).values
    asked = [*alphas, group_alpha]
    distinct = list(dict.fromkeys(tuple(a) for a in asked))  # the same weights: one solve
    counter = control.counter(len(distinct) + 2)
    exact = replace(base, options=replace(base.options, time_limit=None))
    solve = counter.checked(lambda alpha: _best(exact, np.array(alpha)))
    with ThreadPoolExecutor(WORKERS, thread_name_prefix="consensus") as solver:
        found = dict(zip(distinct, solver.map(solve, distinct), strict=True))
    sols = [sol for _, sol in found.values()]
    pool = [found[tuple(a)][0] for a in asked]
    values = np.array([score(model, f).values for f in pool])  # packages × values
    known = values @ alphas.T  # packages × participants
    own = [_own_best(known[:, p], p) for p in range(len(people))]
    best_score = known[own, np.arange(len(people))]
    control.check()
    room = _Room.of(base, alphas, group_alpha)
    limit = base.options.time_limit
    share = remaining(limit, started)
    share = share / 2 if share is not None and max_regret is not None else share
    incumbent = pool[first_min((best_score - known).max(axis=1))]
    first, least, sol = _least_regret(room, best_score, incumbent, share)
    counter.tick()
    slack = REGRET_TOLERANCE + base.options.gap * float(np.abs(best_score).max())
    bound = least + slack if max_regret is None else max_regret
    if max_regret is None and sol.status == "time limit":
        package, last = first, None  # the tie rule serves a proven least: nothing to tie
    else:
        ahead = remaining(limit, started)
        package, last = _within(room, best_score, bound, [pool[-1], first], least, ahead)
    counter.tick()
    sols += [s for s in (sol, last) if s is not None]
    current = model.funding
    chosen = np.array([score(model, f).values for f in (package, pool[-1], current)])
    scores = chosen @ alphas.T  # consensus, group optimum, current × participants
    standings = [
        Standing(
            participant=pid,
            best=pool[own[p]],
            best_score=float(best_score[p]),
            score=float(scores[0, p]),
            regret=float(best_score[p] - scores[0, p]),
            group_regret=float(best_score[p] - scores[1, p]),
            current_regret=float(best_score[p] - scores[2, p]),
        )
        for p, pid in enumerate(people)
    ]
    return Consensus(
        model=model,
        participants=people,
        weights=alphas,
        group_weights=group_alpha,
        package=package,
        group_package=pool[-1],
        standings=standings,
        verdicts=verdicts(model, people, [s.best for s in standings], package),
        least_regret=least,
        group_score=float(chosen[0] @ group_alpha),
        max_regret=max_regret,
        current_allowed=package_meets(model, score(model, current), base.options),
        status=status(sols),
        gap=max(s.gap for s in sols),
        seconds=time.perf_counter() - started,
    )


def _best(base: Setup, alpha: np.ndarray) -> tuple[np.ndarray, Solution]:
    """The optimum for criterion weights α (normalised value weights) and its solve, with
    the activities α does not care about settled toward the current funding (settle.py)."""
    coef, constant = base.form.expression(integrated(base.model, alpha))
    sol = base.maximise(coef, constant)
    return base.package(sol, coef), sol


def _own_best(column: np.ndarray, p: int) -> int:
    """The package that scores best for participant p: their own solve when it is tied."""
    hits = tied_max(column)
    return p if p in hits else int(hits[0])


@dataclass(frozen=True)
class _Room:
    """The auto-balance program with each participant's score, and the group's, as a linear
    expression over its variables (`rows`, `constants`; `group`, `group_constant`).

    With more participants than values the scores go through one free variable per value,
    s_v = S_v(x) (an equality row "value:ID" each), and a participant's score is α_p · s: a
    row of |values| entries instead of one over every level, and the same exact program."""

    base: Setup
    alphas: np.ndarray  # participants × values, normalised
    prog: Program
    rows: list[np.ndarray]
    constants: np.ndarray
    group: np.ndarray
    group_constant: float
    dense: list[np.ndarray]  # every score's coefficients over the formulation's variables

    @classmethod
    def of(cls, base: Setup, alphas: np.ndarray, group: np.ndarray) -> _Room:
        """The room of participants' and the group's normalised weights on `base`."""
        expr = [base.form.expression(integrated(base.model, a)) for a in [*alphas, group]]
        dense = [coef for coef, _ in expr]
        count = alphas.shape[1]
        if len(alphas) <= count:
            constants = np.array([c for _, c in expr])
            rows, group_row = dense[:-1], dense[-1]
            return cls(
                base, alphas, base.prog, rows, constants[:-1], group_row, constants[-1], dense
            )
        prog = base.prog.copy()
        first = prog.size
        for _ in range(count):
            prog.add_variable(-np.inf, np.inf)
        for v, value in enumerate(base.model.value_ids):
            coef, constant = base.form.expression(integrated(base.model, np.eye(count)[v]))
            row = np.r_[coef, np.zeros(prog.size - len(coef))]
            row[first + v] = -1.0
            prog.add_row(f"value:{value}", row, -constant, -constant)

        def over(alpha: np.ndarray) -> np.ndarray:
            row = np.zeros(prog.size)
            row[first:] = alpha
            return row

        rows = [over(a) for a in alphas]
        return cls(base, alphas, prog, rows, np.zeros(len(alphas)), over(group), 0.0, dense)

    def distinct(self) -> list[int]:
        """The first participant of each distinct weight vector: one regret row each (equal
        weights have equal rows, best scores included)."""
        first = {tuple(a): p for p, a in reversed(list(enumerate(self.alphas)))}
        return sorted(first.values())

    def package(self, sol: Solution) -> np.ndarray:
        """A stage's package, activities no one's score depends on settled (settle.py)."""
        return self.base.package(sol, *self.dense)


def _least_regret(
    room: _Room, best: np.ndarray, incumbent: np.ndarray, time_limit: float | None
) -> tuple[np.ndarray, float, Solution]:
    """The epigraph MILP's package, its largest regret by the engine, and the solve.

    Maximise m with score_p(x) − m ≥ best_p − B̄ for every p, B̄ the largest best score: m is
    B̄ minus the largest regret, a number on the scale of a score, so the relative gap means
    what it means for every other objective (a regret of a few points asked to 0.01 % of
    itself would be proven to a thousandth of a point, and HiGHS spends minutes on that).
    `incumbent` (the known package of least largest regret) stands when the solve finds
    none better within its time limit; with no package of its own the solve then proves
    only that no regret is below 0 (bound B̄), and its gap says so."""
    top = float(best.max())
    prog, goal = maximin(
        room.prog,
        ((f"regret:{p}", room.rows[p], best[p] - top - room.constants[p]) for p in room.distinct()),
    )
    sol = prog.solve(
        goal, time_limit=time_limit, gap=room.base.options.gap, presolve=STAGE_PRESOLVE
    )
    if sol.x is None and sol.status != "time limit":
        raise OptimiseError(f"the least-regret solve failed: {sol.message}")
    found = [incumbent] if sol.x is None else [room.package(sol), incumbent]
    model = room.base.model
    regrets = [float(np.max(best - score(model, f).values @ room.alphas.T)) for f in found]
    pick = first_min(regrets)
    if sol.x is None:
        sol = replace(sol, objective=top - regrets[pick], bound=top)
        sol = replace(sol, gap=relative_gap(sol.objective, sol.bound))
    return found[pick], regrets[pick], sol


def _within(
    room: _Room,
    best: np.ndarray,
    bound: float,
    known: list[np.ndarray],
    least: float,
    time_limit: float | None,
) -> tuple[np.ndarray, Solution | None]:
    """The best group score among packages whose every regret is at most `bound`.

    `known`: the group optimum, then the least-regret package (of largest regret `least`).
    When the group optimum keeps the bound it is the answer, no solve needed; when HiGHS,
    at the very edge of the allowed set, finds nothing, the least-regret package is."""
    model = room.base.model
    group_optimum, first = known
    if np.max(best - score(model, group_optimum).values @ room.alphas.T) <= bound:
        return group_optimum, None
    prog: Program = room.prog.copy()
    for p in room.distinct():
        prog.add_row(f"regret:{p}", room.rows[p], best[p] - bound - room.constants[p], np.inf)
    sol = prog.solve(
        room.group,
        room.group_constant,
        time_limit=time_limit,
        gap=room.base.options.gap,
        presolve=STAGE_PRESOLVE,
    )
    if sol.x is not None:
        return room.package(sol), sol
    if bound >= least:
        return first, None
    if sol.status == "infeasible":
        raise Infeasible(
            [
                f"every regret at most {bound:g}: the least largest regret any package has is "
                f"{least:.4g}"
            ]
        )
    raise OptimiseError(
        "no package found for the group score within the regret bound"
        + (": allow more time" if sol.status == "time limit" else f": {sol.message}")
    )


def verdicts(
    model: Compiled, people: list[str], bests: list[np.ndarray], package: np.ndarray
) -> list[Verdict]:
    """Per activity: unanimous, contested or never across the participants' best packages."""
    floor = model.min_funding + FUNDED
    funds = np.array([b > floor for b in bests])  # participants × activities
    out = []
    for i, activity in enumerate(model.activity_ids):
        by = {pid: float(bests[p][i]) for p, pid in enumerate(people) if funds[p, i]}
        kind = STATUSES[0] if len(by) == len(people) else STATUSES[2] if not by else STATUSES[1]
        out.append(Verdict(activity, kind, by, float(package[i])))
    return out
