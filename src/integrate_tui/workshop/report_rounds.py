"""The report's round sections: weights given, how far apart people were, votes, and the close."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from integrate_tui.engine import Compiled
from integrate_tui.model import Round, Scenario
from integrate_tui.workshop.aggregate import METHODS, Method, aggregate, disagreement
from integrate_tui.workshop.ahp import judgement_map, priorities
from integrate_tui.workshop.ballot import ballot_contents
from integrate_tui.workshop.base import workshop_of
from integrate_tui.workshop.errors import WorkshopError
from integrate_tui.workshop.replay import CLOSED, Step
from integrate_tui.workshop.report_blocks import (
    SHARE_DIGITS,
    Bar,
    Block,
    Bullets,
    Chart,
    Section,
    Table,
    Text,
    number,
    percent,
    signed,
    when,
)
from integrate_tui.workshop.results import NO_DOTS, NO_RANKING, votes_disagree
from integrate_tui.workshop.rounds import ROUND_KINDS, ballot_options, dot_budget, round_votes

DEFAULT_METHOD: Method = next(iter(METHODS))
"""The group weights a round is compared with when it neither names a method nor closed."""


def round_sections(scenario: Scenario, model: Compiled, steps: list[Step]) -> list[Section]:
    """One level-3 section per round, with level-4 parts for what the round recorded."""
    people = {p.id: p.name for p in workshop_of(scenario).participants}
    sections = []
    for i, round_ in enumerate(workshop_of(scenario).rounds):
        close = next((s for s in steps if s.kind == CLOSED and s.round == i), None)
        sections.append(Section(f"Round {i + 1}: {round_.title}", 3, _overview(scenario, round_)))
        if any(given.weights for given in round_.inputs.values()):
            blocks = _guarded(_weights, scenario, round_, close, people)
            sections.append(Section("Weights", 4, blocks))
        if any(given.judgements for given in round_.inputs.values()):
            blocks = _guarded(_consistency, scenario, round_, people)
            sections.append(Section("Pairwise consistency", 4, blocks))
        if round_.votes or (round_.kind == "vote" and round_.started is not None):
            sections.append(Section("Votes", 4, _guarded(_votes, scenario, i, people)))
        if round_.kind == "vote" and round_.started is not None:
            sections.append(Section("Options", 4, _guarded(_contents, scenario, i)))
        if close is not None:
            blocks = _guarded(_close, model, close)
            sections.append(Section("Funding and scores at close", 4, blocks))
    return sections


def _guarded(part: Callable[..., list[Block]], *args: Any) -> list[Block]:
    """A part's blocks, or why a hand-edited record cannot be shown: a report never fails."""
    try:
        return part(*args)
    except WorkshopError as error:
        return [Text(f"Cannot be shown: {error}")]


def _overview(scenario: Scenario, round_: Round) -> list[Block]:
    lines = [f"Kind: {ROUND_KINDS[round_.kind]}"]
    if round_.silo_priorities:
        names = {silo.id: silo.name for silo in scenario.silos}
        order = ", then ".join(names.get(s, s) for s in round_.silo_priorities)
        lines.append(f"Silo priorities: protect {order}")
    if round_.aggregation is not None:
        lines.append(f"Group weights by: {METHODS[round_.aggregation]}")
    if round_.kind == "vote" or round_.options:
        options = ", ".join(round_.options) or "not recorded"
        lines.append(f"On the ballot: {options}; {dot_budget(round_)} dots per participant")
    if round_.minutes is not None:
        lines.append(f"Time box: {round_.minutes:g} minutes")
    lines.append(f"Started: {when(round_.started)}; closed: {when(round_.closed)}")
    if round_.started and round_.closed:
        minutes = (round_.closed - round_.started).total_seconds() / 60
        lines.append(f"Took {minutes:.0f} minutes")
    if round_.decision:
        lines.append(f"Decision: {round_.decision}")
    blocks: list[Block] = [Text(round_.purpose)] if round_.purpose else []
    return [*blocks, Bullets(lines)]


def _weights(
    scenario: Scenario, round_: Round, close: Step | None, people: dict[str, str]
) -> list[Block]:
    values = [v.id for v in scenario.values]
    names = [v.name for v in scenario.values]
    given = {p: dict(i.weights) for p, i in round_.inputs.items() if i.weights}
    groups = {method: aggregate(given, values, method) for method in METHODS}
    method = round_.aggregation or DEFAULT_METHOD
    first = next(iter(groups.values()))
    rows = [
        [people.get(p, p), *(percent(w[v], SHARE_DIGITS) for v in values)]
        for p, w in first.individual.items()
    ]
    rows += [
        [
            f"Group: {label}" + (" (the round's method)" if m == round_.aggregation else ""),
            *(percent(groups[m].weights[v], SHARE_DIGITS) for v in values),
        ]
        for m, label in METHODS.items()
    ]
    if close is not None:
        weights = map(float, close.score.weights)
        in_force = dict(zip(close.score.model.value_ids, weights, strict=True))
        rows.append(["In force at close", *(percent(in_force[v], SHARE_DIGITS) for v in values)])
        reference, label = in_force, "the weights in force at close"
    else:
        reference, label = groups[method].weights, f"the {METHODS[method]}"
    spread = disagreement(given, values, reference)
    blocks: list[Block] = [
        Table(["Participant", *names], rows, [False, *([True] * len(values))]),
        Table(
            ["Value", "Spread (sd)", "Range", "Furthest from the group"],
            [
                [
                    name,
                    percent(s.sd, SHARE_DIGITS),
                    f"{percent(s.low, SHARE_DIGITS)} – {percent(s.high, SHARE_DIGITS)}",
                    "; ".join(
                        f"{people.get(p, p)} ({signed(100 * gap)} points)"
                        for p, gap in ((s.furthest, s.gap), *s.tied)
                    )
                    + (" — tied" if s.tied else ""),
                ]
                for name, s in zip(names, spread.spread, strict=True)
            ],
            [False, True, True, False],
        ),
        Bullets(
            [
                f"{people.get(p, p)}: {percent(d, SHARE_DIGITS)} of their weight away from {label}"
                for p, d in spread.furthest()
            ]
        ),
    ]
    geometric = groups["geometric"]
    if geometric.vetoed:
        value_names = dict(zip(values, names, strict=True))
        blocks.append(
            Bullets(
                [
                    f"Geometric mean: {value_names[v]} is 0 because "
                    f"{', '.join(people.get(p, p) for p in geometric.zeros[v])} gave it 0"
                    for v in geometric.vetoed
                ]
            )
        )
    return blocks


