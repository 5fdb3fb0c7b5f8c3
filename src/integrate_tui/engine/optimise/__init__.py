"""Optimisation and tradeoff analysis: auto-balance, dividend, efficiency, frontier, sensitivity,
best-use fills of silo envelopes and their marginal values.

Not imported by `integrate_tui.engine`; scipy is imported only when a solve runs. Formulation,
definitions and the approximations used are documented in docs/optimiser.md.
"""

from integrate_tui.engine.optimise.constraints import Options, package_meets
from integrate_tui.engine.optimise.control import NO_CONTROL, Cancelled, Control
from integrate_tui.engine.optimise.criteria import Criterion, integrated, interest, parse, value
from integrate_tui.engine.optimise.dividend import Dividend, allowances, dividend
from integrate_tui.engine.optimise.efficiency import EfficiencyOrder, Increment, efficiency_order
from integrate_tui.engine.optimise.errors import Infeasible, OptimiseError
from integrate_tui.engine.optimise.fill import Fill, best_fill
from integrate_tui.engine.optimise.frontier import FRONTIER_GAP, Frontier, FrontierPoint, frontier
from integrate_tui.engine.optimise.greedy import GreedyResult, greedy, scarcity
from integrate_tui.engine.optimise.least_change import (
    Cut,
    LeastChange,
    ResourceCut,
    least_change,
    parse_cut,
)
from integrate_tui.engine.optimise.levels import Levels, level_grid
from integrate_tui.engine.optimise.marginal import Marginal, Marginals, marginal_values
from integrate_tui.engine.optimise.montecarlo import Robustness, Validation, robustness
from integrate_tui.engine.optimise.optimiser import Result, objective_value, optimise
from integrate_tui.engine.optimise.quiet import quiet_stdout
from integrate_tui.engine.optimise.tornado import (
    Bar,
    Flip,
    Tornado,
    WhatItTakes,
    tornado,
    what_it_takes,
)

__all__ = [
    "FRONTIER_GAP",
    "NO_CONTROL",
    "Bar",
    "Cancelled",
    "Control",
    "Criterion",
    "Cut",
    "Dividend",
    "EfficiencyOrder",
    "Fill",
    "Flip",
    "Frontier",
    "FrontierPoint",
    "GreedyResult",
    "Increment",
    "Infeasible",
    "LeastChange",
    "Levels",
    "Marginal",
    "Marginals",
    "OptimiseError",
    "Options",
    "ResourceCut",
    "Result",
    "Robustness",
    "Tornado",
    "Validation",
    "WhatItTakes",
    "allowances",
    "best_fill",
    "dividend",
    "efficiency_order",
    "frontier",
    "greedy",
    "integrated",
    "interest",
    "least_change",
    "level_grid",
    "marginal_values",
    "objective_value",
    "optimise",
    "package_meets",
    "parse",
    "parse_cut",
    "quiet_stdout",
    "robustness",
    "scarcity",
    "tornado",
    "value",
    "what_it_takes",
]
