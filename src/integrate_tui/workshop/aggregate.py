"""Group weights from individual ones, and how far apart the room is.

Every individual vector is first normalised to sum to 1, so a points allocation and an AHP
eigenvector count alike and each participant counts once. Methods:

* arithmetic — the mean per value, then normalised;
* geometric — the geometric mean per value, then normalised: the standard for AHP groups
  (aggregation of individual priorities, AIP; Forman & Peniwati 1998). A zero from anyone
  makes a value's group weight zero, which `vetoed` points out;
* median — the median per value, then normalised: robust to one extreme participant.

When the chosen method gives 0 to every value (geometric: every value got a 0 from
someone, as with ballots 100/0/0 and 0/100/0; median: most gave each value 0), no weight is
invented: the group weights fall back to the arithmetic mean, which cannot be all 0, and
`fallback` says so in words for the screen and the report.

Pairwise judgements can also be pooled before the eigenvector is taken (aggregation of
individual judgements, AIJ): `pool_judgements` takes the elementwise geometric mean, which
keeps the matrix reciprocal.

Disagreement per value is the spread of the individual (normalised) weights: the
population standard deviation and the range. A participant's distance from the group is
half the L1 distance between their vector and the group's: the share of weight they would
have to move to agree (0 … 1). Ties (`engine.ties`): of participants equally far from the
group, the first in the order given (the file's participant order) is named `furthest`
and the others `tied`; `Disagreement.furthest` keeps equals in that order too.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Literal

import numpy as np

from integrate_tui.engine import normalise, value_weights
from integrate_tui.engine.ties import ranked, tied_max
from integrate_tui.workshop.ahp import Judgements, comparison_matrix, pairs
from integrate_tui.workshop.errors import WorkshopError

Method = Literal["arithmetic", "geometric", "median"]
METHODS: dict[Method, str] = {
    "geometric": "geometric mean",
    "arithmetic": "arithmetic mean",
    "median": "median",
}
"""Each method and its name for people; the first is the default."""


@dataclass(frozen=True)
class Spread:
    """How far apart the participants are on one value (weights as shares, 0 … 1)."""

    value: str
    sd: float
    low: float
    high: float
    furthest: str  # the participant furthest from the group on this value
    gap: float  # their weight minus the group's
    tied: tuple[tuple[str, float], ...] = ()  # others exactly as far: (participant, gap)

    @property
    def range(self) -> float:
        """Highest minus lowest weight: how far apart the extremes are."""
        return self.high - self.low


@dataclass(frozen=True)
class Disagreement:
    """Spread per value and each participant's distance from a reference weight set."""

    spread: list[Spread]
    distance: dict[str, float]  # participant → share of weight they would move, 0 … 1

    def furthest(self) -> list[tuple[str, float]]:
        """Participants by distance from the group, furthest first; ties in the given order."""
        return ranked(self.distance.items(), lambda item: item[1])


@dataclass(frozen=True)
class Aggregate:
    """Group weights by one method, with the individual vectors and the disagreement."""

    method: Method
    values: list[str]
    individual: dict[str, dict[str, float]]  # participant → value → share, each summing to 1
    weights: dict[str, float]  # the group's, summing to 1
    disagreement: Disagreement
    left_out: list[str] = field(default_factory=list)  # participants with no weights yet
    zeros: dict[str, list[str]] = field(default_factory=dict)  # value → who gave it 0
    fallback: str = ""  # why the weights are the arithmetic mean instead, when they are
    counted: dict[str, float] = field(default_factory=dict)  # who counts less than 1 (0: out)

    @property
    def vetoed(self) -> list[str]:
        """Values a single zero pulled to 0: the geometric mean's caveat, worth saying aloud."""
        return list(self.zeros) if self.method == "geometric" and not self.fallback else []

    def as_points(self, total: float = 100, digits: int = 2) -> dict[str, float]:
        """The group weights as points (rounded), the form the scenario file keeps."""
        return {v: round(w * total, digits) for v, w in self.weights.items()}


def shares(individual: Mapping[str, Mapping[str, float]], values: Sequence[str]) -> np.ndarray:
    """Participants × values, each row normalised to sum to 1 (missing values count 0)."""
    rows = [[float(weights.get(v, 0.0)) for v in values] for weights in individual.values()]
    return np.array([normalise(np.array(row)) for row in rows]).reshape(len(rows), len(values))


def combine(matrix: np.ndarray, method: Method, counts: np.ndarray | None = None) -> np.ndarray:
    """Rows of shares combined by one method, normalised to sum to 1; all 0 when the method
    gives every value 0 (see `aggregate` for what happens then). `counts` (one per row,
    > 0) weighs the rows: a weighted mean, geometric mean or median; equal counts are the
    unweighted method."""
    if counts is not None and np.ptp(counts) == 0:
        counts = None
    if method == "arithmetic":
        group = np.average(matrix, axis=0, weights=counts)
    elif method == "geometric":
        with np.errstate(divide="ignore"):
            group = np.exp(np.average(np.log(matrix), axis=0, weights=counts))
    elif method == "median":
        group = np.median(matrix, axis=0) if counts is None else weighted_median(matrix, counts)
    else:
        raise WorkshopError(f"unknown aggregation method {method!r} (use {', '.join(METHODS)})")
    return value_weights(group)


