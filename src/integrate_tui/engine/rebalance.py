"""Rebalance across silos: move an amount of a resource from one silo's envelope to another's.

The two silos' activities then follow by a fill policy (see docs/rebalance.md):

* proportional  each silo's unlocked activities scale by one factor so their use of the moved
                resource fits the new envelope (engine.envelopes.proportional_fill); the other
                resources follow the activities and the ledger shows any capacity overrun.
* best          the optimiser fills both envelopes together for the weights, every other
                silo held, every interaction counted (engine.optimise.fill.best_fill): the
                moved resource within each silo's new envelope, the silos' explicit envelopes
                of other resources kept, no resource's total use beyond max(capacity, now).
                Silo priorities break ties lexicographically.

The result carries the engine's ledger from the old funding to the new one and the
cross-silo interactions that strengthen or weaken. scipy is imported only for a best fill.
"""

from __future__ import annotations

import dataclasses
import time
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from integrate_tui.engine.compiled import Compiled
from integrate_tui.engine.envelopes import (
    Move,
    MoveError,
    apply_move,
    envelopes,
    known,
    proportional_fill,
)
from integrate_tui.engine.ledger import Change, Ledger, diff
from integrate_tui.engine.optimise.fill import best_fill
from integrate_tui.engine.optimise.program import DEFAULT_GAP
from integrate_tui.engine.score import Score, score
from integrate_tui.model import Scenario, validate_scenario

FILLS = ("proportional", "best")
"""The fill policies, in the order the workbench offers them."""


@dataclass(frozen=True)
class CrossSilo:
    """An interaction between activities of two silos whose part of the score moved."""

    change: Change  # its part of the integrated score, before and after (id "a + b")
    silos: tuple[str, str]
    synergy: bool  # True for a synergy (effect > 0), False for interference

    @property
    def strengthens(self) -> bool:
        """Whether it now fires harder (a synergy adds more, an interference takes more)."""
        return abs(self.change.after) > abs(self.change.before)


@dataclass(frozen=True)
class RebalanceResult:
    """A move and its fill: new funding, envelopes, remainders and the engine's ledger."""

    move: Move
    fill: str
    priorities: tuple[str, ...]
    funding: np.ndarray  # new funding of every activity
    envelopes_before: np.ndarray  # silos × resources
    envelopes_after: np.ndarray  # silos × resources: the moved resource's new envelopes
    remainders: dict[str, float]  # source and target: envelope of the moved resource unused
    before: Score
    after: Score
    ledger: Ledger  # engine.ledger.diff(before, after)
    cross_silo: list[CrossSilo]  # largest change first
    status: str  # "proportional", "optimal" or "time limit: best found"
    gap: float  # relative MIP gap of a best fill (0 for proportional)
    seconds: float

    @property
    def model(self) -> Compiled:
        """The compiled scenario at the funding before the move."""
        return self.after.model

    def label(self) -> str:
        """The move in a few words, entities by name, for the undo history and headings."""
        m, move = self.model, self.move
        resource = m.scenario.resources[m.index["resources"][move.resource]]
        source, target = (
            m.scenario.silos[m.index["silos"][s]].name for s in (move.source, move.target)
        )
        how = "best use" if self.fill == "best" else "proportional"
        amount = f"{move.amount:,.6g} {resource.unit}".rstrip()
        return f"Move {amount} {resource.name}: {source} → {target} ({how})"


def at_funding(model: Compiled, funding: np.ndarray) -> Compiled:
    """The model with `funding` as its current funding (the same object when it already is)."""
    if np.array_equal(model.funding, funding):
        return model
    activities = [
        a.model_copy(update={"funding": float(f)})
        for a, f in zip(model.scenario.activities, funding, strict=True)
    ]
    scenario = model.scenario.model_copy(update={"activities": activities})
    return dataclasses.replace(model, scenario=scenario)


