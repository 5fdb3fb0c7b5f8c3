"""Pilot tests of the compare screen: two snapshots side by side with the full ledger."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import DataTable, Select, Static

from integrate_tui.tui import format as fmt
from integrate_tui.tui.screens.compare import CompareScreen
from integrate_tui.tui.widgets.ledger_table import LedgerTable
from tui_support import SIZE, app_on, burst, wait_until


async def test_compare_shows_the_ledger_between_two_snapshots(example_path: Path) -> None:
    app = app_on(example_path)
    async with app.run_test(size=SIZE) as pilot:
        app.session.snapshot("Baseline")
        app.session.nudge("trade-missions", 2)
        app.session.snapshot("Option A")
        await pilot.press("c")
        await pilot.pause()
        assert isinstance(app.screen, CompareScreen)
        ledger = app.session.compare("Baseline", "Option A")
        headline = str(app.screen.query_one("#headline", Static).render())
        assert headline == ledger.headline()
        table = app.screen.query_one(DataTable)
        name, a, b, _ = (str(x) for x in table.get_row_at(0))
        assert (name, a, b) == (
            "Integrated score",
            fmt.points(ledger.overall.before),
            fmt.points(ledger.overall.after),
        )
        await pilot.press("x")
        await pilot.pause()
        assert app.screen.query_one("#a", Select).value == "Option A"
        await pilot.press("escape")


async def test_compare_with_another_file(example_path: Path) -> None:
    other = example_path.with_name("other.toml")
    other.write_text(example_path.read_text().replace("funding = 0.8", "funding = 0.3"))
    app = app_on(example_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("c")
        await pilot.pause()
        screen = app.screen
        screen._files.append(other)
        for select in screen.query(Select):
            select.set_options(screen._options())
        screen.query_one("#b", Select).value = f"file:{other}"
        await pilot.pause()
        headline = str(screen.query_one("#headline", Static).render())
        assert headline.startswith("Outbound trade missions 0.8 → 0.3")


async def test_down_right_after_c_reads_the_ledger_and_opens_no_dropdown(
    example_path: Path,
) -> None:
    app = app_on(example_path)
    async with app.run_test(size=SIZE) as pilot:
        app.session.snapshot("Baseline")
        app.session.nudge("trade-missions", 2)
        app.session.snapshot("Option A")
        await pilot.pause()
        burst(app, "c", "down")
        await wait_until(pilot, lambda: isinstance(app.screen, CompareScreen), "compare")
        table = app.screen.query_one(LedgerTable)
        await wait_until(pilot, lambda: table.cursor_row == 1, "↓ moved the ledger's cursor")
        assert app.focused is table
        assert not any(select.expanded for select in app.screen.query(Select))
