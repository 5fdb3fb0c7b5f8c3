"""The participant inbox: valid submissions reach the right person; bad ones are set aside."""

from __future__ import annotations

import os
import re
import stat
import tomllib
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from integrate_tui.files import save
from integrate_tui.model import Ballot, Scenario
from integrate_tui.workshop import (
    add_round,
    add_snapshot,
    close_round,
    start_round,
    workshop_of,
)
from integrate_tui.workshop import inbox as inbox_module
from integrate_tui.workshop.inbox import (
    MAX_BYTES,
    archive,
    collect,
    inbox_dir,
    key_path,
    nanoseconds,
    participant_token,
    reject,
    session_key,
    token_matches,
    write_submission,
)
from integrate_tui.workshop.nonce import round_nonce
from integrate_tui.workshop.submission import apply, compose, to_toml
from workshop_data import PEOPLE, at, scenario

ROUND_OF = {"points": ("points", 0), "pairwise": ("points", 0), "dots": ("vote", 3)}
"""Which of the fixture's rounds each kind is sent to: (round kind, minute it starts)."""


@pytest.fixture
def setup(tmp_path: Path) -> tuple[Path, Scenario, bytes]:
    """A saved scenario with participants, two options, a points round open and a vote to
    come; its inbox; its key."""
    path = tmp_path / "riverton.toml"
    s = add_snapshot(add_snapshot(scenario(participants=PEOPLE), "Baseline"), "Option A")
    s = add_round(add_round(s, "Priorities", kind="points"), "Vote", kind="vote")
    s = start_round(s, 0, at(0))
    save(s, path)
    key = session_key(path)
    assert key is not None
    return inbox_dir(path), s, key


def voting(s: Scenario) -> Scenario:
    """The fixture's scenario with the points round closed and the vote open."""
    return start_round(close_round(s, at(2)), 1, at(3))


def nonce(key: bytes, kind: str) -> str:
    """The nonce of the fixture's round that takes `kind`: the points round, or the vote."""
    round_kind, minute = ROUND_OF.get(kind, ROUND_OF["dots"])
    return round_nonce(key, round_kind, at(minute))


def submit(inbox: Path, key: bytes, who: str, kind: str, payload: object, *, as_: str = "") -> Path:
    """Write a submission the way the participant page does, with `who`'s own token."""
    token = participant_token(key, who)
    return write_submission(inbox, as_ or who, token, kind, payload, at(1), nonce=nonce(key, kind))


def test_paths_sit_beside_the_scenario(tmp_path: Path) -> None:
    assert inbox_dir(tmp_path / "riverton.toml") == tmp_path / "riverton.inbox"
    assert key_path(tmp_path / "riverton.toml") == tmp_path / "riverton.session-key"


def test_the_session_key_is_private_stable_and_makes_distinct_tokens(tmp_path: Path) -> None:
    path = tmp_path / "s.toml"
    assert session_key(path, create=False) is None
    key = session_key(path)
    assert key is not None and len(key) == 32
    assert stat.S_IMODE(key_path(path).stat().st_mode) == 0o600
    assert session_key(path) == key
    token = participant_token(key, "ana")
    assert len(token) == 14 and token.count("-") == 2
    assert token != participant_token(key, "ben")
    assert token != participant_token(os.urandom(32), "ana")
    assert token_matches(key, "ana", token.upper().replace("-", " "))
    assert not token_matches(key, "ben", token)
    assert not token_matches(key, "ana", "ünïcode")


