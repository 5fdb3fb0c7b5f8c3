"""Spreadsheet export and CSV import: engine numbers laid out as they are, XLSX cells typed,
every bad CSV refused with its row and column, and export → import changing nothing."""

from __future__ import annotations

import csv
import io
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import load_workbook

from integrate_tui.bundled import bundled_path
from integrate_tui.engine import Score, compile_scenario, explain_resource, score
from integrate_tui.files import load, loads
from integrate_tui.files.activities_csv import ActivitiesImportError, import_activities, import_text
from integrate_tui.files.spreadsheet import ExportError, csv_text, export
from integrate_tui.files.tables import Table
from integrate_tui.model import Scenario, validate_scenario
from integrate_tui.session.export_tables import TABLES, package_tables
from strategies import scenario_data


def tables_of(scenario: Scenario) -> tuple[dict[str, Table], Score]:
    s = score(compile_scenario(scenario))
    return package_tables(scenario, s, "riverton.toml"), s


def column(table: Table, key: str) -> list[object]:
    j = table.keys.index(key)
    return [row[j] for row in table.rows]


@pytest.fixture
def example(example_toml: str) -> Scenario:
    return loads(example_toml)


@pytest.fixture
def bundled() -> Scenario:
    return load(bundled_path("city-diplomacy"))


# --- what the tables hold -------------------------------------------------------------


def test_tables_hold_the_engine_numbers_as_they_are(bundled: Scenario) -> None:
    tables, s = tables_of(bundled)
    assert list(tables) == list(TABLES)
    activities = tables["activities"]
    assert column(activities, "score") == s.activity_overall.tolist()
    assert column(activities, "funding") == s.funding.tolist()
    assert sum(column(activities, "score")) == pytest.approx(s.overall)
    budget = explain_resource(s, "budget")
    used = dict(zip(column(activities, "id"), column(activities, "used_budget"), strict=True))
    assert {d.activity: d.points for d in budget.drivers} == {
        k: v for k, v in used.items() if v != 0
    }
    assert column(tables["values"], "score") == s.values.tolist()
    assert column(tables["interests"], "satisfaction") == s.interests.tolist()
    assert column(tables["resources"], "used") == s.used.tolist()
    assert column(tables["resources"], "over") == s.over.tolist()
    assert column(tables["silos"], "score") == s.silo_overall.tolist()
    items = column(tables["summary"], "item")
    summary = dict(zip(items, column(tables["summary"], "value"), strict=True))
    assert summary["overall"] == s.overall
    assert summary["feasible"] is s.feasible is False  # the bundled scenario is over capacity
    assert summary["title"] == bundled.meta.title


def test_one_row_per_activity_with_silo_name_bounds_and_lock(example: Scenario) -> None:
    activities = tables_of(example)[0]["activities"]
    rows = {
        row[activities.keys.index("id")]: dict(zip(activities.keys, row, strict=True))
        for row in activities.rows
    }
    sister = rows["sister-cities"]
    assert sister["silo"] == "mayor"
    assert sister["silo_name"] == "Mayor's Office of International Affairs"
    assert (sister["min_funding"], sister["max_funding"], sister["locked"]) == (0.2, 1.0, False)
    assert sister["cost_budget"] == 150
    assert sister["response"] == "[[0.0, 0.0], [0.3, 0.1], [0.6, 0.7], [1.0, 1.0]]"


# --- XLSX -------------------------------------------------------------------------------


