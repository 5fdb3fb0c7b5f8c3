"""Why no package fits: cheap arithmetic checks first, then a deletion filter over the rules.

The checks catch the common cases with the numbers a facilitator needs ("min_funding
obligations need 1,920 kUSD of budget but capacity is 1,800 — over by 120 kUSD"). When
they find nothing, each named rule (capacity, silo share, floor) is dropped in turn and
kept out if the rest is still infeasible; what remains is a minimal set of rules that
cannot hold together.
"""

from __future__ import annotations

import numpy as np

from integrate_tui.engine.compiled import Compiled
from integrate_tui.engine.optimise.constraints import Options, capacities, silo_resources, voiced
from integrate_tui.engine.optimise.criteria import interest
from integrate_tui.engine.optimise.formulation import Formulation
from integrate_tui.engine.optimise.levels import Levels
from integrate_tui.engine.optimise.program import Program

TOLERANCE = 1e-9


def _n(x: float) -> str:
    """A quantity for a message: thousands separators, no float noise."""
    return f"{round(float(x), 6):,g}"


def _use_range(model: Compiled, levels: Levels) -> tuple[np.ndarray, np.ndarray]:
    """Activities × resources: the least and most each activity can use on its grid."""
    low, high = levels.bounds(levels.funding)
    return model.cost * low[:, None], model.cost * high[:, None]


def prechecks(model: Compiled, levels: Levels, options: Options) -> list[str]:
    """Rules that cannot be met, found by arithmetic alone (necessary conditions)."""
    s = model.scenario
    cap = capacities(model, options)
    least, most = _use_range(model, levels)
    found = []
    fixed = "min_funding and locked activities" if model.locked.any() else "min_funding obligations"
    for r, res in enumerate(s.resources):
        need = least[:, r].sum()
        if need > cap[r] * (1 + TOLERANCE) + TOLERANCE:
            found.append(
                f"{fixed} need {_n(need)} {res.unit} of {res.name} but capacity is "
                f"{_n(cap[r])} — over by {_n(need - cap[r])} {res.unit}".replace("  ", " ")
            )
    if not options.shares:
        return found
    for k, silo in enumerate(s.silos):
        mine = model.silo_of == k
        for r in silo_resources(model, k):
            res = s.resources[r]
            own_least, own_most = least[mine, r].sum(), min(most[mine, r].sum(), cap[r])
            if silo.max_share is not None and own_least > TOLERANCE:
                top = silo.max_share * cap[r]
                if own_least > top * (1 + TOLERANCE) + TOLERANCE:
                    found.append(
                        f"{silo.name} must use at least {_n(own_least)} {res.unit} of {res.name} "
                        f"(min_funding and locked), above its max_share {silo.max_share:g} of "
                        f"the capacity ({_n(top)} {res.unit})"
                    )
            if silo.min_share is not None:
                bottom = silo.min_share * cap[r]
                if own_most < bottom * (1 - TOLERANCE) - TOLERANCE:
                    found.append(
                        f"{silo.name} can use at most {_n(own_most)} {res.unit} of {res.name}, "
                        f"below its min_share {silo.min_share:g} of the capacity "
                        f"({_n(bottom)} {res.unit})"
                    )
    return found


def conflicts(form: Formulation, prog: Program, options: Options) -> list[str]:
    """A minimal set of named rules that cannot hold together, each described in words."""
    rules = [name for name in prog.names() if not name.startswith("structure:")]
    keep = list(rules)
    zero = np.zeros(prog.size)
    for name in rules:
        trial = [k for k in keep if k != name]
        dropped = frozenset(set(rules) - set(trial))
        if prog.solve(zero, without=dropped, time_limit=options.time_limit).status == "infeasible":
            keep = trial
    return [_describe(form, prog, options, name) for name in keep]


def _describe(form: Formulation, prog: Program, options: Options, name: str) -> str:
    """One rule in words, with the number that shows why it bites."""
    model, s = form.model, form.model.scenario
    kind, _, rest = name.partition(":")
    if kind == "capacity":
        r = model.index["resources"][rest]
        return f"capacity of {s.resources[r].name}: {_n(capacities(model, options)[r])} " + (
            s.resources[r].unit
        )
    if kind in ("min_share", "max_share"):
        silo_id, _, rid = rest.partition(":")
        silo = s.silos[model.index["silos"][silo_id]]
        share = silo.min_share if kind == "min_share" else silo.max_share
        what = "at least" if kind == "min_share" else "at most"
        resource = s.resources[model.index["resources"][rid]].name
        return f"{silo.name} gets {what} {share:g} of the {resource} capacity ({kind})"
    if kind != "floor":
        return name
    k = model.index["interests"][rest]
    best = _best(form, prog, options, rest)
    reach = f"the most it can reach with the other rules is {best:.1f}" if best is not None else ""
    text = f"floor {options.floor:g} for {s.interests[k].name}"
    return f"{text} — {reach}" if reach else text


def _best(form: Formulation, prog: Program, options: Options, interest_id: str) -> float | None:
    """The highest satisfaction of one interest under the rules other than the floors."""
    floors = frozenset(n for n in prog.names() if n.startswith("floor:"))
    coef, constant = form.expression(interest(form.model, interest_id))
    sol = prog.solve(coef, constant, without=floors, time_limit=options.time_limit)
    return sol.objective if sol.x is not None else None


def floor_reach(form: Formulation, prog: Program, options: Options) -> list[str]:
    """Interests that no package lifts to the floor, with the most each can reach."""
    model = form.model
    if options.floor is None:
        return []
    found = []
    for k in voiced(model):
        best = _best(form, prog, options, model.interest_ids[k])
        if best is not None and best < options.floor - 1e-7:
            found.append(
                f"no package lifts {model.scenario.interests[k].name} to the floor "
                f"{options.floor:g}: the most it can reach is {best:.1f}"
            )
    return found
