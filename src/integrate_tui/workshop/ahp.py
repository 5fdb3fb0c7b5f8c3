"""AHP pairwise comparison: Saaty's 1–9 scale, eigenvector weights and the consistency ratio.

A judgement `(a, b) → r` says "a is r times as important as b", with r on Saaty's scale
from 1/9 to 9 (1 = equal, 3 = moderate, 5 = strong, 7 = very strong, 9 = extreme; the even
numbers lie between). The reciprocal matrix A has a_ab = r and a_ba = 1/r. The weights are
its principal (Perron) eigenvector, normalised to sum to 1; λmax is its eigenvalue;
CI = (λmax − n)/(n − 1) and CR = CI/RI(n), with Saaty's random index RI. CR ≤ 0.1 is
acceptable (Saaty 1980).
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from itertools import combinations

import numpy as np

from integrate_tui.engine.ties import ranked, tied_max
from integrate_tui.model import Judgement
from integrate_tui.workshop.errors import WorkshopError

Judgements = Mapping[tuple[str, str], float]
"""(a, b) → how many times more important a is than b."""

SCALE: dict[int, str] = {
    1: "equal",
    2: "equal to moderate",
    3: "moderate",
    4: "moderate to strong",
    5: "strong",
    6: "strong to very strong",
    7: "very strong",
    8: "very strong to extreme",
    9: "extreme",
}
"""Saaty's fundamental scale: the words a facilitator reads out for each number."""

SCALE_VALUES: tuple[float, ...] = tuple(sorted({*(1 / k for k in SCALE), *map(float, SCALE)}))
"""Every judgement the scale allows: 1/9 … 1/2, 1, 2 … 9."""

RANDOM_INDEX: tuple[float, ...] = (
    *(0.0, 0.0, 0.0, 0.58, 0.90, 1.12, 1.24, 1.32, 1.41, 1.45),
    *(1.49, 1.51, 1.48, 1.56, 1.57, 1.59),
)
"""RI by matrix size n (index n, 1 … 15): mean CI of random reciprocal matrices.

Saaty, T. L. (1980) The Analytic Hierarchy Process, McGraw-Hill; the same table, with the
often-quoted 1.48 at n = 12, is reproduced in most AHP software. Beyond 15 the last entry
is used.
"""

CR_LIMIT = 0.1
"""Saaty's threshold: a consistency ratio above 10 % calls for revisiting judgements."""

_TOLERANCE = 1e-9

CONSISTENT = 1e-6
"""Below this log-error on every judgement a set counts as perfectly consistent (CR ≈ 0)."""


@dataclass(frozen=True)
class Inconsistency:
    """The judgement furthest from what the other judgements imply, and a value to suggest."""

    a: str
    b: str
    judged: float  # what was said: a is `judged` times as important as b
    implied: float  # w_a / w_b from the eigenvector weights
    suggested: float  # the scale value nearest to `implied`
    tied: tuple[tuple[str, str], ...] = ()  # other judgements exactly as inconsistent

    @property
    def factor(self) -> float:
        """How many times off the judgement is (≥ 1), whichever way."""
        ratio = self.judged / self.implied
        return max(ratio, 1 / ratio)

    def explain(self, names: Mapping[str, str] | None = None) -> str:
        """What was said, what the other answers imply, and the scale value to suggest."""
        a, b = (names or {}).get(self.a, self.a), (names or {}).get(self.b, self.b)
        up = self.implied >= 1
        more, less = (a, b) if up else (b, a)
        implied = self.implied if up else 1 / self.implied
        suggested = self.suggested if up else 1 / self.suggested
        nearest = scale_text(suggested)
        if math.isclose(self.suggested, self.judged, rel_tol=_TOLERANCE):
            nearest += ", the answer given"
        text = (
            f"{describe(a, b, self.judged)}; the other answers imply {more} is "
            f"{implied:.2g} times as important as {less} (nearest on the scale: {nearest})"
        )
        if self.tied:
            named = (
                f"{(names or {}).get(x, x)} vs {(names or {}).get(y, y)}" for x, y in self.tied
            )
            text += f"; tied with {', '.join(named)}"
        return text


@dataclass(frozen=True)
class Priorities:
    """Eigenvector weights of one comparison matrix, with its consistency."""

    items: list[str]
    matrix: np.ndarray
    weights: dict[str, float]
    lambda_max: float
    ci: float
    cr: float
    worst: Inconsistency | None

    @property
    def consistent(self) -> bool:
        """True when CR ≤ 0.1, Saaty's acceptance threshold."""
        return self.cr <= CR_LIMIT + _TOLERANCE

    def judgements(self) -> list[Judgement]:
        """Every pair once, in reading order, as a round records them: `a` before `b`.

        A ratio a hair outside the scale from floating point is pulled back onto it.
        """
        index = {item: i for i, item in enumerate(self.items)}
        return [
            Judgement(a=a, b=b, ratio=min(max(float(self.matrix[index[a], index[b]]), 1 / 9), 9))
            for a, b in pairs(self.items)
        ]


def random_index(n: int) -> float:
    """Saaty's RI for an n × n matrix (0 for n ≤ 2, where every reciprocal matrix is consistent)."""
    return RANDOM_INDEX[min(max(n, 0), len(RANDOM_INDEX) - 1)]


def pairs(items: Sequence[str]) -> list[tuple[str, str]]:
    """Every pair to ask about, in reading order: n(n − 1)/2 judgements."""
    return list(combinations(items, 2))