def test_xlsx_has_typed_cells_header_frozen_panes_widths_and_title(
    example: Scenario, tmp_path: Path
) -> None:
    tables, s = tables_of(example)
    out = tmp_path / "package.xlsx"
    assert export(tables, out, title=example.meta.title, source="riverton.toml") == [out]
    book = load_workbook(out)
    assert book.sheetnames == list(TABLES)
    assert book.properties.title == example.meta.title
    assert book.properties.subject == "riverton.toml"
    sheet = book["activities"]
    header = [c.value for c in sheet[1]]
    assert header[:4] == ["Silo", "Silo name", "Activity id", "Activity"]
    assert "Programme budget used (kUSD)" in header
    assert all(c.font.bold for c in sheet[1])
    assert sheet.freeze_panes == "E2"
    funding = sheet.cell(row=2, column=header.index("Funding") + 1)
    assert funding.data_type == "n" and funding.value == 0.8
    locked = sheet.cell(row=2, column=header.index("Locked") + 1)
    assert locked.value is False
    score_cell = sheet.cell(row=2, column=header.index("Score contribution") + 1)
    assert score_cell.value == s.activity_overall[0]
    assert score_cell.number_format == "0.0"
    assert sheet.column_dimensions["D"].width >= len("Outbound trade missions")
    assert example.meta.title in sheet.oddHeader.center.text


def test_xlsx_text_that_looks_like_a_formula_stays_text(example: Scenario, tmp_path: Path) -> None:
    first = example.activities[0].model_copy(update={"name": '=HYPERLINK("x")'})
    hostile = example.model_copy(update={"activities": [first, *example.activities[1:]]})
    tables, _ = tables_of(hostile)
    out = tmp_path / "package.xlsx"
    export(tables, out, title="=1+1", source="a & b.toml", names=["activities"])
    cell = load_workbook(out)["activities"]["D2"]
    assert (cell.value, cell.data_type) == ('=HYPERLINK("x")', "s")


# --- CSV --------------------------------------------------------------------------------


def test_csv_has_a_bom_key_header_full_numbers_and_guards_formulas(
    example: Scenario, tmp_path: Path
) -> None:
    first = example.activities[0].model_copy(update={"notes": "=cmd|' /C calc'!A0"})
    guarded = example.model_copy(update={"activities": [first, *example.activities[1:]]})
    tables, s = tables_of(guarded)
    out = tmp_path / "activities.csv"
    export(tables, out, title="t", source="s", names=["activities"])
    data = out.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))
    record = dict(zip(rows[0], rows[1], strict=True))
    assert rows[0][:4] == ["silo", "silo_name", "id", "name"]
    assert float(record["score"]) == s.activity_overall[0]
    assert record["cost_budget"] == "420"
    assert record["locked"] == "false"
    assert record["notes"] == "'=cmd|' /C calc'!A0"


def test_csv_of_every_table_is_one_file_each(example: Scenario, tmp_path: Path) -> None:
    tables, _ = tables_of(example)
    written = export(tables, tmp_path / "out.csv", title="t", source="s")
    assert [p.name for p in written] == [f"out-{name}.csv" for name in TABLES]


def test_export_refuses_other_formats_and_unwritable_places(
    example: Scenario, tmp_path: Path
) -> None:
    tables, _ = tables_of(example)
    with pytest.raises(ExportError, match=r"\.csv or \.xlsx"):
        export(tables, tmp_path / "out.txt", title="t", source="s")
    with pytest.raises(ExportError, match="cannot write"):
        export(tables, tmp_path / "missing" / "out.csv", title="t", source="s", names=["values"])


# --- import: what it accepts ----------------------------------------------------------


def exported(scenario: Scenario) -> str:
    return csv_text(tables_of(scenario)[0]["activities"])


def test_import_of_an_edited_export_changes_what_was_edited(example: Scenario) -> None:
    text = exported(example).replace(",0.8,", ",0.5,", 1)
    result = import_text(example, text)
    assert result.updated == ["trade-missions"] and not result.added and not result.removed
    assert result.scenario.activity("trade-missions").funding == 0.5
    assert result.scenario.activity("sister-cities") == example.activity("sister-cities")


def test_a_few_columns_change_only_those_fields_and_rows_add_activities(
    example: Scenario,
) -> None:
    text = (
        "id,funding,name,silo,cost_budget\n"
        "trade-missions,1,Missions,econ,\n"
        "new-one,0.5,New,mayor,40\n"
    )
    result = import_text(example, text)
    missions = result.scenario.activity("trade-missions")
    assert (missions.funding, missions.name, missions.cost) == (1.0, "Missions", {"staff": 1.5})
    assert missions.impact == example.activity("trade-missions").impact  # no impact_ column
    assert result.added == ["new-one"]
    assert result.scenario.activity("new-one").cost == {"budget": 40.0}


