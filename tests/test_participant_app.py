"""Pilot tests of the participant page: join with a code, then send only your own input."""

from __future__ import annotations

import datetime
from collections.abc import Callable
from pathlib import Path

import pytest
from textual.pilot import Pilot
from textual.widgets import Button, Input, OptionList, Select, Static, TabbedContent

from conftest import EXAMPLE_TOML
from integrate_tui.errors import IntegrateError
from integrate_tui.files import load, save
from integrate_tui.tui.forms.dots import DotsForm
from integrate_tui.tui.forms.form import Form
from integrate_tui.tui.forms.pairwise import PairwiseForm
from integrate_tui.tui.forms.points import PointsForm
from integrate_tui.tui.forms.ranking import RankingForm
from integrate_tui.tui.participant.app import ParticipantApp, make_participant_app
from integrate_tui.tui.participant.screens.join import JoinScreen
from integrate_tui.tui.participant.screens.round import RoundScreen
from integrate_tui.tui.participant.widgets.waiting import Waiting
from integrate_tui.workshop import (
    add_participant,
    add_round,
    add_snapshot,
    close_round,
    start_round,
)
from integrate_tui.workshop.inbox import (
    collect,
    inbox_dir,
    key_path,
    participant_token,
    session_key,
)
from tui_support import wait_until

SIZE = (100, 48)
T0 = datetime.datetime(2026, 3, 5, 10, 0, tzinfo=datetime.UTC)
DISCUSSION, POINTS, PAIRWISE, VOTE = range(4)
EQUITY = '\n[[values]]\nid = "equity"\nname = "Equity"\nweight = 1\n'


def workshop_file(path: Path, open_round: int | None, *, third_value: bool = False) -> Path:
    """The example with two participants, two options and one round of each kind."""
    path.write_text(EXAMPLE_TOML + (EQUITY if third_value else ""), encoding="utf-8")
    s = add_participant(load(path), "ana", "Ana Lopez")
    s = add_participant(s, "ben", "Ben Okafor", "business")
    s = add_snapshot(add_snapshot(s, "Baseline"), "Option A")
    s = add_round(s, "Opening", "Where do we stand?")
    s = add_round(s, "Priorities", "What matters most?", 10, kind="points")
    s = add_round(s, "Compare", kind="pairwise")
    s = add_round(s, "Choose", kind="vote", dots=3)
    if open_round is not None:
        s = start_round(s, open_round, T0)
    save(s, path)
    session_key(path)
    return path


def code(path: Path, who: str) -> str:
    """The join code the facilitator would read out for `who`."""
    key = session_key(path, create=False)
    assert key is not None
    return participant_token(key, who)


async def join(pilot: Pilot, who: str, typed: str) -> None:
    """Pick a name, type a code and press Join."""
    screen = pilot.app.screen
    screen.query_one("#who", Select).value = who
    screen.query_one("#code", Input).value = typed
    screen.query_one("#join", Button).press()

    def answered() -> bool:
        current = pilot.app.screen
        if isinstance(current, JoinScreen):
            return bool(str(current.query_one("#join-message").render()).strip())
        return not isinstance(current, RoundScreen) or bool(current.query(".tally, Waiting"))

    await wait_until(pilot, answered, "the join to be answered")
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


async def send(pilot: Pilot, form: Form) -> None:
    """Press the form's Send and wait for its answer: problems on the form, a line under it,
    or the join screen. Both are cleared first, so an answer from an earlier send never counts.
    """
    screen = pilot.app.screen
    status = screen.query_one("#status", Static)
    problems = form.query_one(".problems", Static)
    status.update("")
    problems.update("")
    form.query_one("#send", Button).press()

    def answered() -> bool:
        if pilot.app.screen is not screen:
            return pilot.app.screen.is_mounted
        said = str(status.render()).strip()
        return said not in ("", "Sending…") or bool(str(problems.render()).strip())

    await wait_until(pilot, answered, "an answer to Send")


