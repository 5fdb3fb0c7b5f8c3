"""The workshop report: it leads with the decision — the adopted package against the
baseline, the score it buys and who gains and who loses — then tells the story: what the
scenario is, who took part, each round, the consensus, the log and the timeline.

`build_report` gathers everything into plain blocks; `to_markdown` and `to_html` draw them.
Every score, use of resources and change comes from one engine call per state (`replay`),
so the report shows the numbers the workbench showed. A frontier (which takes solves) is
drawn only when the caller passes one in.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from integrate_tui.engine import compile_scenario
from integrate_tui.model import Scenario
from integrate_tui.workshop.base import workshop_of
from integrate_tui.workshop.log import KINDS, authors
from integrate_tui.workshop.replay import NOW, Step, replay
from integrate_tui.workshop.report_blocks import (
    Block,
    Report,
    Section,
    Table,
    Text,
    number,
    signed,
    when,
)
from integrate_tui.workshop.report_consensus import consensus_blocks
from integrate_tui.workshop.report_decision import TITLE, decision_blocks
from integrate_tui.workshop.report_html import to_html
from integrate_tui.workshop.report_markdown import to_markdown
from integrate_tui.workshop.report_rounds import round_sections

if TYPE_CHECKING:
    from integrate_tui.engine.optimise import Frontier

__all__ = ["build_report", "render", "to_html", "to_markdown"]


def build_report(scenario: Scenario, frontier: Frontier | None = None) -> Report:
    """Every section of the report, in reading order: the decision first, then the story."""
    model = compile_scenario(scenario)
    steps = replay(scenario, model)
    workshop = workshop_of(scenario)
    closed = sum(r.closed is not None for r in workshop.rounds)
    subtitle = (
        f"Workshop report: {len(workshop.participants)} participants, "
        f"{closed} of {len(workshop.rounds)} rounds closed, {len(workshop.log)} log entries"
        if workshop.participants or workshop.rounds or workshop.log
        else "Scenario report: no workshop was recorded"
    )
    rounds = round_sections(scenario, model, steps)
    return Report(
        scenario.meta.title,
        subtitle,
        [
            Section(TITLE, 2, decision_blocks(scenario, model, frontier), lead=True),
            Section("Scenario", 2, _scenario(scenario)),
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
        ],
    )


def render(scenario: Scenario, fmt: str, frontier: Frontier | None = None) -> str:
    """The report as `"markdown"` or `"html"` text (with the frontier, when given)."""
    report = build_report(scenario, frontier)
    return to_html(report) if fmt == "html" else to_markdown(report)


def _scenario(scenario: Scenario) -> list[Block]:
    """What the model holds; its numbers are the decision's, above."""
    blocks: list[Block] = [Text(scenario.meta.description)] if scenario.meta.description else []
    counts = [
        ("Activities", len(scenario.activities)),
        ("Silos", len(scenario.silos)),
        ("Values", len(scenario.values)),
        ("Interests", len(scenario.interests)),
        ("Resources", len(scenario.resources)),
    ]
    return [
        *blocks,
        Table(["In the model", "Count"], [[k, str(n)] for k, n in counts], [False, True]),
    ]


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
