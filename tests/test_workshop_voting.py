"""Dot voting and ranked choice: totals, ties, abstentions, exhausted ballots, tie-breaks."""

from __future__ import annotations

import pytest

from integrate_tui.workshop import WorkshopError, count_dots, count_ranked
from integrate_tui.workshop.voting import dot_problems, ranking_problems

OPTIONS = ["A", "B", "C"]
PEOPLE = ["p1", "p2", "p3", "p4", "p5"]


def test_dot_totals_ranks_and_a_clear_winner() -> None:
    result = count_dots({"p1": {"A": 2, "B": 1}, "p2": {"A": 3}, "p3": {"C": 1}}, OPTIONS, PEOPLE)
    assert [(t.option, t.votes, t.rank) for t in result.tallies] == [
        ("A", 5, 1),
        ("B", 1, 2),
        ("C", 1, 2),
    ]
    assert result.tallies[0].share == pytest.approx(5 / 7)
    assert result.winners == ["A"] and not result.tie
    assert result.cast == 7
    assert result.summary() == "A leads with 5 of 7 dots"


def test_a_tie_for_first_is_reported_not_broken() -> None:
    result = count_dots({"p1": {"A": 3}, "p2": {"B": 3}, "p3": {"C": 1}}, OPTIONS, PEOPLE)
    assert result.winners == ["A", "B"] and result.tie
    assert [t.rank for t in result.tallies] == [1, 1, 3]
    assert result.summary() == "tie for first: A and B with 3 dots each"


def test_abstentions_are_participants_without_dots() -> None:
    result = count_dots({"p1": {"A": 1}, "p2": {}, "p3": {"B": 0}}, OPTIONS, PEOPLE)
    assert result.voters == ["p1"]
    assert result.abstained == ["p2", "p3", "p4", "p5"]
    nobody = count_dots({}, OPTIONS, PEOPLE)
    assert nobody.winners == [] and nobody.summary() == "no dots placed"
    assert len(nobody.abstained) == 5


def test_bad_dot_ballots_are_refused_with_who_and_why() -> None:
    assert dot_problems({"A": 2, "B": 2}, OPTIONS, 3) == [
        "4 dots placed, but each participant has 3"
    ]
    assert dot_problems({"D": 1, "A": 1.5, "B": -1, "C": True}, OPTIONS, 3) == [
        "unknown option 'D' (options: A, B, C)",
        "A: dots must be a whole number ≥ 0, not 1.5",
        "B: dots must be a whole number ≥ 0, not -1",
        "C: dots must be a whole number, not True",
    ]
    with pytest.raises(WorkshopError) as caught:
        count_dots({"p1": {"A": 9}, "zed": {"A": 1}}, OPTIONS, PEOPLE, dots=3)
    assert caught.value.problems == [
        "zed: not a participant",
        "p1: 9 dots placed, but each participant has 3",
    ]


def test_instant_runoff_transfers_until_a_majority() -> None:
    ballots = {
        "p1": ["A", "B"],
        "p2": ["A", "C"],
        "p3": ["B", "C"],
        "p4": ["C", "B"],
        "p5": ["B", "A"],
    }
    # Round 1: A 2, B 2, C 1 → C leaves; p4 moves to B → round 2: A 2, B 3 (of 5) wins.
    result = count_ranked(ballots, OPTIONS, PEOPLE)
    assert [r.counts for r in result.rounds] == [{"A": 2, "B": 2, "C": 1}, {"A": 2, "B": 3}]
    assert result.rounds[0].eliminated == ["C"]
    assert result.rounds[0].reason == "fewest votes (1)"
    assert result.winner == "B"
    assert result.summary() == "B wins in round 2 with 3 of 5 ballots"