def test_replace_drops_the_activities_the_csv_leaves_out(example: Scenario) -> None:
    example = example.model_copy(update={"interactions": []})
    text = "id,name,silo,funding\nsolo,Solo,econ,0.5\n"
    result = import_text(example, text, replace=True)
    assert [a.id for a in result.scenario.activities] == ["solo"]
    assert result.removed == ["trade-missions", "sister-cities"]


def test_spreadsheet_dialects_bom_semicolons_decimal_comma_percent_and_utf16(
    example: Scenario, tmp_path: Path
) -> None:
    semicolons = "\ufeffid;funding;cost_budget;locked\ntrade-missions;0,5;1.234,5;TRUE\n"
    result = import_text(example, semicolons)
    missions = result.scenario.activity("trade-missions")
    assert (missions.funding, missions.cost["budget"], missions.locked) == (0.5, 1234.5, True)
    assert (
        import_text(example, "id,funding\ntrade-missions,50%\n")
        .scenario.activity("trade-missions")
        .funding
        == 0.5
    )
    utf16 = tmp_path / "utf16.csv"
    utf16.write_bytes("id\tname\nsister-cities\tZwillingsstädte\n".encode("utf-16"))
    named = import_activities(example, utf16).scenario.activity("sister-cities").name
    assert named == "Zwillingsstädte"


# --- import: what it refuses, and where ---------------------------------------------------


def refusal(scenario: Scenario, text: str, **options: bool) -> list[str]:
    with pytest.raises(ActivitiesImportError) as caught:
        import_text(scenario, text, "activities.csv", **options)
    return [str(p) for p in caught.value.problems]


def test_a_bad_number_is_named_by_row_and_column(example: Scenario) -> None:
    text = exported(example).replace(",420,", ",abc,", 1)
    assert refusal(example, text) == [
        "activities.csv row 2, column cost_budget: 'abc' is not a number"
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("", "activities.csv: the file is empty"),
        ('"",""\n,\n', "activities.csv: the file is empty"),
        ("name,silo\nx,econ\n", "activities.csv row 1: no header row naming an `id` column"),
        ("id,funding\n", "activities.csv: no activities: the file has a header but no rows"),
        (
            "id,funding,cots_budget\ntrade-missions,1,3\n",
            "row 1, column cots_budget: unknown column — did you mean 'cost_budget'?",
        ),
        (
            "id,funding,funding\ntrade-missions,1,1\n",
            "activities.csv row 1, column funding: the header names it twice (columns B and C)",
        ),
        ("id,funding\ntrade-missions,1,3\n", "activities.csv row 2: 3 cells, but the header"),
        ("id,locked\ntrade-missions,maybe\n", "row 2, column locked: 'maybe' is not true or false"),
        ("id,response\ntrade-missions,[[0 0\n", "row 2, column response: '[[0 0' is not a list"),
        ("id,silo\ntrade-missions,ecn\n", "row 2, column silo: unknown silo 'ecn' — did you mean"),
        ("id,cost_food\ntrade-missions,3\n", "row 2, column cost_food: unknown resource 'food'"),
        ("id,funding\ntrade-missions,7\n", "row 2, column funding: funding 7 is outside"),
        ("id,funding\nsister-cities,nan\n", "row 2, column funding: 'nan' is not a number"),
        ("id,name\nnew-one,New\n", "row 2, column silo: required column 'silo' is missing"),
        ("id,funding\ntrade-missions,\x00\n", "activities.csv row 2"),
    ],
)
def test_bad_csv_is_refused_with_where_and_why(example: Scenario, text: str, expected: str) -> None:
    assert any(p.startswith(expected) or expected in p for p in refusal(example, text)), refusal(
        example, text
    )


def test_duplicate_ids_name_both_rows(example: Scenario) -> None:
    text = "id,name,silo,funding\nnew-one,A,econ,0.5\nnew-one,B,econ,0.5\n"
    assert refusal(example, text) == [
        "activities.csv row 3, column id: duplicate id 'new-one': row 2 has it already"
    ]


