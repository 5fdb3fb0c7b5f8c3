"""Pilot tests of the robustness column, the dividend and tradeoffs screens, and bar dragging."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from textual.widgets import Select, Static
from textual_plotext import PlotextPlot

import integrate_tui.engine.optimise as opt
from integrate_tui.engine.optimise.montecarlo import robustness
from integrate_tui.session import grid
from integrate_tui.session.analyses import FRONTIER_POINTS, ROBUSTNESS_SAMPLES, ROBUSTNESS_SEED
from integrate_tui.tui import format as fmt
from integrate_tui.tui.widgets.activity_table import ActivityTable
from integrate_tui.tui.widgets.ledger_table import LedgerTable
from optimiser_pilot import settle, tight_path
from tui_support import SIZE, app_on, cell, wait_until

pytestmark = pytest.mark.usefixtures("quick_robustness")


@pytest.fixture
def path(tmp_path: Path) -> Path:
    return tight_path(tmp_path)


def robust_cells(table: ActivityTable, ids: list[str]) -> list[str]:
    return [cell(table, a, "robust") for a in ids]


def dimmed(table: ActivityTable, activity: str) -> bool:
    return any(span.style == "dim" for span in table.get_cell(activity, "robust").spans)


@pytest.fixture
def gate(monkeypatch: pytest.MonkeyPatch) -> Iterator[threading.Event]:
    """Hold the robustness worker's Monte Carlo until the test sets the returned event."""
    gate = threading.Event()

    def held(*args: Any, **kwargs: Any) -> opt.Robustness:
        if not gate.wait(60):
            raise TimeoutError("the test never released the robustness worker")
        return robustness(*args, **kwargs)

    monkeypatch.setattr(opt, "robustness", held)  # the worker imports it from here when it runs
    yield gate
    gate.set()  # a test that failed early must not leave the worker's thread waiting


async def test_the_robustness_column_fills_in_with_the_engines_numbers_and_dims_when_stale(
    path: Path, gate: threading.Event
) -> None:
    app = app_on(path)
    async with app.run_test(size=SIZE) as pilot:
        table = app.screen.query_one(ActivityTable)
        ids = app.session.model.activity_ids
        await pilot.pause()
        assert robust_cells(table, ids) == ["", "", ""]  # nothing until the worker answers
        gate.set()
        await settle(pilot)
        found = robustness(app.session.model, ROBUSTNESS_SAMPLES, ROBUSTNESS_SEED)
        before = [fmt.percent(x) for x in found.funded]
        assert robust_cells(table, ids) == before
        assert cell(table, "welcome-centre", "robust") == "12%"

        gate.clear()  # the edit's recomputation waits, however soon its debounce fires
        table.move_to("sister-cities")
        await pilot.press("0")
        await wait_until(
            pilot, lambda: dimmed(table, "welcome-centre"), "the robustness column to dim"
        )
        assert dimmed(table, "trade-missions") and robust_cells(table, ids) == before
        gate.set()
        await settle(pilot)
        found = robustness(app.session.model, ROBUSTNESS_SAMPLES, ROBUSTNESS_SEED)
        assert robust_cells(table, ids) == [fmt.percent(x) for x in found.funded]
        assert not dimmed(table, "welcome-centre") and not dimmed(table, "trade-missions")


async def test_the_dividend_screen_shows_the_engines_dividend(path: Path) -> None:
    app = app_on(path)
    async with app.run_test(size=SIZE) as pilot:
        found = opt.dividend(app.session.model)
        await pilot.press("d")
        await settle(pilot)
        headline = str(app.screen.query_one("#headline", Static).render())
        assert f"Integration dividend {fmt.delta(found.overall)} points" in headline
        assert f"moving resources to better uses {fmt.delta(found.reallocation)}" in headline
        table = app.screen.query_one(LedgerTable)
        rows = [[str(c) for c in table.get_row_at(r)] for r in range(table.row_count)]
        assert rows[0][1:3] == [
            fmt.points(found.siloed.overall),
            fmt.points(found.integrated.overall),
        ]
        assert ["Cross-silo interactions", "", "", ""] in rows
        pair = fmt.clip("Outbound trade missions + Sister-city programme", 34)
        change = found.cross_silo[0].delta
        assert [f"  {pair}", "", "", fmt.delta(change)] in [[r[0], "", "", r[3]] for r in rows]


async def test_the_tradeoffs_screen_plots_the_engines_analyses(path: Path) -> None:
    app = app_on(path)
    async with app.run_test(size=SIZE) as pilot:
        model = app.session.model
        await pilot.press("t")
        await settle(pilot)

        def title(name: str) -> str:
            plot = app.screen.query_one(f"#{name}", PlotextPlot)
            return f"{plot.border_title} | {plot.border_subtitle}"

        front = opt.frontier(model, "interest:business", "interest:diaspora", FRONTIER_POINTS)
        assert front.dominated and f"gains {fmt.points(front.margin)} on both" in title("frontier")
        order = opt.efficiency_order(model)
        assert f"now {fmt.points(order.current_score)}" in title("efficiency")
        assert f"{fmt.points(order.shortfall)} below the curve" in title("efficiency")
        assert f"from {fmt.points(opt.tornado(model).base)}" in title("tornado")
        funded = opt.robustness(model, ROBUSTNESS_SAMPLES, ROBUSTNESS_SEED).funded
        always, never = int(np.sum(funded >= 1)), int(np.sum(funded <= 0))
        some = len(funded) - always - never
        assert f"{always} in every draw, {never} in none, {some} in some" in title("montecarlo")

        app.screen.query_one("#y", Select).value = "value:openness"
        await settle(pilot)
        front = opt.frontier(model, "interest:business", "value:openness", FRONTIER_POINTS)
        verdict = f"gains {fmt.points(front.margin)}" if front.dominated else "on the frontier"
        assert verdict in title("frontier")
        assert "Openness and inclusion" in title("frontier")


async def test_dragging_a_bar_changes_funding_once_where_it_is_released(
    example_path: Path,
) -> None:
    app = app_on(example_path)
    async with app.run_test(size=SIZE) as pilot:
        table = app.screen.query_one(ActivityTable)
        start = table.columns[0].width + 3  # x of the bar's first cell
        row = 1 + table.keys.index("trade-missions")
        await pilot.mouse_down(ActivityTable, offset=(start + 8, row))
        for x in (start + 6, start + 4, start + 2):
            await pilot.hover(ActivityTable, offset=(x, row))
        assert app.session.activity("trade-missions").funding == 0.8  # nothing until release
        assert cell(table, "trade-missions", "level") == fmt.level(2 / 11)
        await pilot.mouse_up(ActivityTable, offset=(start + 2, row))
        await pilot.pause()
        activity = app.session.activity("trade-missions")
        assert activity.funding == grid.snap(activity, 2 / 11) == 0.2
        assert cell(table, "trade-missions", "level") == "0.20"
        await pilot.press("ctrl+z")
        assert app.session.activity("trade-missions").funding == 0.8
        assert app.session.undo_label is None
