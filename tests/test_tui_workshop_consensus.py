"""The consensus of the room on the workshop screen: the Group pane's view (C), its pool job's
progress and cancellation, the projector's regret bars, the "Least regret" option, and the
report written off the UI thread."""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Any

import pytest
from textual.widgets import DataTable, Static

from integrate_tui.engine import compile_scenario
from integrate_tui.engine.optimise import Cancelled
from integrate_tui.engine.optimise.control import Control
from integrate_tui.files import load, save
from integrate_tui.model import Scenario, validate_scenario
from integrate_tui.session import analyses, workshop_jobs
from integrate_tui.tui import actions
from integrate_tui.tui import format as fmt
from integrate_tui.tui.screens.help import HelpScreen
from integrate_tui.tui.workshop.group_pane import GroupPane
from integrate_tui.tui.workshop.projector import ProjectorScreen
from integrate_tui.tui.workshop.screen import WorkshopScreen
from integrate_tui.workshop import (
    add_participant,
    add_round,
    close_round,
    edit_round,
    set_points,
    start_round,
)
from integrate_tui.workshop.consensus_room import Settled
from tui_support import SIZE, notes, palette_offers, settle, wait_until
from workshop_data import at, scenario_data
from workshop_pilot import column, open_workshop, shown, workshop_app

POINTS = {
    "ana": {"prosperity": 80, "openness": 10, "equity": 10},
    "ben": {"prosperity": 10, "openness": 80, "equity": 10},
    "cai": {"prosperity": 10, "openness": 10, "equity": 80},
}


def room(*, named: bool = False, closed: bool = True) -> Scenario:
    """Four people, three of whom gave very different points in a round (closed unless
    not `closed`); a budget too small for everything, so their own best packages differ."""
    data = scenario_data()
    data["resources"][0]["capacity"] = 500
    s = validate_scenario(data)
    for pid in ("ana", "ben", "cai", "dee"):
        s = add_participant(s, pid, pid.title())
    s = add_round(s, "Priorities", "What matters", 15, kind="points")
    s = start_round(s, 0, at(0))
    for pid, points in POINTS.items():
        s = set_points(s, pid, points)
    s = close_round(s, at(10)) if closed else s
    return edit_round(s, 0, revealed=True, named=named)


def room_file(folder: Path, **options: Any) -> Path:
    path = folder / "room.toml"
    save(room(**options), path)
    return path


def expected(scenario: Scenario) -> Settled:
    """The engine's answer to the question the screen asks, computed here directly."""
    ask = workshop_jobs.consensus_ask(compile_scenario(scenario), "geometric")
    return workshop_jobs.consensus_job(ask.model, *ask.args, control=Control())


def view_text(screen: WorkshopScreen, name: str) -> str:
    return shown(screen.query_one(f"#consensus-{name}", Static))


def people(screen: WorkshopScreen) -> DataTable:
    return screen.query_one("#consensus-people", DataTable)


def activities(screen: WorkshopScreen) -> DataTable:
    return screen.query_one("#consensus-activities", DataTable)


async def show_consensus(pilot, screen: WorkshopScreen) -> None:
    """Press C on the Group pane and wait for the answer."""
    await pilot.press("4", "C")
    await wait_until(pilot, lambda: people(screen).row_count > 0, "the consensus")


async def test_c_shows_who_wants_what_and_what_the_package_costs_each(tmp_path: Path) -> None:
    path = room_file(tmp_path)
    app = workshop_app(path)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_workshop(pilot)
        await show_consensus(pilot, screen)
        found = expected(app.session.scenario)
        c = found.consensus
        table = people(screen)
        assert column(table, 0) == ["Ana", "Ben", "Cai"]  # Dee gave nothing: skipped, named
        assert column(table, 1) == [fmt.points(s.best_score) for s in c.standings]
        assert column(table, 2) == [fmt.points(s.regret) for s in c.standings]
        assert column(table, 3) == [fmt.points(s.group_regret) for s in c.standings]
        assert column(table, 4) == [fmt.points(s.current_regret) for s in c.standings]
        assert "group optimum: by geometric mean" in view_text(screen, "status")
        assert "Dee" in view_text(screen, "detail")
        assert "round 1: Priorities" in view_text(screen, "heading")
        assert fmt.points(c.largest_regret) in view_text(screen, "status")
        rows = activities(screen)
        statuses = dict(zip(column(rows, 0), column(rows, 1), strict=True))
        names = {a.id: a.name for a in app.session.scenario.activities}
        assert statuses == {names[v.activity]: v.status for v in c.verdicts}
        assert "contested" in statuses.values()  # the budget forces a choice
        contested = next(v for v in c.verdicts if v.status == "contested")
        by = column(rows, 4)[column(rows, 0).index(names[contested.activity])]
        assert by.startswith(f"{len(contested.funded_by)} of 3: ")
        for pid, level in contested.funded_by.items():
            assert f"{pid.title()} {level:g}" in by
        share = dict(zip(c.model.activity_ids, found.core.funded, strict=True))
        assert column(rows, 3) == [
            fmt.percent(float(share[key]))
            for key in (
                rows.coordinate_to_cell_key((r, 0)).row_key.value for r in range(rows.row_count)
            )
        ]
        assert screen.focused is rows
        await pilot.press("C")  # back to the group weights
        await wait_until(pilot, lambda: not screen.query_one(GroupPane).consensus_shown, "C")
        assert (
            screen.query_one(GroupPane).table.id == "group"
            and screen.query_one(GroupPane).table.display
        )


