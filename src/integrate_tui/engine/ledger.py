"""The tradeoff ledger: what changed between two fundings or weight sets, and who it moved."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from integrate_tui.engine.score import Score
from integrate_tui.engine.ties import ranked
from integrate_tui.errors import IntegrateError

EPSILON = 1e-9


class NotComparable(IntegrateError):
    """Two scores come from scenarios with different activities, values or interests."""

    title = "Cannot compare"


@dataclass(frozen=True)
class Change:
    """One quantity before and after."""

    id: str
    name: str
    before: float
    after: float

    @property
    def delta(self) -> float:
        """After minus before."""
        return self.after - self.before


@dataclass(frozen=True)
class ResourceChange(Change):
    """A resource's use before and after, against its capacity."""

    capacity: float
    unit: str

    @property
    def over(self) -> float:
        """How far use exceeds capacity; float noise (1e-15 FTE) is not an overrun."""
        excess = self.after - self.capacity
        return excess if excess > EPSILON * max(1.0, self.capacity) else 0.0


@dataclass(frozen=True)
class Ledger:
    """Every value, interest, resource, silo and activity, before and after."""

    overall: Change
    values: list[Change]
    interests: list[Change]
    resources: list[ResourceChange]
    silos: list[Change]  # each silo's part of the integrated score
    funding: list[Change]  # activities whose funding changed
    activity_effect: list[Change]  # each activity's part of the integrated score, where it moved
    interactions: list[Change]  # interactions whose contribution moved, id "a + b"
    weights_changed: list[Change]
    rescaled: list[Change]  # scales that moved: "value:ID" (B_v), "interest:ID" (stakes D_k)

    def gainers(self) -> list[Change]:
        """Interests whose satisfaction rose, most first."""
        return ranked((c for c in self.interests if c.delta > EPSILON), lambda c: c.delta)

    def losers(self) -> list[Change]:
        """Interests whose satisfaction fell, most first."""
        return ranked((c for c in self.interests if c.delta < -EPSILON), lambda c: -c.delta)

    def displaced(self) -> list[Change]:
        """Activities whose funding fell: what made room for the rest."""
        return [c for c in self.funding if c.delta < 0]

    def headline(self) -> str:
        """One line for the UI and CLI: what moved and what it did."""
        moves = ", ".join(f"{c.name} {c.before:g} → {c.after:g}" for c in self.funding[:3])
        if len(self.funding) > 3:
            moves += f" and {len(self.funding) - 3} more"
        if self.weights_changed:
            weights = ", ".join(
                f"{c.name} weight {c.before:g} → {c.after:g}" for c in self.weights_changed[:3]
            )
            moves = f"{moves}; {weights}" if moves else weights
        moved = ranked(self.interests, lambda c: abs(c.delta))
        who = ", ".join(f"{c.name} {c.delta:+.0f}" for c in moved[:3] if abs(c.delta) >= 0.5)
        parts = [f"{moves or 'no change'}: overall {self.overall.delta:+.1f}"]
        if who:
            parts.append(who)
        parts.extend(
            f"{c.name} rescaled (100 = {c.before:.4g} → {c.after:.4g})" for c in self.rescaled[:3]
        )
        for r in self.resources:
            if r.capacity > 0 and abs(r.delta) > EPSILON:
                text = f"{r.name.lower()} now {100 * r.after / r.capacity:.0f}%"
                if r.over > 0:
                    text += f" — over by {r.over:g} {r.unit}".rstrip()
                parts.append(text)
        return ", ".join(parts)


def _changes(
    ids: list[str], names: list[str], before: np.ndarray, after: np.ndarray
) -> list[Change]:
    """One `Change` per id, from two aligned vectors."""
    return [
        Change(i, n, float(b), float(a))
        for i, n, b, a in zip(ids, names, before, after, strict=True)
    ]


def _moved(changes: list[Change]) -> list[Change]:
    """The changes that moved, largest |delta| first; ties in the order given (the file's)."""
    return ranked((c for c in changes if abs(c.delta) > EPSILON), lambda c: abs(c.delta))


