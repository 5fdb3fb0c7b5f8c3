"""Response curves: the fraction of an activity's impact realised at a funding level.

Every curve gives 0 at funding 0. The named shapes give exactly 1 at funding 1:

* ``linear``       g(f) = f
* ``diminishing``  g(f) = (1 − e^(−k·f)) / (1 − e^(−k)), k = 3 (concave: early money counts most)
* ``threshold``    a logistic S-curve, steepness a = 10 centred at c = 0.5, rescaled so that
                   g(0) = 0 and g(1) = 1 (little benefit until a critical mass)
* point lists      piecewise linear through the given ``[funding, fraction]`` points

Beyond the end of the curve (funding 1 for named shapes, the last point for lists) an
activity expands with diminishing returns: g(f) = g(e) + s·h·(1 − e^(−(f − e)/h)), where e is
the end, s the curve's slope there and h = 0.5. The slope is continuous and every extra unit
yields less than the one before; the gain can never exceed s·h.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from itertools import chain, compress, repeat
from typing import cast

import numpy as np

DIMINISHING_K = 3.0
THRESHOLD_STEEPNESS = 10.0
THRESHOLD_CENTRE = 0.5
EXPANSION_HALF = 0.5

SHAPES = ("linear", "diminishing", "threshold")
_CODE = {name: k for k, name in enumerate(SHAPES)}


def _logistic(f: np.ndarray) -> np.ndarray:
    return 1.0 / (1.0 + np.exp(-THRESHOLD_STEEPNESS * (f - THRESHOLD_CENTRE)))


_S0, _S1 = float(_logistic(np.array(0.0))), float(_logistic(np.array(1.0)))
_DIM_NORM = 1.0 - np.exp(-DIMINISHING_K)


def _named(shape: int, f: np.ndarray) -> np.ndarray:
    if shape == 0:
        return f
    if shape == 1:
        return (1.0 - np.exp(-DIMINISHING_K * f)) / _DIM_NORM
    return (_logistic(f) - _S0) / (_S1 - _S0)


def _named_slope_at_one(shape: int) -> float:
    if shape == 0:
        return 1.0
    if shape == 1:
        return DIMINISHING_K * np.exp(-DIMINISHING_K) / _DIM_NORM
    s = _S1
    return THRESHOLD_STEEPNESS * s * (1.0 - s) / (_S1 - _S0)


def _tail(
    end_value: np.ndarray | float, slope: np.ndarray | float, beyond: np.ndarray | float
) -> np.ndarray:
    return end_value + slope * EXPANSION_HALF * (1.0 - np.exp(-beyond / EXPANSION_HALF))


class ResponseCurves:
    """All activities' curves, evaluated together: one vectorised call per funding vector."""

    def __init__(self, specs: Sequence[str | Sequence[Sequence[float]]]) -> None:
        n = len(specs)
        named = np.fromiter(map(isinstance, specs, repeat(str)), dtype=bool, count=n)
        names = cast("Iterator[str]", compress(specs, named.tolist()))
        codes = (_CODE.get(name, -1) for name in names)
        self.shape = np.full(n, -1, dtype=np.int8)
        self.shape[named] = np.fromiter(codes, dtype=np.int8, count=int(named.sum()))
        slopes = np.array([_named_slope_at_one(k) for k in range(len(SHAPES))])
        self.end_slope = np.where(self.shape >= 0, slopes[np.maximum(self.shape, 0)], 0.0)
        self.end = np.ones(n)
        self.end_value = np.ones(n)
        rows = np.flatnonzero(self.shape < 0)
        lists = cast(
            "list[Sequence[Sequence[float]]]", list(compress(specs, (self.shape < 0).tolist()))
        )
        sizes = np.fromiter(map(len, lists), dtype=np.intp, count=len(lists))
        longest = int(sizes.max(initial=2))
        self.xs = np.zeros((n, longest))
        self.ys = np.zeros((n, longest))
        if len(rows):
            pts = _points(lists, int(sizes.sum()))
            last = np.cumsum(sizes) - 1
            x_end, y_end = pts[last, 0], pts[last, 1]
            # Padding repeats the last point just beyond the end so searchsorted never lands there.
            beyond = np.arange(longest)[None, :] - sizes[:, None]
            self.xs[rows] = x_end[:, None] + 1.0 + beyond
            self.ys[rows] = y_end[:, None]
            owner = np.repeat(np.arange(len(rows)), sizes)
            place = np.arange(len(pts)) - np.repeat(last + 1 - sizes, sizes)
            self.xs[rows[owner], place] = pts[:, 0]
            self.ys[rows[owner], place] = pts[:, 1]
            self.end[rows], self.end_value[rows] = x_end, y_end
            self.end_slope[rows] = (y_end - pts[last - 1, 1]) / (x_end - pts[last - 1, 0])
        self._named_idx = [np.flatnonzero(self.shape == k) for k in range(len(SHAPES))]
        self._points_idx = rows

    def one(self, activity: int, level: float) -> float:
        """The fraction of one activity at `level`: what `__call__` gives it, without the
        vector machinery (for re-scoring one change)."""
        end = float(self.end[activity])
        shape = int(self.shape[activity])
        f = np.float64(min(level, end))
        if shape >= 0:
            g = _named(shape, np.asarray(f))
        else:
            rows = slice(activity, activity + 1)
            g = _batched_interp(np.array([f]), self.xs[rows], self.ys[rows])[0]
        if level > end:
            g = _tail(self.end_value[activity], self.end_slope[activity], level - end)
        return float(g)

    def __call__(self, funding: np.ndarray) -> np.ndarray:
        """Fraction of impact realised for each activity at the given funding levels."""
        f = np.asarray(funding, dtype=float)
        out = np.empty_like(f)
        for shape, idx in enumerate(self._named_idx):
            if idx.size:
                out[idx] = _named(shape, np.minimum(f[idx], 1.0))
        if self._points_idx.size:
            idx = self._points_idx
            out[idx] = _batched_interp(
                np.minimum(f[idx], self.end[idx]), self.xs[idx], self.ys[idx]
            )
        beyond = f - self.end
        over = beyond > 0
        if over.any():
            out[over] = _tail(self.end_value[over], self.end_slope[over], beyond[over])
        return out

    def maximum(self, max_funding: np.ndarray) -> np.ndarray:
        """The largest |fraction| each curve reaches on [0, max_funding] (for score bounds).

        Exact: named shapes and tails are monotone and point lists linear between breakpoints,
        so the largest |g| sits at a breakpoint or at max_funding.
        """
        top = np.asarray(max_funding, dtype=float)[:, None]
        where = np.concatenate([np.minimum(self.xs, top), top], axis=1)
        values = np.stack([self(where[:, j]) for j in range(where.shape[1])], axis=1)
        return np.abs(values).max(axis=1)


def _batched_interp(f: np.ndarray, xs: np.ndarray, ys: np.ndarray) -> np.ndarray:
    """Row-wise np.interp: each row has its own increasing breakpoints."""
    seg = np.clip((xs <= f[:, None]).sum(axis=1) - 1, 0, xs.shape[1] - 2)
    rows = np.arange(len(f))
    x0, x1 = xs[rows, seg], xs[rows, seg + 1]
    y0, y1 = ys[rows, seg], ys[rows, seg + 1]
    return y0 + (y1 - y0) * (f - x0) / (x1 - x0)


def _points(lists: list[Sequence[Sequence[float]]], count: int) -> np.ndarray:
    """Every [funding, fraction] point of the point lists, in order, as count × 2 numbers."""
    coords = chain.from_iterable(chain.from_iterable(lists))
    pts = np.fromiter(coords, dtype=float)
    if len(pts) != 2 * count:
        raise ValueError("every response point must be a [funding, fraction] pair")
    return pts.reshape(count, 2)
