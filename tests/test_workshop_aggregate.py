"""Points allocation and group aggregation, checked against numbers worked by hand."""

from __future__ import annotations

import math

import pytest

from integrate_tui.workshop import WorkshopError, aggregate, disagreement, pool_judgements
from integrate_tui.workshop.ahp import pairs, priorities
from integrate_tui.workshop.points import (
    check_points,
    even_points,
    points_problems,
    points_to_weights,
    remaining,
)

VALUES = ["x", "y", "z"]
# Points out of 100; shares are points / 100.
ANA = {"x": 50, "y": 30, "z": 20}
BEN = {"x": 20, "y": 30, "z": 50}
CAI = {"x": 20, "y": 60, "z": 20}


def test_points_are_checked_with_every_problem_named() -> None:
    assert points_problems(ANA, VALUES) == []
    assert points_problems({"x": 50, "y": 30}, VALUES) == [
        "points must add up to 100, not 80 (20 left to give)"
    ]
    assert points_problems({"x": 70, "y": 40}, VALUES) == [
        "points must add up to 100, not 110 (10 too many)"
    ]
    problems = points_problems({"x": -5, "w": 10, "y": "ten", "z": math.inf}, VALUES)
    assert problems == [
        "x: points cannot be negative (-5)",
        "unknown value 'w' (known: x, y, z)",
        "y: points must be a number, not 'ten'",
        "z: points must be a finite number, not inf",
    ]
    with pytest.raises(WorkshopError) as caught:
        check_points({"x": True}, VALUES)
    assert caught.value.title == "Points allocation"


def test_points_become_weights() -> None:
    assert check_points({"x": 60, "z": 40}, VALUES) == {"x": 60.0, "y": 0.0, "z": 40.0}
    assert points_to_weights(ANA, VALUES) == pytest.approx({"x": 0.5, "y": 0.3, "z": 0.2})
    assert points_to_weights({}, VALUES) == pytest.approx({v: 1 / 3 for v in VALUES})
    assert even_points(VALUES) == {"x": 34, "y": 33, "z": 33}
    assert sum(even_points(list("abcdefg")).values()) == 100
    assert remaining({"x": 30, "y": 50}) == 20


def test_geometric_mean_by_hand() -> None:
    # x: √(0.5 · 0.2) = √0.1 = 0.3162278;  y: √(0.3 · 0.3) = 0.3;  z: √(0.2 · 0.5) = 0.3162278
    # sum 0.9324555 → x = z = 0.3162278 / 0.9324555 = 0.339134, y = 0.3 / 0.9324555 = 0.321731
    group = aggregate({"ana": ANA, "ben": BEN}, VALUES, "geometric")
    assert group.weights == pytest.approx({"x": 0.339134, "y": 0.321731, "z": 0.339134}, abs=1e-6)
    assert sum(group.weights.values()) == pytest.approx(1.0)
    assert group.as_points() == {"x": 33.91, "y": 32.17, "z": 33.91}


def test_arithmetic_mean_and_median_by_hand() -> None:
    people = {"ana": ANA, "ben": BEN, "cai": CAI}
    # means: x (0.5 + 0.2 + 0.2)/3 = 0.3, y (0.3 + 0.3 + 0.6)/3 = 0.4, z 0.3 — already sum to 1
    assert aggregate(people, VALUES, "arithmetic").weights == pytest.approx(
        {"x": 0.3, "y": 0.4, "z": 0.3}
    )
    # medians: x 0.2, y 0.3, z 0.2; sum 0.7 → 0.285714, 0.428571, 0.285714
    assert aggregate(people, VALUES, "median").weights == pytest.approx(
        {"x": 0.2 / 0.7, "y": 0.3 / 0.7, "z": 0.2 / 0.7}
    )


def test_individual_vectors_are_normalised_first() -> None:
    # A points allocation and an AHP-style fraction count the same.
    group = aggregate({"ana": ANA, "ben": {"x": 0.2, "y": 0.3, "z": 0.5}}, VALUES, "arithmetic")
    assert group.weights == pytest.approx({"x": 0.35, "y": 0.3, "z": 0.35})
    assert group.individual["ana"] == pytest.approx({"x": 0.5, "y": 0.3, "z": 0.2})


def test_disagreement_by_hand() -> None:
    group = aggregate({"ana": ANA, "ben": BEN}, VALUES, "arithmetic")  # 0.35, 0.30, 0.35
    x, y, _ = group.disagreement.spread
    # x: 0.5 and 0.2 → population sd 0.15, range 0.3; both 0.15 from the mean: a tie, so
    # Ana (first given) is named and Ben is tied with her — whatever the rounding of 0.5 −
    # 0.35 and 0.35 − 0.2
    assert (x.sd, x.low, x.high, x.range) == pytest.approx((0.15, 0.2, 0.5, 0.3))
    assert (x.furthest, x.gap) == ("ana", pytest.approx(0.15))
    assert x.tied == (("ben", pytest.approx(-0.15)),)
    ben_first = aggregate({"ben": BEN, "ana": ANA}, VALUES, "arithmetic").disagreement
    assert (ben_first.spread[0].furthest, ben_first.spread[0].tied[0][0]) == ("ben", "ana")
    assert y.sd == pytest.approx(0.0)
    # distance = ½ Σ |w − g|: Ana ½ (0.15 + 0 + 0.15) = 0.15, the same for Ben
    assert group.disagreement.distance == pytest.approx({"ana": 0.15, "ben": 0.15})


