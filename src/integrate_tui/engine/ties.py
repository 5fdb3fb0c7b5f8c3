"""The one tie rule for picking the largest or smallest of computed floats.

Floating-point noise never decides a winner. Among a set of candidates, two numbers are
*tied* when they differ by at most `RTOL` times the largest finite magnitude in the set, so
the rule does not change when every number is scaled. In a ranking, ties chain: sorted, the
numbers split into groups only where two neighbours are not tied. Tied candidates keep the
order they are given in, and each caller passes them in a stable, documented order: values
as in `[[values]]`, activities and interests as in the file, pairs as asked. So "the
largest" means the first of the tied largest, and `tied_*` names all of them so a screen
can say "tied" instead of naming one at random.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from typing import TypeVar

import numpy as np

RTOL = 1e-9
"""Relative tolerance under which two computed numbers count as equal."""

T = TypeVar("T")


def tolerance(values: np.ndarray | Sequence[float]) -> float:
    """`RTOL` × the largest finite magnitude among `values` (0 when there is none)."""
    x = np.abs(np.asarray(values, dtype=float))
    return RTOL * float(np.max(x, where=np.isfinite(x), initial=0.0))


def tied_max(values: np.ndarray | Sequence[float]) -> np.ndarray:
    """Indices of every value tied with the largest, ascending; empty when there are none."""
    x = np.asarray(values, dtype=float)
    if not x.size or np.all(np.isnan(x)):
        return np.zeros(0, dtype=np.intp)
    top = float(np.nanmax(x))
    if not np.isfinite(top):
        return np.flatnonzero(x == top)
    return np.flatnonzero(x >= top - tolerance(x))


def tied_min(values: np.ndarray | Sequence[float]) -> np.ndarray:
    """Indices of every value tied with the smallest, ascending."""
    return tied_max(-np.asarray(values, dtype=float))


def first_max(values: np.ndarray | Sequence[float]) -> int:
    """Index of the largest value; the first of those tied with it."""
    hit = tied_max(values)
    if not hit.size:
        raise ValueError("first_max of no numbers")
    return int(hit[0])


def first_min(values: np.ndarray | Sequence[float]) -> int:
    """Index of the smallest value; the first of those tied with it."""
    return first_max(-np.asarray(values, dtype=float))


def groups(values: np.ndarray | Sequence[float], *, descending: bool = True) -> list[list[int]]:
    """Indices in groups of tied values, largest group first (or the reverse); each ascending.

    Sorted, the values split into groups wherever two neighbours are not tied, so noise
    within a tie never splits or reorders it.
    """
    x = np.asarray(values, dtype=float)
    if not x.size:
        return []
    key = -x if descending else x
    ranked = np.argsort(key, kind="stable")
    low, high = key[ranked][:-1], key[ranked][1:]
    with np.errstate(invalid="ignore"):
        tied = (high == low) | (high - low <= tolerance(x))
    group = np.r_[0, np.cumsum(~tied)]
    ranked = ranked[np.lexsort((ranked, group))]
    return [part.tolist() for part in np.split(ranked, np.flatnonzero(np.diff(group)) + 1)]


def order(values: np.ndarray | Sequence[float], *, descending: bool = True) -> np.ndarray:
    """Indices from largest to smallest (or the reverse); tied values keep their given order."""
    flat = [i for group in groups(values, descending=descending) for i in group]
    return np.array(flat, dtype=np.intp)


def top_rows(matrix: np.ndarray, k: int) -> np.ndarray:
    """Per row, the columns of its k largest entries, largest first; ties: the first column.

    Each row is its own set of candidates for the tie rule.
    """
    x = np.array(matrix, dtype=float)
    rows = np.arange(len(x))
    tol = RTOL * np.max(np.abs(x), axis=1, where=np.isfinite(x), initial=0.0)
    out = np.empty((len(x), k), dtype=np.intp)
    for r in range(k):
        top = x.max(axis=1)
        out[:, r] = np.argmax(x >= (top - tol)[:, None], axis=1)
        x[rows, out[:, r]] = -np.inf
    return out


def ranked(items: Iterable[T], *keys: Callable[[T], float]) -> list[T]:
    """Items by each key in turn, largest first; ties on every key keep the given order.

    Items tied on the first key (by the tie rule) are ordered by the second, and so on.
    Negate a key to rank it smallest first.
    """
    pool = list(items)
    if not keys or len(pool) < 2:
        return pool
    first, rest = keys[0], keys[1:]
    out: list[T] = []
    for group in groups([first(item) for item in pool]):
        out.extend(ranked((pool[i] for i in group), *rest))
    return out


def best(items: Iterable[T], key: Callable[[T], float], default: T | None = None) -> T | None:
    """The item with the largest key; the first of those tied; `default` when there are none."""
    pool = list(items)
    if not pool:
        return default
    return pool[first_max([key(item) for item in pool])]


def tied_best(items: Iterable[T], key: Callable[[T], float]) -> list[T]:
    """Every item tied for the largest key, in the given order."""
    pool = list(items)
    if not pool:
        return []
    return [pool[i] for i in tied_max([key(item) for item in pool])]
