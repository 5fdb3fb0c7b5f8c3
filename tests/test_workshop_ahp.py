"""AHP: eigenvector weights and consistency against Saaty's published worked examples."""

from __future__ import annotations

from fractions import Fraction

import pytest

from integrate_tui.model import Judgement
from integrate_tui.workshop import WorkshopError
from integrate_tui.workshop.ahp import (
    RANDOM_INDEX,
    describe,
    judgement_map,
    nearest_scale,
    pairs,
    priorities,
    random_index,
    scale_text,
)


def judgements(items: list[str], rows: list[str]) -> dict[tuple[str, str], float]:
    """The upper triangle of a matrix written row by row ("1 5 1/3 …") as judgements."""
    found = {}
    for i, row in enumerate(rows):
        for j, cell in enumerate(row.split()):
            if j > i:
                found[items[i], items[j]] = float(Fraction(cell))
    return found


HOUSE = ["size", "transport", "neighbourhood", "age", "yard", "modern", "condition", "financing"]
HOUSE_ROWS = [
    "1   5   3   7   6   6   1/3 1/4",
    "1/5 1   1/3 5   3   3   1/5 1/7",
    "1/3 3   1   6   3   4   6   1/5",
    "1/7 1/5 1/6 1   1/3 1/4 1/7 1/8",
    "1/6 1/3 1/3 3   1   1/2 1/5 1/6",
    "1/6 1/3 1/4 4   2   1   1/5 1/6",
    "3   5   1/6 7   5   5   1   1/2",
    "4   7   5   8   6   6   2   1",
]


def test_saaty_1990_house_example() -> None:
    # T. L. Saaty (1990), "How to make a decision: the analytic hierarchy process",
    # European Journal of Operational Research 48, 9–26: the family buying a house, eight
    # criteria compared pairwise. Published: priorities .173 .054 .188 .018 .031 .036 .167
    # .333, λmax = 9.669, CI = 0.238, CR = 0.169 (RI = 1.41 for n = 8), so revisit.
    result = priorities(HOUSE, judgements(HOUSE, HOUSE_ROWS))
    expected = [0.173, 0.054, 0.188, 0.018, 0.031, 0.036, 0.167, 0.333]
    assert [round(result.weights[c], 3) for c in HOUSE] == expected
    assert result.lambda_max == pytest.approx(9.669, abs=5e-4)
    assert result.ci == pytest.approx(0.238, abs=5e-4)
    assert result.cr == pytest.approx(0.169, abs=5e-4)
    assert not result.consistent


def test_the_house_examples_most_inconsistent_judgement() -> None:
    # Neighbourhood was judged 6× as important as general condition, but the other answers
    # put the two nearly level (w3/w7 = .188/.167 ≈ 1.13): the largest |ln(a_ij w_j / w_i)|.
    worst = priorities(HOUSE, judgements(HOUSE, HOUSE_ROWS)).worst
    assert worst is not None
    assert (worst.a, worst.b, worst.judged) == ("neighbourhood", "condition", 6.0)
    assert worst.implied == pytest.approx(0.188 / 0.167, abs=0.01)
    assert worst.suggested == 1.0
    assert worst.factor == pytest.approx(6 / worst.implied)
    assert "neighbourhood is 1.1 times as important as condition" in worst.explain()


def test_saaty_light_intensity_example() -> None:
    # T. L. Saaty (1977), "A scaling method for priorities in hierarchical structures",
    # J. Math. Psychology 15, 234–281, and The Analytic Hierarchy Process (1980): relative
    # brightness of four chairs at increasing distances from a light. Published λmax = 4.39,
    # CI = 0.13, hence CR = 0.13 / 0.90 ≈ 0.14 — above 0.1 despite a sensible ranking.
    chairs = ["c1", "c2", "c3", "c4"]
    rows = ["1 5 6 7", "1/5 1 4 6", "1/6 1/4 1 4", "1/7 1/6 1/4 1"]
    result = priorities(chairs, judgements(chairs, rows))
    assert result.lambda_max == pytest.approx(4.39, abs=5e-3)
    assert result.ci == pytest.approx(0.13, abs=5e-3)
    assert result.cr == pytest.approx(0.145, abs=5e-3)
    assert [round(result.weights[c], 2) for c in chairs] == [0.62, 0.24, 0.10, 0.05]


