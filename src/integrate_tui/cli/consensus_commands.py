"""`integrate-tui consensus FILE`: each participant's best package, the least-regret package,
and which activities the room agrees on, with rich tables or JSON (--json).

The room is the participants' current weights, or what each gave in `--round N`; those
with no weights are skipped and named. The engine (engine.optimise.consensus and
consensus_core) does every number; this module only parses, calls and prints.
"""

from __future__ import annotations

import argparse
import math
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from integrate_tui.cli.analysis_commands import _number
from integrate_tui.cli.common import emit_json, load, print_tables

if TYPE_CHECKING:
    import numpy as np
    from rich.console import RenderableType

    from integrate_tui.engine.optimise.consensus import Consensus
    from integrate_tui.engine.optimise.consensus_core import CoreIndex
    from integrate_tui.workshop.consensus_room import Room


def register(sub: argparse._SubParsersAction) -> None:
    """Add `consensus` to the CLI."""
    p = sub.add_parser(
        "consensus",
        help="the package that asks least of anyone, and what the room agrees on",
        description="Each participant's own best package (the exact optimum under their "
        "weights), the package whose largest regret is least (regret: their own best score "
        "minus their score of it), and per activity whether everyone's best funds it "
        "(unanimous), some do (contested) or none does (never), with the share of weight "
        "mixes of the room under which it is funded (core index).",
    )
    p.add_argument("file", metavar="FILE", help="scenario file with a workshop record")
    p.add_argument(
        "--round", type=_number(1, int), metavar="N", help="use the weights given in round N"
    )
    p.add_argument(
        "--max-regret",
        type=_number(0),
        metavar="X",
        help="instead: the best group score with every regret at most X",
    )
    p.add_argument(
        "--samples", type=_number(1, int), default=2_000, help="weight mixes for the core index"
    )
    p.add_argument("--seed", type=_number(0, int), default=0, help="random seed (default 0)")
    p.add_argument("--time-limit", type=_number(0.001), metavar="S", help="seconds to search")
    p.add_argument("--json", action="store_true", help="print the result as JSON")
    p.set_defaults(run=run_consensus)


def run_consensus(args: argparse.Namespace) -> int:
    """Load FILE, gather the room's weights, solve, print."""
    from integrate_tui.engine import compile_scenario
    from integrate_tui.engine.optimise import Options
    from integrate_tui.engine.optimise.consensus import consensus
    from integrate_tui.engine.optimise.consensus_core import core_index
    from integrate_tui.workshop.consensus_room import room

    scenario = load(args.file)
    people = room(scenario, args.round)
    model = compile_scenario(scenario)
    options = Options(time_limit=args.time_limit)
    found = consensus(
        model,
        people.vectors(model),
        people.group_vector(model),
        options,
        max_regret=args.max_regret,
    )
    core = core_index(
        model, found.weights, args.samples, args.seed, extra=found.packages(), options=options
    )
    if args.json:
        emit_json(consensus_json(people, found, core))
        return 0
    print_tables(consensus_tables(people, found, core))
    return 0


def _levels(ids: list[str], funding: np.ndarray) -> dict[str, float]:
    return dict(zip(ids, map(float, funding), strict=True))


def consensus_json(people: Room, c: Consensus, core: CoreIndex) -> dict[str, Any]:
    """`integrate-tui consensus --json`: package, participants and activities keyed by id."""
    ids = c.model.activity_ids
    return {
        "source": people.source,
        "skipped": people.skipped,
        "rule": c.rule,
        "group_weights": {"method": people.method, **people.group},
        "status": c.status,
        "gap": c.gap,
        "seconds": c.seconds,
        "least_regret": c.least_regret,
        "largest_regret": c.largest_regret,
        "group_score": c.group_score,
        "package": _levels(ids, c.package),
        "group_package": _levels(ids, c.group_package),
        "current_allowed": c.current_allowed,
        "participants": {
            s.participant: {
                "weights": _levels(c.model.value_ids, c.weights[p]),
                "best": s.best_score,
                "score": s.score,
                "regret": s.regret,
                "group_regret": s.group_regret,
                "current_regret": s.current_regret,
                "best_package": _levels(ids, s.best),
            }
            for p, s in enumerate(c.standings)
        },
        "activities": {
            v.activity: {
                "status": v.status,
                "funded_by": v.funded_by,
                "level": v.level,
                "core_index": float(share),
            }
            for v, share in zip(c.verdicts, core.funded, strict=True)
        },
        "core_index": {
            "samples": core.samples,
            "seed": core.seed,
            "candidates": core.candidates,
            "method": core.method,
        },
    }


def consensus_tables(people: Room, c: Consensus, core: CoreIndex) -> Iterator[RenderableType]:
    """The rule and status, each participant's regrets, then the activities."""
    from rich.text import Text

    from integrate_tui.cli.scoring_tables import titled_table
    from integrate_tui.workshop.base import workshop_of

    names = {p.id: p.name for p in workshop_of(c.model.scenario).participants}
    yield Text.assemble(
        ("Consensus", "bold"),
        f" of {len(c.participants)} participants ({people.source}): {c.rule} — "
        f"largest regret {c.largest_regret:.2f} points, {c.status} in {c.seconds:.2f} s",
    )
    if people.skipped:
        yield Text("Skipped (no weights): " + ", ".join(names.get(p, p) for p in people.skipped))
    table = titled_table(
        "Regret: each person's own best score minus their score of the package",
        "participant",
        "own best",
        "consensus",
        "regret",
        f"group optimum ({people.method})",
        "current funding",
    )
    for s in c.standings:
        table.add_row(
            names.get(s.participant, s.participant),
            f"{s.best_score:.1f}",
            f"{s.score:.1f}",
            f"{s.regret:.2f}",
            f"{s.group_regret:.2f}",
            f"{s.current_regret:.2f}",
        )
    yield table
    title = (
        f"Activities (core index: {core.samples:,} mixes of the room's weights, seed {core.seed})"
    )
    rows = titled_table(title, "activity", "status", "funded by", "consensus", "core index", text=3)
    for a, v, share in zip(c.model.scenario.activities, c.verdicts, core.funded, strict=True):
        who = ", ".join(f"{names.get(p, p)} {level:g}" for p, level in v.funded_by.items())
        shown = "everyone" if v.status == "unanimous" else who or "—"
        rows.add_row(a.name, v.status, shown, f"{v.level:g}", f"{100 * share:.0f} %")
    yield rows
    if not c.current_allowed:
        yield Text("The current funding breaks a rule (capacity or silo share).")
    if math.isfinite(c.gap) and c.gap > 0:
        yield Text(f"Solves proven within {100 * c.gap:.2g} %.")
