"""Participants, the agenda, inputs recorded in rounds, options, the log and the timer."""

from __future__ import annotations

import pytest

from integrate_tui.files import dumps, loads
from integrate_tui.model import Ballot, Inputs, Judgement, Round
from integrate_tui.model.workshop import Superseded
from integrate_tui.workshop import (
    Timer,
    WorkshopError,
    add_entry,
    add_participant,
    add_round,
    add_snapshot,
    apply_snapshot,
    apply_weights,
    ballot_options,
    baseline,
    cast_dots,
    cast_ranking,
    close_round,
    dot_budget,
    edit_participant,
    edit_round,
    judgement_map,
    open_round,
    option_names,
    remove_participant,
    remove_round,
    remove_snapshot,
    round_votes,
    set_judgements,
    set_points,
    start_round,
    workshop_of,
)
from integrate_tui.workshop.base import updated
from workshop_data import PEOPLE, at, scenario


def people() -> object:
    return scenario(participants=PEOPLE)


def test_adding_editing_and_removing_participants() -> None:
    s = add_participant(scenario(), "ana", "Ana", "business")
    s = add_participant(s, "ben", "Ben")
    assert [p.id for p in workshop_of(s).participants] == ["ana", "ben"]
    s = edit_participant(s, "ben", name="Benedict", interest="diaspora")
    assert workshop_of(s).participants[1].model_dump(exclude={"weights"}) == {
        "id": "ben",
        "name": "Benedict",
        "interest": "diaspora",
    }
    s = edit_participant(s, "ben", interest=None)
    assert workshop_of(s).participants[1].interest is None
    s = remove_participant(s, "ana")
    assert [p.id for p in workshop_of(s).participants] == ["ben"]


def test_the_original_scenario_is_never_changed() -> None:
    before = scenario()
    after = add_participant(before, "ana", "Ana")
    assert before.workshop is None and after.workshop is not None


def test_participant_mistakes_are_refused_with_reasons() -> None:
    s = people()
    with pytest.raises(WorkshopError, match="already a participant with id 'ana'"):
        add_participant(s, "ana", "Another Ana")
    with pytest.raises(WorkshopError, match="unknown interest 'labour'"):
        add_participant(s, "dan", "Dan", "labour")
    with pytest.raises(WorkshopError, match="not a valid id"):
        add_participant(s, "Dan Smith", "Dan")
    with pytest.raises(WorkshopError, match="name: must not be empty"):
        add_participant(s, "dan", "")
    with pytest.raises(WorkshopError, match=r"unknown participant 'zed' \(participants: ana"):
        edit_participant(s, "zed", name="Zed")


def test_someone_on_record_cannot_be_removed() -> None:
    s = start_round(add_round(people(), "Priorities", kind="points"), 0, at(0))
    s = set_points(s, "ana", {"prosperity": 100})
    with pytest.raises(WorkshopError, match="ana is on record in 'Priorities'; the record is"):
        remove_participant(s, "ana")
    s = add_entry(s, "objection", "Too fast", at(1), by=["ben"])
    with pytest.raises(WorkshopError, match="ben is on record in the decision log"):
        remove_participant(s, "ben")
    assert [p.id for p in workshop_of(remove_participant(s, "cai")).participants] == ["ana", "ben"]


def test_a_participant_counted_or_superseded_in_a_round_stays_on_record() -> None:
    s = start_round(add_round(people(), "Priorities", kind="points"), 0, at(0))
    (round_,) = workshop_of(s).rounds
    counted = updated(s, rounds=[round_.model_copy(update={"counts": {"cai": 0.5}})])
    with pytest.raises(WorkshopError, match="cai is on record in 'Priorities'"):
        remove_participant(counted, "cai")
    replaced = [round_.model_copy(update={"history": [Superseded(participant="ben")]})]
    with pytest.raises(WorkshopError, match="ben is on record in 'Priorities'"):
        remove_participant(updated(s, rounds=replaced), "ben")


