"""Analysis sub-commands: `optimise`, `frontier`, `sensitivity` and `dividend`.

Each loads one scenario, asks the engine's optimiser (integrate_tui.engine.optimise, which
imports scipy only when a solve runs) and prints rich tables, or JSON with --json.
"""

from __future__ import annotations

import argparse
import math
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from integrate_tui.cli.common import (
    BadArgument,
    emit_json,
    load,
    load_tracked,
    print_tables,
    save_copy,
    write_target,
)

if TYPE_CHECKING:
    from integrate_tui.engine import Compiled
    from integrate_tui.files import Fingerprint


def _number(minimum: float, kind: Callable[[str], float] = float) -> Callable[[str], float]:
    """An argparse type: a finite number (int or float) of at least `minimum`."""

    def parse(text: str) -> float:
        try:
            value = kind(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"not a number: {text!r}") from None
        if not math.isfinite(value) or value < minimum:
            raise argparse.ArgumentTypeError(f"must be a number ≥ {minimum:g}, not {text}")
        return value

    return parse


def register(sub: argparse._SubParsersAction) -> None:
    """Add optimise, frontier, sensitivity and dividend to the CLI."""
    p = sub.add_parser("optimise", help="the best funding package for an objective (MILP)")
    p.add_argument("file", metavar="FILE", help="scenario file (TOML)")
    p.add_argument(
        "--objective",
        help="integrated (default), fair, least-change, interest:ID or value:ID",
    )
    p.add_argument(
        "--floor",
        type=_number(-math.inf),
        help="no interest below this satisfaction; with least-change, the least integrated "
        "score instead (default: the current score)",
    )
    p.add_argument(
        "--cut",
        action="append",
        metavar="RESOURCE=-15%",
        help="with least-change: change a resource's capacity by a share (budget=-15%%) or an "
        "amount in its unit (staff=-2), sign required; repeat for more resources",
    )
    p.add_argument("--time-limit", type=_number(0.001), metavar="S", help="seconds to search")
    p.add_argument("--write", metavar="OUT.toml", help="save a copy with the optimised funding")
    p.add_argument("--json", action="store_true", help="print the result as JSON")
    p.set_defaults(run=run_optimise)

    p = sub.add_parser("frontier", help="the Pareto frontier between two interests or values")
    p.add_argument("file", metavar="FILE", help="scenario file (TOML)")
    p.add_argument("--x", required=True, metavar="ID", help="interest or value id (or kind:ID)")
    p.add_argument("--y", required=True, metavar="ID", help="interest or value id (or kind:ID)")
    p.add_argument("--points", type=_number(2, int), default=12, help="points to compute (≥ 2)")
    p.add_argument(
        "--time-limit", type=_number(0.001), metavar="S", help="seconds for the whole frontier"
    )
    p.add_argument("--json", action="store_true", help="print the frontier as JSON")
    p.set_defaults(run=run_frontier)

    p = sub.add_parser("sensitivity", help="how much the optimal package depends on the weights")
    p.add_argument("file", metavar="FILE", help="scenario file (TOML)")
    p.add_argument("--samples", type=_number(1, int), default=10_000, help="weight samples")
    p.add_argument("--seed", type=_number(0, int), default=0, help="random seed (default 0)")
    p.add_argument(
        "--candidates", type=_number(0, int), default=16, help="exact solves to draw packages from"
    )
    p.add_argument(
        "--validate", type=_number(0, int), default=10, help="exact solves to check the method"
    )
    p.add_argument("--activity", metavar="ID", help="with --value: what would flip this activity")
    p.add_argument("--value", metavar="ID", help="with --activity: the value weight to move")
    p.add_argument("--json", action="store_true", help="print the analysis as JSON")
    p.set_defaults(run=run_sensitivity)

    p = sub.add_parser("dividend", help="what breaking silos buys: siloed vs integrated optimum")
    p.add_argument("file", metavar="FILE", help="scenario file (TOML)")
    p.add_argument("--json", action="store_true", help="print the comparison as JSON")
    p.set_defaults(run=run_dividend)


