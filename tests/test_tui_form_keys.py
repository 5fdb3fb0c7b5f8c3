"""Keys typed in a burst into a form's box are applied in the order typed: an editing key
(Backspace, ←) is not overtaken by the characters typed after it."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Input

from integrate_tui.files import save
from integrate_tui.tui.forms.points import PointsForm
from integrate_tui.tui.workshop.input_dialog import InputDialog
from integrate_tui.workshop import add_participant, add_round, set_points, start_round
from tui_support import SIZE, burst, wait_until
from workshop_data import at, scenario
from workshop_pilot import open_workshop, workshop_app


def points_round(folder: Path) -> Path:
    """Ana in an open points round, having given 60 / 30 / 10."""
    s = add_participant(scenario(), "ana", "Ana", None)
    s = start_round(add_round(s, "Priorities", "What matters most", 15, kind="points"), 0, at(0))
    s = set_points(s, "ana", {"prosperity": 60, "openness": 30, "equity": 10})
    path = folder / "riverton.toml"
    save(s, path)
    return path


async def test_backspaces_then_digits_typed_at_once_leave_the_digits(tmp_path: Path) -> None:
    app = workshop_app(points_round(tmp_path))
    async with app.run_test(size=SIZE) as pilot:
        await open_workshop(pilot)
        await pilot.press("3", "i")
        await wait_until(pilot, lambda: isinstance(app.screen, InputDialog), "the points form")
        box = app.screen.query_one(PointsForm).query(Input).first()
        await wait_until(pilot, lambda: app.focused is box and box.value == "60", "the box")
        burst(app, "backspace", "backspace", "2", "5")
        await wait_until(pilot, lambda: box.value == "25", "25 typed over 60")
        burst(app, "left", "backspace", "6", "right", "backspace", "0", "tab", "enter")
        await wait_until(pilot, lambda: not isinstance(app.screen, InputDialog), "recorded")
        assert box.value == "60"
        given = app.session.scenario.workshop.rounds[0].inputs["ana"].weights
        assert (given["prosperity"], given["openness"], given["equity"]) == (60, 30, 10)