async def test_c_is_in_help_and_the_palette_which_runs_it(tmp_path: Path) -> None:
    (entry,) = [a for a in actions.ACTIONS if a.action == "screen.consensus"]
    assert (entry.scope, entry.keys) == (actions.WORKSHOP, "C")
    app = workshop_app(room_file(tmp_path))
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_workshop(pilot)
        await pilot.press("f1")
        await wait_until(pilot, lambda: isinstance(app.screen, HelpScreen), "help")
        keys = app.screen.query_one("#keys", DataTable)
        rows = [[str(cell) for cell in keys.get_row_at(r)] for r in range(keys.row_count)]
        assert [r for r in rows if r[0] == "C"] == [["C", entry.help, "Workshop mode"]]
        await pilot.press("escape")
        await wait_until(pilot, lambda: app.screen is screen, "the workshop screen")
        await pilot.press("3", "ctrl+p", *"consensus")  # offered on the Priorities pane
        await wait_until(pilot, lambda: palette_offers(app, "Workshop: Consensus"), "the hit")
        await pilot.press("enter")
        await wait_until(pilot, lambda: screen.query_one(GroupPane).consensus_shown, "run")
        await wait_until(pilot, lambda: people(screen).row_count > 0, "the consensus")
        assert screen.active == "group"


@pytest.fixture
def gate(monkeypatch: pytest.MonkeyPatch) -> dict[str, Any]:
    """Consensus jobs that report one solve done of four, then wait to be released or
    cancelled (the pool runs them on threads in tests)."""
    state: dict[str, Any] = {"release": threading.Event(), "cancelled": 0, "started": 0}
    real = workshop_jobs.settle

    def slow(model, weights, group, *, control: Control, **options: Any) -> Settled:
        state["started"] += 1
        control.report(1, 4)
        while not state["release"].wait(0.01):
            if control.cancelled():
                state["cancelled"] += 1
                raise Cancelled
        return real(model, weights, group, control=control, **options)

    monkeypatch.setattr(workshop_jobs, "settle", slow)
    yield state
    state["release"].set()


async def test_progress_shows_and_a_new_input_cancels_the_stale_job(
    tmp_path: Path, gate: dict[str, Any]
) -> None:
    path = room_file(tmp_path, closed=False)
    app = workshop_app(path)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_workshop(pilot)
        await pilot.press("4", "C")
        await wait_until(
            pilot, lambda: "1 of 4 solves" in view_text(screen, "status"), "the progress"
        )
        steps = app.session.workshop
        steps.commit(steps.set_points("dee", {"prosperity": 34, "openness": 33, "equity": 33}))
        await wait_until(pilot, lambda: gate["cancelled"] == 1, "the stale job to stop")
        await wait_until(pilot, lambda: gate["started"] == 2, "the new question to be asked")
        gate["release"].set()
        await wait_until(pilot, lambda: people(screen).row_count == 4, "Dee in the consensus")
        assert gate["cancelled"] == 1
        await settle(pilot)
        assert not app.pool.live()


async def test_leaving_the_screen_cancels_the_job(tmp_path: Path, gate: dict[str, Any]) -> None:
    path = room_file(tmp_path)
    app = workshop_app(path)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_workshop(pilot)
        await pilot.press("4", "C")
        await wait_until(pilot, lambda: gate["started"] == 1, "the job to start")
        screen.query_one(GroupPane).remove()  # the pane goes away, as with the screen
        await wait_until(pilot, lambda: gate["cancelled"] == 1, "the job to stop")
        await wait_until(pilot, lambda: not app.pool.live(), "the pool to be idle")


async def test_an_edit_in_the_workbench_stops_the_job_until_workshop_mode_is_back(
    tmp_path: Path, gate: dict[str, Any]
) -> None:
    path = room_file(tmp_path)
    app = workshop_app(path)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_workshop(pilot)
        await pilot.press("4", "C")
        await wait_until(pilot, lambda: gate["started"] == 1, "the job to start")
        await pilot.press("w")
        await wait_until(pilot, lambda: app.screen is not screen, "the workbench")
        app.session.set_funding("trade-missions", 0.2)
        await wait_until(pilot, lambda: gate["cancelled"] == 1, "the stale job to stop")
        await settle(pilot)
        assert gate["started"] == 1  # nothing asked while the workbench is shown
        gate["release"].set()
        await pilot.press("w")
        await wait_until(pilot, lambda: people(screen).row_count == 3, "the new consensus")
        assert gate["started"] == 2


