"""A score kept live under funding and weight changes, each change costing what it touches.

`score` (engine/score.py) computes every number from the whole funding vector and stays the
reference. `LiveScore` holds the same arrays and, when one activity's funding moves,
recomputes only what depends on it (docs/scoring.md §2–§6):

* its fraction g_i;
* the boost m_j of itself and of every activity it interacts with (m_j = 1 + Σ e_jk g_k);
* those activities' value points P_jv, and its own direct support σ_k 100 t_ik min(f_i, 1)/D_k
  and resource use q_ir f_i;
* the sums of those over the blocks (of about ∛n rows) the rows sit in, over the groups of
  those blocks, then the totals:
  S_v, T_k, used_r, and from them I_k = (1 − σ_k) Σ_v ĉ_kv S_v + σ_k T_k and O (§4, §5).

No scale moves: B_v, D_k and σ_k depend on the structure and on the funding of *locked*
activities only (§3 "What rescales a value"), so `fund` refuses a locked activity — moving one
changes its top, which needs a recompile. A weight change re-weights the totals only.

Sums are re-added from the rows of the touched blocks on every change, never updated by
differences, so rounding does not accumulate: after any sequence of changes every number
equals a full `score` of the same funding and weights to 1e-12 (tests/test_engine_incremental.py).
"""

from __future__ import annotations

import numpy as np

from integrate_tui.engine.compiled import Compiled
from integrate_tui.engine.score import Score, UnitPoints, boosts, score, value_weights

MIN_BLOCK = 16
"""Rows per block at least: below that a block's sum is not worth keeping apart."""
GROUP = 16
"""Blocks per group: a change re-adds the rows of its blocks, the block sums of their groups,
then every group's sum; blocks of about ∛n rows, groups of up to GROUP blocks keep each of
the three small at any size."""


_Near = tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray, np.ndarray, np.ndarray]
"""Rows a change touches; per interaction of those rows its row, partner and effect; the
blocks of the rows and the groups of those blocks."""
_CHANGING = ("funding", "fraction", "boost", "_table", "_sums", "_group_sums")
"""The arrays `fund` writes into (the others are replaced whole, or never change)."""


class ActivityIsLocked(ValueError):
    """A locked activity's funding is its top, part of the scales: recompile to move it."""


