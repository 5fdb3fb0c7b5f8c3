"""Every validation rule, seen through a file: the problem names the entity, field and line."""

from __future__ import annotations

from pathlib import Path

import pytest

from integrate_tui.files import FileProblem, ScenarioFileError, load

WORKSHOP = """
[[workshop.participants]]
id = "ana"
name = "Ana"
interest = "business"

[[workshop.rounds]]
title = "Round 1"
funding = { trade-missions = 0.5, sister-cities = 1 }
"""

DUPLICATE_INTERACTION = """
[[interactions]]
between = ["sister-cities", "trade-missions"]
effect = -0.2
"""

# (rule, text replaced, replacement, expected location, message part, text on the expected line)
CASES = [
    (
        "unknown key with did-you-mean",
        "capacity = 1800",
        "capcity = 1800",
        'resources[0] "budget" → capcity',
        "unknown key 'capcity' — did you mean 'capacity'?",
        "capcity",
    ),
    (
        "missing required key",
        'name = "Staff time"\n',
        "",
        'resources[1] "staff" → name',
        "required key 'name' is missing",
        '[[resources]]\nid = "staff"',
    ),
    (
        "wrong type",
        "capacity = 7.5",
        'capacity = "7.5"',
        'resources[1] "staff" → capacity',
        "must be a number, not text '7.5'",
        'capacity = "7.5"',
    ),
    (
        "out of range",
        "impact = { prosperity = 4",
        "impact = { prosperity = 9",
        'activities[0] "trade-missions" → impact.prosperity',
        "must be ≤ 5, not 9",
        "impact = { prosperity = 9",
    ),
    (
        "not a number (nan)",
        "funding = 0.8",
        "funding = nan",
        'activities[0] "trade-missions" → funding',
        "must be a finite number, not nan",
        "funding = nan",
    ),
    (
        "not a number (inf)",
        "capacity = 1800",
        "capacity = inf",
        'resources[0] "budget" → capacity',
        "must be a finite number, not inf",
        "capacity = inf",
    ),
    (
        "negative capacity",
        "capacity = 1800",
        "capacity = -3",
        'resources[0] "budget" → capacity',
        "must be ≥ 0, not -3",
        "capacity = -3",
    ),
    (
        "negative cost",
        "cost = { budget = 150",
        "cost = { budget = -150",
        'activities[1] "sister-cities" → cost.budget',
        "must be ≥ 0, not -150",
        "cost = { budget = -150",
    ),
    (
        "non-slug id",
        'id = "econ"',
        'id = "Econ Dept"',
        'silos[1] "Econ Dept" → id',
        "'Econ Dept' is not a valid id",
        'id = "Econ Dept"',
    ),
    (
        "duplicate id",
        'id = "openness"',
        'id = "prosperity"',
        'values[1] "prosperity" → id',
        "duplicate id 'prosperity': values[0] has it already",
        'id = "prosperity"\nname = "Openness',
    ),
    (
        "activity → silo",
        'silo = "econ"',
        'silo = "econo"',
        'activities[0] "trade-missions" → silo',
        "unknown silo 'econo' — did you mean 'econ'?",
        'silo = "econo"',
    ),
    (
        "cost → resource",
        "staff = 1.5",
        "staf = 1.5",
        'activities[0] "trade-missions" → cost.staf',
        "unknown resource 'staf' — did you mean 'staff'?",
        "staf = 1.5",
    ),
    (
        "impact → value",
        "impact = { openness = 4",
        "impact = { opennes = 4",
        'activities[1] "sister-cities" → impact.opennes',
        "unknown value 'opennes' — did you mean 'openness'?",
        "impact = { opennes = 4",
    ),
    (
        "support → interest",
        "support = { business = 2 }",
        "support = { busines = 2 }",
        'activities[0] "trade-missions" → support.busines',
        "unknown interest 'busines' — did you mean 'business'?",
        "support = { busines",
    ),
    (
        "cares → value",
        "cares = { openness = 3",
        "cares = { equity = 3",
        'interests[1] "diaspora" → cares.equity',
        "unknown value 'equity' (known: openness, prosperity)",
        "cares = { equity = 3",
    ),
    (
        "interaction → activity",
        'between = ["trade-missions", "sister-cities"]',
        'between = ["trade-missions", "sister-city"]',
        "interactions[0] → between[1]",
        "unknown activity 'sister-city' — did you mean 'sister-cities'?",
        "between = [",
    ),
    (
        "self-interaction",
        'between = ["trade-missions", "sister-cities"]',
        'between = ["trade-missions", "trade-missions"]',
        "interactions[0] → between",
        "activity 'trade-missions' cannot interact with itself",
        "between = [",
    ),
    (
        "duplicate interaction",
        'note = "Sister-city ties open doors for trade delegations."\n',
        'note = "Sister-city ties open doors for trade delegations."\n' + DUPLICATE_INTERACTION,
        "interactions[1] → between",
        "duplicate interaction between 'sister-cities' and 'trade-missions'",
        'between = ["sister-cities"',
    ),
    (
        "workshop participant → interest",
        'delegations."\n',
        'delegations."\n' + WORKSHOP.replace('interest = "business"', 'interest = "busines"'),
        'workshop.participants[0] "ana" → interest',
        "unknown interest 'busines' — did you mean 'business'?",
        'interest = "busines"',
    ),
    (
        "round funding → activity",
        'delegations."\n',
        'delegations."\n' + WORKSHOP.replace("sister-cities = 1", "exchanges = 1"),
        "workshop.rounds[0] → funding.exchanges",
        "unknown activity 'exchanges'",
        "funding = { trade-missions = 0.5, exchanges",
    ),
    (
        "round counts → participant",
        'delegations."\n',
        'delegations."\n' + WORKSHOP.replace("funding = {", "counts = { zed = 0.5 }\nfunding = {"),
        "workshop.rounds[0] → counts.zed",
        "unknown participant 'zed'",
        "counts = { zed = 0.5 }",
    ),
    (
        "round start funding → activity",
        'delegations."\n',
        'delegations."\n'
        + WORKSHOP.replace("funding = {", "start_funding = { exchanges = 1 }\nfunding = {"),
        "workshop.rounds[0] → start_funding.exchanges",
        "unknown activity 'exchanges'",
        "start_funding = { exchanges = 1 }",
    ),
    (
        "superseded submission → participant",
        'delegations."\n',
        'delegations."\n' + WORKSHOP + '\n[[workshop.rounds.history]]\nparticipant = "bob"\n',
        "workshop.rounds[0] → history[0].participant",
        "unknown participant 'bob'",
        'participant = "bob"',
    ),
    (
        "funding outside bounds",
        "funding = 0.5",
        "funding = 0.1",
        'activities[1] "sister-cities" → funding',
        "funding 0.1 is outside [min_funding, max_funding] = [0.2, 1]",
        "funding = 0.1",
    ),
    (
        "response points not increasing",
        "[0.6, 0.7]",
        "[0.2, 0.7]",
        'activities[1] "sister-cities" → response',
        "response funding levels must increase: point 2 (0.2) is not above point 1 (0.3)",
        "response = [[0, 0]",
    ),
    (
        "response points not starting at [0, 0]",
        "response = [[0, 0]",
        "response = [[0.1, 0]",
        'activities[1] "sister-cities" → response',
        "must start at [0, 0], not [0.1, 0.0]",
        "response = [[0.1, 0]",
    ),
    (
        "newer schema_version",
        "schema_version = 1",
        "schema_version = 2",
        "schema_version",
        "this file needs a newer integrate-tui (schema_version 2;",
        "schema_version = 2",
    ),
]


