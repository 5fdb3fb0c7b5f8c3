"""Workshop facilitation without a UI: participants, rounds, elicitation, votes, log, reports.

Everything here is pure (scenario in, new scenario or plain data out) except `inbox`,
which reads and moves submission files, and never imports Textual. The state layer wraps
each step as an undoable command and saves after it.
"""

from integrate_tui.workshop.aggregate import (
    METHODS,
    Aggregate,
    Disagreement,
    Spread,
    aggregate,
    disagreement,
    pool_judgements,
)
from integrate_tui.workshop.ahp import (
    CR_LIMIT,
    SCALE,
    SCALE_VALUES,
    Inconsistency,
    Priorities,
    describe,
    judgement_map,
    pairs,
    priorities,
)
from integrate_tui.workshop.base import open_round, timestamp, workshop_of
from integrate_tui.workshop.errors import WorkshopError
from integrate_tui.workshop.log import KINDS, add_entry
from integrate_tui.workshop.options import (
    BASELINE,
    State,
    add_snapshot,
    apply_snapshot,
    apply_weights,
    baseline,
    current_state,
    option_names,
    remove_snapshot,
)
from integrate_tui.workshop.participants import (
    add_participant,
    edit_participant,
    individual_weights,
    remove_participant,
    set_judgements,
    set_points,
)
from integrate_tui.workshop.points import TOTAL, check_points, even_points, points_problems
from integrate_tui.workshop.replay import Step, replay
from integrate_tui.workshop.report import build_report, render, to_html, to_markdown
from integrate_tui.workshop.rounds import (
    ROUND_KINDS,
    add_round,
    ballot_options,
    cast_dots,
    cast_ranking,
    close_round,
    dot_budget,
    edit_round,
    remove_round,
    round_votes,
    start_round,
)
from integrate_tui.workshop.timer import Timer
from integrate_tui.workshop.voting import (
    DEFAULT_DOTS,
    DotResult,
    RankedResult,
    Tally,
    count_dots,
    count_ranked,
)

__all__ = [
    "BASELINE",
    "CR_LIMIT",
    "DEFAULT_DOTS",
    "KINDS",
    "METHODS",
    "ROUND_KINDS",
    "SCALE",
    "SCALE_VALUES",
    "TOTAL",
    "Aggregate",
    "Disagreement",
    "DotResult",
    "Inconsistency",
    "Priorities",
    "RankedResult",
    "Spread",
    "State",
    "Step",
    "Tally",
    "Timer",
    "WorkshopError",
    "add_entry",
    "add_participant",
    "add_round",
    "add_snapshot",
    "aggregate",
    "apply_snapshot",
    "apply_weights",
    "ballot_options",
    "baseline",
    "build_report",
    "cast_dots",
    "cast_ranking",
    "check_points",
    "close_round",
    "count_dots",
    "count_ranked",
    "current_state",
    "describe",
    "disagreement",
    "dot_budget",
    "edit_participant",
    "edit_round",
    "even_points",
    "individual_weights",
    "judgement_map",
    "open_round",
    "option_names",
    "pairs",
    "points_problems",
    "pool_judgements",
    "priorities",
    "remove_participant",
    "remove_round",
    "remove_snapshot",
    "render",
    "replay",
    "round_votes",
    "set_judgements",
    "set_points",
    "start_round",
    "timestamp",
    "to_html",
    "to_markdown",
    "workshop_of",
]
