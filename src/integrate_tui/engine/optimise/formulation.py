"""The exact MILP over the level grid: one binary per level, exact interaction products.

Variables: x_il ∈ {0, 1}, one per level l of activity i, with Σ_l x_il = 1. Then the
realised fraction is g_i = Σ_l G_il x_il and direct support min(f_i, 1) = Σ_l S_il x_il,
both exact because G_il and S_il are the engine's own numbers at each level.

Interaction products w_ij = g_i·g_j are linearised exactly. Of the two activities, the one
with fewer levels (j) is the "binary side": for each of its levels m a continuous
z_m = g_i·x_jm, with

    Σ_m z_m = g_i,     L_i·x_jm ≤ z_m ≤ U_i·x_jm     (L_i, U_i: least and greatest G_il)

and w_ij = Σ_m G_jm z_m. When x_jm = 0 the bounds force z_m = 0, so the z of the chosen
level equals g_i and w_ij = G_jm·g_i exactly. The equality makes the other two McCormick
inequalities (z_m ≤ g_i − L_i(1 − x_jm), z_m ≥ g_i − U_i(1 − x_jm)) redundant, and it tightens
the LP relaxation. This costs min(levels) continuous variables and 2·min(levels) + 1 rows
per interaction, against levels_i × levels_j variables for products of binaries y_ilm; with
one side locked the product is linear in the other side's x and needs no variable at all.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from integrate_tui.engine.compiled import Compiled
from integrate_tui.engine.optimise.criteria import Criterion
from integrate_tui.engine.optimise.levels import Levels, ranges
from integrate_tui.engine.optimise.program import Hints, Program

MAX_HULL = 100_000
"""Most y variables the hull hints may add (38,500 at 500 activities: a 0.2–0.45 s LP)."""


@dataclass(frozen=True)
class Formulation:
    """The variables and structural rows of the MILP for one model and level grid."""

    model: Compiled
    levels: Levels
    product: np.ndarray  # per interaction: 0 constant, 1 linear in one side, 2 z variables
    side: np.ndarray  # per interaction: (multiplier activity, binary-side activity)
    z_pair: np.ndarray  # per z variable: its interaction
    z_level: np.ndarray  # per z variable: the flat level of the binary side it belongs to

    @property
    def size(self) -> int:
        """Number of variables: levels, then z."""
        return self.levels.size + len(self.z_pair)

    def expression(
        self, criterion: Criterion, activities: np.ndarray | None = None
    ) -> tuple[np.ndarray, float]:
        """Coefficients over the variables and the constant of a criterion.

        With `activities` (a boolean mask) only those activities' own terms and the
        interactions between two of them count: what a silo sees when it plans alone.
        """
        lv, m = self.levels, self.model
        a, b = criterion.activity_terms(m)
        if activities is not None:
            a, b = np.where(activities, a, 0.0), np.where(activities, b, 0.0)
        coef = np.zeros(self.size)
        coef[: lv.size] = a[lv.owner] * lv.fraction + b[lv.owner] * lv.support
        i, j = self.side[:, 0], self.side[:, 1]
        pc = m.effect * (a[i] + a[j])
        if activities is not None:
            pc = np.where(activities[i] & activities[j], pc, 0.0)
        g_single = lv.fraction[lv.start[j]]  # meaningful only where the binary side is fixed
        constant = float(np.sum((pc * lv.fraction[lv.start[i]] * g_single)[self.product == 0]))
        linear = np.flatnonzero(self.product == 1)
        if len(linear):
            cols, k = ranges(lv.start[i[linear]], lv.count[i[linear]])
            np.add.at(coef, cols, (pc * g_single)[linear][k] * lv.fraction[cols])
        coef[lv.size :] = pc[self.z_pair] * lv.fraction[self.z_level]
        return coef, constant

    def point(self, chosen: np.ndarray) -> np.ndarray:
        """The exact variable vector of one chosen flat level per activity (z = g_i·x_jm).

        The MILP's value of a package evaluated here is free of the solver's tolerances
        (a binary within 1e-6 of 0 lets a z drift by as much)."""
        lv = self.levels
        v = np.zeros(self.size)
        v[chosen] = 1.0
        g = lv.fraction[chosen]
        v[lv.size :] = g[self.side[self.z_pair, 0]] * v[self.z_level]
        return v

    def usage(self) -> np.ndarray:
        """Resources × levels: what each level of each activity uses."""
        lv = self.levels
        return (self.model.cost[lv.owner] * lv.funding[:, None]).T

    def program(self) -> Program:
        """The variables with their bounds, one level per activity, and the product links."""
        lv = self.levels
        low, high = lv.bounds(lv.fraction)
        mult = self.side[self.z_pair, 0]
        prog = Program(
            lower=np.r_[np.zeros(lv.size), np.minimum(low[mult], 0.0)],
            upper=np.r_[np.ones(lv.size), np.maximum(high[mult], 0.0)],
            integral=np.r_[np.ones(lv.size, dtype=int), np.zeros(len(mult), dtype=int)],
            hints=self.hints(),
        )
        prog.add(
            "structure: one level each", lv.owner, np.arange(lv.size), np.ones(lv.size), 1.0, 1.0
        )
        nz = len(self.z_pair)
        if nz:
            zcols = lv.size + np.arange(nz)
            pairs_z = np.flatnonzero(self.product == 2)
            row_of = np.full(len(self.product), -1)
            row_of[pairs_z] = np.arange(len(pairs_z))
            xcols, k = ranges(lv.start[self.side[pairs_z, 0]], lv.count[self.side[pairs_z, 0]])
            prog.add(
                "structure: interaction products",
                np.r_[row_of[self.z_pair], k],
                np.r_[zcols, xcols],
                np.r_[np.ones(nz), -lv.fraction[xcols]],
                0.0,
                0.0,
            )
            for bound, name in ((high, "upper"), (low, "lower")):
                # a zero bound makes the row z ≥ 0 or z ≤ 0: the variable's own bound already
                keep = np.flatnonzero(bound[mult] != 0.0)
                if not len(keep):
                    continue
                rows = np.arange(len(keep))
                prog.add(
                    f"structure: interaction {name} bounds",
                    np.r_[rows, rows],
                    np.r_[zcols[keep], self.z_level[keep]],
                    np.r_[np.ones(len(keep)), -bound[mult][keep]],
                    0.0 if name == "lower" else -np.inf,
                    np.inf if name == "lower" else 0.0,
                )
        return prog

    def hints(self) -> Hints:
        """The level blocks, and the convex hull of each product with z variables.

        For each such pair, y_lm = x_il·x_jm for every level l of the multiplier side i and m
        of the binary side j, with Σ_m y_lm = x_il, Σ_l y_lm = x_jm and z_m = Σ_l G_il y_lm.
        Every package satisfies these (one y is 1, in the row and column of the levels
        chosen), and they make the LP take each pair's product at a mix of real level pairs:
        the plain LP may pair a split level of i with a split level of j as it likes, and
        bounds the criterion 0.1–0.15 % above its optimum where this one is within ~0.01 %.
        They cost levels_i × levels_j variables a pair, so they serve the root proof's bound
        only (program.py)."""
        lv = self.levels
        pairs = np.flatnonzero(self.product == 2)
        i, j = self.side[pairs, 0], self.side[pairs, 1]
        ni, nj = lv.count[i], lv.count[j]
        x_i, _ = ranges(lv.start[i], ni)  # the x_il of each pair in turn: one row each
        x_j, _ = ranges(lv.start[j], nj)  # the x_jm, and so the z_m: one row each
        cells = ni * nj
        if cells.sum() > MAX_HULL:  # the LP would cost more than the proof saves
            none = np.zeros(0, dtype=int)
            return Hints(lv.start, 0, none, none, none.astype(float), none.astype(bool))
        pair = np.repeat(np.arange(len(pairs)), cells)  # for each y: its pair, l and m
        local = np.arange(int(cells.sum())) - np.repeat(np.cumsum(cells) - cells, cells)
        a, b = local // nj[pair], local % nj[pair]
        na, nb = int(ni.sum()), int(nj.sum())
        row_a = np.repeat(np.cumsum(ni) - ni, cells) + a
        row_b = na + np.repeat(np.cumsum(nj) - nj, cells) + b
        y, own = np.arange(len(local)), np.arange(nb)
        return Hints(
            start=lv.start,
            count=len(y),
            row=np.r_[row_a, row_b, row_b + nb, np.arange(na), na + own, na + nb + own],
            col=np.r_[y, y, y, x_i, x_j, lv.size + own],
            data=np.r_[
                np.ones(2 * len(y)), lv.fraction[lv.start[i][pair] + a], -np.ones(na + 2 * nb)
            ],
            extra=np.r_[np.ones(3 * len(y), dtype=bool), np.zeros(na + 2 * nb, dtype=bool)],
        )


def formulate(model: Compiled, levels: Levels) -> Formulation:
    """The formulation of a model on a level grid."""
    p = model.pairs.reshape(-1, 2)
    count = levels.count
    # side = (multiplier, binary side); the binary side is the one with fewer levels
    side = np.where((count[p[:, 0]] < count[p[:, 1]])[:, None], p[:, ::-1], p)
    mult_n, bin_n = count[side[:, 0]], count[side[:, 1]]
    product = np.where(mult_n == 1, 0, np.where(bin_n == 1, 1, 2))
    with_z = np.flatnonzero(product == 2)
    z_level, k = ranges(levels.start[side[with_z, 1]], count[side[with_z, 1]])
    return Formulation(model, levels, product, side, with_z[k], z_level)
