"""Pilot tests of the screens' jobs in the process pool: cancelled when nobody will look at
their answer, never piling up, reused when the question comes back unchanged."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from textual.pilot import Pilot
from textual.widgets import Static
from textual_plotext import PlotextPlot

import integrate_tui.engine.optimise as opt
from integrate_tui.bundled import bundled_path
from integrate_tui.session.analyses import (
    FRONTIER_POINTS,
    ROBUSTNESS_SAMPLES,
    ROBUSTNESS_SEED,
    Request,
    milp_job,
)
from integrate_tui.tui import format as fmt
from integrate_tui.tui.app import WorkbenchApp
from integrate_tui.tui.screens.autobalance import AutoBalanceScreen
from integrate_tui.tui.screens.main import MainScreen
from integrate_tui.tui.screens.tradeoffs import TITLES, TradeoffsScreen
from integrate_tui.tui.widgets.activity_table import ActivityTable
from integrate_tui.tui.widgets.robustness import RobustnessFeed
from integrate_tui.tui.widgets.tradeoffs_prefetch import ORDER, TradeoffsPrefetch, tradeoff_jobs
from optimiser_pilot import hold_optimise, settle, tight_path
from tui_support import SIZE, app_on, cell, wait_until

pytestmark = pytest.mark.usefixtures("quick_robustness")


@pytest.fixture
def city(tmp_path: Path) -> Path:
    target = tmp_path / "city.toml"
    shutil.copy(bundled_path("city-diplomacy"), target)
    return target


def drawn(app: WorkbenchApp) -> bool:
    """Whether every tradeoffs plot shows its answer: none covered by its note ("computing…"),
    each titled with what it found."""
    return all(
        not app.screen.query_one(f"#{name}-note").display
        and app.screen.query_one(f"#{name}", PlotextPlot).border_title not in (None, "", title)
        for name, title in TITLES.items()
    )


def asked_of(app: WorkbenchApp, monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The names of the pool functions asked for from now on."""
    asked: list[str] = []
    submit = app.pool.submit

    def spy(fn: object, *args: object, **options: object) -> object:
        asked.append(getattr(fn, "__name__", ""))
        return submit(fn, *args, **options)  # type: ignore[arg-type]

    monkeypatch.setattr(app.pool, "submit", spy)
    return asked


def movable(app: WorkbenchApp) -> str:
    """An activity a funding key can raise."""
    return next(
        a.id for a in app.session.scenario.activities if not a.locked and a.funding < a.max_funding
    )


@pytest.mark.usefixtures("process_pool")
async def test_leaving_the_tradeoffs_screen_stops_its_jobs(city: Path) -> None:
    app = app_on(city)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)  # the robustness column has its answer: the screen reuses it
        await pilot.press("t")
        await wait_until(pilot, lambda: "tornado" in app.pool.running(), "the tornado to start")
        assert "robustness" not in app.pool.live()
        await pilot.press("escape")
        assert isinstance(app.screen, MainScreen)
        assert app.pool.live() == app.pool.abandoned()  # whatever still runs is stopping
        await wait_until(pilot, lambda: not app.pool.live(), "the abandoned jobs to stop")


@pytest.mark.usefixtures("process_pool")
async def test_t_and_escape_three_times_leave_nothing_running(city: Path) -> None:
    app = app_on(city)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        most = 0
        for _ in range(3):
            await pilot.press("t")
            await wait_until(pilot, lambda: app.pool.running(), "a job to start")
            wanted = [n for n in app.pool.live() if n not in app.pool.abandoned()]
            most = max(most, len(wanted))
            await pilot.press("escape")
        assert most <= len(TITLES)  # at most one job per plot, stale ones abandoned
        assert app.pool.live() == app.pool.abandoned()
        await wait_until(pilot, lambda: not app.pool.live(), "the abandoned jobs to stop")


