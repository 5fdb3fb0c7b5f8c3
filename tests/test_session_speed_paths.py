"""The session's fast paths: a funding or weight key updates the working arrays in place, and
everything read afterwards (scenario, model, score, ledger, dirty, the pool's fingerprint) is
what a full recompile and re-score would give. Snapshots stay out of the undo history."""

from __future__ import annotations

import random
from pathlib import Path

import numpy as np
import pytest

from integrate_tui.compute import wire
from integrate_tui.engine import Score, compile_scenario, diff, score
from integrate_tui.model import validate_scenario
from integrate_tui.session import Session
from integrate_tui.session import session as session_module
from integrate_tui.session.session import ActivityLocked
from test_engine_incremental import assert_same


@pytest.fixture
def session(example_path: Path, tmp_path: Path) -> Session:
    return Session.from_file(example_path, recovery_folder=tmp_path / "state")


def _full(s: Session) -> Score:
    """The score a fresh load of the session's scenario gives."""
    return score(compile_scenario(validate_scenario(s.scenario.model_dump())))


def test_a_random_walk_of_commands_scores_as_a_fresh_load() -> None:
    s = Session.bundled()
    rng = random.Random(3)
    ids = [a.id for a in s.scenario.activities]
    values = [v.id for v in s.scenario.values]
    for step in range(120):
        before = _full(s)
        kind = rng.choice(["nudge"] * 6 + ["weight", "undo", "redo", "max", "snapshot", "levels"])
        key = rng.choice(ids)
        changed: object
        if kind == "nudge":
            try:
                changed = s.nudge(key, rng.choice([-2, -1, 1, 3]))
            except ActivityLocked:
                continue
        elif kind == "weight":
            changed = s.nudge_weight(rng.choice(values), rng.choice([-1, 1]))
        elif kind == "undo":
            changed = s.undo()
        elif kind == "redo":
            changed = s.redo()
        elif kind == "max":
            changed = s.set_max(key, rng.choice([1.0, 1.5, 2.0]))
        elif kind == "snapshot":
            changed = s.snapshot(f"S{step % 3}")
        else:
            a = s.activity(key)
            levels = {values[0]: rng.choice([1.0, 4.0])}
            changed = s.set_levels({key: a.min_funding}, levels, "Levels")
        if step % 2:  # read only now and then: the state must not depend on being read
            continue
        assert_same(s.score, _full(s))
        assert s.model.scenario is s.scenario and s.score.model is s.model
        if changed and s.ledger is not None:  # the ledger is of the last change made
            assert s.ledger.headline() == diff(before, _full(s)).headline()


def test_a_funding_key_neither_recompiles_nor_compares_structure(
    session: Session, monkeypatch: pytest.MonkeyPatch
) -> None:
    def refuse(*_: object) -> None:
        raise AssertionError("a funding key must not recompile or compare the structure")

    monkeypatch.setattr(session_module, "compile_scenario", refuse)
    monkeypatch.setattr(session_module, "same_structure", refuse)
    monkeypatch.setattr(session_module, "validate_scenario", refuse)
    session.nudge("trade-missions", 1)
    session.set_weight("openness", 4)
    session.undo()
    session.redo()
    session.nudge("sister-cities", -1)
    assert session.score.overall == pytest.approx(_full(session).overall, abs=1e-12)
    assert session.ledger is not None
    assert session.activity("trade-missions").funding == 0.9


def test_the_pool_sees_a_new_model_after_each_change_and_the_same_after_undo(
    session: Session,
) -> None:
    first = session.model
    print_before = wire.payload(first).fingerprint
    session.nudge("trade-missions", 1)
    moved = session.model
    assert moved is not first and moved is session.model  # one object until the next change
    assert wire.payload(moved).fingerprint != print_before
    assert np.array_equal(moved.funding, session.score.funding)
    session.undo()
    assert wire.payload(session.model).fingerprint == print_before


def test_undo_back_to_the_saved_state_is_clean_without_reading_in_between(
    session: Session,
) -> None:
    saved = session.scenario
    session.nudge("trade-missions", 1)
    session.nudge("trade-missions", 1)
    session.set_weight("openness", 7)
    assert session.dirty
    for _ in range(3):
        session.undo()
    assert session.scenario is saved and not session.dirty


def test_the_ledger_of_an_unread_change_is_that_change_alone(session: Session) -> None:
    session.nudge("trade-missions", 1)
    before = _full(session)
    session.nudge("sister-cities", 1)  # the score of the state before was never read
    ledger = session.ledger
    assert ledger is not None
    assert [c.id for c in ledger.funding] == ["sister-cities"]
    assert ledger.headline() == diff(before, _full(session)).headline()


def test_moving_a_locked_activity_by_levels_rescales_as_a_fresh_load(session: Session) -> None:
    """A locked activity's funding is its top, which the value scales count."""
    data = session.scenario.model_dump()
    data["activities"][1]["locked"] = True
    session.apply(data, "Lock sister cities")
    session.set_levels({"sister-cities": 0.4}, None, "Move the locked one")
    assert np.allclose(session.model.value_bound, _full(session).model.value_bound, atol=0)
    assert_same(session.score, _full(session))


def test_a_snapshot_is_not_the_step_undo_takes_back(session: Session) -> None:
    """Issue 15: taking a snapshot and pressing ctrl+z undoes the last funding change and
    keeps the snapshot."""
    session.nudge("trade-missions", 1)
    session.snapshot("Option A")
    assert session.undo_label == "Outbound trade missions 0.8 → 0.9"
    assert session.undo() == "Outbound trade missions 0.8 → 0.9"
    assert session.activity("trade-missions").funding == 0.8
    assert [s.name for s in session.snapshots] == ["Option A"]
    assert session.find_snapshot("Option A").funding["trade-missions"] == 0.9
    session.redo()
    assert [s.name for s in session.snapshots] == ["Option A"]
    session.delete_snapshot("Option A")
    assert session.undo_label == "Outbound trade missions 0.8 → 0.9"
    assert session.snapshots == []


def test_undoing_an_edit_of_structure_keeps_the_snapshots_taken_since(session: Session) -> None:
    session.set_max("trade-missions", 2)
    session.nudge("trade-missions", 5)
    session.snapshot("Big")
    session.undo()
    session.undo()  # the maximum back to 1: the snapshot, taken at 1.3, stays
    assert session.model.max_funding.tolist() == [1.0, 1.0]
    assert session.find_snapshot("Big").funding["trade-missions"] == 1.3
    session.redo()
    assert [s.name for s in session.snapshots] == ["Big"]
    validate_scenario(session.scenario.model_dump())