def test_points_become_the_participants_weights_and_are_recorded_in_the_open_round() -> None:
    s = set_points(people(), "ana", {"prosperity": 70, "openness": 30})
    assert workshop_of(s).participants[0].weights == {
        "prosperity": 70.0,
        "openness": 30.0,
        "equity": 0.0,
    }
    assert workshop_of(s).rounds == []  # no round open: nothing to record
    s = start_round(add_round(s, "Priorities", "What matters", 20, kind="points"), 0, at(0))
    s = set_points(s, "ben", {"equity": 100})
    assert workshop_of(s).rounds[0].inputs == {
        "ben": Inputs(weights={"prosperity": 0.0, "openness": 0.0, "equity": 100.0})
    }
    with pytest.raises(WorkshopError, match="must add up to 100"):
        set_points(s, "ben", {"equity": 90})


def test_only_points_and_pairwise_rounds_record_weights() -> None:
    s = add_round(add_round(people(), "Talk"), "Vote", kind="vote")
    s = add_snapshot(s, "Baseline")
    for index in (0, 1):
        opened = start_round(s, index, at(0))
        opened = set_points(opened, "ana", {"equity": 100})
        assert workshop_of(opened).participants[0].weights["equity"] == 100
        assert workshop_of(opened).rounds[index].inputs == {}


def test_pairwise_judgements_become_eigenvector_weights_as_percentages() -> None:
    s = start_round(add_round(people(), "Pairwise", kind="pairwise"), 0, at(0))
    # prosperity 2× openness, 4× equity; openness 2× equity: consistent, weights 4:2:1
    judged = {
        ("prosperity", "openness"): 2,
        ("equity", "prosperity"): 1 / 4,
        ("openness", "equity"): 2,
    }
    s = set_judgements(s, "cai", judged)
    assert workshop_of(s).participants[2].weights == {
        "prosperity": 57.14,
        "openness": 28.57,
        "equity": 14.29,
    }
    recorded = workshop_of(s).rounds[0].inputs["cai"]
    assert recorded.weights == workshop_of(s).participants[2].weights
    # one judgement per pair, in value order, whichever way round it was asked
    assert [(j.a, j.b) for j in recorded.judgements] == [
        ("prosperity", "openness"),
        ("prosperity", "equity"),
        ("openness", "equity"),
    ]
    assert judgement_map(recorded.judgements) == pytest.approx(
        {("prosperity", "openness"): 2, ("prosperity", "equity"): 4, ("openness", "equity"): 2}
    )
    # switching to points replaces both the weights and the judgements recorded
    s = set_points(s, "cai", {"equity": 100})
    assert workshop_of(s).rounds[0].inputs["cai"].judgements == []


def test_the_agenda_runs_one_round_at_a_time() -> None:
    s = add_round(add_round(people(), "One", minutes=10), "Two")
    s = edit_round(s, 1, purpose="Vote", minutes=5)
    assert workshop_of(s).rounds[1].minutes == 5
    assert workshop_of(s).rounds[1].kind == "discussion"
    s = start_round(s, 0, at(0))
    assert open_round(workshop_of(s)) == 0
    with pytest.raises(WorkshopError, match="round 'One' is still open"):
        start_round(s, 1, at(1))
    with pytest.raises(WorkshopError, match="this round has started"):
        remove_round(s, 0)
    s = close_round(s, at(12), decision="Keep going")
    closed = workshop_of(s).rounds[0]
    assert closed.closed == at(12) and closed.decision == "Keep going"
    assert closed.funding == {"trade-missions": 0.8, "sister-cities": 0.5, "language-access": 0.6}
    assert closed.weights == {"prosperity": 3, "openness": 2, "equity": 1}
    with pytest.raises(WorkshopError, match="has already been run"):
        start_round(s, 0, at(13))
    with pytest.raises(WorkshopError, match="no round is open"):
        close_round(s, at(14))
    with pytest.raises(WorkshopError, match="there is no round 3"):
        start_round(s, 2, at(14))
    assert len(workshop_of(remove_round(s, 1)).rounds) == 1
    with pytest.raises(WorkshopError, match="minutes: must be ≥ 0"):
        add_round(s, "Three", minutes=-1)
    with pytest.raises(WorkshopError, match="kind: "):
        add_round(s, "Three", kind="brainstorm")
    with pytest.raises(WorkshopError, match="aggregation: "):
        add_round(s, "Three", kind="points", aggregation="mode")


