"""Workshop steps through the session: their labels, one undo each, and the save policy."""

from __future__ import annotations

from pathlib import Path

import pytest

from integrate_tui.files import load, save
from integrate_tui.session import Session
from integrate_tui.session.workshop import ASK, NOT_SAVED, SAVED, UNCHANGED
from integrate_tui.workshop import WorkshopError
from workshop_data import PEOPLE, scenario


def on_file(tmp_path: Path, **workshop: object) -> Session:
    path = tmp_path / "riverton.toml"
    save(scenario(**workshop), path)
    return Session.from_file(path, recovery_folder=tmp_path)


def test_each_command_names_its_step_and_commits_it_as_one_undo(tmp_path: Path) -> None:
    s = on_file(tmp_path, participants=PEOPLE)
    steps = s.workshop
    points = {"prosperity": 50, "openness": 30, "equity": 20}
    for build, label in [
        (lambda: steps.add_round("Priorities", kind="points"), "Add a round"),
        (lambda: steps.start_round(0), "Start round 1: Priorities"),
        (lambda: steps.set_points("ana", points), "Ana's points"),
        (lambda: steps.close_round("Keep it"), "Close round 1"),
        (lambda: steps.add_option(steps.suggest_option()), "Option “Baseline”"),
    ]:
        step = build()
        assert step.label == label
        assert steps.commit(step)
        assert s.undo_label == label
    assert steps.suggest_option() == "Option A"
    assert s.undo() == "Option “Baseline”"


def test_a_participant_added_by_name_gets_an_id_from_it(tmp_path: Path) -> None:
    s = on_file(tmp_path)
    s.workshop.commit(s.workshop.add_participant("Ana Müller"))
    assert [p.id for p in s.scenario.workshop.participants] == ["ana-muller"]


def test_a_rule_broken_names_the_problem_and_changes_nothing(tmp_path: Path) -> None:
    s = on_file(tmp_path, participants=PEOPLE)
    before = s.scenario
    with pytest.raises(WorkshopError):
        s.workshop.set_points("ana", {"prosperity": 70})
    assert s.scenario is before


def test_group_weights_wait_for_priorities_then_apply_by_the_method(tmp_path: Path) -> None:
    s = on_file(tmp_path, participants=PEOPLE)
    assert s.workshop.apply_group("arithmetic") is None
    s.workshop.commit(s.workshop.set_points("ana", {"prosperity": 60, "openness": 40}))
    step = s.workshop.apply_group("arithmetic")
    assert step is not None and step.label == "Group weights (arithmetic mean)"


def test_with_a_file_each_step_saves_only_the_workshop_record(tmp_path: Path) -> None:
    s = on_file(tmp_path, participants=PEOPLE)
    s.set_funding("trade-missions", 0.4)
    s.workshop.commit(s.workshop.add_round("Vote", kind="vote"))
    assert s.workshop.keep().outcome == SAVED
    saved = load(s.path)
    assert [r.title for r in saved.workshop.rounds] == ["Vote"]
    assert saved.activity("trade-missions").funding != 0.4 and s.dirty
    assert s.workshop.keep().outcome == UNCHANGED


def test_without_a_file_only_asking_steps_ask_and_giving_up_stops_asking(tmp_path: Path) -> None:
    s = Session(scenario(participants=PEOPLE), recovery_folder=tmp_path)
    s.workshop.commit(s.workshop.add_round("Vote", kind="vote"))
    assert s.workshop.keep().outcome == UNCHANGED
    assert s.workshop.keep(ask=True).outcome == ASK
    assert s.workshop.give_up() == NOT_SAVED
    assert s.workshop.keep(ask=True).outcome == UNCHANGED


def test_a_file_changed_on_disk_asks_first(tmp_path: Path) -> None:
    s = on_file(tmp_path, participants=PEOPLE)
    other = Session.from_file(s.path, recovery_folder=tmp_path)
    other.workshop.commit(other.workshop.add_round("Theirs"))
    other.workshop.keep()
    s.workshop.commit(s.workshop.add_round("Mine"))
    assert s.workshop.keep().outcome == ASK
