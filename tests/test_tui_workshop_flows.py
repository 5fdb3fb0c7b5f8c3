"""Workshop mode's side flows: the inbox, the palette and projector, replay, saving with no file."""

from __future__ import annotations

import re
from pathlib import Path

from textual.pilot import Pilot
from textual.screen import Screen
from textual.widgets import Digits

from integrate_tui.files import load, save
from integrate_tui.tui import format as fmt
from integrate_tui.tui.app import make_app
from integrate_tui.tui.screens.file_dialog import FileDialog
from integrate_tui.tui.screens.main import MainScreen
from integrate_tui.tui.themes import DEFAULT_THEME, PROJECTOR
from integrate_tui.tui.workshop.projector import ProjectorScreen
from integrate_tui.tui.workshop.screen import WorkshopScreen
from integrate_tui.workshop import replay
from integrate_tui.workshop.inbox import inbox_dir, participant_token, session_key, write_submission
from integrate_tui.workshop.nonce import round_nonce
from tui_support import SIZE, fresh_score, notes, palette_offers, settle, wait_until
from workshop_data import PEOPLE, at
from workshop_pilot import (
    column,
    mid_vote,
    open_workshop,
    scenario_file,
    shown,
    type_text,
    workshop_app,
)

OPEN_POINTS = [{"title": "Points", "kind": "points", "started": at(0)}]
ANA = {"prosperity": 50, "openness": 30, "equity": 20}


def drop(path: Path, who: str, token_of: str, points: dict[str, int]) -> Path:
    """A points submission in the inbox, signed with `token_of`'s token."""
    key = session_key(path)
    token, nonce = participant_token(key, token_of), round_nonce(key, "points", at(0))
    return write_submission(inbox_dir(path), who, token, "points", points, at(1), nonce=nonce)


async def test_the_inbox_key_applies_valid_submissions_and_sets_bad_ones_aside(
    tmp_path: Path,
) -> None:
    path = scenario_file(tmp_path, participants=PEOPLE, rounds=OPEN_POINTS)
    drop(path, "ana", "ana", ANA)
    drop(path, "ben", "ana", {"prosperity": 100})  # Ben with Ana's token
    (inbox_dir(path) / "broken.toml").write_text("participant = [", encoding="utf-8")
    app = workshop_app(path)
    seen = notes(app)
    async with app.run_test(size=SIZE) as pilot:
        await open_workshop(pilot)
        await pilot.press("n")
        await wait_until(pilot, lambda: app.session.undo_label, "the inbox to be applied")
        await settle(pilot)
        inputs = app.session.scenario.workshop.rounds[0].inputs
        assert set(inputs) == {"ana"} and inputs["ana"].weights == ANA
        assert app.session.undo_label == "Inbox: Ana (points)"
        assert not app.session.dirty
    assert load(path).workshop.rounds[0].inputs["ana"].weights == ANA
    folder = inbox_dir(path)
    assert len(list((folder / "applied").glob("*.toml"))) == 1
    assert len(list((folder / "rejected").glob("*.toml"))) == 2
    assert not list(folder.glob("*.toml"))
    aside = [n for n in seen if n.startswith("Submission set aside")]
    assert len(aside) == 2
    assert any("a participant can submit only their own inputs" in n for n in aside)
    assert any("broken.toml: not valid TOML" in n for n in aside)


async def test_submissions_landing_while_the_workbench_is_shown_wait_for_workshop_mode(
    tmp_path: Path,
) -> None:
    path = scenario_file(tmp_path, participants=PEOPLE, rounds=OPEN_POINTS)
    app = workshop_app(path)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_workshop(pilot)
        await wait_until(pilot, lambda: screen.inbox.watching, "the inbox watcher")
        await pilot.press("w")
        assert isinstance(app.screen, MainScreen)
        drop(path, "ana", "ana", ANA)
        await wait_until(pilot, lambda: screen.inbox._missed, "the watcher to see the file")
        assert "ana" not in app.session.scenario.workshop.rounds[0].inputs
        await open_workshop(pilot)
        await wait_until(
            pilot,
            lambda: "ana" in app.session.scenario.workshop.rounds[0].inputs,
            "Ana's submission to be applied on return to workshop mode",
        )
        assert app.session.scenario.workshop.rounds[0].inputs["ana"].weights == ANA


async def on(pilot: Pilot, screen: type[Screen]) -> None:
    """Wait until the app shows a mounted screen of this kind."""
    app = pilot.app
    await wait_until(
        pilot,
        lambda: isinstance(app.screen, screen) and app.screen.is_mounted,
        f"the {screen.__name__}",
    )


async def test_the_palette_opens_workshop_mode_and_the_projector_toggles_back(
    tmp_path: Path,
) -> None:
    rounds = [{"title": "Points", "kind": "points", "minutes": 20, "started": at(0)}]
    path = scenario_file(tmp_path, participants=PEOPLE, rounds=rounds)
    app = workshop_app(path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+p", *"Workshop")
        await wait_until(pilot, lambda: palette_offers(app, "Workshop"), "the palette's hit")
        await pilot.press("enter")
        await on(pilot, WorkshopScreen)
        await pilot.press("w")
        await on(pilot, MainScreen)
        await open_workshop(pilot)
        await pilot.press("p")
        await on(pilot, ProjectorScreen)
        assert app.theme == PROJECTOR.name
        overall = fresh_score(app.session.scenario).overall
        assert app.screen.query_one("#score", Digits).value == fmt.points(overall)
        assert re.fullmatch(r"\+?\d+:\d\d", app.screen.query_one("#timer", Digits).value)
        await pilot.press("f5")
        await on(pilot, WorkshopScreen)
        assert app.theme == DEFAULT_THEME
        await pilot.press("f5", "escape")
        await on(pilot, WorkshopScreen)
        assert app.theme == DEFAULT_THEME


async def test_without_a_file_closing_a_round_or_logging_asks_for_a_path_once(
    tmp_path: Path,
) -> None:
    app = make_app(recovery_folder=tmp_path / "state")
    app.animation_level = "none"
    async with app.run_test(size=SIZE) as pilot:
        await open_workshop(pilot)
        await pilot.press("l")
        await type_text(pilot, "Start")
        await pilot.press("enter")
        assert isinstance(app.screen, FileDialog)
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, WorkshopScreen)
        await pilot.press("l")
        await type_text(pilot, "Again")
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, WorkshopScreen)  # asked once only
        assert [e.text for e in app.session.scenario.workshop.log] == ["Start", "Again"]
        assert app.session.dirty and app.session.path is None


async def test_replay_steps_through_the_record_with_the_engines_numbers(tmp_path: Path) -> None:
    path = tmp_path / "riverton.toml"
    save(mid_vote(), path)
    app = workshop_app(path)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_workshop(pilot)
        await pilot.press("7")
        steps = replay(app.session.scenario)
        table = screen.pane("replay").table
        assert table.row_count == len(steps) == 4  # the cut shows at the vote's start
        assert column(table, 2) == [s.kind for s in steps]
        await pilot.press("down")
        detail = shown(screen.query_one("#step-detail"))
        closed = steps[1]
        assert detail.startswith("Step 2 of 4 · round closed · Priorities")
        assert f"Integrated score {fmt.points(closed.score.overall)}" in detail
        assert "Since the step before" in detail and closed.ledger is not None
        assert closed.ledger.headline() in detail.replace("\n", " ")
