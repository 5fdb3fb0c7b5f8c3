"""The live room's rules without a screen: who counts in the group weights and why, what the
room is shown, the history of submissions, votes that disagree, the timeline of packages."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from integrate_tui.files import save
from integrate_tui.session import Session
from integrate_tui.workshop import (
    add_round,
    aggregate,
    apply_snapshot,
    close_round,
    replay,
    start_round,
    workshop_of,
)
from integrate_tui.workshop.aggregate import combine, weighted_median
from integrate_tui.workshop.focus import group
from integrate_tui.workshop.history import replaced
from integrate_tui.workshop.replay import CLOSED, STARTED
from integrate_tui.workshop.results import (
    revealed_round,
    round_results,
    votes_disagree,
    weight_line,
)
from integrate_tui.workshop.voting import count_dots, count_ranked
from workshop_data import PEOPLE, at, scenario
from workshop_pilot import mid_vote

VALUES = ["prosperity", "openness", "equity"]
GIVEN = {
    "ana": {"prosperity": 60, "openness": 30, "equity": 10},
    "ben": {"prosperity": 20, "openness": 40, "equity": 40},
    "cai": {"prosperity": 30, "openness": 30, "equity": 40},
}


def on_file(tmp_path: Path, s) -> Session:
    path = tmp_path / "riverton.toml"
    save(s, path)
    return Session.from_file(path, recovery_folder=tmp_path)


@pytest.mark.parametrize("method", ["arithmetic", "geometric", "median"])
def test_leaving_someone_out_is_aggregating_without_them(method) -> None:
    out = aggregate(GIVEN, VALUES, method, {"ben": 0})
    without = aggregate({p: w for p, w in GIVEN.items() if p != "ben"}, VALUES, method)
    assert out.weights == pytest.approx(without.weights)
    assert set(out.individual) == set(GIVEN)  # Ben is still shown, only not counted
    assert out.counted == {"ben": 0.0}


def test_counting_someone_at_half_weight_weighs_the_mean() -> None:
    half = aggregate(GIVEN, VALUES, "arithmetic", {"ana": 0.5})
    shares = {p: np.array([w[v] for v in VALUES]) / 100 for p, w in GIVEN.items()}
    expected = (0.5 * shares["ana"] + shares["ben"] + shares["cai"]) / 2.5
    assert [half.weights[v] for v in VALUES] == pytest.approx(list(expected / expected.sum()))


def test_equal_counts_are_the_unweighted_method_and_the_weighted_median_is_a_median() -> None:
    matrix = np.array([[0.6, 0.3, 0.1], [0.2, 0.4, 0.4], [0.3, 0.3, 0.4], [0.5, 0.25, 0.25]])
    for method in ("arithmetic", "geometric", "median"):
        assert combine(matrix, method, np.full(4, 0.5)) == pytest.approx(combine(matrix, method))
    assert weighted_median(matrix, np.ones(4)) == pytest.approx(np.median(matrix, axis=0))
    heavy = weighted_median(matrix, np.array([5.0, 1.0, 1.0, 1.0]))
    assert heavy == pytest.approx(matrix[0])


def test_everyone_left_out_is_refused() -> None:
    with pytest.raises(Exception, match="everyone who gave weights is left out"):
        aggregate(GIVEN, VALUES, "median", {p: 0 for p in GIVEN})


def test_the_facilitator_counts_someone_less_with_the_reason_logged(tmp_path: Path) -> None:
    s = scenario(participants=PEOPLE, rounds=[{"title": "P", "kind": "points", "started": at(0)}])
    session = on_file(tmp_path, s)
    steps = session.workshop
    for who, points in GIVEN.items():
        steps.commit(steps.set_points(who, points))
    step = steps.count("ben", 0, "CR 0.46: inconsistent")
    assert step.label == "Ben left out of round 1's group weights"
    assert steps.commit(step)
    record = workshop_of(session.scenario)
    assert record.rounds[0].counts == {"ben": 0}
    assert record.log[-1].text == "Ben left out of round 1's group weights: CR 0.46: inconsistent"
    assert record.log[-1].by == ["ben"] and record.log[-1].round == 0
    shown = group(session.scenario, "geometric")
    assert shown is not None and shown.counted == {"ben": 0.0}
    with pytest.raises(Exception, match="say why"):
        steps.count("ana", 0.5, "  ")
    steps.commit(steps.count("ben", 1, "talked it through"))
    assert workshop_of(session.scenario).rounds[0].counts == {}


def test_each_replaced_submission_is_kept_with_its_time(tmp_path: Path) -> None:
    s = scenario(participants=PEOPLE, rounds=[{"title": "P", "kind": "points", "started": at(0)}])
    session = on_file(tmp_path, s)
    steps = session.workshop
    first, second = GIVEN["ana"], {"prosperity": 10, "openness": 10, "equity": 80}
    steps.commit(steps.set_points("ana", first))
    assert replaced(session.scenario, 0, "ana") == []
    steps.commit(steps.set_points("ana", second))
    history = replaced(session.scenario, 0, "ana")
    assert len(history) == 1 and history[0].inputs is not None
    assert history[0].inputs.weights == first and history[0].at is not None
    assert workshop_of(session.scenario).rounds[0].inputs["ana"].weights == second


def test_results_are_shown_anonymous_lowest_first_or_named_in_order() -> None:
    s = scenario(participants=PEOPLE, rounds=[{"title": "P", "kind": "points", "started": at(0)}])
    rounds = [
        {
            "title": "P",
            "kind": "points",
            "started": at(0),
            "aggregation": "arithmetic",
            "inputs": {p: {"weights": w} for p, w in GIVEN.items()},
        }
    ]
    s = scenario(participants=PEOPLE, rounds=rounds)
    assert revealed_round(s) is None
    anonymous = round_results(s, 0)
    prosperity = anonymous.spreads[0]
    assert [who for who, _ in prosperity.weights] == [None, None, None]
    assert [w for _, w in prosperity.weights] == pytest.approx([0.2, 0.3, 0.6])
    assert prosperity.group == pytest.approx((0.6 + 0.2 + 0.3) / 3)
    named = round_results(scenario(participants=PEOPLE, rounds=[{**rounds[0], "named": True}]), 0)
    assert [who for who, _ in named.spreads[0].weights] == ["Ana", "Ben", "Cai"]
    shown = scenario(participants=PEOPLE, rounds=[{**rounds[0], "revealed": True}])
    assert revealed_round(shown) == 0


def test_a_weight_line_puts_a_dot_per_person_and_the_group_on_it() -> None:
    line = weight_line([0.0, 0.5, 0.5, 1.0], 0.25, 11)
    assert line == "●·┃··2····●"
    assert weight_line([0.5], 0.5, 11)[5] == "◉"


def test_the_report_flag_fires_only_when_dots_and_ranks_disagree() -> None:
    options, people = ["A", "B", "C"], ["ana", "ben", "cai"]
    dots = count_dots({"ana": {"A": 3}, "ben": {"B": 2}, "cai": {"A": 1}}, options, people, 3)
    ranked = count_ranked({"ana": ["A"], "ben": ["A", "B"], "cai": ["B"]}, options, people)
    assert ranked.winner == "A" and dots.winners == ["A"]
    assert votes_disagree(dots, ranked) == ""
    split = count_ranked({"ana": ["B"], "ben": ["B"], "cai": ["A"]}, options, people)
    assert votes_disagree(dots, split) == (
        "The dot vote and the ranked vote disagree: the dots favour A, the instant runoff elects B."
    )


def test_a_package_applied_before_a_round_shows_at_its_start_not_its_close() -> None:
    s = close_round(mid_vote(), at(30))  # the vote ran with Lean trade's cut in force
    s = add_round(s, "After")
    s = apply_snapshot(s, "Baseline")  # a package applied before the next round starts
    s = start_round(s, 2, at(40))
    s = close_round(s, at(50))
    steps = replay(s)
    start = next(x for x in steps if x.kind == STARTED and x.round == 2)
    close = next(x for x in steps if x.kind == CLOSED and x.round == 2)
    assert start.changed  # was: unchanged at the start …
    assert not close.changed  # … and the package credited to the close
