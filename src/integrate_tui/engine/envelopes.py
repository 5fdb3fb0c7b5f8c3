"""Silo envelopes and moves of resources between silos, with the proportional fill policy.

A silo's envelope is its amount of each resource: the explicit `envelope` table of the silo
where given, else what its activities use at the current funding.
"""

from __future__ import annotations

from dataclasses import dataclass
from difflib import get_close_matches

import numpy as np

from integrate_tui.engine.compiled import Compiled
from integrate_tui.engine.score import silo_use
from integrate_tui.engine.ties import order
from integrate_tui.errors import IntegrateError

TOLERANCE = 1e-9


class MoveError(IntegrateError):
    """A move between silos that cannot be made, with the reason named."""

    title = "Cannot move resources"


@dataclass(frozen=True)
class Move:
    """Move `amount` of `resource` from silo `source` to silo `target`."""

    resource: str
    amount: float
    source: str
    target: str


def envelopes(model: Compiled, funding: np.ndarray) -> np.ndarray:
    """Silos × resources: explicit envelopes where set, else the current use."""
    used = silo_use(model, funding)
    for s, silo in enumerate(model.scenario.silos):
        for resource_id, amount in silo.envelope.items():
            used[s, model.index["resources"][resource_id]] = amount
    return used


def obligations(model: Compiled) -> np.ndarray:
    """Silos × resources: what min_funding and locked activities need whatever happens."""
    floor = np.where(model.locked, model.funding, model.min_funding)
    return silo_use(model, floor)


def known(kind: str, key: str, index: dict[str, int]) -> int:
    """The index of an id, or a `MoveError` naming it with the nearest known id."""
    if key in index:
        return index[key]
    close = get_close_matches(key, list(index), n=1)
    hint = f" — did you mean {close[0]!r}?" if close else f" (known: {', '.join(index)})"
    raise MoveError(f"unknown {kind} {key!r}{hint}")


def move_from(
    model: Compiled, funding: np.ndarray, resource: str, amount: str, source: str, target: str
) -> Move:
    """A move from typed text: AMOUNT in the resource's unit, or `N%` of the source's envelope."""
    text = amount.strip()
    try:
        value = float(text.removesuffix("%"))
    except ValueError:
        raise MoveError(f"the amount {text!r} is not a number (nor a share such as 25%)") from None
    if not np.isfinite(value):
        raise MoveError(f"the amount {text!r} must be a finite number")
    if text.endswith("%"):
        r = known("resource", resource, model.index["resources"])
        s = known("silo", source, model.index["silos"])
        value = value / 100 * float(envelopes(model, funding)[s, r])
    return Move(resource, value, source, target)


def apply_move(model: Compiled, funding: np.ndarray, move: Move) -> np.ndarray:
    """The envelopes after a move; refuses unknown ids, overdrafts and broken obligations."""
    r = known("resource", move.resource, model.index["resources"])
    a = known("silo", move.source, model.index["silos"])
    b = known("silo", move.target, model.index["silos"])
    unit = model.scenario.resources[r].unit
    if a == b:
        raise MoveError(f"moving {move.resource} from {move.source!r} to itself changes nothing")
    if not np.isfinite(move.amount) or move.amount <= 0:
        raise MoveError(f"the amount to move must be a positive number, not {move.amount:g}")
    env = envelopes(model, funding)
    if move.amount > env[a, r] + TOLERANCE:
        raise MoveError(
            f"{move.source!r} holds only {env[a, r]:g} {unit} of {move.resource}; "
            f"cannot move {move.amount:g}"
        )
    need = obligations(model)[a, r]
    if env[a, r] - move.amount < need - TOLERANCE:
        raise MoveError(
            f"{move.source!r} would keep {env[a, r] - move.amount:g} {unit} of {move.resource} "
            f"but its min_funding and locked activities need {need:g} {unit}"
        )
    env[a, r] -= move.amount
    env[b, r] += move.amount
    return env


def grid_floor(model: Compiled, levels: np.ndarray, idx: np.ndarray) -> np.ndarray:
    """Levels of activities `idx` snapped down onto their step grid (counted from min_funding)."""
    low, step, high = model.min_funding[idx], model.step[idx], model.max_funding[idx]
    return np.clip(low + np.floor((levels - low) / step + TOLERANCE) * step, low, high)


def proportional_fill(
    model: Compiled, funding: np.ndarray, silo: int, resource: int, target: float
) -> tuple[np.ndarray, float]:
    """Scale a silo's unlocked activities by one factor so their use of `resource` fits `target`.

    The factor is found by bisection on the continuous use, levels are then snapped down to
    the step grid and single steps added back, largest rounding loss first, while they fit.
    Returns the new funding and the remainder of the envelope left unused.
    """
    f = funding.copy()
    free = np.flatnonzero((model.silo_of == silo) & ~model.locked)
    cost = model.cost[:, resource]
    fixed = cost[model.silo_of == silo] @ f[model.silo_of == silo] - cost[free] @ f[free]
    budget = target - fixed
    base = f[free] if f[free].sum() > 0 else model.max_funding[free]

    def level(k: float) -> np.ndarray:
        return np.clip(k * base, model.min_funding[free], model.max_funding[free])

    low, high = 0.0, float(np.max(model.max_funding[free] / np.maximum(base, 1e-12), initial=0))
    for _ in range(60):
        mid = (low + high) / 2
        low, high = (mid, high) if cost[free] @ level(mid) <= budget + TOLERANCE else (low, mid)
    wanted = level(low)
    snapped = grid_floor(model, wanted, free)
    for j in order(wanted - snapped):  # the largest shortfall first; ties in file order
        step_up = min(snapped[j] + model.step[free[j]], model.max_funding[free[j]])
        extra = cost[free][j] * (step_up - snapped[j])
        if step_up > snapped[j] and cost[free] @ snapped + extra <= budget + TOLERANCE:
            snapped[j] = step_up
    f[free] = snapped
    return f, float(budget - cost[free] @ snapped)
