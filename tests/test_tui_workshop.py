"""A whole workshop run from the keyboard in workshop mode, then the file and the report checked.

Participants, a points round and a pairwise round, group weights applied as one undo step,
two options, a dot and a ranked vote, the decision log, rounds closed; then the saved file
is reloaded and the report compared with the engine's numbers.
"""

from __future__ import annotations

import math
from pathlib import Path

from textual.pilot import Pilot
from textual.widgets import Button, Select

from integrate_tui.engine import compile_scenario, score
from integrate_tui.files import load
from integrate_tui.tui.forms.pairwise import PairwiseForm
from integrate_tui.tui.workshop.input_dialog import InputDialog
from integrate_tui.tui.workshop.round_bar import RoundBar
from integrate_tui.tui.workshop.screen import WorkshopScreen
from integrate_tui.workshop import aggregate, priorities
from integrate_tui.workshop.report_blocks import number
from tui_support import SIZE, wait_until
from workshop_pilot import column, open_workshop, scenario_file, shown, type_text, workshop_app

POINTS = {"ana": (60, 30, 10), "ben": (20, 40, 40), "cai": (30, 30, 40)}
VALUES = ("prosperity", "openness", "equity")


async def add_round(pilot: Pilot, title: str, kind_steps: int, minutes: str = "") -> None:
    """a on the agenda: a title, the kind `kind_steps` below points, a time box, Enter."""
    await pilot.press("a")
    await type_text(pilot, title)
    await pilot.press("tab", "tab")
    if kind_steps:
        await pilot.press("enter", *["down"] * kind_steps, "enter")
    await pilot.press("tab")
    await type_text(pilot, minutes)
    await pilot.press("enter")


async def add_people(pilot: Pilot) -> None:
    """Three participants on the People pane (ids from their names); Ana speaks for business."""
    await pilot.press("2")
    for name in ("Ana", "Ben", "Cai"):
        await pilot.press("a")
        await type_text(pilot, name)
        if name == "Ana":
            await pilot.press("tab", "tab", "enter", "down", "enter", "shift+tab", "shift+tab")
        await pilot.press("enter")


async def select_row(pilot: Pilot, pane: str, key: str) -> None:
    """Put the cursor of a pane's table on row `key`."""
    screen = pilot.app.screen
    assert isinstance(screen, WorkshopScreen)
    table = screen.pane(pane).table
    table.move_cursor(row=table.get_row_index(key))
    await pilot.pause()


async def give_points(pilot: Pilot) -> None:
    """Everyone's points, typed into the form that i opens on the Priorities pane."""
    await pilot.press("3")
    for pid, points in POINTS.items():
        await select_row(pilot, "priorities", pid)
        await pilot.press("i")
        for i, amount in enumerate(points):
            await type_text(pilot, str(amount))
            await pilot.press("enter" if i == len(points) - 1 else "tab")


async def compare_pairs(pilot: Pilot, pid: str, leans: tuple[int, int, int]) -> PairwiseForm:
    """Open the pairwise form for someone and answer each pair: a lean of n towards the
    first value (negative) or the second is n + 1 on Saaty's scale."""
    await select_row(pilot, "priorities", pid)
    await pilot.press("i")
    dialog = pilot.app.screen
    assert isinstance(dialog, InputDialog)
    form = dialog.query_one(PairwiseForm)
    for select, lean in zip(form.query(Select), leans, strict=True):
        select.value = float(1 - lean) if lean < 0 else 1 / (1 + lean)
    await pilot.pause()
    return form


async def record(pilot: Pilot, form: PairwiseForm) -> None:
    """Press the form's Record button and wait for the dialog to give its step back."""
    form.query_one("#send", Button).press()
    await wait_until(pilot, lambda: isinstance(pilot.app.screen, WorkshopScreen), "the step")