def _consistency(scenario: Scenario, round_: Round, people: dict[str, str]) -> list[Block]:
    values = [v.id for v in scenario.values]
    names = {v.id: v.name for v in scenario.values}
    rows = []
    for p, given in round_.inputs.items():
        if not given.judgements:
            continue
        try:
            result = priorities(values, judgement_map(given.judgements))
        except WorkshopError as error:
            rows.append([people.get(p, p), "—", "—", f"cannot recompute: {error}"])
            continue
        note = result.worst.explain(names) if result.worst else "—"
        rows.append(
            [people.get(p, p), f"{result.cr:.3f}", "yes" if result.consistent else "no", note]
        )
    return [
        Table(
            ["Participant", "CR", "CR ≤ 0.10", "Most inconsistent judgement"],
            rows,
            [False, True, False, False],
        )
    ]


def _votes(scenario: Scenario, index: int, people: dict[str, str]) -> list[Block]:
    dotted, ranked = round_votes(scenario, index)
    if dotted is None and ranked is None:
        return [Text("No ballots were cast.")]
    blocks: list[Block] = []
    if dotted is not None:
        blocks += [
            Text(f"Dot vote: {dotted.summary()}."),
            Chart(
                "Dots per option", [Bar(t.option, t.votes, str(t.votes)) for t in dotted.tallies]
            ),
        ]
        if dotted.abstained:
            names = ", ".join(people[p] for p in dotted.abstained)
            blocks.append(Text(f"{NO_DOTS}: {names}."))
    if ranked is not None:
        options = ranked.options
        columns = ["Count", *options, "Exhausted", "Outcome"]
        rows = [
            [
                str(r.number),
                *(str(r.counts[o]) if o in r.counts else "—" for o in options),
                str(r.exhausted),
                f"{', '.join(r.eliminated)} out: {r.reason}" if r.eliminated else r.reason,
            ]
            for r in ranked.rounds
        ]
        blocks += [
            Text(f"Ranked choice (instant runoff): {ranked.summary()}."),
            Table(columns, rows, [True, *([True] * len(options)), True, False]),
        ]
        if ranked.abstained:
            names = ", ".join(people[p] for p in ranked.abstained)
            blocks.append(Text(f"{NO_RANKING}: {names}."))
    split = votes_disagree(dotted, ranked)
    if split:
        blocks.append(Text(f"⚠ {split}"))
    return blocks


def _contents(scenario: Scenario, index: int) -> list[Block]:
    """What each option on the ballot funds and how it scores, all with the same weights."""
    contents = ballot_contents(scenario, ballot_options(scenario, index))
    rows = []
    for c in contents:
        if c.compared:
            funds = "; ".join(
                f"{f.name} {number(f.level, 2)} ({signed(f.change, 2)})" for f in c.changes
            )
            funds = funds or "same as the baseline"
        else:
            funds = "; ".join(f"{f.name} {number(f.level, 2)}" for f in c.funded)
        scores = ", ".join(f"{n} {number(x)}" for n, x in (*c.values, *c.interests))
        rows.append([c.name, funds, number(c.overall), scores])
    return [
        Text(
            "What each option funds (changes against the baseline), all scored with the "
            "group's weights in force now:"
        ),
        Table(
            ["Option", "Funds", "Integrated score", "Value and interest scores"],
            rows,
            [False, False, True, False],
        ),
    ]


def _close(model: Compiled, step: Step) -> list[Block]:
    s = step.score
    blocks: list[Block] = [Text(f"Integrated score at close: {number(s.overall)}.")]
    if step.ledger is not None:
        blocks.append(Text(f"Since the previous step: {step.ledger.headline()}."))
    scenario = model.scenario
    blocks.append(
        Chart(
            "Value scores at close",
            [
                Bar(v.name, float(x), number(x))
                for v, x in zip(scenario.values, s.values, strict=True)
            ],
        )
    )
    moved = {c.id: c for c in step.ledger.funding} if step.ledger else {}
    rows = [
        [a.name, number(f, 2), signed(moved[a.id].delta, 2) if a.id in moved else ""]
        for a, f in zip(scenario.activities, s.funding, strict=True)
    ]
    blocks.append(Table(["Activity", "Funding", "Change"], rows, [False, True, True]))
    return blocks
