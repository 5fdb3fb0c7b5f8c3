"""The funding package and its scores as tables for the finance office: the one place that
lays out what an export holds, for the CLI and the app alike.

Nothing is computed here: every number is read from the engine's `Score` and its
`explain_resource`; `files.spreadsheet` writes the tables. Tables: `summary`, `activities` (one
row per activity, importable back, see `activity_columns`), `values`, `interests`,
`resources` (use against capacity) and `silos`.
"""

from __future__ import annotations

from collections.abc import Mapping

from integrate_tui.engine import Score, explain_resource
from integrate_tui.files.activity_columns import (
    SCORE,
    SILO_NAME,
    USED,
    map_column,
    response_text,
)
from integrate_tui.files.tables import FLAG, TEXT, Cell, Column, Table
from integrate_tui.model import Scenario

TABLES = ("summary", "activities", "values", "interests", "resources", "silos")
"""Every table an export can write, in the XLSX sheet order."""

LEVEL, POINTS, AMOUNT, SHARE = "0.00", "0.0", "#,##0.0##", "0.0%"
"""Display formats: funding levels, score points, resource amounts, shares."""


def package_tables(scenario: Scenario, score: Score, source: str) -> dict[str, Table]:
    """Every table of the export, by name (`TABLES` order), for the package `score` scored;
    `source` names the scenario file in the summary."""
    used = {
        r.id: {d.activity: float(d.points) for d in explain_resource(score, r.id).drivers}
        for r in scenario.resources
    }
    tables = (
        _summary(scenario, score, source),
        _activities(scenario, score, used),
        _values(scenario, score),
        _interests(scenario, score),
        _resources(scenario, score),
        _silos(scenario, score),
    )
    return {t.name: t for t in tables}


def _unit(unit: str) -> str:
    return f" ({unit})" if unit else ""


def _summary(scenario: Scenario, score: Score, source: str) -> Table:
    """The headline numbers: what the package scores, whether it fits, who is worst off."""
    fairness, integration = score.fairness, score.integration
    worst = fairness.worst_off
    names = {k.id: k.name for k in scenario.interests}
    rows: list[tuple[Cell, ...]] = [
        ("title", "Scenario", scenario.meta.title),
        ("file", "Scenario file", source),
        ("overall", "Integrated score", float(score.overall)),
        ("feasible", "Fits every capacity", bool(score.feasible)),
        ("worst_off", "Worst-off interest", names.get(worst, "") if worst else ""),
        ("worst_off_score", "Its satisfaction", float(fairness.minimum)),
        ("mean_satisfaction", "Influence-weighted satisfaction", float(fairness.weighted_mean)),
        ("spread", "Spread of satisfaction", float(fairness.spread)),
        ("integration_index", "Share of synergy across silos", float(integration.index)),
    ]
    columns = (
        Column("item", "Item", TEXT),
        Column("label", "What", TEXT),
        Column("value", "Value", TEXT, POINTS),
    )
    return Table("summary", columns, tuple(rows), frozen_columns=2)


def _activities(scenario: Scenario, score: Score, used: Mapping[str, Mapping[str, float]]) -> Table:
    """One row per activity: who owns it, its level and bounds, what it uses and scores."""
    resources, values, interests = scenario.resources, scenario.values, scenario.interests
    columns = (
        Column("silo", "Silo", TEXT),
        Column(SILO_NAME, "Silo name", TEXT),
        Column("id", "Activity id", TEXT),
        Column("name", "Activity", TEXT),
        Column("funding", "Funding", number_format=LEVEL),
        Column("min_funding", "Min", number_format=LEVEL),
        Column("max_funding", "Max", number_format=LEVEL),
        Column("locked", "Locked", FLAG),
        *(
            Column(map_column(USED, r.id), f"{r.name} used{_unit(r.unit)}", number_format=AMOUNT)
            for r in resources
        ),
        Column(SCORE, "Score contribution", number_format=POINTS),
        *(
            Column(map_column("cost", r.id), f"{r.name} at full funding{_unit(r.unit)}")
            for r in resources
        ),
        Column("kind", "Kind", TEXT),
        Column("step", "Step", number_format=LEVEL),
        Column("response", "Response", TEXT),
        *(Column(map_column("impact", v.id), f"Impact on {v.name}") for v in values),
        *(Column(map_column("support", k.id), f"Support of {k.name}") for k in interests),
        Column("notes", "Notes", TEXT),
    )
    silo_names = {x.id: x.name for x in scenario.silos}
    rows = []
    for i, a in enumerate(scenario.activities):
        rows.append(
            (
                a.silo,
                silo_names.get(a.silo, ""),
                a.id,
                a.name,
                float(score.funding[i]),
                a.min_funding,
                a.max_funding,
                a.locked,
                *(used.get(r.id, {}).get(a.id, 0.0) for r in resources),
                float(score.activity_overall[i]),
                *(a.cost.get(r.id) for r in resources),
                a.kind,
                a.step,
                response_text(a.response),
                *(a.impact.get(v.id) for v in values),
                *(a.support.get(k.id) for k in interests),
                a.notes,
            )
        )
    return Table("activities", columns, tuple(rows), frozen_columns=4)