def test_valid_submissions_are_applied_to_their_own_participant(setup) -> None:
    inbox, s, key = setup
    submit(inbox, key, "ana", "points", {"prosperity": 60, "openness": 40})
    pair = {("prosperity", "openness"): 3, ("prosperity", "equity"): 5, ("openness", "equity"): 2}
    submit(inbox, key, "ben", "pairwise", pair)
    accepted, rejected = collect(inbox, s)
    assert rejected == []
    assert [(a.participant, a.kind) for a in accepted] == [("ana", "points"), ("ben", "pairwise")]
    for submission in accepted:
        s = apply(s, submission)
        moved = archive(submission)
        assert moved.path.parent == inbox / "applied" and moved.path.exists()
    people = {p.id: p.weights for p in workshop_of(s).participants}
    assert people["ana"] == {"prosperity": 60, "openness": 40, "equity": 0}
    assert people["ben"]["prosperity"] > people["ben"]["openness"] > people["ben"]["equity"]
    given = workshop_of(s).rounds[0].inputs
    assert set(given) == {"ana", "ben"}
    assert given["ana"].judgements == [] and len(given["ben"].judgements) == 3
    s = voting(s)
    submit(inbox, key, "cai", "dots", {"Option A": 2, "Baseline": 1})
    submit(inbox, key, "cai", "ranking", ["Option A", "Baseline"])
    accepted, rejected = collect(inbox, s)
    assert rejected == [] and [a.kind for a in accepted] == ["dots", "ranking"]
    for submission in accepted:
        s = apply(s, submission)
        archive(submission)
    assert workshop_of(s).rounds[1].votes == {
        "cai": Ballot(dots={"Option A": 2, "Baseline": 1}, ranking=["Option A", "Baseline"])
    }
    assert list(inbox.glob("*.toml")) == []


def rejected_for(inbox: Path, s: Scenario, name: str, text: str | bytes) -> str:
    """Drop a hand-made file into the inbox, collect, and return the one rejection's reason."""
    inbox.mkdir(exist_ok=True)
    path = inbox / name
    path.write_bytes(text if isinstance(text, bytes) else text.encode())
    accepted, rejected = collect(inbox, s)
    assert accepted == [] and [r.name for r in rejected] == [name]
    aside = inbox / "rejected" / name
    assert rejected[0].path == aside and aside.exists() and not path.exists()
    reason = (inbox / "rejected" / f"{aside.stem}.reason.txt").read_text()
    assert reason.strip() == rejected[0].reason
    return rejected[0].reason


def header(key: bytes, who: str, kind: str, token_of: str = "") -> str:
    """A hand-written file's first lines: who, a token, the right round's nonce, the kind."""
    token = participant_token(key, token_of or who)
    sent_for = nonce(key, kind)
    return f'participant = "{who}"\ntoken = "{token}"\nnonce = "{sent_for}"\nkind = "{kind}"\n'


def test_an_impersonation_is_rejected_and_kept_aside(setup) -> None:
    inbox, s, key = setup
    # Ben writes a file claiming to be Ana, but he only has his own token.
    text = header(key, "ana", "points", token_of="ben") + "[points]\nequity = 100\n"
    reason = rejected_for(inbox, s, "fake.toml", text)
    assert reason == "the token is not ana's: a participant can submit only their own inputs"


def test_malformed_oversized_and_unknown_submissions_are_rejected_with_reasons(setup) -> None:
    inbox, s, key = setup
    assert rejected_for(inbox, s, "broken.toml", 'participant = "ana\n').startswith(
        "not valid TOML: "
    )
    big = header(key, "ana", "points") + "[points]\nprosperity = 100\n" + "# padding\n" * 2000
    assert len(big) > MAX_BYTES
    assert rejected_for(inbox, s, "big.toml", big).startswith("too large: ")
    assert rejected_for(inbox, s, "latin1.toml", "participant = 'é'".encode("latin-1")) == (
        "not UTF-8 text"
    )
    assert rejected_for(
        inbox, s, "zed.toml", header(key, "zed", "points") + "[points]\n"
    ).startswith("unknown participant 'zed'")
    no_payload = header(key, "ana", "points")
    assert rejected_for(inbox, s, "empty.toml", no_payload) == "kind 'points' needs `points`"
    extra = header(key, "ana", "dots") + 'ranking = ["Baseline"]\n[dots]\nBaseline = 1\n'
    assert rejected_for(inbox, s, "extra.toml", extra) == "unknown key(s) for kind 'dots': ranking"
    assert rejected_for(inbox, s, "kind.toml", header(key, "ana", "mood")) == (
        "unknown kind 'mood' (use points, pairwise, dots, ranking)"
    )
    assert rejected_for(inbox, s, "anon.toml", 'kind = "points"\n').splitlines() == [
        "`participant` must be given as text",
        "`token` must be given as text",
        "`nonce` must be given as text",
        "kind 'points' needs `points`",
    ]


