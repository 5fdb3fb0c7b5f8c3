"""Pilot tests of the main screen: keys and clicks move funding and weights, numbers follow."""

from __future__ import annotations

from pathlib import Path

from textual.pilot import Pilot

from integrate_tui.tui import format as fmt
from integrate_tui.tui.app import WorkbenchApp
from integrate_tui.tui.screens.explain import ExplainScreen
from integrate_tui.tui.screens.help import HelpScreen
from integrate_tui.tui.widgets.activity_table import ActivityTable
from integrate_tui.tui.widgets.score_panel import ScorePanel
from integrate_tui.tui.widgets.weights_panel import WeightsPanel
from tui_support import SIZE, app_on, cell, fresh_score, palette_offers, wait_until


def funding(app: WorkbenchApp, activity: str) -> float:
    return app.session.activity(activity).funding


async def start_on(pilot: Pilot, activity: str) -> None:
    """Put the activity table's cursor on `activity`."""
    pilot.app.screen.query_one(ActivityTable).move_to(activity)
    await pilot.pause()


async def test_a_key_press_moves_one_step_and_the_panel_shows_the_engines_score(
    example_path: Path,
) -> None:
    app = app_on(example_path)
    async with app.run_test(size=SIZE) as pilot:
        table = app.screen.query_one(ActivityTable)
        assert table.current_key == "sister-cities"  # the first activity of the first silo
        await start_on(pilot, "trade-missions")
        before = fresh_score(app.session.scenario).overall
        await pilot.press("right")
        await pilot.pause()
        assert funding(app, "trade-missions") == 0.9
        expected = fresh_score(app.session.scenario)
        panel = app.screen.query_one(ScorePanel)
        assert cell(panel, "overall", "number") == fmt.points(expected.overall)
        assert cell(panel, "overall", "delta") == fmt.delta(expected.overall - before)
        for value, x in zip(app.session.scenario.values, expected.values, strict=True):
            assert cell(panel, f"value:{value.id}", "number") == fmt.points(x)
        assert cell(table, "trade-missions", "level") == "0.90"
        assert "●" in app.sub_title


async def test_every_funding_key(example_path: Path) -> None:
    app = app_on(example_path)
    async with app.run_test(size=SIZE) as pilot:
        await start_on(pilot, "trade-missions")
        await pilot.press("left", "minus")
        assert funding(app, "trade-missions") == 0.6
        await pilot.press("plus", "equals")
        assert funding(app, "trade-missions") == 0.8
        await pilot.press("0")
        assert funding(app, "trade-missions") == 0.0
        await pilot.press("shift+right")
        assert funding(app, "trade-missions") == 0.5
        await pilot.press("m")
        assert funding(app, "trade-missions") == 1.0
        await pilot.press("shift+left")
        assert funding(app, "trade-missions") == 0.5
        await pilot.press("up", "up", "0")  # sister-cities' minimum is 0.2
        assert funding(app, "sister-cities") == 0.2


async def test_undo_and_redo_keys_restore_exact_state(example_path: Path) -> None:
    app = app_on(example_path)
    async with app.run_test(size=SIZE) as pilot:
        start = app.session.scenario
        await start_on(pilot, "trade-missions")
        await pilot.press("right", "right")
        after = app.session.scenario
        await pilot.press("ctrl+z", "ctrl+z")
        await pilot.pause()
        assert app.session.scenario is start and not app.session.dirty
        assert "●" not in app.sub_title
        panel = app.screen.query_one(ScorePanel)
        assert cell(panel, "overall", "number") == fmt.points(fresh_score(start).overall)
        await pilot.press("ctrl+y", "ctrl+y")
        assert app.session.scenario is after


async def test_clicking_the_bar_sets_funding_there(example_path: Path) -> None:
    app = app_on(example_path)
    async with app.run_test(size=SIZE) as pilot:
        table = app.screen.query_one(ActivityTable)
        start = table.columns[0].width + 3 * table.cell_padding  # into the bar column's text
        bar = table.columns[1].width
        row = table.keys.index("sister-cities") + 1  # below the header
        await pilot.click(ActivityTable, offset=(start, row))
        assert funding(app, "sister-cities") == 0.2  # the far left: its minimum
        await pilot.click(ActivityTable, offset=(start + bar - 1, row))
        assert funding(app, "sister-cities") == 1.0


async def test_weights_move_with_the_same_keys_in_their_panel(example_path: Path) -> None:
    app = app_on(example_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("tab", "tab")
        assert app.focused is app.screen.query_one(WeightsPanel)
        await pilot.press("right")
        assert app.session.scenario.values[0].weight == 3.1
        await pilot.press("0")
        assert app.session.scenario.values[0].weight == 0
        await pilot.press("m")
        assert app.session.scenario.values[0].weight == 2
        await pilot.pause()
        panel = app.screen.query_one(WeightsPanel)
        assert cell(panel, "prosperity", "share") == "50%"


async def test_enter_explains_the_selected_number(example_path: Path) -> None:
    app = app_on(example_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("tab", "enter")
        assert isinstance(app.screen, ExplainScreen)
        text = " ".join(str(label.render()) for label in app.screen.query("Label"))
        assert f"at {fmt.points(app.session.score.overall)}?" in text
        await pilot.press("escape", "shift+tab", "enter")
        assert isinstance(app.screen, ExplainScreen)  # an activity's part of the score
        await pilot.press("escape")
        assert not isinstance(app.screen, ExplainScreen)


async def test_snapshot_key_keeps_a_named_state(example_path: Path) -> None:
    app = app_on(example_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("s")
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        assert [s.name for s in app.session.snapshots] == ["Baseline"]
        await pilot.press("right", "r")
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        assert funding(app, "sister-cities") == 0.5


async def test_palette_jumps_to_an_entity_by_name(example_path: Path) -> None:
    app = app_on(example_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+p")
        await pilot.press(*"Go to value: Openness")
        await wait_until(
            pilot, lambda: palette_offers(app, "Go to value: Openness"), "the palette's hit"
        )
        await pilot.press("enter")
        await pilot.pause()
        weights = app.screen.query_one(WeightsPanel)
        assert app.focused is weights and weights.current_key == "openness"


async def test_help_lists_every_action_and_projector_theme_switches(example_path: Path) -> None:
    from integrate_tui.tui.actions import ACTIONS

    app = app_on(example_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("f1")
        assert isinstance(app.screen, HelpScreen)
        table = app.screen.query_one("#keys")
        shown = {str(table.get_row_at(i)[1]) for i in range(table.row_count)}
        assert {a.help for a in ACTIONS} <= shown
        await pilot.press("escape", "f9")
        assert app.theme == "projector"