async def reload_until(pilot: Pilot, shown: Callable[[], object], what: str) -> None:
    """Ask the page to re-read the file now and wait until it shows `what`."""
    pilot.app.reload()
    await wait_until(pilot, shown, what)


def status(app: ParticipantApp) -> str:
    return str(app.screen.query_one("#status", Static).render())


def app_on(path: Path) -> ParticipantApp:
    return make_participant_app(path, every=60)


async def test_a_wrong_code_is_refused_with_a_plain_message(tmp_path: Path) -> None:
    path = workshop_file(tmp_path / "riverton.toml", POINTS)
    async with app_on(path).run_test(size=SIZE) as pilot:
        await join(pilot, "ana", code(path, "ben"))
        assert isinstance(pilot.app.screen, JoinScreen)
        message = str(pilot.app.screen.query_one("#join-message", Static).render())
        assert "not the join code for Ana Lopez" in message
        await join(pilot, "ana", "")
        assert "Type the join code" in str(pilot.app.screen.query_one("#join-message").render())
    assert not inbox_dir(path).exists()


async def test_the_right_code_joins_in_any_case_and_spacing(tmp_path: Path) -> None:
    path = workshop_file(tmp_path / "riverton.toml", POINTS)
    async with app_on(path).run_test(size=SIZE) as pilot:
        await join(pilot, "ana", code(path, "ana").upper().replace("-", " "))
        screen = pilot.app.screen
        assert isinstance(screen, RoundScreen)
        assert "Round 2: Priorities" in str(screen.query_one("#round-title").render())
        assert "Points allocation" in str(screen.query_one("#round-kind").render())
        assert "What matters most?" in str(screen.query_one("#round-purpose").render())
        assert screen.query_one(PointsForm)


async def test_points_are_checked_then_sent_as_a_submission_the_inbox_accepts(
    tmp_path: Path,
) -> None:
    path = workshop_file(tmp_path / "riverton.toml", POINTS)
    before = path.read_bytes()
    async with app_on(path).run_test(size=SIZE) as pilot:
        await join(pilot, "ben", code(path, "ben"))
        form = pilot.app.screen.query_one(PointsForm)
        boxes = {str(box.name): box for box in form.query(Input)}
        boxes["prosperity"].value, boxes["openness"].value = "70", "20"
        await pilot.pause()
        assert "10 of 100 points left to give" in str(form.query_one(".tally").render())
        await send(pilot, form)
        assert "add up to 100" in str(form.query_one(".problems").render())
        assert not inbox_dir(path).exists()
        boxes["openness"].value = "30"
        await send(pilot, form)
        assert "the facilitator will apply it" in status(pilot.app)
    accepted, rejected = collect(inbox_dir(path), load(path))
    assert rejected == []
    assert [(s.participant, s.kind, s.payload) for s in accepted] == [
        ("ben", "points", {"prosperity": 70, "openness": 30})
    ]
    assert path.read_bytes() == before  # the page never writes the scenario


async def test_pairwise_shows_the_consistency_ratio_and_the_worst_judgement(
    tmp_path: Path,
) -> None:
    path = workshop_file(tmp_path / "riverton.toml", PAIRWISE, third_value=True)
    async with app_on(path).run_test(size=SIZE) as pilot:
        await join(pilot, "ana", code(path, "ana"))
        form = pilot.app.screen.query_one(PairwiseForm)
        tally = form.query_one(".tally")
        await wait_until(pilot, lambda: "Consistency ratio" in str(tally.render()), "the tally")
        assert "Consistency ratio 0.00" in str(tally.render())
        answers = {"prosperity openness": 5.0, "prosperity equity": 1 / 5, "openness equity": 7.0}
        for select in form.query(Select):
            select.value = answers[str(select.name)]
        await wait_until(pilot, lambda: "above 0.10" in str(tally.render()), "the new ratio")
        assert "Most inconsistent answer" in str(tally.render())
        await send(pilot, form)
    accepted, rejected = collect(inbox_dir(path), load(path))
    assert rejected == [] and [s.kind for s in accepted] == ["pairwise"]
    assert accepted[0].payload[("openness", "equity")] == 7