def test_payloads_are_checked_against_the_scenario(setup) -> None:
    inbox, s, key = setup
    short = header(key, "ana", "points") + "[points]\nprosperity = 60\njoy = 10\n"
    assert (
        rejected_for(inbox, s, "points.toml", short)
        == "unknown value 'joy' (known: prosperity, openness, equity)"
    )
    sum_ = header(key, "ana", "points") + "[points]\nprosperity = 60\n"
    assert "must add up to 100, not 60" in rejected_for(inbox, s, "sum.toml", sum_)
    pairwise = (
        header(key, "ana", "pairwise")
        + '[[judgements]]\na = "prosperity"\nb = "equity"\nratio = 3\n'
    )
    assert "missing judgements: prosperity vs openness" in rejected_for(
        inbox, s, "pw.toml", pairwise
    )
    shape = header(key, "ana", "pairwise") + "judgements = [1, 2]\n"
    assert "must be a list of tables" in rejected_for(inbox, s, "shape.toml", shape)
    text = header(key, "ana", "points") + '[points]\nprosperity = "lots"\n'
    assert rejected_for(inbox, s, "text.toml", text) == (
        "'prosperity': points must be a finite number, not 'lots'"
    )
    s = voting(s)
    dots = header(key, "ana", "dots") + '[dots]\n"Option A" = 5\n'
    assert rejected_for(inbox, s, "dots.toml", dots) == "5 dots placed, but each participant has 3"
    half = header(key, "ana", "dots") + '[dots]\n"Option A" = 1.5\n'
    assert rejected_for(inbox, s, "half.toml", half) == (
        "'Option A': dots must be a whole number, not 1.5"
    )
    ranking = header(key, "ana", "ranking") + 'ranking = ["Option Z"]\n'
    assert "unknown option 'Option Z'" in rejected_for(inbox, s, "rank.toml", ranking)


def test_a_round_takes_only_its_own_kinds_and_tokens_need_the_key(setup, tmp_path: Path) -> None:
    inbox, s, key = setup
    closed = close_round(s, at(2))
    dots = header(key, "ana", "dots") + '[dots]\n"Option A" = 1\n'
    assert rejected_for(inbox, closed, "late.toml", dots) == (
        "no round is open, so nothing can be taken"
    )
    assert rejected_for(inbox, s, "early.toml", dots) == (
        "the open round 'Priorities' is a points allocation: it takes points or pairwise, "
        "and does not take dots"
    )
    points = header(key, "ana", "points") + "[points]\nequity = 100\n"
    assert rejected_for(inbox, voting(s), "points.toml", points).endswith("does not take points")
    key_path(tmp_path / "riverton.toml").unlink()
    assert rejected_for(inbox, s, "nokey.toml", points).startswith("no session key")


def test_a_file_sent_for_an_earlier_round_is_refused_in_a_later_one(setup) -> None:
    inbox, s, key = setup
    s = add_round(close_round(s, at(2)), "Again", kind="points")
    again = start_round(s, 2, at(5))
    old = submit(inbox, key, "ana", "points", {"equity": 100})  # for the first points round
    _, rejected = collect(inbox, again)
    assert [r.name for r in rejected] == [old.name]
    assert rejected[0].reason.startswith("this was sent for another round")
    replayed = inbox / old.name
    replayed.write_bytes((inbox / "rejected" / old.name).read_bytes())
    assert collect(inbox, again)[0] == []
    fresh = write_submission(
        inbox,
        "ana",
        participant_token(key, "ana"),
        "points",
        {"equity": 100},
        nonce=round_nonce(key, "points", at(5)),
    )
    accepted, _ = collect(inbox, again)
    assert [a.path for a in accepted] == [fresh]