def rebalance(
    model: Compiled,
    funding: np.ndarray,
    move: Move,
    fill: str = "proportional",
    priorities: Sequence[str] = (),
    *,
    weights: np.ndarray | None = None,
    gap: float = DEFAULT_GAP,
    time_limit: float | None = None,
) -> RebalanceResult:
    """Move resources between two silos' envelopes and fill both by the policy.

    Raises `MoveError` for unknown ids or fills, overdrafts and broken obligations, and
    `Infeasible` when no best fill keeps the silos' explicit envelopes.
    """
    started = time.perf_counter()
    if fill not in FILLS:
        raise MoveError(f"unknown fill {fill!r}: use {' or '.join(FILLS)}")
    moved = apply_move(model, funding, move)
    order = [known("silo", p, model.index["silos"]) for p in priorities]
    r = model.index["resources"][move.resource]
    a, b = model.index["silos"][move.source], model.index["silos"][move.target]
    base = np.array(funding, dtype=float)
    now = at_funding(model, base)
    status, gap_proved = "proportional", 0.0
    if fill == "proportional":
        new, _ = proportional_fill(now, base, a, r, moved[a, r])
        new, _ = proportional_fill(now, new, b, r, moved[b, r])
    else:
        done = best_fill(
            now,
            (a, b),
            _bounds(now, (a, b), r, moved),
            weights=weights,
            priorities=order,
            gap=gap,
            time_limit=time_limit,
        )
        new, status, gap_proved = done.funding, done.status, done.gap
    new = np.where(new != base, np.round(new, 12) + 0.0, base)  # tidy, held kept
    after_env = envelopes(now, new)
    after_env[[a, b], r] = moved[[a, b], r]
    before, after = score(now, base, weights), score(now, new, weights)
    used = after.silo_used[:, r]
    ledger = diff(before, after)
    return RebalanceResult(
        move=move,
        fill=fill,
        priorities=tuple(model.silo_ids[p] for p in order),
        funding=new,
        envelopes_before=envelopes(now, base),
        envelopes_after=after_env,
        remainders={model.silo_ids[s]: float(after_env[s, r] - used[s]) for s in (a, b)},
        before=before,
        after=after,
        ledger=ledger,
        cross_silo=cross_silo(now, ledger),
        status=status,
        gap=gap_proved,
        seconds=time.perf_counter() - started,
    )


def _bounds(
    model: Compiled, silos: tuple[int, int], r: int, moved: np.ndarray
) -> dict[tuple[int, int], float]:
    """The moved resource's new envelopes and the silos' explicit envelopes of the others."""
    bounds = {(s, r): float(moved[s, r]) for s in silos}
    for s in silos:
        for resource_id, amount in model.scenario.silos[s].envelope.items():
            bounds.setdefault((s, model.index["resources"][resource_id]), amount)
    return bounds


def cross_silo(model: Compiled, ledger: Ledger) -> list[CrossSilo]:
    """The ledger's interactions between two silos' activities, classified by silo."""
    ids = model.activity_ids
    pairs = {
        f"{ids[i]} + {ids[j]}": (i, j, e)
        for (i, j), e in zip(model.pairs, model.effect, strict=True)
    }
    found = []
    for change in ledger.interactions:
        i, j, effect = pairs[change.id]
        if model.silo_of[i] != model.silo_of[j]:
            silos = (model.silo_ids[model.silo_of[i]], model.silo_ids[model.silo_of[j]])
            found.append(CrossSilo(change, silos, bool(effect > 0)))
    return found


def round_priorities(scenario: Scenario) -> list[str]:
    """The silo priorities in force: the open round's, else the last round that lists any."""
    rounds = scenario.workshop.rounds if scenario.workshop else []
    open_rounds = [r for r in rounds if r.started and not r.closed and r.silo_priorities]
    listed = open_rounds or [r for r in rounds if r.silo_priorities]
    return list(listed[-1].silo_priorities) if listed else []


def moved_scenario(scenario: Scenario, result: RebalanceResult) -> Scenario:
    """The scenario with the new funding and the two silos' explicit envelopes, validated."""
    data = scenario.model_dump()
    for activity, level in zip(data["activities"], result.funding.tolist(), strict=True):
        activity["funding"] = level
    m, move = result.model, result.move
    r = m.index["resources"][move.resource]
    for silo_id in (move.source, move.target):
        s = m.index["silos"][silo_id]
        amount = round(float(result.envelopes_after[s, r]), 9) + 0.0
        data["silos"][s]["envelope"][move.resource] = amount
    return validate_scenario(data)