def test_a_rounds_kind_and_ballot_are_planned_and_fixed_once_it_starts() -> None:
    s = add_snapshot(add_snapshot(people(), "Baseline"), "Lean")
    s = add_round(s, "Weights", kind="points", aggregation="median")
    s = add_round(s, "Vote", kind="vote", options=["Lean"], dots=5)
    planned = workshop_of(s).rounds
    assert (planned[0].kind, planned[0].aggregation) == ("points", "median")
    assert (planned[1].options, planned[1].dots) == (["Lean"], 5)
    with pytest.raises(WorkshopError, match=r"unknown option 'Nope' \(options: Baseline, Lean\)"):
        add_round(s, "Bad", kind="vote", options=["Nope"])
    with pytest.raises(WorkshopError, match="Lean is on the ballot twice"):
        edit_round(s, 1, options=["Lean", "Lean"])
    with pytest.raises(WorkshopError, match="dots: must be ≥ 1"):
        edit_round(s, 1, dots=0)
    s = edit_round(s, 0, kind="pairwise", aggregation=None)
    assert (workshop_of(s).rounds[0].kind, workshop_of(s).rounds[0].aggregation) == (
        "pairwise",
        None,
    )
    s = start_round(s, 0, at(0))
    s = edit_round(s, 0, aggregation="geometric", title="Pairwise weights")
    assert workshop_of(s).rounds[0].aggregation == "geometric"
    for change in ({"kind": "points"}, {"options": ["Lean"]}, {"dots": 2}):
        with pytest.raises(WorkshopError, match="has started: its kind and ballot are fixed"):
            edit_round(s, 0, **change)


def test_starting_a_vote_fixes_its_options_and_dots() -> None:
    s = add_round(add_round(people(), "Open vote", kind="vote"), "Planned", kind="vote")
    with pytest.raises(WorkshopError, match="nothing to vote on: keep an option"):
        start_round(s, 0, at(0))
    s = add_snapshot(add_snapshot(s, "Baseline"), "Lean")
    s = edit_round(s, 1, options=["Lean"], dots=5)
    opened = start_round(s, 0, at(0))
    vote = workshop_of(opened).rounds[0]
    assert (vote.options, vote.dots, dot_budget(vote)) == (["Baseline", "Lean"], 3, 3)
    # an option kept after the vote started is not on its ballot
    late = add_snapshot(opened, "Late")
    assert ballot_options(late, 0) == ["Baseline", "Lean"]
    with pytest.raises(WorkshopError, match="unknown option 'Late'"):
        cast_dots(late, "ana", {"Late": 1})
    # a planned ballot is kept; its options must still exist when the vote starts
    s = close_round(opened, at(5))
    planned = start_round(s, 1, at(6))
    assert workshop_of(planned).rounds[1].dots == 5
    assert cast_dots(planned, "ana", {"Lean": 5}) is not planned
    with pytest.raises(WorkshopError, match="unknown option 'Lean'"):
        start_round(remove_snapshot(s, "Lean"), 1, at(6))


def test_close_round_records_what_it_is_given_and_checks_ids() -> None:
    s = start_round(add_round(people(), "One"), 0, at(0))
    closed = close_round(s, at(5), funding={"trade-missions": 1.0}, weights={"equity": 5})
    assert workshop_of(closed).rounds[0].funding == {"trade-missions": 1.0}
    with pytest.raises(WorkshopError, match="unknown activity 'nope'"):
        close_round(s, at(5), funding={"nope": 1.0})