def problems_for(path: Path, text: str) -> list[FileProblem]:
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ScenarioFileError) as error:
        load(path)
    return error.value.problems


@pytest.mark.parametrize(
    ("old", "new", "location", "message", "line_text"),
    [case[1:] for case in CASES],
    ids=[case[0] for case in CASES],
)
def test_rule_names_entity_field_and_line(
    example_path: Path,
    example_toml: str,
    old: str,
    new: str,
    location: str,
    message: str,
    line_text: str,
) -> None:
    assert old in example_toml
    text = example_toml.replace(old, new, 1)
    problems = problems_for(example_path, text)
    matching = [p for p in problems if p.location == location]
    assert matching, f"no problem at {location!r} in {[str(p) for p in problems]}"
    problem = matching[0]
    assert message in problem.message
    assert problem.line == text.count("\n", 0, text.index(line_text)) + 1
    assert str(problem) == f"{example_path}:{problem.line}: {location}: {problem.message}"


def test_missing_schema_version_has_no_line(example_path: Path, example_toml: str) -> None:
    problems = problems_for(example_path, example_toml.replace("schema_version = 1\n", ""))
    assert [str(p) for p in problems] == [
        f"{example_path}: schema_version: missing: add `schema_version = 1` at the top"
    ]


def test_problem_reported_on_subtable_line(example_path: Path, example_toml: str) -> None:
    text = example_toml.replace("cost = { budget = 420, staff = 1.5 }\n", "").replace(
        'response = "diminishing"\nfunding = 0.8\n',
        "funding = 0.8\n\n[activities.cost]\nbudget = -4\n",
    )
    (problem,) = problems_for(example_path, text)
    assert problem.location == 'activities[0] "trade-missions" → cost.budget'
    assert problem.line == text.splitlines().index("budget = -4") + 1


def test_min_above_max_and_funding_above_max_are_both_said(
    example_path: Path, example_toml: str
) -> None:
    text = example_toml.replace("funding = 0.8\n", "funding = 1.4\nmin_funding = 1.2\n", 1)
    said = [p.message for p in problems_for(example_path, text)]
    assert "min_funding 1.2 is above max_funding 1" in said
    assert "funding 1.4 is above max_funding 1" in said
