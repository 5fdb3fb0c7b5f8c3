"""The report's first section, the decision: the adopted package (the scenario's funding and
weights now), every activity's level and what it uses, the change against the baseline
(`options.baseline`), the score it buys and who gains and who loses.

Every number is the engine's: `score` for each state, `diff` for the ledger (its gainers and
losers), `explain_resource` for what each activity uses, and a frontier only when one is
passed in (it takes solves, which a report builder does not run).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from integrate_tui.engine import Change, Compiled, Ledger, Score, diff, explain_resource
from integrate_tui.formats import amount, level
from integrate_tui.model import Scenario
from integrate_tui.workshop.options import State, baseline, current_state
from integrate_tui.workshop.report_blocks import (
    SHARE_DIGITS,
    Bar,
    Block,
    Bullets,
    Chart,
    Compare,
    Pair,
    Point,
    Scatter,
    Table,
    Text,
    number,
    percent,
    signed,
)

if TYPE_CHECKING:
    from integrate_tui.engine.optimise import Frontier

TITLE = "Decision: the adopted package"
NBSP = "\u00a0"
ADOPTED, BASE = "adopted", "baseline"
"""How the two packages are named beside their numbers."""
NO_BASELINE = (
    "No baseline was recorded (keep an option called 'Baseline', or close a round), so the "
    "package is shown without changes."
)


def decision_blocks(
    scenario: Scenario, model: Compiled, frontier: Frontier | None = None
) -> list[Block]:
    """The adopted package, what it buys and whom it moves, against the baseline if any."""
    after = current_state(scenario).score(model)
    base = baseline(scenario)
    before = base.score(model) if base is not None else None
    ledger = diff(before, after) if before is not None else None
    blocks: list[Block] = [_intro(base), _headline(after, ledger), _capacity(after)]
    if ledger is not None:
        blocks += [Text(f"In one line: {ledger.headline()}."), _who(ledger)]
    blocks.append(_package(scenario, after, before, ledger))
    blocks += _values(scenario, after, ledger)
    blocks += _interests(scenario, after, ledger)
    blocks.append(_resources(scenario, after, before))
    if frontier is not None:
        blocks.append(_frontier(frontier, after, before))
    return blocks


def _intro(base: State | None) -> Text:
    if base is None:
        return Text(
            "The adopted package is the scenario's funding and value weights now. " + NO_BASELINE
        )
    return Text(
        "The adopted package is the scenario's funding and value weights now, "
        f"compared with the baseline: {base.label}."
    )


def _headline(after: Score, ledger: Ledger | None) -> Text:
    text = f"It buys an integrated score of {number(after.overall)}"
    if ledger is not None:
        o = ledger.overall
        text += f", {signed(o.delta)} against the baseline's {number(o.before)}"
    return Text(text + ".", strong=True)


def _capacity(after: Score) -> Text:
    """Whether the package fits every resource, and by how much it does not."""
    resources = after.model.scenario.resources
    over = [
        f"{r.name} uses {amount(float(after.used[k]))} of {amount(r.capacity)} "
        f"{r.unit}, over by {amount(float(after.over[k]))}".replace("  ", " ")
        for k, r in enumerate(resources)
        if after.over[k] > 0
    ]
    if over:
        return Text("Over capacity: " + "; ".join(over) + ".", strong=True)
    return Text("It fits every resource's capacity.")


def _who(ledger: Ledger) -> Bullets:
    """The engine ledger's gainers, losers and the activities cut to make room."""

    def listed(changes: list[Change], none: str) -> str:
        return ", ".join(f"{c.name} {signed(c.delta)}" for c in changes) or none

    return Bullets(
        [
            "Gains: " + listed(ledger.gainers(), "no interest"),
            "Loses: " + listed(ledger.losers(), "no interest"),
            "Made room (funding cut): "
            + (", ".join(c.name for c in ledger.displaced()) or "nothing"),
        ]
    )


def _uses(score: Score) -> list[str]:
    """What each activity uses of every resource at its level (the engine's explanation);
    a number and its unit never part at a line break."""
    m, s = score.model, score.model.scenario
    spent: list[list[str]] = [[] for _ in m.activity_ids]
    where = m.index["activities"]
    for r in s.resources:
        for d in explain_resource(score, r.id).drivers:
            spent[where[d.activity]].append(f"{amount(d.points)}{NBSP}{r.unit}".rstrip())
    return [", ".join(parts) or "nothing" for parts in spent]


