"""Scoring sub-commands: `score` (the full report, or why one number is what it is) and `diff`."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

from integrate_tui.cli.common import emit_json, load, print_tables

if TYPE_CHECKING:
    from integrate_tui.engine import Explanation, Score


def register(sub: argparse._SubParsersAction) -> None:
    """Add score and diff to the CLI."""
    p = sub.add_parser("score", help="score a scenario: values, interests, resources, silos")
    p.add_argument("file", metavar="FILE", help="scenario file (TOML)")
    p.add_argument(
        "--set",
        action="append",
        default=[],
        metavar="ACTIVITY=FUNDING",
        help="score with this activity funded at this level instead (repeatable)",
    )
    p.add_argument(
        "--weight",
        action="append",
        default=[],
        metavar="VALUE=W",
        help="score with this value weight instead (repeatable; weights are relative)",
    )
    p.add_argument("--json", action="store_true", help="print every number as JSON")
    p.add_argument(
        "--explain",
        metavar="ID",
        help="why a number is what it is: a value, interest or resource id, or 'overall'",
    )
    p.set_defaults(run=run_score)

    p = sub.add_parser("diff", help="the tradeoff ledger between two scenario files")
    p.add_argument("before", metavar="FILE_A", help="the scenario before")
    p.add_argument("after", metavar="FILE_B", help="the scenario after (same ids as FILE_A)")
    p.add_argument("--json", action="store_true", help="print the ledger as JSON")
    p.set_defaults(run=run_diff)


def run_score(args: argparse.Namespace) -> int:
    """Score FILE with any --set/--weight overrides; print tables, JSON or one explanation."""
    from integrate_tui.cli.scoring_args import funding_levels, subject, weight_levels
    from integrate_tui.cli.scoring_report import explanation_json, score_json
    from integrate_tui.engine import compile_scenario, score

    model = compile_scenario(load(args.file))
    funding = model.funding_from(funding_levels(model, args.set))
    weights = model.weights_from(weight_levels(model, args.weight))
    target = subject(model, args.explain) if args.explain else None
    s = score(model, funding, weights)
    explanation = _explain(s, *target) if target else None
    if args.json:
        data = score_json(s)
        if explanation:
            data["explain"] = explanation_json(explanation)
        emit_json(data)
        return 0
    from integrate_tui.cli.scoring_tables import explanation_tables, score_tables

    print_tables(explanation_tables(explanation, s) if explanation else score_tables(s))
    return 0


def _explain(s: Score, kind: str, ident: str) -> Explanation:
    """The explanation of one number of the score."""
    from integrate_tui.engine import (
        explain_interest,
        explain_overall,
        explain_resource,
        explain_value,
    )

    if kind == "overall":
        return explain_overall(s)
    explain = {"value": explain_value, "interest": explain_interest, "resource": explain_resource}
    return explain[kind](s, ident)


def run_diff(args: argparse.Namespace) -> int:
    """Score both files as written and print the ledger from the first to the second."""
    from integrate_tui.cli.scoring_report import ledger_json
    from integrate_tui.engine import compile_scenario, diff, score

    before, after = (score(compile_scenario(load(path))) for path in (args.before, args.after))
    ledger = diff(before, after)
    if args.json:
        emit_json(ledger_json(ledger))
        return 0
    from integrate_tui.cli.scoring_tables import ledger_tables

    print_tables(ledger_tables(ledger))
    return 0
