"""The scoring engine: pure, vectorised, and the only place any formula lives."""

from integrate_tui.engine.compiled import Compiled, compile_scenario
from integrate_tui.engine.explain import (
    Driver,
    Explanation,
    explain_interest,
    explain_overall,
    explain_resource,
    explain_value,
)
from integrate_tui.engine.ledger import Change, Ledger, NotComparable, ResourceChange, diff
from integrate_tui.engine.rescore import LiveScore
from integrate_tui.engine.score import (
    Fairness,
    Integration,
    Score,
    normalise,
    score,
    value_weights,
)

__all__ = [
    "Change",
    "Compiled",
    "Driver",
    "Explanation",
    "Fairness",
    "Integration",
    "Ledger",
    "LiveScore",
    "NotComparable",
    "ResourceChange",
    "Score",
    "compile_scenario",
    "diff",
    "explain_interest",
    "explain_overall",
    "explain_resource",
    "explain_value",
    "normalise",
    "score",
    "value_weights",
]
