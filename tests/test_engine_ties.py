"""The tie rule: noise never picks a winner, and equals are decided by the documented order."""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from integrate_tui.engine import compile_scenario, score
from integrate_tui.engine.optimise.levels import argmax_blocks
from integrate_tui.engine.optimise.marginal import round_step
from integrate_tui.engine.ties import (
    RTOL,
    best,
    first_max,
    first_min,
    groups,
    order,
    ranked,
    tied_best,
    tied_max,
    tied_min,
    top_rows,
)
from integrate_tui.files.load import loads
from integrate_tui.workshop import aggregate
from integrate_tui.workshop.ahp import most_inconsistent, nearest_scale, priorities
from integrate_tui.workshop.points import weights_to_points

CYCLE = {("a", "b"): 5.0, ("a", "c"): 1 / 3, ("b", "c"): 3.0}
"""A three-value cycle: a > b > c > a, every judgement equally inconsistent."""

NOISE = (1.0, 1 + 1e-12, 1 - 1e-12)
"""Scalings that change the last bits of every number and nothing that matters."""


def test_the_first_of_the_tied_largest_wins_and_all_are_named() -> None:
    assert (0.1 + 0.2) != 0.3
    assert first_max([0.3, 0.1 + 0.2, 0.2]) == 0
    assert first_max([0.1 + 0.2, 0.3, 0.2]) == 0
    assert tied_max([0.2, 0.3, 0.1 + 0.2]).tolist() == [1, 2]
    assert first_min([0.5, 0.35 - 0.2, 0.5 - 0.35]) == 1
    assert tied_min([0.5, 0.35 - 0.2, 0.5 - 0.35]).tolist() == [1, 2]
    assert first_max([1.0, 1.0 + 1e-6]) == 1  # a real difference still counts
    assert tied_max([]).tolist() == []
    with pytest.raises(ValueError):
        first_max([])


def test_infinities_tie_only_with_themselves() -> None:
    assert tied_max([-math.inf, 2.0, math.inf, math.inf]).tolist() == [2, 3]
    assert first_max([-math.inf, -math.inf]) == 0
    assert order([math.inf, 1.0, math.inf]).tolist() == [0, 2, 1]


def test_orders_keep_tied_values_in_their_given_order() -> None:
    assert groups([0.3, 0.5, 0.1 + 0.2, 0.5 - 1e-15, 0.0]) == [[1, 3], [0, 2], [4]]
    assert order([0.15000000000000002, 0.2, 0.14999999999999997]).tolist() == [1, 0, 2]
    assert order([0.15000000000000002, 0.2, 0.14999999999999997], descending=False).tolist() == [
        0,
        2,
        1,
    ]
    assert groups([]) == []


def test_ranked_breaks_ties_on_each_key_in_turn() -> None:
    items = ["a", "b", "c", "d"]
    first = {"a": 1.0, "b": 2.0, "c": 2.0 - 1e-14, "d": 1.0}
    second = {"a": 0.0, "b": 1.0, "c": 3.0, "d": 0.0}
    assert ranked(items, first.__getitem__, second.__getitem__) == ["c", "b", "a", "d"]
    assert ranked(items, first.__getitem__) == ["b", "c", "a", "d"]
    assert best(items, first.__getitem__) == "b"
    assert best([], first.__getitem__) is None
    assert tied_best(items, first.__getitem__) == ["b", "c"]


def test_top_rows_rank_each_row_with_ties_to_the_first_column() -> None:
    utility = np.array(
        [[1.0, 3.0, 3.0 + 1e-15, 0.0], [5.0, 5.0, 5.0, 5.0], [0.1 + 0.2, 0.3, -1, 9]]
    )
    assert top_rows(utility, 3).tolist() == [[1, 2, 0], [0, 1, 2], [3, 0, 1]]


def test_argmax_blocks_takes_the_lowest_of_tied_levels() -> None:
    values = np.array([0.5, 0.5 + 1e-16, 0.0, 1.0, 0.2, 0.3, 0.1 + 0.2])
    assert argmax_blocks(values, np.array([0, 3, 4, 7])).tolist() == [0, 3, 5]


@given(st.lists(st.integers(-5, 5), min_size=1, max_size=30), st.randoms())
def test_noise_never_reorders_a_ranking(whole: list[int], rnd: object) -> None:
    """Numbers equal in theory but not in their last bits rank as their given order says."""
    exact = np.array(whole, dtype=float) / 3.0
    noisy = exact * (1 + np.array([rnd.choice((-1, 0, 1)) for _ in whole]) * 4e-16)  # type: ignore[attr-defined]
    for scale in NOISE:
        assert order(noisy * scale).tolist() == order(exact).tolist()
        assert first_max(noisy * scale) == first_max(exact)
        assert first_min(noisy * scale) == first_min(exact)
    # the ranking is the sort of the exact rationals, equals by index
    assert order(exact).tolist() == sorted(range(len(whole)), key=lambda i: (-whole[i], i))


