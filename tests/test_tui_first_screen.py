"""What the first screen says at 80×24: the scenario's title, what is over capacity, locks."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets._footer import FooterKey

from conftest import EXAMPLE_TOML
from integrate_tui.session import ActivityLocked, Session
from integrate_tui.tui.widgets.activity_table import LOCKED, ActivityTable
from integrate_tui.tui.widgets.capacity_alert import CapacityAlert
from tui_support import app_on, cell, notes, wait_until

SMALL = (80, 24)


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "riverton.toml"
    path.write_text(text, encoding="utf-8")
    return path


async def test_the_header_shows_the_scenarios_title_and_its_file(tmp_path: Path) -> None:
    app = app_on(write(tmp_path, EXAMPLE_TOML))
    async with app.run_test(size=SMALL):
        assert app.title == "Riverton — international affairs, FY2027"
        assert "riverton.toml" in app.sub_title


async def test_over_capacity_is_said_on_the_first_screen_and_goes_when_it_fits(
    tmp_path: Path,
) -> None:
    over = EXAMPLE_TOML.replace("capacity = 7.5", "capacity = 1.5")  # staff 1.2 + 0.5 used
    app = app_on(write(tmp_path, over))
    async with app.run_test(size=SMALL) as pilot:
        alert = app.screen.query_one(CapacityAlert)
        assert not app.session.score.feasible
        assert alert.display and alert.region.y < SMALL[1]
        said = str(alert.render())
        assert "Over capacity: Staff time" in said and "FTE" in said
        assert "Programme budget" not in said  # only what is over is named
        app.screen.query_one(ActivityTable).move_to("trade-missions")
        await pilot.press("0")
        await wait_until(pilot, lambda: not alert.display, "the alert to go")
        assert app.session.score.feasible


async def test_nothing_is_said_when_everything_fits(tmp_path: Path) -> None:
    app = app_on(write(tmp_path, EXAMPLE_TOML))
    async with app.run_test(size=SMALL):
        assert app.session.score.feasible
        assert not app.screen.query_one(CapacityAlert).display


LOCKED_TOML = EXAMPLE_TOML.replace("funding = 0.8\n", "funding = 0.8\nlocked = true\n")


async def test_a_locked_activity_is_marked_and_refuses_keys_saying_why(tmp_path: Path) -> None:
    app = app_on(write(tmp_path, LOCKED_TOML))
    said = notes(app)
    async with app.run_test(size=SMALL) as pilot:
        table = app.screen.query_one(ActivityTable)
        assert cell(table, "trade-missions", "name").startswith(LOCKED)
        assert not cell(table, "sister-cities", "name").startswith(LOCKED)
        table.move_to("trade-missions")
        await pilot.press("right", "right", "left", "0", "m")
        await wait_until(pilot, lambda: said, "the refusal")
        assert app.session.activity("trade-missions").funding == 0.8
        assert app.session.undo_label is None and not app.session.dirty
        assert len(said) == 1 and "locked at 0.8" in said[0] and "Edit" in said[0]
        table.move_to("sister-cities")
        await pilot.press("right")
        assert app.session.activity("sister-cities").funding == 0.6  # the others still move


def test_the_session_refuses_to_move_a_locked_activity_by_hand(tmp_path: Path) -> None:
    session = Session.from_file(write(tmp_path, LOCKED_TOML), recovery_folder=tmp_path)
    for move in (
        lambda: session.nudge("trade-missions", 1),
        lambda: session.set_funding("trade-missions", 0.0),
    ):
        with pytest.raises(ActivityLocked, match="Outbound trade missions is locked"):
            move()
    assert session.activity("trade-missions").funding == 0.8 and session.undo_label is None
    assert not session.set_funding("trade-missions", 0.8)  # no move, nothing to refuse
    assert session.set_levels({"trade-missions": 0.5}, label="Restore")  # a package may


async def test_the_footer_at_80_columns_shows_the_silo_view_and_workshop_keys(
    tmp_path: Path,
) -> None:
    app = app_on(write(tmp_path, EXAMPLE_TOML))
    async with app.run_test(size=SMALL):
        footer = app.screen.query(FooterKey)
        palette = next(k for k in footer if k.has_class("-command-palette"))
        visible = {k.key for k in footer if k.region.right <= palette.region.x and k.region.width}
        assert {"v", "w", "a", "t", "e"} <= visible
        assert {"left", "right"} <= visible  # ←→ as one item
