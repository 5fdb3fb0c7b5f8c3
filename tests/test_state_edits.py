"""Entity edits and form fields: references, delete, rename, duplicate, parsing (pure, fast)."""

from __future__ import annotations

from pathlib import Path

import pytest

from integrate_tui.model import ScenarioInvalid
from integrate_tui.session import Referenced, Session, edits, grid
from integrate_tui.session.forms import FORMS, parse, problems_by_field, to_text


@pytest.fixture
def session(example_path: Path, tmp_path: Path) -> Session:
    return Session.from_file(example_path, recovery_folder=tmp_path)


def field(kind: str, name: str):
    return next(f for f in FORMS[kind] if f.name == name)


def test_references_say_who_refers_to_an_entity(session: Session) -> None:
    data = session.scenario.model_dump()
    texts = [r.text for r in edits.references(data, "values", "openness")]
    assert texts == [
        "activity 'trade-missions' (impact)",
        "activity 'sister-cities' (impact)",
        "interest 'business' (cares)",
        "interest 'diaspora' (cares)",
    ]
    assert [r.text for r in edits.references(data, "silos", "econ")] == [
        "activity 'trade-missions' (silo)"
    ]


def test_delete_refuses_a_referenced_entity_and_cascades_on_request(session: Session) -> None:
    data = session.scenario.model_dump()
    with pytest.raises(Referenced) as caught:
        edits.delete(data, "activities", "sister-cities")
    assert "interaction trade-missions + sister-cities (between)" in str(caught.value)
    session.apply(edits.delete(data, "activities", "sister-cities", cascade=True), "Delete")
    assert [a.id for a in session.scenario.activities] == ["trade-missions"]
    assert session.scenario.interactions == []
    with pytest.raises(Referenced):  # a silo's activities cannot simply lose their silo
        edits.delete(data, "silos", "econ", cascade=True)


def test_rename_updates_every_reference(session: Session) -> None:
    session.snapshot("Baseline")
    data = edits.rename(session.scenario.model_dump(), "activities", "trade-missions", "trade")
    session.apply(data, "Rename")
    assert session.scenario.interactions[0].between == ["trade", "sister-cities"]
    assert "trade" in session.find_snapshot("Baseline").funding
    data = edits.rename(session.scenario.model_dump(), "values", "openness", "open")
    session.apply(data, "Rename value")
    assert session.scenario.interests[0].cares == {"prosperity": 4, "open": 1}


def test_a_rounds_starting_levels_follow_renames_and_deletes(session: Session) -> None:
    data = session.scenario.model_dump()
    data["workshop"] = {
        "rounds": [
            {
                "title": "Priorities",
                "start_funding": {"trade-missions": 0.5, "sister-cities": 1.0},
                "start_weights": {"prosperity": 1.0, "openness": 2.0},
            }
        ]
    }
    session.apply(data, "Add a round")
    data = edits.rename(session.scenario.model_dump(), "values", "openness", "open")
    data = edits.delete(data, "activities", "sister-cities", cascade=True)
    session.apply(data, "Rename and delete")
    (round_,) = session.scenario.workshop.rounds
    assert round_.start_funding == {"trade-missions": 0.5}
    assert round_.start_weights == {"prosperity": 1.0, "open": 2.0}


def test_put_and_duplicate(session: Session) -> None:
    data = session.scenario.model_dump()
    data, new_id = edits.duplicate(data, "activities", "trade-missions")
    assert new_id == "trade-missions-copy"
    data, again = edits.duplicate(data, "activities", "trade-missions")
    assert again == "trade-missions-copy-2"
    silo = {"id": "culture", "name": "Culture Office"}
    session.apply(edits.put(data, "silos", None, silo), "Add silo")
    assert [a.name for a in session.scenario.activities][1] == "Outbound trade missions (copy)"
    renamed = {"id": "culture-dept", "name": "Culture Department"}
    data = session.scenario.model_dump()
    session.apply(edits.put(data, "silos", 2, renamed), "Rename silo")
    assert session.scenario.silos[2].id == "culture-dept"


def test_form_text_round_trips_and_reports_bad_input() -> None:
    cost, response = field("activities", "cost"), field("activities", "response")
    assert to_text(cost, {"budget": 420.0, "staff": 1.5}) == "budget = 420, staff = 1.5"
    assert parse(cost, "budget = 420, staff = 1.5") == {"budget": 420.0, "staff": 1.5}
    assert parse(cost, "") == {}
    assert parse(response, "[[0, 0], [1, 1]]") == [[0.0, 0.0], [1.0, 1.0]]
    assert to_text(response, [[0.0, 0.0], [0.5, 0.7]]) == "[[0, 0], [0.5, 0.7]]"
    assert parse(field("silos", "min_share"), " ") is None
    assert parse(field("interactions", "between"), "a + b") == ["a", "b"]
    with pytest.raises(ValueError, match="must be a number"):
        parse(field("values", "weight"), "heavy")
    with pytest.raises(ValueError, match="budget must be a number"):
        parse(cost, "budget = 'lots'")
    with pytest.raises(ValueError, match="use linear, diminishing, threshold"):
        parse(response, "curvy")


def test_model_problems_are_placed_beside_their_field(session: Session) -> None:
    data = session.scenario.model_dump()
    entity = {**data["activities"][0], "cost": {"budgt": 1.0}, "funding": 2.0}
    with pytest.raises(ScenarioInvalid) as caught:
        session.apply(edits.put(data, "activities", 0, entity), "Edit")
    mine, others = problems_by_field(caught.value.problems, ("activities", 0))
    assert mine["cost"] == ["budgt: unknown resource 'budgt' — did you mean 'budget'?"]
    assert "outside [min_funding, max_funding]" in mine["funding"][0]
    assert others == []


def test_grid_steps_from_off_grid_levels_and_reaches_off_grid_bounds(session: Session) -> None:
    a = session.activity("trade-missions").model_copy(update={"funding": 0.85})
    assert (grid.nudge(a, 1), grid.nudge(a, -1)) == (0.9, 0.8)
    b = a.model_copy(update={"max_funding": 1.25, "funding": 1.25})
    assert (grid.nudge(b, 1), grid.nudge(b, -1), grid.snap(b, 1.24)) == (1.25, 1.2, 1.25)
    assert grid.weight_step([25, 18, 14]) == 1 and grid.weight_step([3, 2]) == 0.1
    assert grid.nudge_weight(2.45, 0.1, 1) == 2.5