def run_optimise(args: argparse.Namespace) -> int:
    """Optimise FILE; print the package, the ledger, status and gap; optionally save a copy."""
    from integrate_tui.cli.analysis_report import optimise_json
    from integrate_tui.engine import compile_scenario
    from integrate_tui.engine.optimise import optimise
    from integrate_tui.session.analyses import (
        INTEGRATED,
        LEAST_CHANGE,
        Request,
        greedy,
        with_funding,
    )

    if args.cut and args.objective != LEAST_CHANGE:
        raise BadArgument("--cut goes with --objective least-change")
    scenario, read = load_tracked(args.file)
    out, expect = write_target(args.file, args.write, read) if args.write else (None, None)
    model = compile_scenario(scenario)
    if args.objective == LEAST_CHANGE:
        return _least_change(args, model, out, expect)
    request = Request(args.objective or INTEGRATED, args.floor, time_limit=args.time_limit)
    result = optimise(model, request.objective, request.options)
    quick = greedy(model, request)
    if out is not None:
        save_copy(with_funding(scenario, result.funding), out, expect)
    if args.json:
        emit_json(optimise_json(result, quick, str(out) if out else None))
        return 0
    from integrate_tui.cli.analysis_tables import optimise_tables

    print_tables(optimise_tables(result, quick, str(out) if out else None))
    return 0


def _least_change(
    args: argparse.Namespace, model: Compiled, out: Path | None, expect: Fingerprint | None
) -> int:
    """`optimise --objective least-change`: fit the cuts moving the least funding, holding the
    integrated score at --floor (default: the current score)."""
    from integrate_tui.cli.analysis_report import least_change_json
    from integrate_tui.engine.optimise import parse_cut
    from integrate_tui.session.analyses import LEAST_CHANGE, Request, least_change, with_funding

    cuts = tuple(parse_cut(text) for text in args.cut or ())
    request = Request(LEAST_CHANGE, time_limit=args.time_limit, cuts=cuts, score_floor=args.floor)
    result = least_change(model, request)
    if out is not None:
        save_copy(with_funding(model.scenario, result.funding), out, expect)
    written = str(out) if out else None
    if args.json:
        emit_json(least_change_json(result, written))
        return 0
    from integrate_tui.cli.analysis_tables import least_change_tables

    print_tables(least_change_tables(result, written))
    return 0


def run_frontier(args: argparse.Namespace) -> int:
    """The frontier between --x and --y, and where the current funding sits."""
    from integrate_tui.cli.analysis_report import frontier_json
    from integrate_tui.engine import compile_scenario
    from integrate_tui.session.analyses import frontier

    model = compile_scenario(load(args.file))
    result = frontier(model, args.x, args.y, args.points, args.time_limit)
    if args.json:
        emit_json(frontier_json(result))
        return 0
    from integrate_tui.cli.analysis_tables import frontier_tables

    print_tables(frontier_tables(result))
    return 0


def run_sensitivity(args: argparse.Namespace) -> int:
    """Tornado, Monte Carlo robustness and, with --activity and --value, what it would take."""
    from integrate_tui.cli.analysis_report import sensitivity_json
    from integrate_tui.engine import compile_scenario
    from integrate_tui.session.analyses import sensitivity

    if (args.activity is None) != (args.value is None):
        raise BadArgument("--activity and --value go together: give both or neither")
    model = compile_scenario(load(args.file))
    found = sensitivity(
        model,
        args.samples,
        args.seed,
        candidates=args.candidates,
        validate=args.validate,
        activity=args.activity,
        value=args.value,
    )
    if args.json:
        emit_json(sensitivity_json(found.tornado, found.robustness, found.flip))
        return 0
    from integrate_tui.cli.analysis_tables import sensitivity_tables

    print_tables(sensitivity_tables(found.tornado, found.robustness, found.flip))
    return 0


def run_dividend(args: argparse.Namespace) -> int:
    """Siloed against integrated optimum: the dividend and what makes it."""
    from integrate_tui.cli.analysis_report import dividend_json
    from integrate_tui.engine import compile_scenario
    from integrate_tui.engine.optimise import dividend

    model = compile_scenario(load(args.file))
    result = dividend(model)
    if args.json:
        emit_json(dividend_json(result))
        return 0
    from integrate_tui.cli.analysis_tables import dividend_tables

    print_tables(dividend_tables(result))
    return 0