def test_votes_are_checked_against_the_open_votes_ballot(setup) -> None:
    inbox, s, key = setup
    s = add_round(add_snapshot(close_round(s, at(2)), "Late"), "Five dots", kind="vote", dots=5)
    s = add_snapshot(start_round(s, 2, at(3)), "Later")  # kept after the vote started
    later = header(key, "ana", "dots") + '[dots]\n"Later" = 1\n'
    assert "unknown option 'Later'" in rejected_for(inbox, s, "later.toml", later)
    submit(inbox, key, "ana", "dots", {"Late": 5})
    accepted, rejected = collect(inbox, s)
    assert rejected == [] and len(accepted) == 1
    assert workshop_of(apply(s, accepted[0])).rounds[2].votes["ana"].dots == {"Late": 5}


def test_only_finished_toml_files_are_read_and_links_are_refused(setup) -> None:
    inbox, s, key = setup
    inbox.mkdir(exist_ok=True)
    (inbox / ".half-written.toml.tmp").write_text("partial")
    (inbox / ".hidden.toml").write_text("x")
    (inbox / "notes.txt").write_text("not a submission")
    assert collect(inbox, s) == ([], [])
    target = inbox.parent / "elsewhere.toml"
    target.write_text(header(key, "ana", "points") + "[points]\nequity = 100\n")
    (inbox / "link.toml").symlink_to(target)
    _, rejected = collect(inbox, s)
    assert rejected[0].reason == "not a regular file (links and folders are not read)"
    assert target.exists()
    assert collect(inbox.parent / "missing.inbox", s) == ([], [])


def test_set_aside_files_never_overwrite_each_other(setup) -> None:
    inbox, _, _ = setup
    inbox.mkdir(exist_ok=True)
    for _ in range(2):
        (inbox / "same.toml").write_text("x")
        reject(inbox / "same.toml", "bad")
    assert sorted(p.name for p in (inbox / "rejected").iterdir()) == [
        "same-1.reason.txt",
        "same-1.toml",
        "same.reason.txt",
        "same.toml",
    ]


def with_suffix_hex(path: Path, digits: str) -> Path:
    """A written submission renamed so its random suffix is `digits`."""
    stem = path.stem.rpartition("-")[0]
    return path.rename(path.with_name(f"{stem}-{digits}.toml"))


def same_mtime(*paths: Path) -> None:
    for path in paths:
        os.utime(path, ns=(1_000_000_000, 1_000_000_000))


def weights_of(s: Scenario, who: str) -> dict[str, float]:
    return next(p.weights for p in workshop_of(s).participants if p.id == who)


def test_two_sends_in_the_same_second_apply_in_send_order(setup) -> None:
    """Same `now`, same mtime, and random suffixes that sort the other way round."""
    inbox, s, key = setup
    first = with_suffix_hex(submit(inbox, key, "ana", "points", {"prosperity": 100}), "ffffff")
    second = with_suffix_hex(submit(inbox, key, "ana", "points", {"equity": 100}), "000000")
    same_mtime(first, second)
    accepted, rejected = collect(inbox, s)
    assert rejected == [] and [a.path for a in accepted] == [first, second]
    for submission in accepted:
        s = apply(s, submission)
    assert weights_of(s, "ana")["equity"] == 100


@pytest.mark.parametrize("clock", ["real", "standing still"])
def test_many_sends_in_a_tight_loop_apply_in_send_order(setup, monkeypatch, clock) -> None:
    inbox, s, key = setup
    if clock == "standing still":
        stuck = inbox_module.Sequencer(lambda: nanoseconds(at(1)))
        monkeypatch.setattr(inbox_module, "next_sequence", stuck.next)
    sent = []
    for i in range(40):
        who = ("ana", "ben")[i % 2]
        path = submit(inbox, key, who, "points", {"prosperity": 100 - i, "equity": i})
        sent.append(with_suffix_hex(path, f"{0xFFFFFF - i:06x}"))
    same_mtime(*sent)
    accepted, rejected = collect(inbox, s)
    assert rejected == [] and [a.path for a in accepted] == sent
    for submission in accepted:
        s = apply(s, submission)
    assert weights_of(s, "ana") == {"prosperity": 62, "openness": 0, "equity": 38}
    assert weights_of(s, "ben") == {"prosperity": 61, "openness": 0, "equity": 39}