def _package(
    scenario: Scenario, after: Score, before: Score | None, ledger: Ledger | None
) -> Table:
    """Every activity: its level (and the baseline's, and the change), what it uses and its
    silo — the numbers first, so a narrow screen shows them beside the name."""
    silos = {x.id: x.name for x in scenario.silos}
    moved = {c.id: c for c in ledger.funding} if ledger is not None else {}
    uses = _uses(after)
    rows = []
    for i, a in enumerate(scenario.activities):
        levels = [level(float(after.funding[i]))]
        if before is not None:
            change = signed(moved[a.id].delta, 2) if a.id in moved else "—"
            levels = [level(float(before.funding[i])), *levels, change]
        rows.append([a.name, *levels, uses[i], silos.get(a.silo, a.silo)])
    if before is None:
        return Table(["Activity", "Level", "Uses", "Silo"], rows, [False, True, False, False])
    columns = ["Activity", "Baseline", "Adopted", "Change", "Uses (adopted)", "Silo"]
    return Table(columns, rows, [False, True, True, True, False, False])


def _values(scenario: Scenario, after: Score, ledger: Ledger | None) -> list[Block]:
    names = [v.name for v in scenario.values]
    if ledger is None:
        rows = [
            [n, number(float(x)), percent(float(w), SHARE_DIGITS)]
            for n, w, x in zip(names, after.weights, after.values, strict=True)
        ]
        return [
            Table(
                ["Value", "Score", "Weight"],
                [["Integrated score", number(after.overall), ""], *rows],
                [False, True, True],
            ),
            Chart(
                "Value scores",
                [
                    Bar(n, float(x), number(float(x)))
                    for n, x in zip(names, after.values, strict=True)
                ],
            ),
        ]
    weights = {
        v: percent(float(w), SHARE_DIGITS)
        for v, w in zip(after.model.value_ids, after.weights, strict=True)
    }
    rows = [_change_row(ledger.overall, "")]
    rows += [_change_row(c, weights[c.id]) for c in ledger.values]
    return [
        Table(
            ["Score", "Baseline", "Adopted", "Change", "Weight"],
            rows,
            [False, True, True, True, True],
        ),
        Compare(
            "Value scores, baseline and adopted",
            BASE,
            ADOPTED,
            [
                Pair(c.name, c.before, c.after, number(c.before), number(c.after))
                for c in ledger.values
            ],
        ),
    ]


def _change_row(c: Change, weight: str) -> list[str]:
    return [c.name, number(c.before), number(c.after), signed(c.delta), weight]


def _interests(scenario: Scenario, after: Score, ledger: Ledger | None) -> list[Block]:
    if not scenario.interests:
        return []
    if ledger is None:
        names = [k.name for k in scenario.interests]
        return [
            Table(
                ["Interest", "Satisfaction"],
                [[n, number(float(x))] for n, x in zip(names, after.interests, strict=True)],
                [False, True],
            )
        ]
    return [
        Table(
            ["Interest", "Baseline", "Adopted", "Change"],
            [
                [c.name, number(c.before), number(c.after), signed(c.delta)]
                for c in ledger.interests
            ],
            [False, True, True, True],
        ),
        Chart(
            "Who gains and who loses: change in each interest's satisfaction",
            [Bar(c.name, c.delta, signed(c.delta)) for c in ledger.interests],
            negative="loses",
            positive="gains",
        ),
    ]


def _resources(scenario: Scenario, after: Score, before: Score | None) -> Table:
    rows = []
    for k, r in enumerate(scenario.resources):
        name = f"{r.name} ({r.unit})" if r.unit else r.name
        used = float(after.used[k])
        share = percent(used / r.capacity, SHARE_DIGITS) if r.capacity else "—"
        fits = f"over by {amount(float(after.over[k]))}" if after.over[k] > 0 else "fits"
        start = [amount(float(before.used[k]))] if before is not None else []
        rows.append([name, *start, amount(used), amount(r.capacity), share, fits])
    first = ["Resource", *(["Baseline"] if before is not None else []), "Adopted"]
    columns = [*first, "Capacity", "Use", "Against capacity"]
    return Table(columns, rows, [False, *([True] * (len(first) - 1)), True, True, False])


def _frontier(frontier: Frontier, after: Score, before: Score | None) -> Scatter:
    """The frontier's efficient packages, with the adopted package (and the baseline) marked."""
    marks = [Point(frontier.x.read(after), frontier.y.read(after), ADOPTED.capitalize())]
    if before is not None:
        marks.append(Point(frontier.x.read(before), frontier.y.read(before), BASE.capitalize()))
    return Scatter(
        f"The frontier between {frontier.x.name} and {frontier.y.name}",
        frontier.x.name,
        frontier.y.name,
        [Point(p.x, p.y) for p in frontier.points],
        marks,
    )