def judgement_map(judgements: Iterable[Judgement]) -> dict[tuple[str, str], float]:
    """Judgements as recorded in a round (`Inputs.judgements`) in the form this module takes."""
    return {(j.a, j.b): j.ratio for j in judgements}


def judgement_problem(ratio: object) -> str | None:
    """Why a judgement is not on the 1/9 … 9 scale, or None when it is."""
    if isinstance(ratio, bool) or not isinstance(ratio, int | float):
        return f"must be a number from 1/9 to 9, not {ratio!r}"
    if not math.isfinite(ratio) or not 1 / 9 - _TOLERANCE <= ratio <= 9 + _TOLERANCE:
        return f"must be from 1/9 to 9 on Saaty's scale, not {ratio:g}"
    return None


def comparison_matrix(items: Sequence[str], judgements: Judgements) -> np.ndarray:
    """The reciprocal matrix, or `WorkshopError` naming each unknown, missing or bad judgement."""
    index = {item: i for i, item in enumerate(items)}
    a = np.ones((len(items), len(items)))
    seen: dict[frozenset[str], float] = {}
    problems: list[str] = []
    for (x, y), ratio in judgements.items():
        unknown = [z for z in (x, y) if z not in index]
        if unknown:
            problems.append(f"{x} vs {y}: unknown {', '.join(repr(z) for z in unknown)}")
            continue
        if x == y:
            problems.append(f"{x} vs {y}: an item is not compared with itself")
            continue
        problem = judgement_problem(ratio)
        if problem:
            problems.append(f"{x} vs {y}: {problem}")
            continue
        pair = frozenset((x, y))
        given = ratio if index[x] < index[y] else 1 / ratio
        if pair in seen and not math.isclose(seen[pair], given, rel_tol=1e-6):
            problems.append(f"{x} vs {y}: judged twice, with different answers")
        seen[pair] = given
        i, j = sorted((index[x], index[y]))
        a[i, j], a[j, i] = given, 1 / given
    missing = [f"{x} vs {y}" for x, y in pairs(items) if frozenset((x, y)) not in seen]
    if missing:
        problems.append(f"missing judgements: {', '.join(missing)}")
    if problems:
        raise WorkshopError(problems, title="Pairwise comparison")
    return a


def principal(matrix: np.ndarray) -> tuple[np.ndarray, float]:
    """The Perron eigenvector (normalised to sum to 1) and eigenvalue of a positive matrix."""
    values, vectors = np.linalg.eig(matrix)
    k = int(np.argmax(values.real))
    w = np.abs(vectors[:, k].real)
    return w / w.sum(), float(values[k].real)


def priorities(items: Sequence[str], judgements: Judgements) -> Priorities:
    """Weights, λmax, CI, CR and the most inconsistent judgement of one person's comparisons."""
    items = list(items)
    if not items:
        raise WorkshopError("nothing to compare", title="Pairwise comparison")
    a = comparison_matrix(items, judgements)
    w, lam = principal(a)
    n = len(items)
    ci = max((lam - n) / (n - 1), 0.0) if n > 2 else 0.0
    ri = random_index(n)
    return Priorities(
        items=items,
        matrix=a,
        weights={item: float(x) for item, x in zip(items, w, strict=True)},
        lambda_max=lam,
        ci=ci,
        cr=ci / ri if ri > 0 else 0.0,
        worst=most_inconsistent(items, a, w),
    )


def most_inconsistent(
    items: Sequence[str], matrix: np.ndarray, weights: np.ndarray
) -> Inconsistency | None:
    """The judgement a_ij whose |ln(a_ij · w_j / w_i)| is largest; None if all agree.

    Tie rule: errors within `ties.RTOL` of each other are equal, and the first of them in
    the order the pairs are asked (`pairs(items)`) is named, with the others in `tied`. A
    perfectly consistent set (CR ≈ 0, every error below `CONSISTENT`) names none.
    """
    n = len(items)
    if n < 3:
        return None
    upper = np.triu_indices(n, 1)  # the same order as `pairs(items)`
    error = np.abs(np.log(matrix * weights[None, :] / weights[:, None]))[upper]
    if error.max() < CONSISTENT:
        return None
    first, *others = (int(k) for k in tied_max(error))
    i, j = int(upper[0][first]), int(upper[1][first])
    implied = float(weights[i] / weights[j])
    return Inconsistency(
        items[i],
        items[j],
        float(matrix[i, j]),
        implied,
        nearest_scale(implied),
        tuple((items[upper[0][k]], items[upper[1][k]]) for k in others),
    )


def nearest_scale(ratio: float) -> float:
    """The scale value (1/9 … 9) nearest to a ratio in log terms; of two as near, the milder."""
    return ranked(SCALE_VALUES, lambda s: -abs(math.log(s / ratio)), lambda s: -abs(math.log(s)))[0]


def scale_text(ratio: float) -> str:
    """A scale value as people write it: `5`, `1`, `1/3`."""
    return str(round(ratio)) if ratio >= 1 else f"1/{round(1 / ratio)}"


def describe(a: str, b: str, ratio: float) -> str:
    """A judgement in Saaty's words: 'prosperity over equity: strong importance (5)'."""
    if math.isclose(ratio, 1.0, rel_tol=1e-6):
        return f"{a} and {b}: equal importance (1)"
    more, less, r = (a, b, ratio) if ratio > 1 else (b, a, 1 / ratio)
    words = SCALE.get(round(r), "") if math.isclose(r, round(r), rel_tol=1e-6) else ""
    if words:
        return f"{more} over {less}: {words} importance ({r:.3g})"
    return f"{more} over {less}: {r:.3g} times as important"
