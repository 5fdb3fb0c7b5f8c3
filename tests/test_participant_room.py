"""The participant pages' shared core: joining, reading the round, submitting safely."""

from __future__ import annotations

from pathlib import Path

import pytest

from integrate_tui.files import load, save
from integrate_tui.workshop import close_round, room, start_round
from integrate_tui.workshop.errors import WorkshopError
from integrate_tui.workshop.inbox import collect, inbox_dir, key_path, session_key
from test_participant_app import POINTS, T0, VOTE, code, workshop_file


def test_joining_needs_a_listed_name_a_session_and_the_right_code(tmp_path: Path) -> None:
    path = workshop_file(tmp_path / "riverton.toml", POINTS)
    s = load(path)
    with pytest.raises(WorkshopError, match="Choose your name"):
        room.join(path, s, "zoe", code(path, "ana"))
    with pytest.raises(WorkshopError, match="not the join code for Ben Okafor"):
        room.join(path, s, "ben", code(path, "ana"))
    seat = room.join(path, s, "ana", f"  {code(path, 'ana').upper()} ")
    assert (seat.participant, seat.name, seat.token) == ("ana", "Ana Lopez", code(path, "ana"))
    key_path(path).unlink()
    with pytest.raises(WorkshopError, match="not opened the session"):
        room.join(path, s, "ana", seat.token)


def test_a_submission_for_a_round_that_has_closed_is_not_sent(tmp_path: Path) -> None:
    path = workshop_file(tmp_path / "riverton.toml", POINTS)
    seat = room.join(path, load(path), "ana", code(path, "ana"))
    shown = room.current_round(load(path))
    assert shown is not None
    save(close_round(load(path), T0), path)
    with pytest.raises(WorkshopError, match="no longer open"):
        room.submit(seat, load(path), shown, "points", {"prosperity": 50, "openness": 50}, T0)
    assert not inbox_dir(path).exists()


def test_only_what_the_round_takes_and_the_inbox_would_accept_is_written(tmp_path: Path) -> None:
    path = workshop_file(tmp_path / "riverton.toml", VOTE)
    seat = room.join(path, load(path), "ben", code(path, "ben"))
    shown = room.current_round(load(path))
    assert shown is not None and shown.options == ("Baseline", "Option A") and shown.dots == 3
    with pytest.raises(WorkshopError, match="does not take points"):
        room.submit(seat, load(path), shown, "points", {"prosperity": 100}, T0)
    with pytest.raises(WorkshopError, match="4 dots placed, but each participant has 3"):
        room.submit(seat, load(path), shown, "dots", {"Option A": 4}, T0)
    written = room.submit(seat, load(path), shown, "dots", {"Option A": 3}, T0)
    assert written.parent == inbox_dir(path)
    accepted, rejected = collect(inbox_dir(path), load(path))
    assert rejected == [] and [s.participant for s in accepted] == ["ben"]


def test_a_new_session_key_unseats_a_participant(tmp_path: Path) -> None:
    path = workshop_file(tmp_path / "riverton.toml", None)
    seat = room.join(path, load(path), "ana", code(path, "ana"))
    assert room.still_seated(seat, load(path))
    key_path(path).unlink()
    session_key(path)
    assert not room.still_seated(seat, load(path))
    save(start_round(load(path), POINTS, T0), path)
    shown = room.current_round(load(path))
    assert shown is not None
    with pytest.raises(room.SeatLost):
        room.submit(seat, load(path), shown, "points", {"prosperity": 100}, T0)


def test_a_code_alone_names_its_participant(tmp_path: Path) -> None:
    path = workshop_file(tmp_path / "riverton.toml", POINTS)
    s = load(path)
    seat = room.seat_by_code(path, s, f" {code(path, 'ben').upper()}")
    assert (seat.participant, seat.name) == ("ben", "Ben Okafor")
    with pytest.raises(WorkshopError, match="not a join code for this workshop"):
        room.seat_by_code(path, s, "aaaa-bbbb-cccc")
    with pytest.raises(WorkshopError, match="Type the join code"):
        room.seat_by_code(path, s, "  ")