@given(st.lists(st.floats(-1e6, 1e6, allow_nan=False), min_size=1, max_size=30))
def test_a_ranking_is_sorted_up_to_the_tolerance(values: list[float]) -> None:
    ranked_values = np.asarray(values)[order(values)]
    tol = RTOL * max(abs(v) for v in values)
    assert np.all(np.diff(ranked_values) <= tol)


def test_a_three_cycle_names_the_first_pair_asked_and_the_other_two_as_tied() -> None:
    worst = priorities("abc", CYCLE).worst
    assert worst is not None
    assert (worst.a, worst.b, worst.judged) == ("a", "b", 5.0)
    assert worst.tied == (("a", "c"), ("b", "c"))
    assert worst.explain().endswith("; tied with a vs c, b vs c")


@pytest.mark.parametrize("seed", range(20))
def test_the_named_judgement_does_not_depend_on_noise(seed: int) -> None:
    """Perturbing the matrix and weights by 1e-15 leaves the answer and its ties alone."""
    result = priorities("abc", CYCLE)
    rng = np.random.default_rng(seed)
    matrix = result.matrix * (1 + 1e-15 * rng.standard_normal(result.matrix.shape))
    weights = np.array(list(result.weights.values()))
    weights = weights * (1 + 1e-15 * rng.standard_normal(3))
    worst = most_inconsistent("abc", matrix, weights)
    assert worst is not None
    assert ((worst.a, worst.b), worst.tied) == (("a", "b"), (("a", "c"), ("b", "c")))


def test_the_pair_order_decides_a_tie_not_the_arithmetic() -> None:
    """The same cycle asked in another order names the first pair of that order."""
    flipped = {(b, a): 1 / r for (a, b), r in CYCLE.items()}
    worst = priorities("cba", flipped).worst
    assert worst is not None
    assert ((worst.a, worst.b), worst.tied) == (("c", "b"), (("c", "a"), ("b", "a")))


def test_a_consistent_set_names_no_inconsistent_answer() -> None:
    consistent = {("a", "b"): 2.0, ("a", "c"): 4.0, ("a", "d"): 8.0}
    consistent |= {("b", "c"): 2.0, ("b", "d"): 4.0, ("c", "d"): 2.0}
    result = priorities("abcd", consistent)
    assert result.cr == pytest.approx(0.0, abs=1e-9)
    assert result.worst is None


def test_a_suggestion_equal_to_the_answer_says_so() -> None:
    worst = priorities("abc", {("a", "b"): 1 / 9, ("a", "c"): 1 / 9, ("b", "c"): 2.0}).worst
    assert worst is not None and worst.suggested == pytest.approx(worst.judged)
    assert (
        "b is 11 times as important as a (nearest on the scale: 9, the answer given)"
        in worst.explain()
    )


def test_nearest_scale_and_round_step_take_the_milder_of_two_as_near() -> None:
    assert nearest_scale(math.sqrt(6)) == 2.0  # exactly between 2 and 3 in log terms
    assert nearest_scale(1 / math.sqrt(6)) == 0.5
    for scale in NOISE:
        assert nearest_scale(math.sqrt(12) * scale) == 3.0
        assert round_step(math.sqrt(2) * scale) == 1.0
        assert round_step(math.sqrt(50) * scale) == 5.0


def test_largest_remainders_round_up_in_the_order_of_the_values() -> None:
    thirds = {"x": 1.0, "y": 1.0, "z": 1.0}
    assert weights_to_points(thirds, ["x", "y", "z"]) == {"x": 34, "y": 33, "z": 33}
    assert weights_to_points(thirds, ["z", "y", "x"]) == {"z": 34, "y": 33, "x": 33}
    for scale in NOISE:
        noisy = {"x": 0.1 * scale, "y": 0.1, "z": (0.3 - 0.2) * scale}
        assert weights_to_points(noisy, ["x", "y", "z"]) == {"x": 34, "y": 33, "z": 33}


@pytest.mark.parametrize("scale", NOISE)
def test_disagreement_ties_do_not_depend_on_noise(scale: float) -> None:
    ana = {"x": 50 * scale, "y": 30, "z": 20}
    ben = {"x": 20, "y": 30 * scale, "z": 50}
    spread = aggregate({"ana": ana, "ben": ben}, ["x", "y", "z"], "arithmetic").disagreement
    assert spread.spread[0].furthest == "ana"
    assert [p for p, _ in spread.spread[0].tied] == ["ben"]
    assert [p for p, _ in spread.furthest()] == ["ana", "ben"]


def test_interests_tied_for_worst_off_are_all_named(example_toml: str) -> None:
    model = compile_scenario(loads(example_toml))
    nothing = score(model, np.zeros_like(model.funding)).fairness  # every interest at 0
    assert (nothing.worst_off, nothing.tied) == ("business", ("diaspora",))
    funded = score(model, model.funding).fairness
    assert (funded.worst_off, funded.tied) == ("diaspora", ())
