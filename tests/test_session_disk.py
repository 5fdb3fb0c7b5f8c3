"""The session against its file on disk: changes made by others, reload, the difference, and
workshop steps that save only the workshop record (pure)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from integrate_tui.files import ChangedOnDisk, load
from integrate_tui.session import Session, WorkshopNeedsWork
from integrate_tui.workshop import add_participant


@pytest.fixture
def session(example_path: Path, tmp_path: Path) -> Session:
    return Session.from_file(example_path, recovery_folder=tmp_path / "state")


def edit_on_disk(path: Path, old: str, new: str) -> None:
    """What another program does: change the file's text."""
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def funding(path: Path, activity: str) -> float:
    return load(path).activity(activity).funding


def test_a_save_over_a_file_changed_on_disk_is_refused_until_overwrite(
    session: Session, example_path: Path
) -> None:
    session.nudge("trade-missions", 1)
    edit_on_disk(example_path, "funding = 0.5", "funding = 0.7")
    with pytest.raises(ChangedOnDisk, match="changed by another program"):
        session.save()
    assert funding(example_path, "sister-cities") == 0.7 and session.dirty
    session.save(overwrite=True)
    assert funding(example_path, "sister-cities") == 0.5 and not session.dirty
    session.nudge("trade-missions", 1)
    session.save()  # what was written is what the next save expects
    assert funding(example_path, "trade-missions") == 1.0


def test_touching_the_file_is_not_a_change(session: Session, example_path: Path) -> None:
    os.utime(example_path, (1, 1))
    assert session.disk_news() is None
    session.nudge("trade-missions", 1)
    session.save()


def test_a_deleted_file_or_one_created_under_a_new_name_is_not_overwritten(
    session: Session, example_path: Path
) -> None:
    other = example_path.with_name("other.toml")
    other.write_text("not mine")
    with pytest.raises(ChangedOnDisk, match="created by another program"):
        session.save(other)
    assert other.read_text() == "not mine" and session.path == example_path
    example_path.unlink()
    with pytest.raises(ChangedOnDisk, match="deleted or moved"):
        session.save()
    session.save(overwrite=True)
    assert load(example_path) == session.scenario


def test_reload_takes_the_files_version_and_keeps_yours(
    session: Session, example_path: Path
) -> None:
    session.claim()
    session.nudge("trade-missions", 1)
    edit_on_disk(example_path, "funding = 0.5", "funding = 0.7")
    kept = session.reload()
    assert session.activity("sister-cities").funding == 0.7 and not session.dirty
    assert session.activity("trade-missions").funding == 0.8
    assert kept is not None and load(kept).activity("trade-missions").funding == 0.9
    assert [o.path for o in Session.from_file(example_path).pending_recoveries()] == []
    session.release()  # once this instance is gone, what it kept is offered
    assert [o.path for o in Session.from_file(example_path).pending_recoveries()] == [kept]
    session.undo()  # your version again, to save over the file knowingly
    assert session.activity("trade-missions").funding == 0.9 and session.dirty
    session.save()
    assert funding(example_path, "sister-cities") == 0.5
    assert Session.from_file(example_path).pending_recoveries() == []  # the file holds it now
    assert not kept.exists()


def test_the_difference_is_the_ledger_from_the_file_to_the_work(
    session: Session, example_path: Path
) -> None:
    session.nudge("trade-missions", 1)
    edit_on_disk(example_path, "funding = 0.5", "funding = 0.7")
    difference = session.difference()
    assert difference.parts == ["activities"] and difference.ledger is not None
    moved = {c.id: (c.before, c.after) for c in difference.ledger.funding}
    assert moved == {"trade-missions": (0.8, 0.9), "sister-cities": (0.7, 0.5)}
    example_path.write_text(example_path.read_text().replace('"sister-cities"', '"twinning"'))
    difference = session.difference()
    assert difference.ledger is None and "different activity ids" in difference.reason
    example_path.write_text("schema_version = 1\n[meta\n")
    assert "riverton.toml:2" in session.difference().reason


def test_a_change_on_disk_is_noticed_once(session: Session, example_path: Path) -> None:
    assert session.disk_news() is None
    edit_on_disk(example_path, "funding = 0.5", "funding = 0.7")
    assert session.disk_news() == (
        "riverton.toml was changed by another program; saving will ask what to do."
    )
    assert session.disk_news() is None


