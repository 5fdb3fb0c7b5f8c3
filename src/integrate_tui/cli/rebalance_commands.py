"""`integrate-tui rebalance`: move a resource from one silo's envelope to another's.

The silos' activities follow by the chosen fill (proportional or best use); the engine's
ledger, the cross-silo interactions and, with --marginal, the marginal value of every
envelope are printed as tables, or as JSON with --json.
"""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

from integrate_tui.cli.common import (
    emit_json,
    load_tracked,
    print_tables,
    save_copy,
    write_target,
)

if TYPE_CHECKING:
    from integrate_tui.engine import Compiled
    from integrate_tui.engine.envelopes import Move

FILL_CHOICES = ("proportional", "best")
"""As engine.rebalance.FILLS, repeated so that --help does not import the engine."""
SYNTAX = "RESOURCE=AMOUNT:FROM->TO"
EXAMPLE = "budget=100:econ-dev->sister-cities"


def register(sub: argparse._SubParsersAction) -> None:
    """Add `rebalance` to the CLI."""
    p = sub.add_parser("rebalance", help="move a resource between silos and see the tradeoff")
    p.add_argument("file", metavar="FILE", help="scenario file (TOML)")
    p.add_argument(
        "--move",
        required=True,
        metavar=SYNTAX,
        help=f"e.g. '{EXAMPLE}' (quote it: the shell reads > as a redirection; "
        "FROM:TO works unquoted); AMOUNT may be a share of FROM's envelope, e.g. 25%%",
    )
    p.add_argument(
        "--fill",
        choices=FILL_CHOICES,
        default="proportional",
        help="how the silos' activities follow: proportional (keep each silo's mix, the "
        "default) or best (the optimiser fills both envelopes for the weights)",
    )
    p.add_argument(
        "--priority",
        nargs="+",
        action="extend",
        metavar="SILO",
        help="silo priorities, first first: best-use fills break ties in this order "
        "(default: the open round's silo_priorities)",
    )
    p.add_argument(
        "--marginal", action="store_true", help="also what δ more of each envelope would add"
    )
    p.add_argument("--json", action="store_true", help="print the result as JSON")
    p.add_argument(
        "--write", metavar="OUT.toml", help="save a copy with the new funding and envelopes"
    )
    p.set_defaults(run=run_rebalance)


def parse_move(text: str, model: Compiled) -> Move:
    """`budget=100:econ-dev->sister-cities` (or `25%` of FROM's envelope, or `FROM:TO`)."""
    from integrate_tui.engine.envelopes import MoveError, move_from

    resource, _, rest = text.partition("=")
    amount, _, route = rest.partition(":")
    arrow = next((a for a in ("->", "→", ":") if a in route), None)
    source, _, target = route.partition(arrow) if arrow else (route, "", "")
    parts = [x.strip() for x in (resource, amount, source, target)]
    if not all(parts):
        hint = ""
        if route.endswith("-") and not target:
            hint = "; the shell took '>' as a redirection — put the move in quotes"
        raise MoveError(f"--move {text!r} should look like {SYNTAX}, e.g. {EXAMPLE}{hint}")
    return move_from(model, model.funding, *parts)


def run_rebalance(args: argparse.Namespace) -> int:
    """Move, fill, and print the ledger (and the marginal values); optionally save a copy."""
    from integrate_tui.cli.rebalance_report import rebalance_json, rebalance_tables
    from integrate_tui.engine import compile_scenario
    from integrate_tui.engine.rebalance import moved_scenario, rebalance, round_priorities

    scenario, read = load_tracked(args.file)
    out, expect = write_target(args.file, args.write, read) if args.write else (None, None)
    model = compile_scenario(scenario)
    move = parse_move(args.move, model)
    priorities = args.priority if args.priority else round_priorities(scenario)
    result = rebalance(model, model.funding, move, args.fill, priorities)
    marginals = None
    if args.marginal:
        from integrate_tui.engine.optimise import marginal_values

        marginals = marginal_values(model)
    if out is not None:
        save_copy(moved_scenario(scenario, result), out, expect)
    written = str(out) if out else None
    if args.json:
        emit_json(rebalance_json(result, marginals, written))
        return 0
    print_tables(rebalance_tables(result, marginals, written))
    return 0
