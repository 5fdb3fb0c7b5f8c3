"""The workshop report: what the scenario is, who took part, each round, the decisions, and
the final package against the baseline as a tradeoff ledger.

`build_report` gathers everything into plain blocks; `to_markdown` and `to_html` draw them.
Every score, use of resources and change comes from one engine call per state (`replay`),
so the report shows the numbers the workbench showed.
"""

from __future__ import annotations

from integrate_tui.engine import Change, Compiled, Ledger, compile_scenario, diff
from integrate_tui.model import Scenario
from integrate_tui.workshop.base import workshop_of
from integrate_tui.workshop.log import KINDS, authors
from integrate_tui.workshop.options import baseline, current_state
from integrate_tui.workshop.replay import NOW, Step, replay
from integrate_tui.workshop.report_blocks import (
    SHARE_DIGITS,
    Bar,
    Block,
    Bullets,
    Chart,
    Report,
    Section,
    Table,
    Text,
    number,
    percent,
    signed,
    when,
)
from integrate_tui.workshop.report_consensus import consensus_blocks
from integrate_tui.workshop.report_html import to_html
from integrate_tui.workshop.report_markdown import to_markdown
from integrate_tui.workshop.report_rounds import round_sections

__all__ = ["build_report", "render", "to_html", "to_markdown"]


def build_report(scenario: Scenario) -> Report:
    """Every section of the report, in reading order."""
    model = compile_scenario(scenario)
    steps = replay(scenario, model)
    workshop = workshop_of(scenario)
    closed = sum(r.closed is not None for r in workshop.rounds)
    subtitle = (
        f"Workshop report: {len(workshop.participants)} participants, "
        f"{closed} of {len(workshop.rounds)} rounds closed, {len(workshop.log)} log entries"
    )
    rounds = round_sections(scenario, model, steps)
    return Report(
        scenario.meta.title,
        subtitle,
        [
            Section("Scenario", 2, _scenario(scenario, model)),
            Section("Participants", 2, _participants(scenario)),
            Section("Rounds", 2, [] if rounds else [Text("No rounds were recorded.")]),
            *rounds,
            Section(
                "Consensus: the package that asks least of anyone",
                2,
                consensus_blocks(scenario, model),
            ),
            Section("Decision log", 2, _log(scenario)),
            Section("Session timeline", 2, _timeline(steps)),
            Section("Final package against the baseline", 2, _final(scenario, model)),
        ],
    )


def render(scenario: Scenario, fmt: str) -> str:
    """The report as `"markdown"` or `"html"` text."""
    report = build_report(scenario)
    return to_html(report) if fmt == "html" else to_markdown(report)


def _scenario(scenario: Scenario, model: Compiled) -> list[Block]:
    now = current_state(scenario).score(model)
    blocks: list[Block] = [Text(scenario.meta.description)] if scenario.meta.description else []
    counts = [
        ("Activities", len(scenario.activities)),
        ("Silos", len(scenario.silos)),
        ("Values", len(scenario.values)),
        ("Interests", len(scenario.interests)),
        ("Resources", len(scenario.resources)),
    ]
    blocks += [
        Table(["In the model", "Count"], [[k, str(n)] for k, n in counts], [False, True]),
        Text(f"Integrated score now: {number(now.overall)}."),
        Table(
            ["Value", "Weight now", "Score now"],
            [
                [v.name, percent(w, SHARE_DIGITS), number(x)]
                for v, w, x in zip(scenario.values, now.weights, now.values, strict=True)
            ],
            [False, True, True],
        ),
        Chart(
            "Value scores now",
            [
                Bar(v.name, float(x), number(x))
                for v, x in zip(scenario.values, now.values, strict=True)
            ],
        ),
        Table(
            ["Resource", "Used", "Capacity", "Use"],
            [
                [
                    f"{r.name} ({r.unit})" if r.unit else r.name,
                    number(u),
                    number(r.capacity),
                    percent(u / r.capacity, SHARE_DIGITS) if r.capacity else "—",
                ]
                for r, u in zip(scenario.resources, now.used, strict=True)
            ],
            [False, True, True, True],
        ),
    ]
    return blocks