def _values(scenario: Scenario, score: Score) -> Table:
    """Each value's score, with its weight as written and as a share of all weights."""
    columns = (
        Column("id", "Value id", TEXT),
        Column("name", "Value", TEXT),
        Column("weight", "Weight"),
        Column("weight_share", "Weight share", number_format=SHARE),
        Column("score", "Score", number_format=POINTS),
    )
    rows = tuple(
        (v.id, v.name, v.weight, float(score.weights[j]), float(score.values[j]))
        for j, v in enumerate(scenario.values)
    )
    return Table("values", columns, rows, frozen_columns=2)


def _interests(scenario: Scenario, score: Score) -> Table:
    """Each interest's satisfaction with the package, and its political weight."""
    worst = score.fairness.worst_off
    columns = (
        Column("id", "Interest id", TEXT),
        Column("name", "Interest", TEXT),
        Column("influence", "Influence"),
        Column("satisfaction", "Satisfaction", number_format=POINTS),
        Column("worst_off", "Worst off", FLAG),
    )
    rows = tuple(
        (k.id, k.name, k.influence, float(score.interests[j]), k.id == worst)
        for j, k in enumerate(scenario.interests)
    )
    return Table("interests", columns, rows, frozen_columns=2)


def _resources(scenario: Scenario, score: Score) -> Table:
    """Each resource's use against its capacity, and by how much it is over."""
    columns = (
        Column("id", "Resource id", TEXT),
        Column("name", "Resource", TEXT),
        Column("unit", "Unit", TEXT),
        Column("used", "Used", number_format=AMOUNT),
        Column("capacity", "Capacity", number_format=AMOUNT),
        Column("over", "Over capacity by", number_format=AMOUNT),
    )
    rows = tuple(
        (
            r.id,
            r.name,
            r.unit,
            float(score.used[j]),
            float(score.capacity[j]),
            float(score.over[j]),
        )
        for j, r in enumerate(scenario.resources)
    )
    return Table("resources", columns, rows, frozen_columns=2)


def _silos(scenario: Scenario, score: Score) -> Table:
    """Each silo's part of the score and what its activities use of every resource."""
    resources = scenario.resources
    columns = (
        Column("id", "Silo id", TEXT),
        Column("name", "Silo", TEXT),
        Column("score", "Score contribution", number_format=POINTS),
        *(
            Column(map_column(USED, r.id), f"{r.name} used{_unit(r.unit)}", number_format=AMOUNT)
            for r in resources
        ),
        *(
            Column(map_column("share", r.id), f"Share of {r.name} used", number_format=SHARE)
            for r in resources
        ),
    )
    rows: tuple[tuple[Cell, ...], ...] = tuple(
        (
            x.id,
            x.name,
            float(score.silo_overall[j]),
            *(float(score.silo_used[j][n]) for n in range(len(resources))),
            *(float(score.silo_share[j][n]) for n in range(len(resources))),
        )
        for j, x in enumerate(scenario.silos)
    )
    return Table("silos", columns, rows, frozen_columns=2)
