"""The core index of the room: how often each activity is funded across the room's disagreement.

Sampler   weight vectors from the convex hull of the participants' (normalised) weights:
          mixing shares λ ~ Dirichlet(1, …, 1) over the participants, w = Σ_p λ_p ŵ_p. Every
          draw is a convex combination, so it lies in the hull, and draws cover every mix
          of the room's views, not the neighbourhood of one aggregate (Monte Carlo's
          Dirichlet around the stated weights, montecarlo.py). λ is uniform on the simplex of
          mixes; when the participants' vectors are affinely independent (at most one more
          participant than values, none a mix of the others) w is then uniform on the hull
          too, otherwise mixes that several λ give are drawn more often.
          numpy.random.default_rng(seed), drawn in chunks of montecarlo.CHUNK: reproducible.
Method    Monte Carlo's candidate set (docs/optimiser.md §7): a package's integrated score is
          linear in the weights, w · S(P), so each draw's optimum is its best candidate by
          one matrix product. Candidates: the packages passed in (the participants' own
          optima, the group optimum, the consensus package) and the optima at the first
          `candidates` draws — exact MILPs up to montecarlo.GREEDY_ABOVE activities, greedy
          packages that keep every rule above it (method "auto"). Ties between candidates:
          the first passed in (`engine.ties`).
Output    per activity, the share of draws whose optimum funds it above min_funding: 1 is
          in every mix's optimum (the room's core), 0 in none.
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, replace

import numpy as np

from integrate_tui.engine.compiled import Compiled
from integrate_tui.engine.optimise.constraints import Options
from integrate_tui.engine.optimise.control import NO_CONTROL, Control
from integrate_tui.engine.optimise.core import WORKERS, setup
from integrate_tui.engine.optimise.criteria import integrated
from integrate_tui.engine.optimise.errors import OptimiseError
from integrate_tui.engine.optimise.greedy import greedy
from integrate_tui.engine.optimise.levels import FUNDED
from integrate_tui.engine.optimise.montecarlo import CANDIDATE_GAP, CHUNK, solve_method
from integrate_tui.engine.score import score
from integrate_tui.engine.ties import top_rows

SAMPLES = 2_000
CANDIDATES = 8


@dataclass(frozen=True)
class CoreIndex:
    """Per activity, the share of the room's weight mixes whose optimum funds it."""

    model: Compiled
    funded: np.ndarray  # per activity, 0 … 1
    samples: int
    seed: int
    candidates: int  # distinct candidate packages the draws chose among
    method: str  # "exact" or "greedy": how the draws' candidates were made
    seconds: float


def hull_draws(weights: np.ndarray, count: int, rng: np.random.Generator) -> np.ndarray:
    """`count` weight vectors λ·W with λ ~ Dirichlet(1) over the rows of `weights` (each row a
    participant's normalised weights): points of their convex hull."""
    mix = rng.dirichlet(np.ones(len(weights)), size=count)
    return mix @ np.asarray(weights, dtype=float)


def core_index(
    model: Compiled,
    weights: np.ndarray,
    samples: int = SAMPLES,
    seed: int = 0,
    *,
    candidates: int = CANDIDATES,
    extra: Sequence[np.ndarray] = (),
    options: Options | None = None,
    method: str = "auto",
    control: Control = NO_CONTROL,
) -> CoreIndex:
    """The share of hull draws (see the module docstring) under which each activity is funded.

    `weights`: participants × values, normalised; `extra`: packages that are candidates
    before the draws' optima (they must keep every rule)."""
    if samples < 1 or candidates < 0 or len(weights) < 1:
        raise OptimiseError("samples must be ≥ 1, candidates ≥ 0, and the room not empty")
    method = solve_method(method, model)
    started = time.perf_counter()
    base = setup(model, options or Options(gap=CANDIDATE_GAP))
    rng = np.random.default_rng(seed)
    pool = hull_draws(weights, min(samples, CHUNK), rng)
    draws = pool[:candidates]
    counter = control.counter(len(draws))
    if method == "exact":
        with ThreadPoolExecutor(WORKERS, thread_name_prefix="core-index") as solver:
            made = list(solver.map(counter.checked(base.best), draws))
    else:
        made = []
        for w in draws:
            control.check()
            found = greedy(model, integrated(model, w), replace(base.options, weights=w))
            counter.tick()
            if found.feasible:
                made.append(found.funding)
    unique = list({tuple(np.round(f, 9)): f for f in [*extra, *made]}.values())
    if not unique:
        raise OptimiseError("no candidate package keeps every rule")
    table = np.array([score(model, f).values for f in unique])  # candidates × values
    funds = np.array([f > model.min_funding + FUNDED for f in unique], dtype=float)
    chosen = np.zeros(len(unique))
    done = 0
    while done < samples:
        control.check()
        chunk = pool if done == 0 else hull_draws(weights, min(CHUNK, samples - done), rng)
        best = top_rows(chunk @ table.T, 1)[:, 0]  # ties: the candidate given first
        chosen += np.bincount(best, minlength=len(unique))
        done += len(chunk)
    return CoreIndex(
        model=model,
        funded=(chosen / samples) @ funds,
        samples=samples,
        seed=seed,
        candidates=len(unique),
        method=method,
        seconds=time.perf_counter() - started,
    )