def test_options_votes_and_adoption() -> None:
    s = add_snapshot(people(), "Baseline")
    shifted = s.model_copy(
        update={"activities": [a.model_copy(update={"funding": 0.3}) for a in s.activities]}
    )
    s = add_snapshot(shifted, "Lean")
    assert option_names(s) == ["Baseline", "Lean"]
    with pytest.raises(WorkshopError, match="already an option called 'lean'"):
        add_snapshot(s, "lean")
    assert option_names(add_snapshot(s, "rank:1")) == ["Baseline", "Lean", "rank:1"]
    with pytest.raises(WorkshopError, match="no round is open"):
        cast_dots(s, "ana", {"Lean": 1})
    talk = start_round(add_round(s, "Talk"), 0, at(0))
    with pytest.raises(WorkshopError, match="the open round 'Talk' is a discussion, not a vote"):
        cast_ranking(talk, "ana", ["Lean"])
    s = start_round(add_round(s, "Vote", kind="vote"), 0, at(0))
    s = cast_dots(s, "ana", {"Lean": 2, "Baseline": 1})
    s = cast_dots(s, "ana", {"Lean": 3})  # a second ballot replaces the first
    s = cast_ranking(s, "ana", ["Lean", "Baseline"])
    s = cast_ranking(s, "ben", ["Baseline"])
    assert workshop_of(s).rounds[0].votes == {
        "ana": Ballot(dots={"Lean": 3}, ranking=["Lean", "Baseline"]),
        "ben": Ballot(ranking=["Baseline"]),
    }
    assert ballot_options(s, 0) == ["Baseline", "Lean"]
    dotted, ranked = round_votes(s, 0)
    assert dotted.summary() == "Lean leads with 3 of 3 dots"
    assert dotted.abstained == ["ben", "cai"]
    assert ranked.tied == ["Baseline", "Lean"] and ranked.abstained == ["cai"]
    assert round_votes(add_round(s, "Later"), 1) == (None, None)
    with pytest.raises(WorkshopError, match="4 dots placed"):
        cast_dots(s, "ben", {"Lean": 4})
    with pytest.raises(WorkshopError, match="unknown option 'Nope'"):
        cast_ranking(s, "ben", ["Nope"])
    adopted = apply_snapshot(s, "Baseline")
    assert [a.funding for a in adopted.activities] == [0.8, 0.5, 0.6]
    assert [a.funding for a in apply_snapshot(adopted, "Lean").activities] == [0.3, 0.3, 0.3]
    assert option_names(remove_snapshot(s, "Lean")) == ["Baseline"]


def test_an_option_outside_an_activitys_bounds_cannot_be_adopted() -> None:
    s = add_snapshot(people(), "Too lean", funding={"sister-cities": 0.0})
    with pytest.raises(WorkshopError, match=r"sister-cities: funding 0 is outside \[0.2, 1\]"):
        apply_snapshot(s, "Too lean")


def test_applied_weights_change_the_values_only() -> None:
    s = apply_weights(people(), {"prosperity": 50.0, "equity": 25.0})
    assert [v.weight for v in s.values] == [50.0, 2.0, 25.0]
    with pytest.raises(WorkshopError, match="unknown value 'joy'"):
        apply_weights(s, {"joy": 1})
    with pytest.raises(WorkshopError, match="weight must be a number ≥ 0"):
        apply_weights(s, {"equity": -1})


def test_the_baseline_is_the_baseline_option_else_the_first_recorded_round() -> None:
    s = people()
    assert baseline(s) is None
    s = close_round(
        start_round(add_round(s, "First"), 0, at(0)), at(5), funding={"sister-cities": 1.0}
    )
    assert baseline(s).funding == {"sister-cities": 1.0}
    assert "round 1 (First)" in baseline(s).label
    s = add_snapshot(s, "baseline ", funding={"trade-missions": 0.1})
    assert baseline(s).funding == {"trade-missions": 0.1}


def test_log_entries_are_timestamped_and_objections_name_who_raised_them() -> None:
    s = add_entry(people(), "decision", "  Fund the sister-city link  ", at(3))
    s = add_entry(s, "objection", "Too little for trade", at(4), by=["ana", "ben", "ana"])
    log = workshop_of(s).log
    assert [(e.at, e.kind, e.text, e.by, e.round) for e in log] == [
        (at(3), "decision", "Fund the sister-city link", [], None),
        (at(4), "objection", "Too little for trade", ["ana", "ben"], None),
    ]
    with pytest.raises(WorkshopError, match="say who raised the objection"):
        add_entry(s, "objection", "No!", at(5))
    with pytest.raises(WorkshopError, match="unknown log entry kind 'gossip'"):
        add_entry(s, "gossip", "x", at(5))
    with pytest.raises(WorkshopError, match="needs some text"):
        add_entry(s, "note", "   ", at(5))
    with pytest.raises(WorkshopError, match="unknown participant 'zed'"):
        add_entry(s, "rationale", "Because", at(5), by=["zed"])


