"""Criteria: every objective the optimiser knows is linear in value scores and direct support.

The engine's value score S_v and an interest's satisfaction I_k are both linear in the
realised fractions g_i, the interaction products g_i·g_j and the support levels min(f_i, 1):

    S_v = 100/B_v · (Σ_i impact_iv g_i + Σ_pairs e_ij g_i g_j (impact_iv + impact_jv))
    I_k = (1 − σ_k) Σ_v ĉ_kv S_v + σ_k · 100/D_k · Σ_i support_ik min(f_i, 1)

with B_v, D_k and σ_k the compiled model's (engine/scale.py) and ĉ_kv the normalised cares,
so any criterion Σ_v α_v S_v + Σ_k β_k (direct part of I_k) has, per activity, a
coefficient a_i on g_i and b_i on min(f_i, 1), and per interaction e_ij (a_i + a_j) on g_i g_j.
"""

from __future__ import annotations

from dataclasses import dataclass
from difflib import get_close_matches
from typing import NoReturn

import numpy as np

from integrate_tui.engine.compiled import Compiled
from integrate_tui.engine.optimise.errors import OptimiseError
from integrate_tui.engine.score import Score, value_weights


@dataclass(frozen=True)
class Criterion:
    """A linear combination of value scores (α) and interests' direct support (β), named."""

    key: str  # "integrated", "value:ID" or "interest:ID"
    name: str
    values: np.ndarray  # α, per value
    support: np.ndarray  # β, per interest

    def read(self, score: Score) -> float:
        """The criterion's value in an engine score (for `integrated`: Score.overall's formula)."""
        kind, _, ident = self.key.partition(":")
        if kind == "interest":
            return float(score.interests[score.model.index["interests"][ident]])
        if kind == "value":
            return float(score.values[score.model.index["values"][ident]])
        return float(score.values @ self.values)

    def activity_terms(self, model: Compiled) -> tuple[np.ndarray, np.ndarray]:
        """Per activity: the coefficient a_i on g_i and b_i on min(f_i, 1)."""
        a = model.impact @ (self.values * _per_unit(model.value_bound))
        b = model.support @ (self.support * _per_unit(model.support_bound))
        return a, b


def _per_unit(bound: np.ndarray) -> np.ndarray:
    """Score points per unit of a raw sum, 100 / bound (0 where the bound is 0)."""
    return np.divide(100.0, bound, out=np.zeros(len(bound)), where=bound > 0)


def integrated(model: Compiled, weights: np.ndarray | None = None) -> Criterion:
    """The integrated score Σ_v w_v S_v under the given raw weights (default: the file's)."""
    w = value_weights(model.default_weights if weights is None else weights)
    return Criterion("integrated", "Integrated score", w, np.zeros(len(model.interest_ids)))


def value(model: Compiled, value_id: str) -> Criterion:
    """One value score S_v."""
    v = index_of(model, "values", value_id)
    alpha = np.zeros(len(model.value_ids))
    alpha[v] = 1.0
    name = model.scenario.values[v].name
    return Criterion(f"value:{value_id}", name, alpha, np.zeros(len(model.interest_ids)))


def interest(model: Compiled, interest_id: str) -> Criterion:
    """One interest's satisfaction I_k, through the values it cares for and direct support."""
    k = index_of(model, "interests", interest_id)
    share = model.support_share[k]
    beta = np.zeros(len(model.interest_ids))
    beta[k] = share
    name = model.scenario.interests[k].name
    return Criterion(f"interest:{interest_id}", name, model.cares[k] * (1.0 - share), beta)


def parse(model: Compiled, key: str) -> Criterion:
    """`integrated`, `value:ID`, `interest:ID`, or a bare id that names one value or interest."""
    kind, sep, ident = key.partition(":")
    if key == "integrated":
        return integrated(model)
    if sep and kind == "value":
        return value(model, ident)
    if sep and kind == "interest":
        return interest(model, ident)
    if sep:
        raise OptimiseError(f"unknown criterion {key!r}: use value:ID, interest:ID or integrated")
    in_values, in_interests = key in model.index["values"], key in model.index["interests"]
    if in_values and in_interests:
        raise OptimiseError(
            f"{key!r} is both a value and an interest: write value:{key} or interest:{key}"
        )
    if in_values:
        return value(model, key)
    if in_interests:
        return interest(model, key)
    _unknown(key, [*model.value_ids, *model.interest_ids], "value or interest")


def index_of(model: Compiled, kind: str, ident: str) -> int:
    """The index of an id of a kind ("activities", "values", …), or a readable error."""
    if ident in model.index[kind]:
        return model.index[kind][ident]
    singular = {"activities": "activity"}.get(kind, kind.removesuffix("s"))
    _unknown(ident, list(model.index[kind]), singular)


def _unknown(ident: str, known: list[str], what: str) -> NoReturn:
    close = get_close_matches(ident, known, n=1)
    hint = f" — did you mean {close[0]!r}?" if close else f" (known: {', '.join(known)})"
    raise OptimiseError(f"unknown {what} {ident!r}{hint}")
