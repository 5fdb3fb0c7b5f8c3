"""Weight uncertainty by Monte Carlo: how often each activity is funded, how robust packages rank.

Samples   N weight vectors from a Dirichlet around the stated (normalised) weights w̄ with
          parameters κ·w̄, κ = `concentration` (default 50): the mean is w̄ and a weight's
          standard deviation is √(w̄(1 − w̄)/(κ + 1)) — about ±42 % of a weight of 0.1 and
          ±24 % of 0.25. Values with weight 0 stay at 0. Seeded with
          numpy.random.default_rng(seed) and drawn in chunks of 2,000: reproducible.
Method    10,000 MILPs would take minutes, so a candidate set is solved exactly and reused.
          The integrated score is linear in the weights for a fixed package
          (O_w(P) = w · S(P), S the engine's value scores), so once the candidates' S are
          known, scoring every sample against every candidate is one matrix product.
          Candidates: the optimum at the stated weights, any packages passed in (e.g. the
          tornado's), and the optima at the first `candidates` draws — representative of
          the cloud (farthest-point picks, tried before, solved its fringe and did worse:
          see docs/optimiser.md).
          Above GREEDY_ABOVE activities (method "auto"; or method="greedy") the draws'
          candidates come from the greedy value-for-money heuristic (~40 ms each at 200
          activities, against ~0.5 s per MILP) instead of exact solves; the exact optimum at
          the stated weights is always a candidate, and a greedy package that breaks a rule
          (it does not seek min_share or the floor) is dropped. See docs/optimiser.md for
          its measured agreement with exact solves. Exact candidates are solved WORKERS at
          a time; with greedy ones, the stated optimum is solved in a thread meanwhile.
          Each sample's "optimal package" is its best candidate. This is exact whenever the
          sample's true optimum is among the candidates, and otherwise a lower bound on the
          optimum. `validate` extra draws are solved exactly and compared with their best
          candidate: how often it funds the same set of activities (agreement — what the
          funding probabilities rest on), the same for each activity separately, how often
          it is an optimal package itself, and the score lost when it is not (regret, in
          integrated-score points).
Outputs   per activity, the share of samples whose package funds it above min_funding, and
          its mean funding; per candidate package, rank acceptability: the share of
          samples that rank it 1st, 2nd, … among the candidates (SMAA's b_i^r).
Control   asked before each candidate solve or greedy package, each chunk of samples and each
          validation solve (a cancelled run stops within one solve); it hears the candidates
          and validation solves done out of planned.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, replace

import numpy as np

from integrate_tui.engine.compiled import Compiled
from integrate_tui.engine.optimise.constraints import Options
from integrate_tui.engine.optimise.control import NO_CONTROL, Control, Counter
from integrate_tui.engine.optimise.core import WORKERS, Setup, setup
from integrate_tui.engine.optimise.criteria import integrated
from integrate_tui.engine.optimise.errors import OptimiseError
from integrate_tui.engine.optimise.greedy import greedy
from integrate_tui.engine.optimise.levels import FUNDED
from integrate_tui.engine.score import score, value_weights
from integrate_tui.engine.ties import first_max, top_rows

CANDIDATE_GAP = 1e-3
"""Candidates are proven to 0.1 % (without options): each sample picks its best anyway."""
CONCENTRATION = 50.0
SAMPLES = 10_000
CANDIDATES = 16
CHUNK = 2_000
RANKS = 5
GREEDY_ABOVE = 100
"""method "auto": exact candidates up to this many activities, greedy ones above it."""
METHODS = ("auto", "exact", "greedy")


@dataclass(frozen=True)
class Validation:
    """The candidate method checked against exact solves of fresh draws."""

    count: int
    agreement: float  # share of draws where the best candidate funds the same activities
    activity_agreement: float  # share of (draw, activity) pairs with the same funded status
    optimal: float  # share of draws where the best candidate is an optimal package
    regret: tuple[float, float]  # mean and largest score lost to the exact optimum


@dataclass(frozen=True)
class Robustness:
    """What the sampled weights say about the optimal package."""

    model: Compiled
    samples: int
    seed: int
    concentration: float
    funded: np.ndarray  # per activity: share of samples funding it above min_funding
    mean_funding: np.ndarray  # per activity
    packages: list[np.ndarray]  # candidate fundings, most often best first
    acceptability: np.ndarray  # packages × ranks: share of samples ranking it 1st, 2nd, …
    validation: Validation | None
    seconds: tuple[float, float, float]  # candidates, sampling, validation
    method: str = "exact"  # how the draws' candidates were made: "exact" or "greedy"


def solve_method(method: str, model: Compiled) -> str:
    """How each candidate draw is solved: "exact" or "greedy" ("auto": exact up to
    GREEDY_ABOVE activities); an unknown method is refused."""
    if method not in METHODS:
        raise OptimiseError(f"method must be one of {', '.join(METHODS)}, not {method!r}")
    if method == "auto":
        return "greedy" if len(model.activity_ids) > GREEDY_ABOVE else "exact"
    return method


def _draw(rng: np.random.Generator, alpha: np.ndarray, mask: np.ndarray, n: int) -> np.ndarray:
    """n weight vectors (normalised) with zeros where the stated weight is zero."""
    out = np.zeros((n, len(mask)))
    out[:, mask] = rng.dirichlet(alpha, size=n)
    return out


def robustness(
    model: Compiled,
    samples: int = SAMPLES,
    seed: int = 0,
    *,
    concentration: float = CONCENTRATION,
    candidates: int = CANDIDATES,
    validate: int = 0,
    extra: list[np.ndarray] | None = None,
    options: Options | None = None,
    method: str = "auto",
    control: Control = NO_CONTROL,
) -> Robustness:
    """Funding probabilities and rank acceptability under Dirichlet weight uncertainty.

    `method`: "exact" solves each candidate draw's MILP, "greedy" runs the greedy heuristic
    for it, "auto" (default) is exact up to GREEDY_ABOVE activities and greedy above."""
    if samples < 1 or concentration <= 0 or candidates < 0 or validate < 0:
        raise OptimiseError("samples must be ≥ 1, concentration > 0, candidates and validate ≥ 0")
    method = solve_method(method, model)
    started = time.perf_counter()
    base = setup(model, options or Options(gap=CANDIDATE_GAP))
    stated = value_weights(base.stated_weights)
    mask = stated > 0
    if not mask.any():
        raise OptimiseError("every value weight is 0: there are no weights to vary")
    alpha = concentration * stated[mask]
    rng = np.random.default_rng(seed)
    pool = _draw(rng, alpha, mask, min(samples, CHUNK))
    draws = pool[:candidates]
    counter = control.counter(1 + len(draws) + validate)
    solve = counter.checked(base.best)
    with ThreadPoolExecutor(WORKERS, thread_name_prefix="candidates") as solver:
        if method == "exact":
            drafted = list(solver.map(solve, [stated, *draws]))
            fundings = [drafted[0], *(extra or []), *drafted[1:]]
        else:  # the exact solve runs while this thread makes the greedy packages
            best = solver.submit(solve, stated)
            drafted = _greedy(base, draws, counter)
            fundings = [best.result(), *(extra or []), *drafted]
    unique = list({tuple(np.round(f, 9)): f for f in fundings}.values())
    table = np.array([score(model, f).values for f in unique])  # candidates × values
    funds = np.array([f > model.min_funding + FUNDED for f in unique], dtype=float)
    made = time.perf_counter()
    ranks = min(RANKS, len(unique))
    acceptability = np.zeros((len(unique), ranks))
    done = 0
    while done < samples:
        control.check()
        chunk = pool if done == 0 else _draw(rng, alpha, mask, min(CHUNK, samples - done))
        utility = chunk @ table.T
        order = top_rows(utility, ranks)  # ties: the candidate found first
        for r in range(ranks):
            acceptability[:, r] += np.bincount(order[:, r], minlength=len(unique))
        done += len(chunk)
    sampled = time.perf_counter()
    share = acceptability[:, 0] / samples
    check = _validate(base, rng, alpha, mask, unique, table, solve, validate) if validate else None
    top = np.argsort(-share, kind="stable")
    return Robustness(
        model=model,
        samples=samples,
        seed=seed,
        concentration=concentration,
        funded=share @ funds,
        mean_funding=share @ np.array(unique),
        packages=[unique[i] for i in top],
        acceptability=acceptability[top] / samples,
        validation=check,
        seconds=(made - started, sampled - made, time.perf_counter() - sampled),
        method=method,
    )


def _greedy(base: Setup, draws: np.ndarray, counter: Counter) -> list[np.ndarray]:
    """The greedy package for each draw's weights, keeping only those that meet every rule."""
    found = []
    for w in draws:
        counter.control.check()
        g = greedy(base.model, integrated(base.model, w), replace(base.options, weights=w))
        counter.tick()
        if g.feasible:
            found.append(g.funding)
    return found


def _validate(
    base: Setup,
    rng: np.random.Generator,
    alpha: np.ndarray,
    mask: np.ndarray,
    unique: list[np.ndarray],
    table: np.ndarray,
    solve: Callable[[np.ndarray], np.ndarray],
    count: int,
) -> Validation:
    """Solve `count` fresh draws exactly (with `solve`) and compare each with its best
    candidate."""
    floor = base.model.min_funding + FUNDED
    same, status, optimal, losses = [], [], [], []
    for w in _draw(rng, alpha, mask, count):
        exact = solve(w)
        value = score(base.model, exact, w).overall
        k = first_max(table @ w)
        match = (exact > floor) == (unique[k] > floor)
        loss = max(value - float(table[k] @ w), 0.0)
        same.append(match.all())
        status.append(match.mean())
        optimal.append(loss <= base.options.gap * max(1.0, abs(value)) + 1e-7)
        losses.append(loss)
    return Validation(
        count,
        float(np.mean(same)),
        float(np.mean(status)),
        float(np.mean(optimal)),
        (float(np.mean(losses)), float(np.max(losses))),
    )