def test_who_is_furthest_from_the_group() -> None:
    group = aggregate({"ana": ANA, "ben": BEN, "cai": CAI}, VALUES, "arithmetic")  # .3 .4 .3
    # Ana ½(.2 + .1 + .1) = .2; Ben ½(.1 + .1 + .2) = .2; Cai ½(.1 + .2 + .1) = .2 — a tie,
    # kept in the order the participants are given, not by name or by rounding noise
    reordered = aggregate({"cai": CAI, "ana": ANA, "ben": BEN}, VALUES, "arithmetic")
    assert [p for p, _ in reordered.disagreement.furthest()] == ["cai", "ana", "ben"]
    assert group.disagreement.furthest() == [
        ("ana", pytest.approx(0.2)),
        ("ben", pytest.approx(0.2)),
        ("cai", pytest.approx(0.2)),
    ]
    outlier = disagreement({"ana": ANA, "dan": {"x": 100}}, VALUES, {"x": 5, "y": 3, "z": 2})
    assert outlier.furthest()[0] == ("dan", pytest.approx(0.5))
    assert outlier.distance["ana"] == pytest.approx(0.0)


def test_zeros_under_the_geometric_mean_are_pointed_out() -> None:
    group = aggregate({"ana": {"x": 100}, "ben": BEN}, VALUES, "geometric")
    assert group.weights == pytest.approx({"x": 1.0, "y": 0.0, "z": 0.0})
    assert group.zeros == {"y": ["ana"], "z": ["ana"]}
    assert group.vetoed == ["y", "z"]
    assert aggregate({"ana": {"x": 100}, "ben": BEN}, VALUES, "median").vetoed == []


def test_people_without_weights_are_left_out_and_none_at_all_is_an_error() -> None:
    group = aggregate({"ana": ANA, "ben": {}}, VALUES)
    assert group.method == "geometric"
    assert group.left_out == ["ben"] and list(group.individual) == ["ana"]
    with pytest.raises(WorkshopError, match="no participant has given weights"):
        aggregate({"ben": {}}, VALUES)
    with pytest.raises(WorkshopError, match="unknown aggregation method"):
        aggregate({"ana": ANA}, VALUES, "mode")  # type: ignore[arg-type]


def test_pooled_judgements_are_the_elementwise_geometric_mean() -> None:
    pooled = pool_judgements(
        {
            "ana": {("x", "y"): 3, ("x", "z"): 2, ("y", "z"): 1},
            "ben": {("x", "y"): 1 / 3, ("x", "z"): 8, ("y", "z"): 1},
        },
        VALUES,
    )
    # √(3 · 1/3) = 1, √(2 · 8) = 4, √(1 · 1) = 1
    assert pooled == pytest.approx({("x", "y"): 1.0, ("x", "z"): 4.0, ("y", "z"): 1.0})


def test_pooling_consistent_judgements_equals_the_geometric_mean_of_priorities() -> None:
    # For consistent matrices, AIJ (pool, then eigenvector) and AIP (geometric mean) agree.
    vectors = {"ana": {"x": 0.5, "y": 0.3, "z": 0.2}, "ben": {"x": 0.2, "y": 0.3, "z": 0.5}}
    given = {p: {(a, b): w[a] / w[b] for a, b in pairs(VALUES)} for p, w in vectors.items()}
    pooled = priorities(VALUES, pool_judgements(given, VALUES)).weights
    assert pooled == pytest.approx(aggregate(vectors, VALUES, "geometric").weights)


def test_pooling_names_whose_judgements_are_incomplete() -> None:
    with pytest.raises(WorkshopError, match="ben: missing judgements"):
        pool_judgements({"ben": {("x", "y"): 2}}, VALUES)
    with pytest.raises(WorkshopError, match="no participant has made pairwise"):
        pool_judgements({}, VALUES)


def test_weights_become_whole_points_by_largest_remainder() -> None:
    from integrate_tui.workshop.points import weights_to_points

    # exact 100·(1, 1, 1)/3 = 33.33 each: one value takes the spare point, total stays 100
    thirds = weights_to_points({"a": 1, "b": 1, "c": 1}, ["a", "b", "c"])
    assert sum(thirds.values()) == 100 and sorted(thirds.values()) == [33, 33, 34]
    # 0.125/0.375/0.5 → 12.5, 37.5, 50: the two halves compete for the one spare point
    split = weights_to_points({"a": 0.125, "b": 0.375, "c": 0.5}, ["a", "b", "c"])
    assert split["c"] == 50 and split["a"] + split["b"] == 50
    assert weights_to_points({}, ["a", "b", "c"]) == {"a": 34, "b": 33, "c": 33}
