"""A poisoned or tampered inbox: each file is judged alone, tokens stay private, links refused."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from integrate_tui.files import save
from integrate_tui.model import Scenario
from integrate_tui.workshop import add_round, start_round
from integrate_tui.workshop import inbox as inbox_module
from integrate_tui.workshop.errors import WorkshopError
from integrate_tui.workshop.inbox import (
    REASON_CHARS,
    REASON_LINES,
    archive,
    collect,
    examine,
    inbox_dir,
    reject,
    session_key,
    write_submission,
)
from integrate_tui.workshop.intake import apply_all
from integrate_tui.workshop.participants import remove_participant
from test_workshop_inbox import header, submit, weights_of
from workshop_data import PEOPLE, at, scenario

DEEP = "[" * 600 + "]" * 600


@pytest.fixture
def setup(tmp_path: Path) -> tuple[Path, Scenario, bytes]:
    """A saved scenario with participants and a points round open; its inbox; its key."""
    path = tmp_path / "riverton.toml"
    s = start_round(add_round(scenario(participants=PEOPLE), "Priorities", kind="points"), 0, at(0))
    save(s, path)
    key = session_key(path)
    assert key is not None
    return inbox_dir(path), s, key


def mode(path: Path) -> int:
    return stat.S_IMODE(path.lstat().st_mode)


def poison(inbox: Path, key: bytes, name: str = "poison.toml") -> Path:
    """A submission whose points nest 600 deep, as the issue reproduced."""
    inbox.mkdir(exist_ok=True)
    path = inbox / name
    path.write_text(header(key, "ben", "points") + f"[points]\nprosperity = {DEEP}\n")
    return path


def test_a_poisoned_file_is_set_aside_and_the_valid_one_beside_it_applied(setup) -> None:
    inbox, s, key = setup
    poison(inbox, key)
    submit(inbox, key, "ana", "points", {"prosperity": 60, "openness": 40})
    accepted, rejected = collect(inbox, s)
    assert [a.participant for a in accepted] == ["ana"]
    assert [(r.name, r.reason) for r in rejected] == [
        ("poison.toml", "line 6: nesting deeper than 32 (arrays and tables inside one another)")
    ]
    assert (inbox / "rejected" / "poison.toml").exists()
    intake = apply_all(s, accepted)
    assert intake.refused == [] and weights_of(intake.scenario, "ana")["prosperity"] == 60


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("x = " + "9" * 5000, "not valid TOML: a number is too long to read"),
        ("kind = " + "[" * 5000, "line 1: nesting deeper than 32"),
        ('participant = "ana"\ntoken = "t"\nkind = "' + "k" * 10_000 + '"\n', "unknown kind 'kkk"),
    ],
    ids=["long integer", "unclosed brackets", "huge kind"],
)
def test_any_broken_file_is_set_aside_with_a_short_reason(setup, text: str, reason: str) -> None:
    inbox, s, key = setup
    inbox.mkdir(exist_ok=True)
    (inbox / "bad.toml").write_text(text)
    submit(inbox, key, "ana", "points", {"equity": 100})
    accepted, rejected = collect(inbox, s)
    assert len(accepted) == 1 and len(rejected) == 1
    assert rejected[0].reason.startswith(reason)
    assert all(len(line) <= REASON_CHARS + 1 for line in rejected[0].reason.splitlines())


def test_an_unexpected_error_sets_the_file_aside_not_the_inbox(setup, monkeypatch) -> None:
    inbox, s, key = setup
    submit(inbox, key, "ana", "points", {"equity": 100})
    submit(inbox, key, "ben", "points", {"equity": 100})
    real = inbox_module.payload_of

    def flaky(sent, s: Scenario, key: bytes) -> object:  # a stand-in for any bug
        if sent.participant == "ben":
            raise RecursionError("maximum recursion depth exceeded")
        return real(sent, s, key)

    monkeypatch.setattr(inbox_module, "payload_of", flaky)
    accepted, rejected = collect(inbox, s)
    assert [a.participant for a in accepted] == ["ana"]
    assert [r.reason for r in rejected] == ["nested too deeply to read"]


def test_a_reason_with_many_problems_is_kept_short(setup) -> None:
    inbox, s, key = setup
    inbox.mkdir(exist_ok=True)
    many = "".join(f'"{"v" * 400}{i}" = 1\n' for i in range(20))
    (inbox / "many.toml").write_text(header(key, "ana", "points") + "[points]\n" + many)
    [rejected] = collect(inbox, s)[1]
    lines = rejected.reason.splitlines()
    assert len(lines) == REASON_LINES + 1 and lines[-1] == "… and 8 more problems"
    assert all(len(line) <= REASON_CHARS + 1 for line in lines)


def test_examine_tells_what_collect_would_do_and_moves_nothing(setup) -> None:
    inbox, s, key = setup
    good = submit(inbox, key, "ana", "points", {"equity": 100})
    bad = poison(inbox, key)
    waiting = examine(inbox, s)
    assert [(w.path, w.submission is not None) for w in waiting] == [(good, True), (bad, False)]
    assert waiting[0].participant == "ana" and waiting[0].kind == "points"
    assert waiting[1].participant == "" and "nesting deeper" in waiting[1].reason
    assert good.exists() and bad.exists() and not (inbox / "rejected").exists()


def test_submissions_and_their_copies_are_readable_by_their_owner_only(setup) -> None:
    inbox, s, key = setup
    old = os.umask(0o022)
    try:
        written = submit(inbox, key, "ana", "points", {"equity": 100})
        assert mode(written) == 0o600 and mode(inbox) == 0o700
        by_hand = inbox / "by-hand.toml"
        by_hand.write_text("not a submission")
        os.chmod(by_hand, 0o644)
        accepted, rejected = collect(inbox, s)
        moved = archive(accepted[0])
    finally:
        os.umask(old)
    assert moved.path is not None and mode(moved.path) == 0o600
    assert mode(inbox / "applied") == 0o700 and mode(inbox / "rejected") == 0o700
    assert mode(rejected[0].path) == 0o600
    assert mode(rejected[0].path.with_name("by-hand.reason.txt")) == 0o600
    assert not [p for p in inbox.iterdir() if p.name.startswith(".")]


@pytest.mark.parametrize("folder", ["rejected", "applied"])
def test_a_folder_that_is_a_link_is_refused_before_anything_moves(
    setup, tmp_path: Path, folder: str
) -> None:
    inbox, s, key = setup
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    good = submit(inbox, key, "ana", "points", {"equity": 100})
    bad = poison(inbox, key)
    (inbox / folder).symlink_to(elsewhere, target_is_directory=True)
    with pytest.raises(WorkshopError, match="is a symbolic link"):
        collect(inbox, s)
    with pytest.raises(WorkshopError, match="is a symbolic link"):
        reject(bad, "bad") if folder == "rejected" else archive(examine(inbox, s)[0].submission)
    assert good.exists() and bad.exists() and list(elsewhere.iterdir()) == []


def test_a_file_in_the_way_of_a_folder_is_refused(setup) -> None:
    inbox, s, key = setup
    submit(inbox, key, "ana", "points", {"equity": 100})
    (inbox / "rejected").write_text("")
    with pytest.raises(WorkshopError, match="in the way"):
        collect(inbox, s)


def test_a_file_that_cannot_be_set_aside_stays_and_the_rest_go_on(setup, monkeypatch) -> None:
    inbox, s, key = setup
    poison(inbox, key)
    submit(inbox, key, "ana", "points", {"equity": 100})

    def denied(path: Path, reason: str) -> None:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(inbox_module, "reject", denied)
    accepted, rejected = collect(inbox, s)
    assert [a.participant for a in accepted] == ["ana"]
    assert rejected[0].path == inbox / "poison.toml"
    assert "left in the inbox" in rejected[0].reason


def test_apply_all_refuses_what_no_longer_applies_and_keeps_the_rest(setup) -> None:
    inbox, s, key = setup
    submit(inbox, key, "ana", "points", {"equity": 100})
    write_submission(inbox, "ben", "t", "points", {"equity": 100}, nonce="n")  # a wrong token
    accepted, rejected = collect(inbox, s)
    intake = apply_all(remove_participant(s, "ana"), accepted)
    assert intake.applied == [] and [r[0].participant for r in intake.refused] == ["ana"]
    assert "ana" in intake.refused[0][1] and len(rejected) == 1