def test_log_entries_belong_to_the_open_round_else_the_last_run_unless_told_otherwise() -> None:
    s = add_entry(add_round(add_round(people(), "One"), "Two"), "note", "Before any", at(0))
    assert workshop_of(s).log[0].round is None
    s = start_round(s, 0, at(0))
    s = add_entry(s, "note", "During one", at(1))
    s = add_entry(s, "note", "About nothing in particular", at(2), round=None)
    s = close_round(s, at(3))
    s = add_entry(s, "objection", "About one, after it closed", at(4), by=["cai"], round=0)
    s = add_entry(s, "note", "Just after closing it", at(5))  # was "—" (issue 13)
    assert [e.round for e in workshop_of(s).log] == [None, 0, None, 0, 0]
    with pytest.raises(WorkshopError, match="there is no round 3"):
        add_entry(s, "note", "x", at(6), round=2)


def test_everything_recorded_survives_a_save_and_load() -> None:
    s = add_snapshot(add_snapshot(people(), "Baseline"), "Lean")
    s = add_round(s, "Weights", "Everything", 30, kind="points", aggregation="geometric")
    s = add_round(s, "Vote", kind="vote", dots=4)
    s = start_round(s, 0, at(0))
    s = set_points(s, "ana", {"prosperity": 60, "openness": 40})
    s = set_judgements(
        s,
        "ben",
        {("prosperity", "openness"): 3, ("prosperity", "equity"): 5, ("openness", "equity"): 1},
    )
    s = add_entry(s, "rationale", 'Quotes " and \\ survive', at(10))
    s = close_round(s, at(30), decision="Done")
    s = start_round(s, 1, at(31))
    s = cast_dots(s, "cai", {"Baseline": 2, "Lean": 2})
    s = cast_ranking(s, "cai", ["Lean", "Baseline"])
    s = add_entry(s, "objection", "Too quick", at(32), by=["ana"])
    s = close_round(s, at(40), decision="Lean")
    again = loads(dumps(s))
    assert again == s
    rounds, log = workshop_of(again).rounds, workshop_of(again).log
    assert rounds[0].inputs["ben"].judgements[0] == Judgement(a="prosperity", b="openness", ratio=3)
    assert rounds[1].votes == {
        "cai": Ballot(dots={"Baseline": 2, "Lean": 2}, ranking=["Lean", "Baseline"])
    }
    assert (rounds[1].options, rounds[1].dots) == (["Baseline", "Lean"], 4)
    assert (log[1].by, log[1].round) == (["ana"], 1)


def test_a_ballot_keeps_dots_and_ranking_apart_and_an_empty_one_is_dropped() -> None:
    s = start_round(add_round(add_snapshot(people(), "A"), "Vote", kind="vote"), 0, at(0))
    s = cast_ranking(cast_dots(s, "ana", {"A": 2}), "ana", ["A"])
    s = cast_dots(s, "ana", {"A": 0})
    assert workshop_of(s).rounds[0].votes == {"ana": Ballot(ranking=["A"])}
    s = cast_ranking(s, "ana", [])
    assert workshop_of(s).rounds[0].votes == {}


def test_the_timer_counts_down_pauses_and_overruns() -> None:
    assert Timer.for_round(Round(title="Open-ended")) is None
    timer = Timer.for_round(Round(title="Boxed", minutes=2))
    assert timer is not None and timer.paused and timer.display(0) == "02:00"
    timer = timer.start(100.0)
    assert timer.remaining(130.0) == 90.0 and timer.display(130.4) == "01:30"
    timer = timer.pause(130.0)
    assert timer.paused and timer.remaining(500.0) == 90.0
    assert timer.pause(600.0) is timer
    timer = timer.toggle(1000.0)
    assert not timer.paused and timer.start(1001.0) is timer
    assert timer.remaining(1090.0) == 0.0 and not timer.overrun(1090.0)
    assert timer.overrun(1095.0) and timer.display(1095.0) == "+00:05"
    assert timer.toggle(1100.0).used(2000.0) == 130.0