async def test_a_vote_takes_dots_within_the_budget(tmp_path: Path) -> None:
    path = workshop_file(tmp_path / "riverton.toml", VOTE)
    async with app_on(path).run_test(size=SIZE) as pilot:
        await join(pilot, "ana", code(path, "ana"))
        form = pilot.app.screen.query_one(DotsForm)
        plus = {str(b.name): b for b in form.query(".plus").results(Button)}
        for option in ("Option A", "Option A", "Baseline", "Baseline"):  # the 4th is refused
            plus[option].press()
            await pilot.pause()
        assert form.dots() == {"Baseline": 1, "Option A": 2}
        assert "0 of 3 dots left" in str(form.query_one(".tally").render())
        await send(pilot, form)
        assert "the facilitator will apply it" in status(pilot.app)
    accepted, rejected = collect(inbox_dir(path), load(path))
    assert rejected == []
    assert [(s.participant, s.payload) for s in accepted] == [
        ("ana", {"Baseline": 1, "Option A": 2})
    ]


async def test_a_vote_takes_a_ranking(tmp_path: Path) -> None:
    path = workshop_file(tmp_path / "riverton.toml", VOTE)
    async with app_on(path).run_test(size=SIZE) as pilot:
        await join(pilot, "ben", code(path, "ben"))
        pilot.app.screen.query_one(TabbedContent).active = "ranking-tab"
        await pilot.pause()
        form = pilot.app.screen.query_one(RankingForm)
        form.query_one(OptionList).highlighted = 1
        form.query_one("#up", Button).press()
        await pilot.pause()
        assert form.ranking() == ["Option A", "Baseline"]
        await send(pilot, form)
    accepted, _ = collect(inbox_dir(path), load(path))
    assert [(s.kind, s.payload) for s in accepted] == [("ranking", ["Option A", "Baseline"])]


async def test_it_waits_calmly_then_follows_the_agenda(tmp_path: Path) -> None:
    path = workshop_file(tmp_path / "riverton.toml", None)
    async with app_on(path).run_test(size=SIZE) as pilot:
        await join(pilot, "ana", code(path, "ana"))
        waiting = pilot.app.screen.query_one(Waiting)
        assert "No round is open right now" in str(waiting.render())
        save(start_round(load(path), DISCUSSION, T0), path)

        def says_discussion() -> bool:
            shown = pilot.app.screen.query(Waiting)
            return bool(shown) and "discussion: nothing to send" in str(shown.first().render())

        await reload_until(pilot, says_discussion, "the discussion round")
        s = start_round(close_round(load(path), T0), POINTS, T0)
        save(s, path)
        await reload_until(pilot, lambda: pilot.app.screen.query(PointsForm), "the points form")
        assert not pilot.app.screen.query(Waiting)


async def test_a_new_session_sends_everyone_back_to_join(tmp_path: Path) -> None:
    path = workshop_file(tmp_path / "riverton.toml", POINTS)
    async with app_on(path).run_test(size=SIZE) as pilot:
        await join(pilot, "ana", code(path, "ana"))
        key_path(path).unlink()
        session_key(path)  # the facilitator starts over: every code changes
        form = pilot.app.screen.query_one(PointsForm)
        form.query_one("#even", Button).press()
        await pilot.pause()
        await send(pilot, form)
        assert isinstance(pilot.app.screen, JoinScreen)
        assert "new session" in str(pilot.app.screen.query_one("#join-message").render())
    assert not inbox_dir(path).exists()


@pytest.mark.parametrize("text", ["", "x = ", "schema_version = 1\n"])
def test_a_file_that_does_not_load_fails_before_textual_starts(tmp_path: Path, text: str) -> None:
    path = tmp_path / "bad.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(IntegrateError, match=r"bad\.toml"):
        make_participant_app(path)