def test_the_sequence_rises_when_the_clock_stands_still_or_steps_back() -> None:
    readings = iter([100, 100, 50, 200, 200])
    sequencer = inbox_module.Sequencer(lambda: next(readings))
    assert [sequencer.next() for _ in range(5)] == [100, 101, 102, 200, 201]
    shared = inbox_module.Sequencer(lambda: 0)
    with ThreadPoolExecutor(max_workers=8) as pool:
        drawn = list(pool.map(lambda _: shared.next(), range(2000)))
    assert sorted(drawn) == list(range(1, 2001))


def test_files_without_a_sequence_are_placed_by_submitted_or_mtime(setup, monkeypatch) -> None:
    """Hand-made files: by `submitted` (no offset: UTC), else mtime, on the sequence's scale;
    ties by participant id, then by name. Rejected files: by mtime."""
    inbox, s, key = setup
    inbox.mkdir(exist_ok=True)

    def drop(name: str, who: str, submitted: str = "", mtime: float | None = None) -> Path:
        stamp = f"submitted = {submitted}\n" if submitted else ""
        path = inbox / name
        path.write_text(header(key, who, "points") + stamp + "[points]\nequity = 100\n")
        ns = 1_000_000_000 if mtime is None else nanoseconds(at(mtime))
        os.utime(path, ns=(ns, ns))
        return path

    def stamp(minutes: float) -> str:
        return at(minutes).isoformat()

    old_style = drop("20260305T100300-ana-points-abcdef.toml", "ana", stamp(3))
    zeta = drop("zeta.toml", "ana", stamp(4))
    mid = drop("mid.toml", "ana", mtime=5)
    alpha = drop("alpha.toml", "ana", "2026-03-05T10:06:00")
    by_ana, by_ben = drop("zz.toml", "ana", stamp(7)), drop("aa.toml", "ben", stamp(7))
    x, y = drop("x.toml", "cai", stamp(8)), drop("y.toml", "cai", stamp(8))
    for name, minutes in (("broken-b.toml", 2), ("broken-c.toml", 1)):
        (inbox / name).write_text("participant = [")
        os.utime(inbox / name, ns=(nanoseconds(at(minutes)),) * 2)
    clock = inbox_module.Sequencer(lambda: nanoseconds(at(4.5)))
    monkeypatch.setattr(inbox_module, "next_sequence", clock.next)
    written = submit(inbox, key, "ana", "points", {"prosperity": 100})  # `submitted` at(1)
    accepted, rejected = collect(inbox, s)
    order = [old_style, zeta, written, mid, alpha, by_ana, by_ben, x, y]
    assert [a.path for a in accepted] == order
    assert [r.name for r in rejected] == ["broken-c.toml", "broken-b.toml"]


def test_the_writer_escapes_text_and_refuses_bad_names(setup) -> None:
    inbox, _, key = setup
    tricky = 'Opt "A" \\ \t\x7f é 🎉'
    text = to_toml(compose("ana", "t", "n", "dots", {tricky: 2}))
    assert tomllib.loads(text)["dots"] == {tricky: 2}
    ranked = to_toml(compose("ana", "t", "n", "ranking", [tricky]))
    assert tomllib.loads(ranked)["ranking"] == [tricky]
    with pytest.raises(Exception, match="not a participant id"):
        write_submission(inbox, "../evil", "t", "points", {}, at(0), nonce="n")
    with pytest.raises(Exception, match="unknown kind 'mood'"):
        compose("ana", "t", "n", "mood", {})
    with pytest.raises(Exception, match="must be a finite number, not nan"):
        compose("ana", "t", "n", "points", {"x": float("nan")})
    path = submit(inbox, key, "ana", "points", {"prosperity": 100})
    assert path.parent == inbox and re.fullmatch(r"\d{20}-ana-points-[0-9a-f]{6}\.toml", path.name)
    assert tomllib.loads(path.read_text())["submitted"] == at(1)
    unstamped = write_submission(inbox, "ana", "t", "points", {"equity": 100}, nonce="n")
    sequence = int(unstamped.name[:20])
    submitted = tomllib.loads(unstamped.read_text())["submitted"]
    assert submitted.tzinfo is not None and nanoseconds(submitted) == sequence // 1000 * 1000
    assert not [p for p in inbox.iterdir() if p.name.startswith(".")]
