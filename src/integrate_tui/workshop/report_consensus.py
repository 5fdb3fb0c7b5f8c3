"""The report's consensus section: what everyone's own best package would fund, the package
that asks least of anyone, and what it costs each person (engine.optimise.consensus)."""

from __future__ import annotations

from integrate_tui.engine import Compiled
from integrate_tui.errors import IntegrateError
from integrate_tui.model import Scenario
from integrate_tui.workshop.aggregate import METHODS
from integrate_tui.workshop.base import workshop_of
from integrate_tui.workshop.consensus_room import SAMPLES, room, settle
from integrate_tui.workshop.report_blocks import Block, Bullets, Table, Text, number


def consensus_blocks(scenario: Scenario, model: Compiled) -> list[Block]:
    """The consensus among the participants' current weights, or why there is none."""
    try:
        people = room(scenario)
        settled = settle(model, people.vectors(model), people.group_vector(model))
    except IntegrateError as error:
        return [Text(f"No consensus to show: {error}")]
    c, core = settled.consensus, settled.core
    names = {p.id: p.name for p in workshop_of(scenario).participants}
    group = METHODS[people.method]
    skipped = ", ".join(names.get(p, p) for p in people.skipped)
    blocks: list[Block] = [
        Text(
            f"Among the participants' {people.source} ({len(c.participants)} participants"
            + (f"; no weights from {skipped}" if skipped else "")
            + "). A participant's regret for a package is their own best score — the best "
            "package under their weights, with the scenario's rules — minus their score of it."
        ),
        Text(
            f"Rule: {c.rule} (the group's weights: the {group}). Largest regret "
            f"{number(c.largest_regret, 2)} points; {c.status}."
        ),
        Table(
            [
                "Participant",
                "Own best",
                "Consensus",
                "Regret",
                f"Regret, group optimum ({group})",
                "Regret, current funding",
            ],
            [
                [
                    names.get(s.participant, s.participant),
                    number(s.best_score),
                    number(s.score),
                    number(s.regret, 2),
                    number(s.group_regret, 2),
                    number(s.current_regret, 2),
                ]
                for s in c.standings
            ],
            [False, True, True, True, True, True],
        ),
        Table(
            ["Activity", "Own best packages", "Funded by", "Consensus", "Core index"],
            [
                [
                    a.name,
                    v.status,
                    "everyone"
                    if v.status == "unanimous"
                    else ", ".join(f"{names.get(p, p)} {lvl:g}" for p, lvl in v.funded_by.items())
                    or "—",
                    f"{v.level:g}",
                    f"{100 * share:.0f}%",
                ]
                for a, v, share in zip(scenario.activities, c.verdicts, core.funded, strict=True)
            ],
            [False, False, False, True, True],
        ),
        Bullets(
            [
                "Unanimous: every participant's own best package funds it (above its minimum); "
                "contested: some do; never: none does.",
                f"Core index: the share of {SAMPLES:,} mixes of the participants' weights "
                "(random convex combinations, seed 0) whose optimum funds it.",
            ]
        ),
    ]
    if not c.current_allowed:
        blocks.append(Text("The current funding breaks a rule (a capacity or a silo share)."))
    return blocks