def weighted_median(matrix: np.ndarray, counts: np.ndarray) -> np.ndarray:
    """Per column, the value at which half the count lies on either side (the mean of the
    two neighbours when a half falls exactly between them)."""
    half = counts.sum() / 2
    group = np.empty(matrix.shape[1])
    for j in range(matrix.shape[1]):
        order = np.argsort(matrix[:, j], kind="stable")
        column, below = matrix[order, j], np.cumsum(counts[order])
        k = int(np.searchsorted(below, half))
        exact = k + 1 < len(column) and np.isclose(below[k], half, rtol=0, atol=1e-12)
        group[j] = (column[k] + column[k + 1]) / 2 if exact else column[k]
    return group


def aggregate(
    individual: Mapping[str, Mapping[str, float]],
    values: Sequence[str],
    method: Method = "geometric",
    counts: Mapping[str, float] | None = None,
) -> Aggregate:
    """Group weights over `values` from each participant's weights; empty ones are left out.

    `counts` says how much someone's weights count in the group's (0 … 1; 0 leaves them
    out, as the facilitator may for an inconsistent or a late participant; 1 when not
    named). Everyone who gave weights still appears in `individual` and the disagreement.
    """
    values = list(values)
    given = {p: w for p, w in individual.items() if sum(w.get(v, 0.0) for v in values) > 0}
    if not given:
        raise WorkshopError("no participant has given weights yet", title="Aggregation")
    factors = np.array([float((counts or {}).get(p, 1.0)) for p in given])
    kept = factors > 0
    if not kept.any():
        raise WorkshopError(
            "everyone who gave weights is left out of the group weights", title="Aggregation"
        )
    matrix = shares(given, values)
    group = combine(matrix[kept], method, factors[kept])
    fallback = ""
    if values and not group.any():
        group = combine(matrix[kept], "arithmetic", factors[kept])
        fallback = (
            f"The {METHODS[method]} gives every value 0, so the group weights are the "
            "arithmetic mean instead: no value gets weight nobody gave it."
        )
    zeros = {
        value: [p for p, row, k in zip(given, matrix, kept, strict=True) if k and row[j] == 0]
        for j, value in enumerate(values)
        if (matrix[kept, j] == 0).any()
    }
    return Aggregate(
        method=method,
        values=values,
        individual={
            p: dict(zip(values, map(float, row), strict=True))
            for p, row in zip(given, matrix, strict=True)
        },
        weights=dict(zip(values, map(float, group), strict=True)),
        disagreement=disagreement(given, values, dict(zip(values, group, strict=True))),
        left_out=[p for p in individual if p not in given],
        zeros=zeros,
        fallback=fallback,
        counted={p: float(f) for p, f in zip(given, factors, strict=True) if f != 1},
    )


def disagreement(
    individual: Mapping[str, Mapping[str, float]],
    values: Sequence[str],
    reference: Mapping[str, float],
) -> Disagreement:
    """Spread per value, and each participant's distance from `reference` (both normalised)."""
    people = list(individual)
    matrix = shares(individual, values)
    group = normalise(np.array([float(reference.get(v, 0.0)) for v in values]))
    gaps = matrix - group[None, :]
    spread = []
    for j, value in enumerate(values):
        k, *others = (int(i) for i in tied_max(np.abs(gaps[:, j])))
        spread.append(
            Spread(
                value=value,
                sd=float(matrix[:, j].std()),
                low=float(matrix[:, j].min()),
                high=float(matrix[:, j].max()),
                furthest=people[k],
                gap=float(gaps[k, j]),
                tied=tuple((people[i], float(gaps[i, j])) for i in others),
            )
        )
    distance = 0.5 * np.abs(gaps).sum(axis=1)
    return Disagreement(spread, dict(zip(people, map(float, distance), strict=True)))


def pool_judgements(
    judgements: Mapping[str, Judgements], items: Sequence[str]
) -> dict[tuple[str, str], float]:
    """The elementwise geometric mean of everyone's comparison matrices, as judgements."""
    if not judgements:
        raise WorkshopError("no participant has made pairwise comparisons yet", title="Aggregation")
    matrices = []
    for person, given in judgements.items():
        try:
            matrices.append(np.log(comparison_matrix(items, given)))
        except WorkshopError as error:
            problems = [f"{person}: {problem}" for problem in error.problems]
            raise WorkshopError(problems, title="Aggregation") from None
    logs = np.mean(matrices, axis=0)
    index = {item: i for i, item in enumerate(items)}
    return {(a, b): float(np.exp(logs[index[a], index[b]])) for a, b in pairs(items)}