async def test_a_whole_workshop_is_recorded_saved_and_reported(tmp_path: Path) -> None:
    path = scenario_file(tmp_path)
    app = workshop_app(path)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_workshop(pilot)
        s = app.session
        await add_people(pilot)
        await pilot.press("1")
        await add_round(pilot, "Points", 0, "15")
        await add_round(pilot, "Pairs", 1)
        await add_round(pilot, "Vote", 2)
        agenda = screen.pane("agenda").table
        assert column(agenda, 2) == ["points allocation", "pairwise comparison", "vote on options"]
        assert not s.dirty  # every workshop step was saved to the file

        # Round 1: points, with a countdown.
        await pilot.press("s")
        bar = shown(screen.query_one(RoundBar))
        assert "Round 1 of 3 · Points" in bar and ("15:00" in bar or "14:59" in bar)
        await pilot.press("t")
        assert screen.clock.paused
        await pilot.press("t")
        await give_points(pilot)
        recorded = s.scenario.workshop.rounds[0].inputs
        assert {p: tuple(recorded[p].weights[v] for v in VALUES) for p in recorded} == POINTS

        # Group weights: the arithmetic mean, applied as one undoable step.
        await pilot.press("4", "g")
        group = screen.pane("group").table
        assert [str(c.label) for c in group.columns.values()][2].startswith("▶ arithmetic")
        expected = aggregate(
            {p: dict(zip(VALUES, pts, strict=True)) for p, pts in POINTS.items()},
            list(VALUES),
            "arithmetic",
        )
        assert column(group, 2)[0] == f"{100 * expected.weights['prosperity']:.0f}%"
        await pilot.press("A")
        weights = {v.id: v.weight for v in s.scenario.values}
        assert weights == expected.as_points()
        assert s.undo_label == "Group weights (arithmetic mean)"
        await pilot.press("x")
        await type_text(pilot, "Mean")
        await pilot.press("enter")
        assert load(path).workshop.rounds[0].closed is not None  # saved at close

        # Round 2: pairwise, with the worst judgement pointed out.
        await pilot.press("1", "down", "s", "3")
        form = await compare_pairs(pilot, "ana", (-2, -4, -1))
        consistency = shown(form.query_one(".tally"))
        assert "Consistency ratio 0.003: consistent" in consistency
        await record(pilot, form)
        form = await compare_pairs(pilot, "ben", (-4, 4, -4))
        assert "above 0.10" in shown(form.query_one(".tally"))
        assert "Most inconsistent" in shown(form.query_one(".tally"))
        await record(pilot, form)
        judged = s.scenario.workshop.rounds[1].inputs["ana"].judgements
        assert [(j.a, j.b, round(j.ratio, 4)) for j in judged] == [
            ("prosperity", "openness", 3.0),
            ("prosperity", "equity", 5.0),
            ("openness", "equity", 2.0),
        ]
        table = screen.pane("priorities").table
        assert column(table, 4)[1].startswith("CR ") and column(table, 4)[1].endswith("⚠")
        await pilot.press("x", "enter")

        # Options: the state now, then one with a trade mission cut, kept from the workbench.
        await pilot.press("o", "enter")
        await pilot.press("w")
        s.set_funding("trade-missions", 0.4)
        await pilot.press("w", "o", "enter")
        assert [snap.name for snap in s.scenario.workshop.snapshots] == ["Baseline", "Option A"]

        # Round 3: the vote.
        await pilot.press("1", "down", "down", "s", "5")
        for pid, dots in (("ana", "12"), ("ben", "03")):
            await select_row(pilot, "vote", pid)
            await pilot.press("v", dots[0], "tab", dots[1], "enter")
        await select_row(pilot, "vote", "ana")
        await pilot.press("r", "down", "enter", "up", "enter")
        results = shown(screen.query_one("#results"))
        assert "Option A leads with 5 of 6 dots" in results
        assert "Abstained: Cai" in results
        assert "Option A wins in round 1 with 1 of 1 ballots" in results

        # The decision log, saved at every entry.
        await pilot.press("l")
        await type_text(pilot, "Adopt A")
        await pilot.press("enter")
        await pilot.press("l", "shift+tab", "enter", "down", "down", "enter", "tab")
        await type_text(pilot, "Equity low")
        await pilot.press("tab", "down", "space", "tab", "enter")
        assert [e.kind for e in load(path).workshop.log] == ["decision", "objection"]
        await pilot.press("x")
        await type_text(pilot, "A")
        await pilot.press("enter")
        assert load(path).workshop.rounds[2].decision == "A"  # the record is saved…
        assert s.dirty  # …but the group weights and the funding cut are the workbench's to save
        await pilot.press("ctrl+s")
        await wait_until(pilot, lambda: not s.dirty, "ctrl+s to save them")

        # The report, beside the scenario.
        await pilot.press("ctrl+r", "enter")
        report_file = tmp_path / "riverton-report.md"
        await wait_until(pilot, report_file.exists, "the report, written in the pool")
        final = s.scenario
        assert isinstance(app.screen, WorkshopScreen)

    saved = load(path)
    workshop = saved.workshop
    assert [(p.id, p.name, p.interest) for p in workshop.participants] == [
        ("ana", "Ana", "business"),
        ("ben", "Ben", None),
        ("cai", "Cai", None),
    ]
    first, second, vote = workshop.rounds
    assert first.aggregation == "arithmetic" and first.decision == "Mean"
    assert first.weights == expected.as_points()
    assert {v.id: v.weight for v in saved.values} == expected.as_points()
    assert set(second.inputs) == {"ana", "ben"}
    ana = priorities(list(VALUES), {(j.a, j.b): j.ratio for j in second.inputs["ana"].judgements})
    assert math.isclose(ana.cr, 0.0032, abs_tol=1e-4)
    assert vote.options == ["Baseline", "Option A"] and vote.decision == "A"
    assert vote.votes["ana"].dots == {"Baseline": 1, "Option A": 2}
    assert vote.votes["ana"].ranking == ["Option A", "Baseline"]
    assert vote.votes["ben"].dots == {"Option A": 3}
    assert [(e.kind, e.text, e.by, e.round) for e in workshop.log] == [
        ("decision", "Adopt A", [], 2),
        ("objection", "Equity low", ["ben"], 2),
    ]
    assert saved == final

    report = (tmp_path / "riverton-report.md").read_text(encoding="utf-8")
    for heading in ("## Participants", "## Rounds", "## Decision log", "## Session timeline"):
        assert heading in report
    assert report.index("## Decision: the adopted package") < report.index("## Participants")
    now = score(compile_scenario(saved))
    assert f"It buys an integrated score of {number(now.overall)}" in report
    assert "Adopt A" in report and "Equity low" in report