def _participants(scenario: Scenario) -> list[Block]:
    people = workshop_of(scenario).participants
    if not people:
        return [Text("No participants were recorded.")]
    interests = {k.id: k.name for k in scenario.interests}
    rows = [[p.name, p.id, interests.get(p.interest or "", "—")] for p in people]
    return [Table(["Name", "Id", "Speaks for"], rows)]


def _log(scenario: Scenario) -> list[Block]:
    log = workshop_of(scenario).log
    if not log:
        return [Text("The decision log is empty.")]
    rows = [
        [
            when(e.at),
            KINDS.get(e.kind, e.kind),
            "—" if e.round is None else str(e.round + 1),
            authors(scenario, e) or "—",
            e.text,
        ]
        for e in log
    ]
    columns = ["When", "Kind", "Round", "By", "Entry"]
    return [Table(columns, rows, [False, False, True, False, False])]


def _timeline(steps: list[Step]) -> list[Block]:
    if not steps:
        return [Text("Nothing has been recorded yet.")]
    rows = [
        [
            str(s.number),
            "now" if s.kind == NOW else when(s.at),
            s.kind,
            s.title,
            number(s.score.overall),
            signed(s.ledger.overall.delta) if s.ledger else "",
        ]
        for s in steps
    ]
    columns = ["Step", "When", "What", "Title", "Integrated score", "Change"]
    return [Table(columns, rows, [True, False, False, False, True, True])]


def _final(scenario: Scenario, model: Compiled) -> list[Block]:
    base = baseline(scenario)
    if base is None:
        return [
            Text(
                "No baseline was recorded: keep an option called 'Baseline', "
                "or close a round, to compare against."
            )
        ]
    ledger = diff(base.score(model), current_state(scenario).score(model))
    return [
        Text(f"Baseline: {base.label}. Final package: the scenario's funding and weights now."),
        Text(f"In one line: {ledger.headline()}."),
        *_ledger_blocks(ledger),
    ]


def _changes_table(first: str, changes: list[Change], digits: int = 1) -> Table:
    rows = [
        [c.name, number(c.before, digits), number(c.after, digits), signed(c.delta, digits)]
        for c in changes
    ]
    return Table([first, "Baseline", "Final", "Change"], rows, [False, True, True, True])


def _ledger_blocks(ledger: Ledger) -> list[Block]:
    blocks: list[Block] = [
        _changes_table("Score", [ledger.overall, *ledger.values]),
        Chart(
            "Change in value scores", [Bar(c.name, c.delta, signed(c.delta)) for c in ledger.values]
        ),
    ]
    if ledger.interests:
        blocks += [
            _changes_table("Interest", ledger.interests),
            Chart(
                "Change in interest satisfaction",
                [Bar(c.name, c.delta, signed(c.delta)) for c in ledger.interests],
            ),
        ]
    rows = [
        [
            r.name,
            number(r.before),
            number(r.after),
            number(r.capacity),
            f"over by {number(r.over)}" if r.over > 0 else "fits",
        ]
        for r in ledger.resources
    ]
    blocks.append(
        Table(
            ["Resource", "Baseline", "Final", "Capacity", "Final vs capacity"],
            rows,
            [False, True, True, True, False],
        )
    )
    if ledger.funding:
        blocks.append(_changes_table("Funding changed", ledger.funding, 2))
    lines = [
        "Gainers: "
        + (", ".join(f"{c.name} {signed(c.delta)}" for c in ledger.gainers()) or "none"),
        "Losers: " + (", ".join(f"{c.name} {signed(c.delta)}" for c in ledger.losers()) or "none"),
        "Made room (funding cut): " + (", ".join(c.name for c in ledger.displaced()) or "nothing"),
    ]
    return [*blocks, Bullets(lines)]
