"""The live room on the facilitator's screen: submissions as they land, presence, join codes."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import DataTable

from integrate_tui.files import load, save
from integrate_tui.tui import format as fmt
from integrate_tui.tui.workshop.codes_screen import BANNER, CodesScreen
from integrate_tui.tui.workshop.projector import ProjectorScreen
from integrate_tui.tui.workshop.round_bar import RoundBar
from integrate_tui.workshop import room
from integrate_tui.workshop.ballot import ballot_contents
from integrate_tui.workshop.inbox import inbox_dir, participant_token, session_key
from integrate_tui.workshop.nonce import round_nonce
from integrate_tui.workshop.presence import Presence, write_presence
from tui_support import SIZE, settle, wait_until
from workshop_data import PEOPLE, at
from workshop_pilot import column, mid_vote, open_workshop, scenario_file, shown, workshop_app

OPEN_POINTS = [{"title": "Points", "kind": "points", "started": at(0)}]
ANA = {"prosperity": 50, "openness": 30, "equity": 20}


def seat(path: Path, who: str) -> room.Seat:
    """`who` joined from the participant page with their code."""
    key = session_key(path)
    assert key is not None
    return room.join(path, load(path), who, participant_token(key, who))


def bar(app) -> str:
    return shown(app.screen.query_one(RoundBar))


async def test_a_submission_reaches_the_screen_as_it_lands_with_no_poll(tmp_path: Path) -> None:
    path = scenario_file(tmp_path, participants=PEOPLE, rounds=OPEN_POINTS)
    ana = seat(path, "ana")
    app = workshop_app(path)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_workshop(pilot)
        await pilot.press("3")
        assert not inbox_dir(path).exists()  # the watcher waits for the folder
        scenario = load(path)
        room.submit(ana, scenario, room.current_round(scenario), "points", ANA)
        await wait_until(
            pilot, lambda: "inbox: Ana (points)" in bar(app), "the round bar to show Ana's points"
        )
        assert app.session.scenario.workshop.rounds[0].inputs["ana"].weights == ANA
        await wait_until(
            pilot,
            lambda: "50" in column(screen.pane("priorities").table, 1)[0],
            "the Priorities pane to show Ana's points",
        )
        await settle(pilot)
        assert not list(inbox_dir(path).glob("*.toml"))  # applied and archived
        assert screen.inbox.watching
    assert load(path).workshop.rounds[0].inputs["ana"].weights == ANA
    watcher = screen.inbox._watcher
    assert watcher is not None
    watcher.join(timeout=30)  # the screen went away with the app: the watcher stops
    assert not screen.inbox.watching


async def test_the_room_shows_who_joined_is_on_the_round_and_has_sent(tmp_path: Path) -> None:
    path = scenario_file(tmp_path, participants=PEOPLE, rounds=OPEN_POINTS)
    key = session_key(path)
    assert key is not None
    nonce = round_nonce(key, "points", at(0))
    app = workshop_app(path)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_workshop(pilot)
        await pilot.press("2")
        presence = Presence()
        presence.joined("ana", at(1))
        presence.joined("ben", at(1))
        presence.sent("ana", nonce, "points", at(2))
        presence.saw("ben", nonce, at(2))
        write_presence(inbox_dir(path), presence.to_json())
        await wait_until(
            pilot,
            lambda: "1 of 3 sent (2 on this round, 2 joined)" in bar(app),
            "the round bar to count the room",
        )
        table = screen.pane("people").table
        await wait_until(
            pilot, lambda: column(table, 4)[1:] == ["on the round", "not joined"], "presence"
        )
        assert column(table, 4)[0].startswith("sent points ")


async def test_join_codes_are_only_on_the_not_for_projection_screen(tmp_path: Path) -> None:
    path = scenario_file(tmp_path, participants=PEOPLE, rounds=OPEN_POINTS)
    key = session_key(path)
    assert key is not None
    codes = [participant_token(key, p["id"]) for p in PEOPLE]
    app = workshop_app(path)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_workshop(pilot)
        await pilot.press("2")
        people = screen.pane("people").table
        cells = [column(people, i) for i in range(len(people.columns))]
        assert not any(code in row for code in codes for row in cells)
        await pilot.press("c")
        await wait_until(pilot, lambda: isinstance(app.screen, CodesScreen), "the codes screen")
        assert shown(app.screen.query_one("#banner")) == BANNER
        assert column(app.screen.query_one(DataTable), 2) == codes
        await pilot.press("escape")
        await wait_until(pilot, lambda: app.screen is screen, "the workshop screen again")


def open_points_with(**extra) -> list[dict]:
    """One points round, open, with Ana's and Ben's points given."""
    given = {
        "ana": {"weights": {"prosperity": 60, "openness": 30, "equity": 10}},
        "ben": {"weights": {"prosperity": 20, "openness": 40, "equity": 40}},
    }
    return [{"title": "Points", "kind": "points", "started": at(0), "inputs": given, **extra}]


async def test_the_group_table_keeps_its_column_widths_after_applying(tmp_path: Path) -> None:
    path = scenario_file(tmp_path, participants=PEOPLE, rounds=open_points_with())
    app = workshop_app(path)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_workshop(pilot)
        await pilot.press("4")
        table = screen.pane("group").table
        await settle(pilot)
        await pilot.press("A")
        await wait_until(pilot, lambda: app.session.undo_label.startswith("Group"), "A applied")
        await settle(pilot)
        first_row = "".join(segment.text for segment in table.render_line(1))
        assert "Economic prosperity" in first_row  # was cut to "Econo" until redrawn


async def test_the_inbox_notice_goes_when_its_round_closes(tmp_path: Path) -> None:
    rounds = [*OPEN_POINTS, {"title": "Next", "kind": "points"}]
    path = scenario_file(tmp_path, participants=PEOPLE, rounds=rounds)
    ana = seat(path, "ana")
    app = workshop_app(path)
    async with app.run_test(size=SIZE) as pilot:
        await open_workshop(pilot)
        scenario = load(path)
        room.submit(ana, scenario, room.current_round(scenario), "points", ANA)
        await wait_until(pilot, lambda: "inbox: Ana" in bar(app), "the inbox notice")
        steps = app.session.workshop
        steps.commit(steps.close_round("done"))
        steps.commit(steps.start_round(1))
        await wait_until(pilot, lambda: "Round 2 of 2" in bar(app), "round 2 in the bar")
        assert "inbox:" not in bar(app)  # was kept into round 2


async def test_people_who_placed_dots_but_did_not_rank_are_not_called_abstaining(
    tmp_path: Path,
) -> None:
    path = tmp_path / "riverton.toml"
    save(mid_vote(), path)  # Ana: dots and ranking; Ben: dots only; Cai: nothing
    app = workshop_app(path)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_workshop(pilot)
        await pilot.press("5")
        await settle(pilot)
        results = shown(screen.query_one("#results"))
        assert "Abstained: Cai" in results  # from the dot vote
        assert "Did not rank: Ben, Cai" in results
        assert "Abstained: Ben" not in results


async def test_options_on_the_vote_pane_are_all_scored_with_the_group_weights(
    tmp_path: Path,
) -> None:
    path = tmp_path / "riverton.toml"
    save(mid_vote(), path)
    app = workshop_app(path)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_workshop(pilot)
        await pilot.press("5")
        await settle(pilot)
        results = shown(screen.query_one("#results"))
        s = app.session.scenario
        baseline, lean = ballot_contents(s, ["Baseline", "Lean trade"])
        own = app.session.score_for("Baseline").overall  # with Baseline's own old weights
        assert fmt.points(own) != fmt.points(baseline.overall)
        assert f"Baseline · integrated score {fmt.points(baseline.overall)}" in results
        assert f"Lean trade · integrated score {fmt.points(lean.overall)}" in results
        assert "Outbound trade missions 0.40 (-0.40)" in results


async def test_revealed_results_reach_the_projector_named_or_anonymous(tmp_path: Path) -> None:
    path = scenario_file(tmp_path, participants=PEOPLE, rounds=open_points_with())
    app = workshop_app(path)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_workshop(pilot)
        await pilot.press("R")
        await wait_until(
            pilot, lambda: app.session.scenario.workshop.rounds[0].revealed, "results revealed"
        )
        await wait_until(  # saved: the web page reads it
            pilot, lambda: load(path).workshop.rounds[0].revealed, "the reveal saved"
        )
        await pilot.press("p")
        await wait_until(pilot, lambda: isinstance(app.screen, ProjectorScreen), "the projector")
        await settle(pilot)
        await wait_until(
            pilot, lambda: "(anonymous)" in shown(app.screen.query_one("#room-results")), "results"
        )
        text = shown(app.screen.query_one("#room-results"))
        assert "Results of round 1: Points (anonymous)" in text
        assert "Each dot is one person's weight" in text and "Ana" not in text
        await pilot.press("p")
        await wait_until(pilot, lambda: app.screen is screen, "back to the workshop")
        await pilot.press("N")
        await wait_until(pilot, lambda: app.session.scenario.workshop.rounds[0].named, "named")
        await pilot.press("p")
        await wait_until(pilot, lambda: isinstance(app.screen, ProjectorScreen), "the projector")
        await settle(pilot)
        await wait_until(
            pilot, lambda: "(named)" in shown(app.screen.query_one("#room-results")), "named"
        )
        text = shown(app.screen.query_one("#room-results"))
        assert "(named)" in text and "Ana 60%" in text