def test_consistent_judgements_give_back_the_weights_with_cr_zero() -> None:
    weights = {"a": 0.5, "b": 0.3, "c": 0.2}
    given = {(x, y): weights[x] / weights[y] for x, y in pairs(list(weights))}
    result = priorities(list(weights), given)
    assert result.weights == pytest.approx(weights)
    assert result.lambda_max == pytest.approx(3.0)
    assert result.cr == pytest.approx(0.0, abs=1e-9)
    assert result.consistent and result.worst is None


def test_orientation_and_reciprocals() -> None:
    forward = priorities(["a", "b", "c"], {("a", "b"): 3, ("a", "c"): 5, ("b", "c"): 2})
    backward = priorities(["a", "b", "c"], {("b", "a"): 1 / 3, ("c", "a"): 1 / 5, ("b", "c"): 2})
    assert forward.weights == pytest.approx(backward.weights)
    assert forward.matrix[1, 0] == pytest.approx(1 / 3)


def test_judgements_as_a_round_records_them_and_back() -> None:
    # asked the other way round and at the very end of the scale
    result = priorities(["x", "y", "z"], {("y", "x"): 1 / 9, ("x", "z"): 9, ("z", "y"): 1})
    recorded = result.judgements()
    assert recorded == [
        Judgement(a="x", b="y", ratio=9),
        Judgement(a="x", b="z", ratio=9),
        Judgement(a="y", b="z", ratio=1),
    ]
    again = priorities(["x", "y", "z"], judgement_map(recorded))
    assert again.weights == pytest.approx(result.weights)


def test_two_items_are_always_consistent_and_one_item_takes_all() -> None:
    two = priorities(["a", "b"], {("a", "b"): 4})
    assert two.weights == pytest.approx({"a": 0.8, "b": 0.2})
    assert two.cr == 0.0 and two.worst is None
    assert priorities(["a"], {}).weights == {"a": 1.0}


def test_random_index_table() -> None:
    assert len(RANDOM_INDEX) == 16
    assert [random_index(n) for n in (1, 2, 3, 4, 9, 10, 15)] == [
        0,
        0,
        0.58,
        0.90,
        1.45,
        1.49,
        1.59,
    ]
    assert random_index(20) == 1.59


def test_every_problem_is_named() -> None:
    with pytest.raises(WorkshopError) as caught:
        priorities(
            ["a", "b", "c"],
            {("a", "b"): 12, ("a", "zz"): 2, ("b", "b"): 1, ("a", "a"): 1},
        )
    text = str(caught.value)
    assert "a vs b: must be from 1/9 to 9" in text
    assert "unknown 'zz'" in text
    assert "not compared with itself" in text
    assert "missing judgements: a vs b, a vs c, b vs c" in text


def test_contradictory_duplicates_and_non_numbers_are_refused() -> None:
    with pytest.raises(WorkshopError, match="judged twice"):
        priorities(["a", "b"], {("a", "b"): 3, ("b", "a"): 3})
    with pytest.raises(WorkshopError, match="must be a number"):
        priorities(["a", "b"], {("a", "b"): "3"})  # type: ignore[dict-item]
    assert priorities(["a", "b"], {("a", "b"): 3, ("b", "a"): 1 / 3}).weights["a"] == 0.75


def test_scale_words_and_nearest_values() -> None:
    assert nearest_scale(1.13) == 1.0
    assert nearest_scale(0.3) == pytest.approx(1 / 3)
    assert nearest_scale(40) == 9.0
    assert scale_text(1 / 3) == "1/3" and scale_text(5.0) == "5"
    assert describe("a", "b", 5) == "a over b: strong importance (5)"
    assert describe("a", "b", 1 / 7) == "b over a: very strong importance (7)"
    assert describe("a", "b", 1) == "a and b: equal importance (1)"
    assert describe("a", "b", 2.5) == "a over b: 2.5 times as important"
