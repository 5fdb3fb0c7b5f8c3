"""Pilot tests of the silo view: the ledger shown is the engine's, one undo step per move."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from rich.text import Text
from textual.pilot import Pilot
from textual.widgets import Input, Select, Static
from textual.widgets._footer import FooterKey
from textual.widgets.select import InvalidSelectValueError

from integrate_tui.bundled import bundled_path
from integrate_tui.engine import diff, score
from integrate_tui.engine.envelopes import Move
from integrate_tui.engine.optimise import marginal_values
from integrate_tui.engine.rebalance import rebalance
from integrate_tui.tui import actions
from integrate_tui.tui import format as fmt
from integrate_tui.tui.screens.silos import SilosScreen
from integrate_tui.tui.widgets.envelope_grid import EnvelopeGrid
from integrate_tui.tui.widgets.ledger_table import LedgerTable
from integrate_tui.tui.widgets.move_form import MoveForm
from integrate_tui.tui.widgets.robustness import RobustnessFeed
from tui_support import SIZE, app_on, burst, settle, wait_until

MOVE = Move("budget", 100, "econ-dev", "sister-cities")


@pytest.fixture(autouse=True)
def no_robustness(monkeypatch: pytest.MonkeyPatch) -> None:
    """The main screen's robustness column is not under test here: keep it from starting."""
    monkeypatch.setattr(RobustnessFeed, "DELAY", 3600)


@pytest.fixture
def path(tmp_path: Path) -> Path:
    target = tmp_path / "city.toml"
    shutil.copy(bundled_path("city-diplomacy"), target)
    return target


def summary(pilot: Pilot) -> str:
    return str(pilot.app.screen.query_one("#summary", Static).render())


def ledger_rows(table: LedgerTable) -> dict[str, str]:
    """Name → Δ as the table shows them."""
    rows = (table.get_row_at(i) for i in range(table.row_count))
    plain = [[c.plain if isinstance(c, Text) else str(c) for c in row] for row in rows]
    return {row[0].strip(): row[3] for row in plain}


def column_x(grid: EnvelopeGrid, key: str) -> int:
    """An x inside the cells of the grid's column `key`."""
    x = 0
    for column in grid.columns:
        if column.key == key:
            return x + grid.cell_padding
        x += column.width + 2 * grid.cell_padding
    raise AssertionError(f"no column {key}")


async def open_and_choose(pilot: Pilot) -> SilosScreen:
    """Open the view with v; econ-dev as source, sister-cities as target, 100 typed in."""
    await pilot.press("v")
    await settle(pilot)
    screen = pilot.app.screen
    assert isinstance(screen, SilosScreen)
    await pilot.press("down", "f", "down", "down", "down", "t", "tab", "1", "0", "0", "shift+tab")
    await pilot.pause()
    return screen


@pytest.mark.parametrize("fill", ["proportional", "best"])
async def test_the_ledger_shown_is_the_engines_and_a_move_is_one_undo_step(
    path: Path, fill: str
) -> None:
    app = app_on(path)
    async with app.run_test(size=SIZE) as pilot:
        session = app.session
        original, model = session.scenario, session.model
        screen = await open_and_choose(pilot)
        if fill == "best":
            await pilot.press("b")
        await settle(pilot)
        expected = rebalance(model, model.funding, MOVE, fill)
        engine = diff(score(model), score(model, expected.funding))
        shown = summary(pilot)
        assert expected.label() in shown and engine.headline() in shown.replace("\n", " ")
        rows = ledger_rows(screen.query_one(LedgerTable))
        for change in [engine.overall, *engine.values, *engine.interests]:
            assert rows[fmt.clip(change.name, 34)] == fmt.delta(change.delta)
        await pilot.press("a")
        await settle(pilot)
        assert session.undo_label == expected.label()
        assert [a.funding for a in session.scenario.activities] == expected.funding.tolist()
        envelopes = {s.id: s.envelope for s in session.scenario.silos}
        assert (
            envelopes["econ-dev"] == {"budget": 398} and envelopes["sister-cities"]["budget"] == 248
        )
        await pilot.press("ctrl+z")
        await settle(pilot)
        assert session.scenario == original and session.undo_label is None


