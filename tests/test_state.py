"""The session: funding and weight commands, undo/redo, events and snapshots (pure, fast)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from integrate_tui.engine import compile_scenario, score
from integrate_tui.errors import IntegrateError
from integrate_tui.model import ScenarioInvalid, validate_scenario
from integrate_tui.session import SCORE, STRUCTURE, Event, Session


@pytest.fixture
def session(example_path: Path, tmp_path: Path) -> Session:
    return Session.from_file(example_path, recovery_folder=tmp_path / "state")


def test_set_funding_snaps_to_the_step_grid_and_clamps(session: Session) -> None:
    assert session.set_funding("trade-missions", 0.33)
    assert session.activity("trade-missions").funding == 0.3
    session.set_funding("trade-missions", 7)
    assert session.activity("trade-missions").funding == 1.0
    session.set_funding("sister-cities", -1)
    assert session.activity("sister-cities").funding == 0.2  # its min_funding


def test_nudge_moves_one_step_and_stops_at_the_bounds(session: Session) -> None:
    assert session.nudge("trade-missions", 1)
    assert session.activity("trade-missions").funding == 0.9
    session.nudge("trade-missions", 5)
    assert session.activity("trade-missions").funding == 1.0
    assert not session.nudge("trade-missions", 1)
    assert session.undo_label == "Outbound trade missions 0.9 → 1"


def test_score_after_a_change_is_exactly_the_engines(session: Session) -> None:
    session.nudge("sister-cities", 2)
    fresh = score(compile_scenario(validate_scenario(session.scenario.model_dump())))
    # The session re-scores incrementally (engine/rescore.py): equal to the full score to 1e-12.
    assert abs(session.score.overall - fresh.overall) <= 1e-12
    assert np.allclose(session.score.interests, fresh.interests, rtol=0, atol=1e-12)


def test_funding_edits_rescore_without_recompiling(session: Session) -> None:
    impact = session.model.impact
    session.nudge("trade-missions", -1)
    session.set_weight("openness", 5)
    assert session.model.impact is impact
    assert session.model.scenario is session.scenario
    assert session.score.raw_weights.tolist() == [3, 5]


def test_structural_edits_recompile(session: Session) -> None:
    impact = session.model.impact
    assert session.set_max("trade-missions", 1.5)
    assert session.model.impact is not impact
    assert session.model.max_funding.tolist() == [1.5, 1.0]


def test_set_min_raises_funding_and_set_max_lowers_it(session: Session) -> None:
    session.set_min("trade-missions", 0.9)
    a = session.activity("trade-missions")
    assert (a.min_funding, a.funding) == (0.9, 0.9)
    session.set_max("sister-cities", 0.4)
    b = session.activity("sister-cities")
    assert (b.max_funding, b.funding) == (0.4, 0.4)


def test_weights_move_on_their_own_grid(session: Session) -> None:
    assert session.weight_step == 0.1
    session.nudge_weight("prosperity", 5)
    assert session.scenario.values[0].weight == 3.5
    session.set_weight("prosperity", -3)
    assert session.scenario.values[0].weight == 0
    assert not session.nudge_weight("prosperity", -1)


def test_ledger_tells_what_the_last_change_did(session: Session) -> None:
    assert session.ledger is None
    session.nudge("trade-missions", 1)
    ledger = session.ledger
    assert ledger is not None
    assert ledger.headline().startswith("Outbound trade missions 0.8 → 0.9: overall +")
    assert [c.id for c in ledger.funding] == ["trade-missions"]


def test_undo_and_redo_restore_exact_state(session: Session) -> None:
    start, start_score = session.scenario, session.score.overall
    session.nudge("trade-missions", 1)
    session.set_weight("openness", 4)
    after = session.scenario
    assert session.undo() == "Openness and inclusion weight 2 → 4"
    assert session.undo() == "Outbound trade missions 0.8 → 0.9"
    assert session.scenario is start and session.score.overall == start_score
    assert not session.dirty and session.undo() is None
    session.redo()
    session.redo()
    assert session.scenario is after and session.redo() is None
    session.undo()
    session.nudge("sister-cities", 1)
    assert session.redo_label is None


def test_apply_validates_with_the_models_rules_and_changes_nothing_on_error(
    session: Session,
) -> None:
    before = session.scenario
    data = before.model_dump()
    data["activities"][0]["silo"] = "nowhere"
    with pytest.raises(ScenarioInvalid) as caught:
        session.apply(data, "Move to nowhere")
    assert "unknown silo 'nowhere'" in str(caught.value)
    assert session.scenario is before and session.undo_label is None
    data["activities"][0]["silo"] = "mayor"
    assert session.apply(data, "Move to the mayor") is session.scenario
    assert session.undo_label == "Move to the mayor"


def test_listeners_hear_every_change_with_its_kind(session: Session) -> None:
    heard: list[Event] = []
    stop = session.subscribe(heard.append)
    session.nudge("trade-missions", 1)
    session.set_max("trade-missions", 2)
    session.undo()
    stop()
    session.undo()
    assert [e.kind for e in heard] == [SCORE, STRUCTURE, STRUCTURE]
    assert heard[2].label.startswith("Undo: Outbound trade missions maximum")


def test_set_levels_is_one_undoable_step(session: Session) -> None:
    session.set_levels({"trade-missions": 1.0, "sister-cities": 0.2}, {"openness": 1}, "Balance")
    assert session.undo_label == "Balance"
    with pytest.raises(ScenarioInvalid):
        session.set_levels({"trade-missions": 9.0}, None, "Too much")
    session.undo()
    assert session.activity("trade-missions").funding == 0.8


def test_snapshots_compare_and_restore(session: Session) -> None:
    session.snapshot("Baseline")
    session.nudge("trade-missions", 2)
    session.snapshot("Option A")
    assert [s.name for s in session.snapshots] == ["Baseline", "Option A"]
    ledger = session.compare("Baseline", "Option A")
    assert [(c.id, c.before, c.after) for c in ledger.funding] == [("trade-missions", 0.8, 1.0)]
    assert session.compare("Option A", None).overall.delta == 0
    session.restore_snapshot("Baseline")
    assert session.activity("trade-missions").funding == 0.8
    session.snapshot("Option A")  # replaces, keeps its place
    assert session.find_snapshot("Option A").funding["trade-missions"] == 0.8
    session.delete_snapshot("Baseline")
    assert [s.name for s in session.snapshots] == ["Option A"]
    with pytest.raises(IntegrateError):
        session.snapshot("  ")


def test_explain_answers_for_every_kind_of_number(session: Session) -> None:
    assert session.explain("overall").total == session.score.overall
    assert session.explain("value:openness").drivers
    assert session.explain("interest:business").subject == "interest:business"
    assert session.explain("resource:budget").total == session.score.used[0]


def test_the_session_does_not_import_textual() -> None:
    code = "import sys, integrate_tui.session; print('textual' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"
