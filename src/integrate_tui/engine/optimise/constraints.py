"""The scenario's rules as MILP rows: capacities, silo shares and an interest floor.

Definitions (also in docs/optimiser.md):

* capacity      Σ_i cost_ir f_i ≤ capacity_r for every resource r.
* silo shares   a silo's share of a resource is its use as a share of the resource's
                *capacity* (the capacity in force), `Score.silo_capacity_share`:
                used_sr ≤ max_share · capacity_r and used_sr ≥ min_share · capacity_r. A
                share of what is used would let the optimiser meet a ceiling by funding
                waste in other silos; capacity is something no package can inflate. Shares
                apply only to resources the silo's own activities can use (a floor on a
                resource a silo never touches would make every package infeasible).
* floor         no *voiced* interest below X: I_k ≥ X for every interest with influence > 0
                that some activity affects (one whose satisfaction is 0 whatever happens —
                it cares only for values no activity moves and has no stake — is left out).
* min/max funding, steps and locks are in the level grid (see levels.py).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from integrate_tui.engine.compiled import Compiled
from integrate_tui.engine.optimise.criteria import interest
from integrate_tui.engine.optimise.formulation import Formulation
from integrate_tui.engine.optimise.program import DEFAULT_GAP, Program
from integrate_tui.engine.score import Score

TOLERANCE = 1e-7


@dataclass(frozen=True)
class Options:
    """Extra constraints and solver settings for one optimisation."""

    floor: float | None = None  # no voiced interest below this satisfaction
    time_limit: float | None = None  # seconds for the whole request
    gap: float = DEFAULT_GAP  # relative MIP gap at which a package counts as optimal
    weights: np.ndarray | None = None  # raw value weights (default: the scenario's)
    capacity: np.ndarray | None = None  # per resource, replacing the scenario's capacities
    shares: bool = True  # whether silo min_share / max_share apply


def capacities(model: Compiled, options: Options) -> np.ndarray:
    """The capacities in force: the scenario's or the override."""
    return model.capacity if options.capacity is None else np.asarray(options.capacity, float)


def voiced(model: Compiled) -> np.ndarray:
    """Indices of interests with influence > 0 that some activity affects, through a value
    it cares for or a stake, at a funding the scales count (engine/scale.py)."""
    through_values = (np.abs(model.impact) * model.reach[:, None]) @ model.cares.T
    direct = np.abs(model.support).T @ np.minimum(model.top, 1.0)
    affected = ((1.0 - model.support_share) * through_values.max(axis=0, initial=0.0) > 0) | (
        model.support_share * direct > 0
    )
    return np.flatnonzero((model.influence > 0) & affected)


def silo_resources(model: Compiled, s: int) -> np.ndarray:
    """Resources the activities of silo s can use at some funding."""
    mine = model.silo_of == s
    return np.flatnonzero((model.cost[mine] * model.max_funding[mine, None]).sum(axis=0) > 0)


def add_rules(form: Formulation, prog: Program, options: Options) -> None:
    """Add capacity, silo-share and floor rows, one named block per rule."""
    model = form.model
    use = form.usage()
    cap = capacities(model, options)
    for r, rid in enumerate(model.resource_ids):
        prog.add_row(f"capacity:{rid}", use[r], -np.inf, float(cap[r]))
    if options.shares:
        for s, silo in enumerate(model.scenario.silos):
            mine = (model.silo_of == s)[form.levels.owner]
            for r in silo_resources(model, s):
                rid, coef = model.resource_ids[r], use[r] * mine
                if silo.max_share is not None:
                    top = silo.max_share * float(cap[r])
                    prog.add_row(f"max_share:{silo.id}:{rid}", coef, -np.inf, top)
                if silo.min_share is not None:
                    least = silo.min_share * float(cap[r])
                    prog.add_row(f"min_share:{silo.id}:{rid}", coef, least, np.inf)
    if options.floor is not None:
        for k in voiced(model):
            coef, constant = form.expression(interest(model, model.interest_ids[k]))
            prog.add_row(f"floor:{model.interest_ids[k]}", coef, options.floor - constant, np.inf)


def package_meets(model: Compiled, s: Score, options: Options) -> bool:
    """Whether a scored package keeps every capacity, silo share and the floor."""
    cap = capacities(model, options)
    if np.any(s.used > cap + TOLERANCE * np.maximum(cap, 1.0)):
        return False
    if options.shares:
        for k, silo in enumerate(model.scenario.silos):
            r = silo_resources(model, k)
            own, total = s.silo_used[k, r], cap[r]
            slack = TOLERANCE * np.maximum(total, 1.0)
            if silo.max_share is not None and np.any(own > silo.max_share * total + slack):
                return False
            if silo.min_share is not None and np.any(own < silo.min_share * total - slack):
                return False
    floor = options.floor
    return floor is None or bool(np.all(s.interests[voiced(model)] >= floor - TOLERANCE))
