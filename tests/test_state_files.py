"""The session's files: open, save, save as, comment warnings, recovery files (pure, fast)."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

from integrate_tui.engine import NotComparable
from integrate_tui.files import ScenarioFileError, load
from integrate_tui.session import FILE, SAVED, NoPath, PackageFile, Session


@pytest.fixture
def session(example_path: Path, tmp_path: Path) -> Session:
    return Session.from_file(example_path, recovery_folder=tmp_path / "state")


def _age(path: Path, seconds: float) -> None:
    """Make a file look `seconds` older, so mtime comparisons do not race the clock."""
    then = time.time() - seconds
    os.utime(path, (then, then))


def test_bundled_work_has_no_path_and_save_asks_for_one(tmp_path: Path) -> None:
    session = Session.bundled(recovery_folder=tmp_path)
    assert session.path is None and session.display_name == "city-diplomacy (no file yet)"
    with pytest.raises(NoPath):
        session.save()
    with pytest.raises(PackageFile):
        session.save(session.origin)
    saved = session.save_as(tmp_path / "mine.toml")
    assert session.path == saved and load(saved) == session.scenario


def test_save_writes_a_file_that_loads_back_equal(session: Session, tmp_path: Path) -> None:
    events = []
    session.subscribe(events.append)
    session.nudge("trade-missions", 1)
    session.snapshot("Option A")
    assert session.dirty
    target = session.save(tmp_path / "out.toml")
    assert not session.dirty and session.path == target
    assert load(target) == session.scenario
    assert events[-1].kind == SAVED
    session.undo()
    assert session.dirty


def test_open_failure_raises_and_leaves_everything_untouched(
    session: Session, tmp_path: Path
) -> None:
    session.nudge("trade-missions", 1)
    before = (session.scenario, session.path, session.undo_label, session.score)
    broken = tmp_path / "broken.toml"
    broken.write_text("schema_version = 1\n[meta]\ntitle = 3\n", encoding="utf-8")
    with pytest.raises(ScenarioFileError) as caught:
        session.open(broken)
    assert "broken.toml:3" in str(caught.value)
    assert (session.scenario, session.path, session.undo_label, session.score) == before


def test_open_replaces_the_work_and_forgets_its_history(
    session: Session, example_path: Path, tmp_path: Path
) -> None:
    events = []
    session.subscribe(events.append)
    other = tmp_path / "other.toml"
    other.write_text(example_path.read_text().replace("funding = 0.8", "funding = 0.4"))
    session.nudge("trade-missions", 1)
    session.open(other)
    assert session.path == other and not session.dirty and session.undo_label is None
    assert session.activity("trade-missions").funding == 0.4
    assert events[-1].kind == FILE


def test_compare_file_needs_the_same_ids(session: Session, example_path: Path, tmp_path: Path):
    other = tmp_path / "other.toml"
    other.write_text(example_path.read_text().replace("funding = 0.8", "funding = 1.0"))
    ledger = session.compare_file(other)
    assert [(c.before, c.after) for c in ledger.funding] == [(0.8, 1.0)]
    renamed = tmp_path / "renamed.toml"
    renamed.write_text(example_path.read_text().replace("trade-missions", "trade"))
    with pytest.raises(NotComparable):
        session.compare_file(renamed)


def test_recovery_lifecycle(session: Session, example_path: Path) -> None:
    recovery = example_path.with_name(f".riverton.toml.{session.instance}.recovery")
    assert session.recovery_path == recovery
    assert session.autosave() is None  # clean: nothing to protect
    session.nudge("trade-missions", 1)
    assert session.autosave() == recovery and recovery.exists()
    assert session.autosave() is None  # nothing new since
    _age(example_path, 60)

    again = Session.from_file(example_path)
    assert again.pending_recovery() == recovery
    assert again.restore_recovery()
    assert again.activity("trade-missions").funding == 0.9 and again.dirty
    assert again.undo_label == "Restore unsaved work"
    again.save()
    assert not recovery.exists()


def test_an_older_recovery_is_offered_noting_it_and_one_like_the_file_is_removed(
    session: Session, example_path: Path
) -> None:
    session.nudge("trade-missions", 1)
    session.autosave()
    _age(session.recovery_path, 60)  # written before the file last changed: still unsaved work
    (found,) = Session.from_file(example_path).pending_recoveries()
    assert found.path == session.recovery_path and found.before_file
    session.undo()
    session.autosave()  # clean again: its own recovery file goes
    assert not session.recovery_path.exists()

    session.nudge("trade-missions", 1)
    session.autosave()
    session.undo()
    session.recovery_path.write_text(example_path.read_text())  # left holding just the file
    assert Session.from_file(example_path).pending_recovery() is None
    assert not session.recovery_path.exists()


def test_discarding_removes_the_recovery_file(session: Session, example_path: Path) -> None:
    session.nudge("trade-missions", 1)
    session.autosave()
    session.discard_recovery()
    assert not session.recovery_path.exists()
    assert Session.from_file(example_path).pending_recovery() is None


def test_undo_to_the_saved_state_removes_the_recovery_file(session: Session) -> None:
    session.nudge("trade-missions", 1)
    session.autosave()
    session.undo()
    assert session.autosave() is None
    assert not session.recovery_path.exists()


def test_untitled_work_recovers_outside_the_package(tmp_path: Path) -> None:
    session = Session.bundled(recovery_folder=tmp_path)
    name = f"untitled-city-diplomacy.toml.{session.instance}.recovery"
    assert session.recovery_path == tmp_path / name
    session.nudge("trade-missions", -1)
    session.autosave()
    again = Session.bundled(recovery_folder=tmp_path)
    assert again.pending_recovery() == session.recovery_path
    again.restore_recovery()
    assert again.scenario == session.scenario and again.path is None