def diff(before: Score, after: Score) -> Ledger:
    """The ledger from `before` to `after`; both must score the same model's ids."""
    m, s = after.model, after.model.scenario
    before_pairs = before.pair_overall[_comparable(before, after)]
    pair_ids = [f"{m.activity_ids[a]} + {m.activity_ids[b]}" for a, b in m.pairs]
    value_names = [v.name for v in s.values]
    activity_names = [a.name for a in s.activities]
    return Ledger(
        overall=Change("overall", "Integrated score", before.overall, after.overall),
        values=_changes(m.value_ids, value_names, before.values, after.values),
        interests=_changes(
            m.interest_ids, [k.name for k in s.interests], before.interests, after.interests
        ),
        resources=[
            ResourceChange(r.id, r.name, float(b), float(a), r.capacity, r.unit)
            for r, b, a in zip(s.resources, before.used, after.used, strict=True)
        ],
        silos=_changes(
            m.silo_ids, [x.name for x in s.silos], before.silo_overall, after.silo_overall
        ),
        funding=_moved(_changes(m.activity_ids, activity_names, before.funding, after.funding)),
        activity_effect=_moved(
            _changes(
                m.activity_ids, activity_names, before.activity_overall, after.activity_overall
            )
        ),
        interactions=_moved(_changes(pair_ids, pair_ids, before_pairs, after.pair_overall)),
        weights_changed=_moved(
            _changes(m.value_ids, value_names, before.raw_weights, after.raw_weights)
        ),
        rescaled=rescaled(before, after),
    )


def rescaled(before: Score, after: Score) -> list[Change]:
    """The value scales (impact that counts as 100) and interests' stake scales that differ
    between the two scores' models, in file order: a score moved by these moved partly
    because its yardstick did (docs/scoring.md §3)."""
    a, b, s = before.model, after.model, after.model.scenario
    found = [
        Change(f"value:{v.id}", v.name, float(x), float(y))
        for v, x, y in zip(s.values, a.value_bound, b.value_bound, strict=True)
        if abs(y - x) > EPSILON * max(1.0, abs(x))
    ]
    found += [
        Change(f"interest:{k.id}", k.name, float(x), float(y))
        for k, x, y in zip(s.interests, a.support_bound, b.support_bound, strict=True)
        if abs(y - x) > EPSILON * max(1.0, abs(x))
    ]
    return found


def _comparable(before: Score, after: Score) -> np.ndarray:
    """For each interaction of `after`, its index in `before`; raise `NotComparable` unless
    both scores have the same ids, in order, and the same interactions (in any order)."""
    a, b = before.model, after.model
    for kind in ("activity_ids", "value_ids", "interest_ids", "resource_ids", "silo_ids"):
        if getattr(a, kind) != getattr(b, kind):
            only_a = sorted(set(getattr(a, kind)) - set(getattr(b, kind)))
            only_b = sorted(set(getattr(b, kind)) - set(getattr(a, kind)))
            what = kind.removesuffix("_ids")
            detail = f"only in the first: {only_a or '—'}; only in the second: {only_b or '—'}"
            if not only_a and not only_b:
                detail = "same ids in a different order"
            raise NotComparable(f"the two scenarios have different {what} ids ({detail})")
    return _pair_order(a.pairs, b.pairs)


def _pair_order(before: np.ndarray, after: np.ndarray) -> np.ndarray:
    """For each interaction of `after`, its index in `before` (listed in any order, either way
    round); raise `NotComparable` unless both have the same interactions."""
    where = {tuple(sorted(p)): k for k, p in enumerate(before.tolist())}
    keys = [tuple(sorted(p)) for p in after.tolist()]
    if len(where) != len(before) or len(keys) != len(after) or set(keys) != set(where):
        raise NotComparable("the two scenarios have different interactions")
    return np.array([where[k] for k in keys], dtype=np.intp)
