"""Pilot tests of auto-balance: one undoable step, cancel, infeasible rules, clean stdout."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
import scipy.optimize
from textual.pilot import Pilot
from textual.widgets import Select, Static

import integrate_tui.engine.optimise as opt
from integrate_tui.tui.screens.autobalance import AutoBalanceScreen
from integrate_tui.tui.screens.dialogs import ErrorDialog
from integrate_tui.tui.screens.main import MainScreen
from optimiser_pilot import hold_optimise, settle, tight_path
from tui_support import SIZE, app_on, wait_until

pytestmark = pytest.mark.usefixtures("quick_robustness")


@pytest.fixture
def path(tmp_path: Path) -> Path:
    return tight_path(tmp_path)


def funding(pilot: Pilot) -> dict[str, float]:
    return {a.id: a.funding for a in pilot.app.session.scenario.activities}  # type: ignore[attr-defined]


def status(pilot: Pilot) -> str:
    return str(pilot.app.screen.query_one("#status", Static).render())


async def test_auto_balance_applies_the_optimisers_package_and_undoes_in_one_step(
    path: Path,
) -> None:
    app = app_on(path)
    async with app.run_test(size=SIZE) as pilot:
        before = funding(pilot)
        expected = opt.optimise(app.session.model, "integrated", opt.Options(time_limit=10))
        assert expected.package != before
        await pilot.press("a")
        await settle(pilot)
        assert isinstance(app.screen, AutoBalanceScreen)
        assert "optimal within 0.01 %" in status(pilot) or "proven optimal" in status(pilot)
        await pilot.press("a")
        await pilot.pause()
        assert isinstance(app.screen, MainScreen)
        assert funding(pilot) == expected.package
        assert app.session.undo_label == "Auto-balance (integrated)"
        await pilot.press("ctrl+z")
        await pilot.pause()
        assert funding(pilot) == before
        assert app.session.undo_label is None


async def test_a_floor_changes_the_package_and_names_the_undo_step(path: Path) -> None:
    app = app_on(path)
    async with app.run_test(size=SIZE) as pilot:
        expected = opt.optimise(app.session.model, "fair", opt.Options(floor=70, time_limit=10))
        await pilot.press("a")
        await settle(pilot)
        app.screen.query_one("#objective", Select).value = "fair"
        app.screen.query_one("#floor", Select).value = "70"
        await settle(pilot)
        await pilot.press("a")
        await pilot.pause()
        assert funding(pilot) == expected.package
        assert app.session.undo_label == "Auto-balance (fair, no interest below 70)"


async def test_cancel_stops_waiting_discards_the_answer_and_changes_nothing(
    path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    release = hold_optimise(monkeypatch, seconds=10)
    app = app_on(path)
    async with app.run_test(size=SIZE) as pilot:
        start = app.session.scenario
        try:
            await pilot.press("a")
            await wait_until(pilot, lambda: "x cancels" in status(pilot), "the solve to start")
            await pilot.press("x")
            await pilot.pause()
            assert "Cancelled" in status(pilot) and "discarded" in status(pilot)
            await pilot.press("a")  # apply: nothing proven to apply
            await pilot.pause()
        finally:
            release.set()
        await settle(pilot)
        assert "Cancelled" in status(pilot)  # the late answer was dropped, not shown
        assert isinstance(app.screen, AutoBalanceScreen)
        assert app.session.scenario is start and app.session.undo_label is None


async def test_infeasible_rules_show_the_optimisers_message(path: Path) -> None:
    app = app_on(path)
    async with app.run_test(size=SIZE) as pilot:
        with pytest.raises(opt.Infeasible) as raised:
            opt.optimise(app.session.model, "integrated", opt.Options(floor=80, time_limit=10))
        await pilot.press("a")
        await settle(pilot)
        app.screen.query_one("#floor", Select).value = "80"
        await settle(pilot)
        assert isinstance(app.screen, ErrorDialog)
        shown = str(app.screen.query_one("#error-text", Static).render())
        assert shown == raised.value.message
        assert "capacity of Programme budget" in shown
        await pilot.press("enter")
        await pilot.press("a")  # nothing to apply
        await pilot.pause()
        assert app.session.undo_label is None


async def test_solves_inside_the_app_keep_stdout_clean(
    path: Path, monkeypatch: pytest.MonkeyPatch, capfd: pytest.CaptureFixture[str]
) -> None:
    real = scipy.optimize.milp

    def noisy(*args: object, **kwargs: object) -> object:
        os.write(1, b"HighsMipSolverData::transformNewIntegerFeasibleSolution tmpSolver.run();")
        return real(*args, **kwargs)

    monkeypatch.setattr(scipy.optimize, "milp", noisy)
    app = app_on(path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("a")
        await settle(pilot)
        await pilot.press("escape", "t")
        await settle(pilot)
    assert capfd.readouterr().out == ""


async def test_every_funding_change_is_listed_first_and_savings_read_as_good(
    tmp_path: Path,
) -> None:
    import shutil

    from rich.text import Text

    from integrate_tui.bundled import bundled_path
    from integrate_tui.tui import format as fmt
    from integrate_tui.tui.widgets.ledger_table import LedgerTable

    target = tmp_path / "city.toml"
    shutil.copy(bundled_path("city-diplomacy"), target)
    app = app_on(target)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("a")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, AutoBalanceScreen) and screen._result is not None
        assert isinstance(app.focused, LedgerTable)
        table, ledger = screen.query_one(LedgerTable), screen._result.ledger
        rows = [table.get_row_at(i) for i in range(table.row_count)]
        names = [r[0].plain.strip() if isinstance(r[0], Text) else str(r[0]) for r in rows]
        assert len(ledger.funding) > 4 and names[1] == "Funding changed"
        listed = names[2 : 2 + len(ledger.funding)]
        assert listed == [fmt.clip(c.name, 34) for c in ledger.funding]
        palette = fmt.Palette.from_theme(app.theme_variables)
        start = names.index("Resources used") + 1
        for change, row in zip(ledger.resources, rows[start:], strict=False):
            if abs(change.delta) > 1e-9:
                good = palette.good if change.delta < 0 else palette.bad
                assert str(row[3].style) == good, change.name
