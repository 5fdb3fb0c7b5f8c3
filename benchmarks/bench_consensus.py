"""Consensus benchmarks: each participant's own optimum and the least-regret package.

Run: `python benchmarks/bench_consensus.py [--limit S]` (not part of pytest). Targets from
issue 16, timing `engine.optimise.consensus.consensus` end to end (the participants' optima
and the group optimum, WORKERS at a time, then the epigraph MILP and the group-score stage):

* 8 participants × 200 activities (bench_optimise's generated scenarios): < 3 s;
* 50 participants × 22 activities (the bundled city-diplomacy scenario): < 1 s.

Participants' raw weights are Dirichlet(1) draws over the values, seeded: a room that
disagrees about everything, the hard case (every participant has a different optimum).
`--limit` gives the request a time limit (Options.time_limit), which bounds the two regret
stages only (the optima are always solved to the gap, so the figures show what a screen with
that budget would get); without it every solve runs to the default 0.01 % gap. The core index
is timed apart (exact candidates at 22 activities). Process CPU time is printed beside the
wall time: on the shared machine the wall time says more about the other work than ours.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).parent))
from bench_optimise import bundled, generated

from integrate_tui.engine import Compiled, compile_scenario
from integrate_tui.engine.optimise import Options
from integrate_tui.engine.optimise.consensus import consensus
from integrate_tui.engine.optimise.consensus_core import core_index


def room(model: Compiled, people: int, seed: int) -> dict[str, np.ndarray]:
    """`people` participants with Dirichlet(1) weights over the model's values."""
    rng = np.random.default_rng(seed)
    return {f"p{i}": rng.dirichlet(np.ones(len(model.value_ids))) for i in range(people)}


def run(label: str, model: Compiled, people: int, seed: int, limit: float | None) -> None:
    """One consensus, timed, with its status, gap and largest regret."""
    started, cpu = time.perf_counter(), time.process_time()
    c = consensus(model, room(model, people, seed), options=Options(time_limit=limit))
    seconds, cpu = time.perf_counter() - started, time.process_time() - cpu
    distinct = len({tuple(np.round(s.best, 9)) for s in c.standings})
    print(
        f"  {label:28} {seconds:6.2f} s (CPU {cpu:.2f} s)  {c.status}, gap {100 * c.gap:.3f} %, "
        f"largest regret {c.largest_regret:.2f} points, {distinct} distinct own optima"
    )
    started = time.perf_counter()
    core = core_index(model, c.weights, extra=c.packages())
    print(
        f"  {'':28} core index {time.perf_counter() - started:5.2f} s "
        f"({core.samples:,} mixes, {core.candidates} candidates, {core.method})"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=float, help="time limit in seconds per consensus")
    parser.add_argument("--seeds", type=int, default=2, help="rooms per size")
    args = parser.parse_args(argv)
    print(f"consensus (time limit: {args.limit or 'none'})")
    city = bundled()
    for seed in range(args.seeds):
        run(f"50 × 22 (bundled), room {seed}", city, 50, seed, args.limit)
    for seed in range(args.seeds):
        model = compile_scenario(generated(200, seed))
        run(f"8 × 200 (generated {seed})", model, 8, seed, args.limit)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