async def test_a_log_entry_asks_nothing_again(tmp_path: Path, gate: dict[str, Any]) -> None:
    path = room_file(tmp_path)
    app = workshop_app(path)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_workshop(pilot)
        gate["release"].set()
        await show_consensus(pilot, screen)
        steps = app.session.workshop
        steps.commit(steps.add_entry("note", "Coffee"))
        await settle(pilot)
        assert gate["started"] == 1 and people(screen).row_count == 3


@pytest.mark.parametrize("named", [True, False])
async def test_the_projector_shows_each_persons_regret_as_bars(tmp_path: Path, named: bool) -> None:
    path = room_file(tmp_path, named=named)
    app = workshop_app(path)
    async with app.run_test(size=(160, 48)) as pilot:
        screen = await open_workshop(pilot)
        await show_consensus(pilot, screen)
        await pilot.press("p")
        await wait_until(pilot, lambda: isinstance(app.screen, ProjectorScreen), "projector")
        text = shown(app.screen.query_one("#room-results", Static))
        c = expected(app.session.scenario).consensus
        lines = [line for line in text.splitlines() if "group optimum" in line]
        assert len(lines) == 3
        regrets = [fmt.points(s.regret) for s in c.standings]
        if named:
            assert [line.split()[0] for line in lines] == ["Ana", "Ben", "Cai"]
        else:
            assert not any(name in text for name in ("Ana", "Ben", "Cai"))
            assert "anonymous" in text
            regrets = sorted(regrets, key=float)
        for line, regret in zip(lines, regrets, strict=True):
            assert f" {regret}  group optimum" in line
        assert "Disputed: " in text


async def test_o_adds_the_consensus_package_as_an_option_in_one_step(tmp_path: Path) -> None:
    path = room_file(tmp_path)
    app = workshop_app(path)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_workshop(pilot)
        await show_consensus(pilot, screen)
        c = expected(app.session.scenario).consensus
        await pilot.press("o")
        await wait_until(pilot, lambda: app.screen is not screen, "the name prompt")
        await pilot.press("enter")  # the suggestion: "Least regret"
        await wait_until(pilot, lambda: app.session.undo_label == "Option “Least regret”", "o")
        snap = app.session.scenario.workshop.snapshots[-1]
        assert snap.name == "Least regret"
        assert snap.funding == pytest.approx(
            dict(zip(c.model.activity_ids, c.package, strict=True))
        )
        await settle(pilot)
        assert load(path).workshop.snapshots[-1].name == "Least regret"  # saved as a step
        assert app.session.undo() == "Option “Least regret”"  # one step


async def test_the_report_is_written_in_the_pool_and_the_keys_keep_working(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    release = threading.Event()
    real = workshop_jobs.report_job

    def slow(model, fmt_name, target, *, control: Control) -> str:
        release.wait(30)
        return real(model, fmt_name, target, control=control)

    monkeypatch.setattr(workshop_jobs, "report_job", slow)
    from integrate_tui.tui.workshop import report

    monkeypatch.setattr(report, "report_job", slow)
    path = room_file(tmp_path)
    app = workshop_app(path)
    seen = notes(app)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_workshop(pilot)
        await pilot.press("ctrl+r")
        await wait_until(pilot, lambda: app.screen is not screen, "the report's prompt")
        await pilot.press("enter")
        await wait_until(pilot, lambda: any("Writing the report" in n for n in seen), "notice")
        await pilot.press("2")  # the keyboard is free while the report is written
        await wait_until(pilot, lambda: screen.active == "people", "the People pane")
        assert not (tmp_path / "room-report.md").exists()
        release.set()
        await wait_until(pilot, lambda: any("Report written" in n for n in seen), "the report")
        text = (tmp_path / "room-report.md").read_text(encoding="utf-8")
        assert "Least largest regret" in text or "least largest regret" in text


async def test_auto_balance_for_least_regret_applies_the_consensus_package(
    tmp_path: Path,
) -> None:
    from textual.widgets import Select

    from integrate_tui.engine.optimise.consensus import consensus
    from integrate_tui.tui.screens.autobalance import AutoBalanceScreen
    from integrate_tui.workshop.consensus_room import room as people_of

    path = room_file(tmp_path)
    app = workshop_app(path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("a")
        await wait_until(pilot, lambda: isinstance(app.screen, AutoBalanceScreen), "auto-balance")
        app.screen.query_one("#objective", Select).value = analyses.LEAST_REGRET
        status = app.screen.query_one("#status", Static)
        await wait_until(
            pilot, lambda: "Auto-balanced: largest regret" in shown(status), "the least regret"
        )
        await pilot.press("a")
        await wait_until(pilot, lambda: not isinstance(app.screen, AutoBalanceScreen), "apply")
        assert app.session.undo_label == "Auto-balance (least regret)"
        model = compile_scenario(room())
        people = people_of(model.scenario)
        c = consensus(model, people.vectors(model), people.group_vector(model))
        funding = {a.id: a.funding for a in app.session.scenario.activities}
        assert funding == pytest.approx(dict(zip(model.activity_ids, c.package, strict=True)))