async def test_marginal_values_shown_are_the_engines(path: Path) -> None:
    app = app_on(path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("v")
        await settle(pilot)
        grid = app.screen.query_one(EnvelopeGrid)
        expected = marginal_values(app.session.model)
        for (silo, rid), m in expected.values.items():
            assert f"{m.overall:+.2f}/{m.step:g}" in grid.get_cell(silo, rid).plain
        assert "exact finite differences" in summary(pilot)


async def test_mouse_picks_resource_silos_and_applies(path: Path) -> None:
    app = app_on(path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("v")
        await settle(pilot)
        form = app.screen.query_one(MoveForm)
        staff = column_x(app.screen.query_one(EnvelopeGrid), "staff")
        await pilot.click(EnvelopeGrid, offset=(staff, 2))  # econ-dev's staff cell
        await pilot.click("#source-button")
        await pilot.click(EnvelopeGrid, offset=(staff, 5))  # sister-cities
        await pilot.click("#target-button")
        await pilot.click("#amount")
        await pilot.press("2", "5", "%")
        await pilot.pause()
        request = form.request()
        assert (request.resource, request.source, request.target) == (
            "staff",
            "econ-dev",
            "sister-cities",
        )
        label = (
            "Move 0.79 FTE Staff time: Riverton Economic Development Agency — trade and "
            "investment desk → Riverton Sister Cities Association (proportional)"
        )
        assert label in " ".join(summary(pilot).split())
        await pilot.click("#apply-button")
        await settle(pilot)
        assert app.session.undo_label == label


async def test_a_bad_move_is_named_and_cannot_be_applied(path: Path) -> None:
    app = app_on(path)
    async with app.run_test(size=SIZE) as pilot:
        await open_and_choose(pilot)
        await pilot.press("tab", "end", "0", "0", "shift+tab")  # 100 → 10000
        await pilot.pause()
        assert "'econ-dev' holds only 498 kUSD of budget" in summary(pilot)
        await pilot.press("a")
        await pilot.pause()
        assert app.session.undo_label is None


async def test_keys_nudge_the_amount_cycle_the_resource_and_switch_the_fill(path: Path) -> None:
    app = app_on(path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("v")
        await settle(pilot)
        form = app.screen.query_one(MoveForm)
        await pilot.press("r", "plus", "plus", "minus", "plus", "b")
        request = form.request()
        assert (request.amount, request.resource, request.fill) == ("0.4", "staff", "best")
        assert any(a.id == "silos" and a.keys == "v" for a in actions.palette_actions())
        await pilot.press("escape")
        assert not isinstance(app.screen, SilosScreen)


async def test_an_undone_new_silo_leaves_the_choices(path: Path) -> None:
    app = app_on(path)
    async with app.run_test(size=SIZE) as pilot:
        data = app.session.scenario.model_dump()
        data["silos"].append({"id": "new-office", "name": "New office"})
        app.session.apply(data, "Add a silo")
        await pilot.press("v")
        await settle(pilot)
        form = app.screen.query_one(MoveForm)
        form.choose("target", "new-office")
        await pilot.press("ctrl+z")
        await settle(pilot)
        assert form.request().target == ""
        with pytest.raises(InvalidSelectValueError):
            form.choose("target", "new-office")
        assert app.screen.query_one(EnvelopeGrid).keys == app.session.model.silo_ids


async def test_silos_are_shown_by_name_and_the_amount_field_gives_way(path: Path) -> None:
    app = app_on(path)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_and_choose(pilot)
        grid = screen.query_one(EnvelopeGrid)
        shown = str(grid.get_cell("econ-dev", "silo"))
        assert shown.startswith("Riverton Econo") and shown.endswith("· from")
        source = screen.query_one("#source", Select)
        assert "Riverton Econ" in str(source.query_one("SelectCurrent #label", Static).render())
        await wait_until(pilot, lambda: screen._result is not None, "the preview")
        screen.query_one("#amount", Input).focus()
        await wait_until(pilot, lambda: isinstance(app.focused, Input), "the amount focused")
        await pilot.press("escape")
        assert isinstance(app.screen, SilosScreen) and isinstance(app.focused, EnvelopeGrid)
        screen.query_one("#amount", Input).focus()
        await wait_until(pilot, lambda: isinstance(app.focused, Input), "the amount focused")
        before = app.session.scenario
        await pilot.press("enter")
        await wait_until(pilot, lambda: app.session.scenario is not before, "the move applied")
        assert app.session.undo_label is not None and app.session.undo_label.startswith("Move 100")


async def test_a_proportional_move_warns_of_what_else_moves_and_what_is_over(path: Path) -> None:
    app = app_on(path)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_and_choose(pilot)
        await wait_until(pilot, lambda: screen._result is not None, "the preview")
        result = screen._result
        over = [r for r in result.ledger.resources if r.over > 0]
        assert over, "the bundled scenario's staff stay over capacity after this move"
        shown = summary(pilot)
        for r in over:
            assert f"{r.name} {fmt.percent(r.after / r.capacity)}, over by" in shown
        assert shown.startswith("⚠ After this move:")
        assert "The fill also moves staff time" in shown
        assert "in Riverton Economic Develop" in shown  # the silo by name, not "econ-dev"


async def test_an_amount_typed_right_after_tab_goes_into_the_field(path: Path) -> None:
    app = app_on(path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("v")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, SilosScreen) and isinstance(app.focused, EnvelopeGrid)
        burst(app, "tab", "1", "0", "0")
        amount = screen.query_one("#amount", Input)
        await wait_until(pilot, lambda: amount.value == "100", "100 in the amount field")


@pytest.mark.parametrize("size", [(80, 24), (160, 48)])
async def test_the_view_fits_its_width_with_names_and_the_footer_keys(
    path: Path, size: tuple[int, int]
) -> None:
    width = size[0]
    app = app_on(path)
    async with app.run_test(size=size) as pilot:
        screen = await open_and_choose(pilot)
        await wait_until(pilot, lambda: screen._result is not None, "the preview")
        grid = screen.query_one(EnvelopeGrid)
        pad = 2 * grid.cell_padding
        assert sum(c.width + pad for c in grid.columns) <= grid.scrollable_content_region.width
        assert grid.max_scroll_x == 0
        resources = app.session.scenario.resources
        assert [c.key for c in grid.columns] == ["silo", *(r.id for r in resources)]
        assert any("Staff time (FTE)" in c.label for c in grid.columns)
        for silo in app.session.scenario.silos:
            assert str(grid.get_cell(silo.id, "silo")).startswith(silo.name[:12])
        for key in ("amount", "resource", "fill", "source", "target", "apply-button"):
            region = screen.query_one(f"#{key}").region
            assert region.width > 0 and region.right <= width, key
        one_line = screen.query_one("#target").region.y == screen.query_one("#amount").region.y
        assert one_line == (width >= 136)
        screen.set_focus(grid)
        await pilot.pause()
        keys = {k.key: k.region for k in screen.query(FooterKey)}
        for key in ("f", "t", "r", "b", "a", "escape"):
            assert key in keys and 0 < keys[key].right <= width, key