def test_a_workshop_step_saves_only_the_workshop_record(
    session: Session, example_path: Path
) -> None:
    session.nudge("trade-missions", 1)  # unsaved work in the workbench
    session.apply(add_participant(session.scenario, "ana", "Ana"), "Add a participant")
    assert session.save_workshop()
    on_disk = load(example_path)
    assert [p.id for p in on_disk.workshop.participants] == ["ana"]
    assert on_disk.activity("trade-missions").funding == 0.8
    assert session.dirty and not session.workshop_unsaved
    assert not session.save_workshop()  # nothing new to write
    session.save()  # ctrl+s: everything, over the file the workshop step wrote
    assert load(example_path) == session.scenario and not session.dirty


def test_a_workshop_step_alone_leaves_the_work_clean(session: Session, example_path: Path):
    session.apply(add_participant(session.scenario, "ana", "Ana"), "Add a participant")
    session.autosave()
    assert session.save_workshop()
    assert not session.dirty and not session.recovery_path.exists()
    assert load(example_path) == session.scenario


def test_a_workshop_step_keeps_other_changes_on_disk_and_ctrl_s_then_asks(
    session: Session, example_path: Path
) -> None:
    edit_on_disk(example_path, "capacity = 1800", "capacity = 2000")
    session.apply(add_participant(session.scenario, "ana", "Ana"), "Add a participant")
    assert session.save_workshop()
    on_disk = load(example_path)
    assert on_disk.resources[0].capacity == 2000 and on_disk.workshop.participants
    assert session.dirty  # the work does not have the other program's change
    session.apply(add_participant(session.scenario, "ben", "Ben"), "Add a participant")
    assert session.save_workshop()
    assert load(example_path).resources[0].capacity == 2000
    with pytest.raises(ChangedOnDisk):
        session.save()  # would undo the other program's capacity unasked
    session.reload()
    assert session.scenario.resources[0].capacity == 2000 and not session.dirty


def test_a_workshop_step_over_another_workshop_record_asks(
    session: Session, example_path: Path, tmp_path: Path
) -> None:
    other = Session.from_file(example_path, recovery_folder=tmp_path / "state")
    other.apply(add_participant(other.scenario, "cai", "Cai"), "Add a participant")
    other.save_workshop()
    session.apply(add_participant(session.scenario, "ana", "Ana"), "Add a participant")
    with pytest.raises(ChangedOnDisk):
        session.save_workshop()
    assert [p.id for p in load(example_path).workshop.participants] == ["cai"]
    assert session.save_workshop(overwrite=True)
    assert [p.id for p in load(example_path).workshop.participants] == ["ana"]


def test_a_workshop_record_that_needs_unsaved_work_is_not_saved_alone(
    session: Session, example_path: Path
) -> None:
    interests = [*session.scenario.interests]
    extra = interests[0].model_copy(update={"id": "youth", "name": "Youth"})
    session.apply(session.scenario.model_copy(update={"interests": [*interests, extra]}), "Add")
    session.apply(add_participant(session.scenario, "ana", "Ana", "youth"), "Add a participant")
    before = example_path.read_bytes()
    with pytest.raises(WorkshopNeedsWork, match="unknown interest"):
        session.save_workshop()
    assert example_path.read_bytes() == before


def test_a_workshop_step_over_a_file_gone_or_broken_asks_and_overwrite_writes_it_back(
    session: Session, example_path: Path
) -> None:
    session.nudge("trade-missions", 1)
    session.apply(add_participant(session.scenario, "ana", "Ana"), "Add a participant")
    example_path.write_text("schema_version = 1\n[meta\n")
    with pytest.raises(ChangedOnDisk, match="changed by another program"):
        session.save_workshop()
    example_path.unlink()
    with pytest.raises(ChangedOnDisk, match="deleted or moved"):
        session.save_workshop()
    assert session.save_workshop(overwrite=True)
    on_disk = load(example_path)
    assert [p.id for p in on_disk.workshop.participants] == ["ana"]
    assert on_disk.activity("trade-missions").funding == 0.8 and session.dirty