class LiveScore:
    """One funding vector and weight set, and every number of their score, changed in place."""

    def __init__(
        self,
        model: Compiled,
        funding: np.ndarray | None = None,
        weights: np.ndarray | None = None,
    ) -> None:
        """Score `funding` under `weights` in full (defaults: the scenario's own)."""
        full = score(model, None if funding is None else np.array(funding, dtype=float), weights)
        self.model = model
        self.funding = full.funding.copy()
        self.raw_weights = full.raw_weights.copy()
        self.weights = full.weights.copy()
        self.fraction = full.fraction
        self.boost = full.boost
        n, nv = len(self.funding), len(model.value_ids)
        self._unit = UnitPoints.of(model)
        self._values_to_interests = model.cares.T * (1.0 - model.support_share)
        self._v, self._k = nv, nv + len(model.interest_ids)  # where direct support, use start
        self._block = max(MIN_BLOCK, round(n ** (1 / 3)))
        blocks = -(-n // self._block)
        self._group = min(GROUP, blocks)
        # Per activity (rows padded with zeros to whole blocks, so blocks are a reshape away):
        # its value points, its direct support points and its resource use, side by side.
        width = self._k + len(model.capacity)
        self._table = np.zeros((blocks * self._block, width))
        self._table[:n] = np.hstack(
            [
                full.contributions,
                self._unit.support * np.minimum(self.funding, 1.0)[:, None],
                model.cost * self.funding[:, None],
            ]
        )
        self._blocks = self._table.reshape(-1, self._block, width)
        self._sums = np.zeros((-(-blocks // self._group) * self._group, width))  # padded too
        self._sums[:blocks] = self._blocks.sum(axis=1)
        self._groups = self._sums.reshape(-1, self._group, width)
        self._group_sums = self._groups.sum(axis=1)
        pairs = model.pairs
        owner = np.concatenate([pairs[:, 0], pairs[:, 1]])
        order = np.argsort(owner, kind="stable")
        self._partner = np.concatenate([pairs[:, 1], pairs[:, 0]])[order]
        self._effect = np.concatenate([model.effect, model.effect])[order]
        self._start = np.zeros(n + 1, dtype=np.intp)
        np.cumsum(np.bincount(owner, minlength=n), out=self._start[1:])
        self._near: dict[int, _Near] = {}
        self._totals()

    @property
    def contributions(self) -> np.ndarray:
        """Activities × values, in score points (a view: it changes with the next change)."""
        return self._table[: len(self.funding), : self._v]

    def fund(self, activity: int, level: float) -> None:
        """Set one activity's funding and update what depends on it."""
        if self.model.locked[activity]:
            raise ActivityIsLocked(f"{self.model.activity_ids[activity]} is locked")
        if self.funding[activity] == level:
            return
        self.funding[activity] = level
        g = self.fraction
        g[activity] = self.model.curves.one(activity, level)
        near = self._near.get(activity) or self._neighbourhood(activity)
        rows, owner, partner, effect, blocks, groups = near
        boost = boosts(g, owner, partner, effect, len(rows))
        self.boost[rows] = boost
        self._table[rows, : self._v] = self._unit.value[rows] * (g[rows] * boost)[:, None]
        own = self._table[activity]
        own[self._v : self._k] = self._unit.support[activity] * min(level, 1.0)
        own[self._k :] = self.model.cost[activity] * level
        self._sums[blocks] = np.add.reduce(self._blocks[blocks], axis=1)
        self._group_sums[groups] = np.add.reduce(self._groups[groups], axis=1)
        self._totals()

    def weigh(self, weights: np.ndarray) -> None:
        """Set the value weights (raw; normalised here): only the integrated score moves."""
        self.raw_weights = np.array(weights, dtype=float)
        self.weights = value_weights(self.raw_weights)
        self._totals()

    def score(self, model: Compiled | None = None) -> Score:
        """The numbers now as an immutable `Score` (copies: later changes leave it alone), on
        `model` — one with the same structure, e.g. carrying the current scenario."""
        f = self.funding.copy()
        _, interest_points = self._unit.rows(self.fraction * self.boost, f)
        return Score(
            model=self.model if model is None else model,
            funding=f,
            raw_weights=self.raw_weights.copy(),
            weights=self.weights.copy(),
            fraction=self.fraction.copy(),
            boost=self.boost.copy(),
            contributions=self.contributions.copy(),
            values=self.values.copy(),
            interest_contributions=interest_points,
            interests=self.interests.copy(),
            overall=self.overall,
            used=self.used.copy(),
        )

    def copy(self) -> LiveScore:
        """An independent live score in the same state (sharing the model and what never
        changes)."""
        twin = object.__new__(LiveScore)
        twin.__dict__.update(self.__dict__)
        for name in _CHANGING:
            setattr(twin, name, getattr(self, name).copy())
        twin._blocks = twin._table.reshape(self._blocks.shape)
        twin._groups = twin._sums.reshape(self._groups.shape)
        return twin

    def _neighbourhood(self, activity: int) -> _Near:
        """What a change of `activity` touches: itself and its partners (rows whose boost
        moves), each row's own interactions, and the blocks and groups of the rows (kept)."""
        start = self._start
        rows = [*self._partner[start[activity] : start[activity + 1]].tolist(), activity]
        spans = [(start[r], start[r + 1]) for r in rows]  # a repeated row would be harmless
        counts = [int(hi - lo) for lo, hi in spans]
        partner = np.concatenate([self._partner[lo:hi] for lo, hi in spans])
        effect = np.concatenate([self._effect[lo:hi] for lo, hi in spans])
        blocks = sorted({r // self._block for r in rows})
        near = (
            np.array(rows),
            np.repeat(np.arange(len(rows)), counts),
            partner,
            effect,
            np.array(blocks),
            np.array(sorted({b // self._group for b in blocks})),
        )
        self._near[activity] = near
        return near

    def _totals(self) -> None:
        total = np.add.reduce(self._group_sums, axis=0)
        self.values = total[: self._v]
        self.interests = self.values @ self._values_to_interests + total[self._v : self._k]
        self.used = total[self._k :]
        self.overall = float(self.values @ self.weights)