def test_exhausted_ballots_stop_counting() -> None:
    ballots = {"p1": ["A"], "p2": ["A"], "p3": ["B"], "p4": ["B"], "p5": ["C"]}
    # C leaves; p5 ranked nothing else, so round 2 has 4 ballots in play: A 2, B 2 → tie.
    result = count_ranked(ballots, OPTIONS, PEOPLE)
    assert result.rounds[1].exhausted == 1
    assert result.winner is None and result.tied == ["A", "B"]
    assert result.summary() == "tie between A and B"
    assert result.rounds[-1].reason == "every option left has 2 votes"


def test_a_majority_is_of_the_ballots_still_in_play() -> None:
    ballots = {"p1": ["A"], "p2": ["A"], "p3": ["B"], "p4": ["C"], "p5": ["C", "A"]}
    options = ["A", "B", "C", "D"]
    # D has no votes and B the fewest: D leaves at once (no votes), then B; p3 exhausts.
    result = count_ranked(ballots, options, PEOPLE)
    assert result.rounds[0].eliminated == ["D"] and result.rounds[0].reason == "no votes"
    assert result.rounds[1].eliminated == ["B"]
    assert result.rounds[2].counts == {"A": 2, "C": 2} and result.rounds[2].exhausted == 1
    assert result.tied == ["A", "C"]


def test_a_tie_for_fewest_is_broken_by_an_earlier_round() -> None:
    options = ["A", "B", "C", "D"]
    people = [f"p{i}" for i in range(1, 10)]
    ballots = {
        "p1": ["A"],
        "p2": ["A"],
        "p3": ["A"],
        "p4": ["B"],
        "p5": ["B"],
        "p6": ["C"],
        "p7": ["D", "C"],
        "p8": ["B"],
        "p9": ["A"],
    }
    # Round 1: A 4, B 3, C 1, D 1 → C and D tie on 1 with no earlier round: alphabetical, D
    # (the later name) leaves; p7 moves to C. Round 2: A 4, B 3, C 2 → C leaves. Round 3:
    # A 4, B 3, two exhausted; 4 of 7 is a majority for A.
    result = count_ranked(ballots, options, people)
    first = result.rounds[0]
    assert first.eliminated == ["D"]
    assert "also in every earlier round; D leaves by alphabetical order" in first.reason
    assert result.rounds[1].counts == {"A": 4, "B": 3, "C": 2}
    assert result.winner == "A"


def test_backwards_tie_break_uses_the_most_recent_round_that_differs() -> None:
    options = ["A", "B", "C", "D"]
    people = [f"p{i}" for i in range(1, 12)]
    ballots = {
        **{p: ["A"] for p in ("p1", "p2", "p3", "p4", "p5")},
        "p6": ["B"],
        "p7": ["B"],
        "p8": ["C"],
        "p9": ["C"],
        "p10": ["C"],
        "p11": ["D", "B"],
    }
    # Round 1: A 5, B 2, C 3, D 1 → D leaves, p11 to B. Round 2: A 5, B 3, C 3 → B and C
    # tie on 3; in round 1 B had 2 and C 3, so B leaves. Round 3: A 5, C 3 → A wins.
    result = count_ranked(ballots, options, people)
    second = result.rounds[1]
    assert second.eliminated == ["B"]
    assert second.reason == "tie on 3 votes between B and C; B had fewer votes in round 1"
    assert result.winner == "A"


def test_rankings_are_checked_and_empty_ones_abstain() -> None:
    assert ranking_problems(["A", "A", "Z"], OPTIONS) == [
        "A is ranked twice",
        "unknown option 'Z' (options: A, B, C)",
    ]
    with pytest.raises(WorkshopError, match="p1: A is ranked twice"):
        count_ranked({"p1": ["A", "A"]}, OPTIONS, PEOPLE)
    result = count_ranked({"p1": ["B"], "p2": []}, OPTIONS, PEOPLE)
    assert result.winner == "B" and result.abstained == ["p2", "p3", "p4", "p5"]
    assert [(t.option, t.votes) for t in result.tallies()] == [("B", 1), ("A", 0), ("C", 0)]
    empty = count_ranked({}, OPTIONS, PEOPLE)
    assert empty.rounds == [] and empty.summary() == "no ballots cast"