def test_every_problem_of_the_file_is_listed_at_once(example: Scenario) -> None:
    text = "id,funding,cost_budget\ntrade-missions,x,1\nsister-cities,0.5,y\n"
    assert refusal(example, text) == [
        "activities.csv row 2, column funding: 'x' is not a number",
        "activities.csv row 3, column cost_budget: 'y' is not a number",
    ]


def test_a_problem_outside_the_csv_names_the_scenario(example: Scenario) -> None:
    problems = refusal(example, "id,name,silo,funding\nsolo,Solo,econ,0.5\n", replace=True)
    assert any(p.startswith("the scenario: interactions[0]") for p in problems), problems


def test_files_that_are_not_csv_text_are_refused(example: Scenario, tmp_path: Path) -> None:
    latin = tmp_path / "latin.csv"
    latin.write_bytes("id,name\nsister-cities,Cité\n".encode("latin-1"))
    with pytest.raises(ActivitiesImportError, match=r"latin\.csv: not UTF-8 text: .* line 2"):
        import_activities(example, latin)
    with pytest.raises(ActivitiesImportError, match="no such file"):
        import_activities(example, tmp_path / "absent.csv")
    with pytest.raises(ActivitiesImportError, match="folder"):
        import_activities(example, tmp_path)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.booleans(), st.text(max_size=200))
def test_no_text_crashes_the_import(with_header: bool, text: str) -> None:
    scenario = loads(EXAMPLE)
    header = "id,name,silo,funding,cost_budget,locked,response\n" if with_header else ""
    try:
        import_text(scenario, header + text)
    except ActivitiesImportError as error:
        assert error.problems


# --- round trips ------------------------------------------------------------------------

TEXT = st.text(
    st.characters(blacklist_characters="\x00", blacklist_categories=("Cs",)), max_size=30
)


@st.composite
def rich_scenarios(draw: st.DrawFn) -> Scenario:
    """Generated scenarios with names, kinds and notes a spreadsheet finds awkward."""
    data = draw(scenario_data())
    for activity in data["activities"]:
        activity["name"] = draw(TEXT.filter(str.strip))
        activity["kind"] = draw(TEXT)
        activity["notes"] = draw(TEXT)
        activity["locked"] = draw(st.booleans())
    return validate_scenario(data)


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(rich_scenarios(), st.booleans())
def test_export_then_import_gives_the_same_activities(scenario: Scenario, replace: bool) -> None:
    result = import_text(scenario, exported(scenario), replace=replace)
    assert result.scenario.activities == scenario.activities
    assert (result.added, result.updated, result.removed) == ([], [], [])


def test_round_trip_of_the_bundled_scenario_through_a_file(
    bundled: Scenario, tmp_path: Path
) -> None:
    tables, _ = tables_of(bundled)
    out = tmp_path / "activities.csv"
    export(tables, out, title="t", source="s", names=["activities"])
    assert import_activities(bundled, out, replace=True).scenario == bundled


EXAMPLE = """\
schema_version = 1
[meta]
title = "t"
[[resources]]
id = "budget"
name = "Budget"
capacity = 10
[[silos]]
id = "econ"
name = "Econ"
[[values]]
id = "prosperity"
name = "Prosperity"
[[activities]]
id = "trade-missions"
name = "Trade"
silo = "econ"
funding = 0.5
"""


@pytest.mark.parametrize(
    "module",
    [
        "integrate_tui.files.spreadsheet",
        "integrate_tui.files.activities_csv",
    ],
)
def test_the_export_modules_stay_in_the_files_layer(module: str) -> None:
    """Below the engine and without Textual (the tables' content is session.export_tables');
    openpyxl comes in only when an XLSX is written."""
    code = (
        f"import sys, {module}\n"
        "print(sorted(m for m in ('textual', 'integrate_tui.engine', 'openpyxl', 'numpy')"
        " if m in sys.modules))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=False
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"
