"""Workshop dialogs are shown by the key that opens them, so the keys typed right after it go
to the dialog, whole and in order (keys queued in one burst, as a terminal delivers keys typed
faster than the app handles them)."""

from __future__ import annotations

from pathlib import Path

from textual.app import App
from textual.screen import Screen
from textual.widgets import Input

from integrate_tui.files import save
from integrate_tui.tui.forms.points import PointsForm
from integrate_tui.tui.screens.dialogs import Prompt
from integrate_tui.tui.workshop.forms import ParticipantForm, RoundForm
from integrate_tui.tui.workshop.input_dialog import InputDialog
from integrate_tui.tui.workshop.screen import WorkshopScreen
from integrate_tui.workshop import add_participant, add_round, set_points, start_round
from integrate_tui.workshop.options import option_names
from tui_support import SIZE, burst, wait_until
from workshop_data import at, scenario
from workshop_pilot import mid_vote, open_workshop, scenario_file, workshop_app


def typed(app: App[object], dialog: type[Screen[object]], box: str, text: str) -> bool:
    """Whether `dialog` is shown and its box `box` holds `text`."""
    screen = app.screen
    return isinstance(screen, dialog) and screen.query_one(box, Input).value == text


async def test_a_title_typed_with_a_on_the_agenda_goes_to_the_new_round(tmp_path: Path) -> None:
    app = workshop_app(scenario_file(tmp_path))
    async with app.run_test(size=SIZE) as pilot:
        await open_workshop(pilot)
        burst(app, "a", *"Openigx", "backspace", "left", "n", "end", "s")
        what = "the title typed after a"
        await wait_until(pilot, lambda: typed(app, RoundForm, "#title", "Openings"), what)
        burst(app, "enter")
        await wait_until(pilot, lambda: isinstance(app.screen, WorkshopScreen), "the round added")
        assert [r.title for r in app.session.scenario.workshop.rounds] == ["Openings"]


async def test_a_name_typed_with_a_on_people_goes_to_the_new_participant(tmp_path: Path) -> None:
    app = workshop_app(scenario_file(tmp_path))
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_workshop(pilot)
        await pilot.press("2")
        await wait_until(pilot, lambda: screen.active == "people", "the People pane")
        burst(app, "a", *"Zoe", "space", *"Kin", "backspace", "m")
        what = "the name typed after a"
        await wait_until(pilot, lambda: typed(app, ParticipantForm, "#name", "Zoe Kim"), what)
        burst(app, "enter")
        await wait_until(pilot, lambda: isinstance(app.screen, WorkshopScreen), "Zoe Kim added")
        assert [p.name for p in app.session.scenario.workshop.participants] == ["Zoe Kim"]


async def test_digits_typed_with_i_go_to_the_points_form(tmp_path: Path) -> None:
    s = add_participant(scenario(), "ana", "Ana", None)
    s = start_round(add_round(s, "Priorities", "What matters most", 15, kind="points"), 0, at(0))
    path = tmp_path / "riverton.toml"
    save(set_points(s, "ana", {"prosperity": 60, "openness": 30, "equity": 10}), path)
    app = workshop_app(path)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_workshop(pilot)
        await pilot.press("3")
        await wait_until(pilot, lambda: screen.pane("priorities").current == "ana", "Ana's row")
        burst(app, "i", "backspace", "backspace", "5", "left", "2")

        def boxes() -> list[str]:
            dialog = app.screen
            if not isinstance(dialog, InputDialog):
                return []
            return [box.value for box in dialog.query_one(PointsForm).query(Input)]

        await wait_until(pilot, lambda: boxes() == ["25", "30", "10"], "25 typed over 60")


async def test_an_option_name_typed_with_o_goes_to_the_prompt(tmp_path: Path) -> None:
    path = tmp_path / "riverton.toml"
    save(mid_vote(), path)
    app = workshop_app(path)
    async with app.run_test(size=SIZE) as pilot:
        await open_workshop(pilot)
        burst(app, "o", *"Bold", "enter")
        what = "the option named Bold"
        await wait_until(pilot, lambda: "Bold" in option_names(app.session.scenario), what)
        assert not isinstance(app.screen, Prompt)


async def test_a_second_enter_typed_before_the_form_closes_records_once(tmp_path: Path) -> None:
    app = workshop_app(scenario_file(tmp_path))
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_workshop(pilot)
        await pilot.press("2")
        await wait_until(pilot, lambda: screen.active == "people", "the People pane")
        burst(app, "a", *"Ben", "enter", "enter")
        what = "Ben added"
        await wait_until(pilot, lambda: app.session.scenario.workshop.participants, what)
        await wait_until(pilot, lambda: app.screen is screen, "the workshop screen again")
        assert [p.name for p in app.session.scenario.workshop.participants] == ["Ben"]