@pytest.mark.usefixtures("process_pool")
async def test_coming_back_without_an_edit_draws_every_plot_at_once(path: Path) -> None:
    app = app_on(path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("t")
        await settle(pilot)
        assert drawn(app)
        await pilot.press("escape", "t")
        assert isinstance(app.screen, TradeoffsScreen)
        assert drawn(app) and not app.pool.live()  # from the cache: nothing was asked again


@pytest.fixture
def path(tmp_path: Path) -> Path:
    return tight_path(tmp_path)


async def test_swapping_the_frontier_axes_mirrors_it_without_asking_the_pool(
    city: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    app = app_on(city)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("t")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, TradeoffsScreen) and drawn(app)
        there = screen._results["frontier"]
        asked = asked_of(app, monkeypatch)
        await pilot.press("x")
        await wait_until(
            pilot, lambda: screen._results.get("frontier") not in (None, there), "the swap"
        )
        back = screen._results["frontier"]
        assert asked == [] and not app.pool.live()
        fresh = opt.frontier(app.session.model, there.y.key, there.x.key, FRONTIER_POINTS)
        assert (back.x.key, back.y.key) == (fresh.x.key, fresh.y.key)
        assert [(p.x, p.y) for p in back.points] == pytest.approx(
            [(p.x, p.y) for p in fresh.points], abs=1e-9
        )


@pytest.mark.usefixtures("process_pool")
async def test_an_edit_supersedes_the_robustness_run_and_runs_never_pile_up(city: Path) -> None:
    app = app_on(city)
    async with app.run_test(size=SIZE) as pilot:
        feed = app.screen.query_one(RobustnessFeed)
        table = app.screen.query_one(ActivityTable)
        table.move_to("export-support")  # at 0.6 of 1.5: four steps up are four new questions
        await settle(pilot)
        runs: list[int] = []

        def running(n: int = 1) -> bool:
            runs.append(app.pool.live().count("robustness"))
            return app.pool.running().count("robustness") == n

        for _ in range(4):
            await pilot.press("right")
            await wait_until(pilot, running, "the robustness run to start")
        await pilot.press("right")  # supersedes the last run before it can answer
        await wait_until(pilot, lambda: not running(1) and not feed.busy, "the feed to settle")
        assert max(runs) == 1  # one run at a time; the newest work waited for it
        found = opt.robustness(app.session.model, ROBUSTNESS_SAMPLES, ROBUSTNESS_SEED)
        ids = app.session.model.activity_ids
        assert [cell(table, a, "robust") for a in ids] == [fmt.percent(x) for x in found.funded]


async def test_leaving_auto_balance_cancels_its_solve_and_drops_the_answer(
    path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    release = hold_optimise(monkeypatch)
    app = app_on(path)
    async with app.run_test(size=SIZE) as pilot:
        start = app.session.scenario
        try:
            await pilot.press("a")

            def solving() -> bool:
                screen = app.screen
                return isinstance(screen, AutoBalanceScreen) and "x cancels" in str(
                    screen.query_one("#status", Static).render()
                )

            await wait_until(pilot, solving, "the solve to start")
            await pilot.press("escape")
            assert isinstance(app.screen, MainScreen)
            assert app.pool.abandoned() == ["milp"]
        finally:
            release.set()
        await wait_until(pilot, lambda: not app.pool.live(), "the solve to end")
        await settle(pilot)
        assert app.session.scenario is start and app.session.undo_label is None


async def visited(pilot: Pilot) -> TradeoffsPrefetch:
    """Open the tradeoffs screen, let it fill and go back: the workbench's prefetch."""
    await pilot.press("t")
    await settle(pilot)
    await pilot.press("escape")
    return pilot.app.screen.query_one(TradeoffsPrefetch)


async def test_before_the_tradeoffs_screen_is_opened_nothing_is_asked_ahead(
    path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(TradeoffsPrefetch, "DELAY", 0.05)
    app = app_on(path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        asked = asked_of(app, monkeypatch)
        app.session.nudge(movable(app), 1)
        await settle(pilot)
        assert not app.screen.query_one(TradeoffsPrefetch).busy
        assert asked == ["robustness_job"]  # the workbench's own column, nothing more


async def test_after_a_visit_an_edit_has_the_tradeoffs_ready_before_coming_back(
    path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(TradeoffsPrefetch, "DELAY", 0.05)
    app = app_on(path)
    async with app.run_test(size=SIZE) as pilot:
        prefetch = await visited(pilot)
        asked = asked_of(app, monkeypatch)
        app.session.nudge(movable(app), 1)
        screens = {f"{name}_job" for name in ("efficiency", "robustness", "tornado", "frontier")}
        await wait_until(pilot, lambda: screens <= set(asked), "the questions asked ahead")
        await wait_until(pilot, lambda: not prefetch.busy, "their answers")
        await settle(pilot)
        await pilot.press("t")
        assert isinstance(app.screen, TradeoffsScreen)
        assert drawn(app) and not app.pool.live()  # every answer was waiting in the cache


async def test_questions_asked_ahead_wait_for_a_free_pool_and_go_one_at_a_time(
    path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(TradeoffsPrefetch, "DELAY", 3600)  # the test says when edits settle
    app = app_on(path)
    async with app.run_test(size=SIZE) as pilot:
        prefetch = await visited(pilot)
        app.session.nudge(movable(app), 1)
        await settle(pilot)
        release = hold_optimise(monkeypatch)
        held = app.pool.submit(milp_job, app.session.model, Request(), cache=False)
        asked = asked_of(app, monkeypatch)
        try:
            prefetch._settled()  # the edit has settled, but auto-balance is solving
            assert asked == [] and prefetch.busy
        finally:
            release.set()
        await wait_until(pilot, held.done, "the held solve")
        await wait_until(pilot, lambda: not prefetch.busy, "the questions asked ahead")
        jobs = tradeoff_jobs("x", "y")
        assert asked == [jobs[name][0].__name__ for name in ORDER]  # in turn, one at a time
