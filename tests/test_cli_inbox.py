"""`integrate-tui inbox FILE [--apply] [--json]`: the inbox without the app running."""

from __future__ import annotations

import json
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from integrate_tui.cli import main
from integrate_tui.files import load, save
from integrate_tui.workshop import add_round, start_round, workshop_of
from integrate_tui.workshop import intake as intake_module
from integrate_tui.workshop.inbox import inbox_dir, participant_token, session_key
from test_workshop_inbox import header, submit
from workshop_data import PEOPLE, at, scenario

DEEP = "[" * 600 + "]" * 600


@pytest.fixture
def path(tmp_path: Path) -> Path:
    """A saved workshop with a points round open and a session key beside it."""
    target = tmp_path / "riverton.toml"
    s = add_round(scenario(participants=PEOPLE), "Priorities", kind="points")
    save(start_round(s, 0, at(0)), target)
    session_key(target)
    return target


def key_of(path: Path) -> bytes:
    key = session_key(path, create=False)
    assert key is not None
    return key


def fill(path: Path) -> tuple[Path, Path, Path]:
    """A valid submission from Ana, a poisoned one, and Ben posing as Cai."""
    inbox, key = inbox_dir(path), key_of(path)
    good = submit(inbox, key, "ana", "points", {"prosperity": 60, "openness": 40})
    poison = inbox / "poison.toml"
    poison.write_text(header(key, "ben", "points") + f"[points]\nprosperity = {DEEP}\n")
    fake = submit(inbox, key, "ben", "points", {"equity": 100}, as_="cai")
    return good, poison, fake


def weights(path: Path, who: str) -> dict[str, float]:
    return next(p.weights for p in workshop_of(load(path)).participants if p.id == who)


def test_the_listing_says_who_what_when_and_why_not_and_moves_nothing(
    path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    good, poison, fake = fill(path)
    before = path.read_bytes()
    assert main(["inbox", str(path)]) == 1
    out = capsys.readouterr().out.splitlines()
    assert out[0] == f"3 submissions waiting in {inbox_dir(path)}:"
    assert "Ana (ana)" in out[1] and "points" in out[1] and "valid" in out[1]
    assert at(1).astimezone().strftime("%Y-%m-%d %H:%M:%S") in out[1]  # `submitted`, local
    assert "Cai (cai)" in out[3] and "not valid: the token is not cai's" in out[3]
    assert "nesting deeper than 32" in "\n".join(out)
    assert good.exists() and poison.exists() and fake.exists()
    assert path.read_bytes() == before


def test_the_listing_as_json(path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    fill(path)
    assert main(["inbox", "--json", str(path)]) == 1
    data = json.loads(capsys.readouterr().out)
    assert data["file"] == str(path) and data["inbox"] == str(inbox_dir(path))
    first = data["waiting"][0]
    assert first["participant"] == "ana" and first["name"] == "Ana" and first["valid"]
    assert first["kind"] == "points" and first["submitted"] == at(1).isoformat()
    assert [w["valid"] for w in data["waiting"]] == [True, False, False]
    assert all(w["reason"] for w in data["waiting"][1:])


def test_an_empty_inbox_exits_0(path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["inbox", str(path)]) == 0
    assert capsys.readouterr().out.startswith("no submissions waiting")
    assert main(["inbox", "--apply", str(path)]) == 0


def test_apply_takes_the_valid_ones_and_sets_the_rest_aside(
    path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    good, poison, fake = fill(path)
    assert main(["inbox", "--apply", str(path)]) == 1
    out = capsys.readouterr().out
    assert "applied: points from Ana (ana)" in out and f"saved {path}" in out
    assert "set aside: poison.toml: line 6: nesting deeper than 32" in out
    assert weights(path, "ana")["prosperity"] == 60
    applied = inbox_dir(path) / "applied" / good.name
    assert applied.exists() and stat.S_IMODE(applied.stat().st_mode) == 0o600
    rejected = inbox_dir(path) / "rejected"
    assert sorted(p.name for p in rejected.glob("*.toml")) == sorted([poison.name, fake.name])
    assert list(inbox_dir(path).glob("*.toml")) == []
    assert main(["inbox", "--apply", str(path)]) == 0  # nothing left: all done


def test_apply_as_json_with_everything_valid_exits_0(
    path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    key = key_of(path)
    submit(inbox_dir(path), key, "ana", "points", {"equity": 100})
    submit(inbox_dir(path), key, "ben", "points", {"openness": 100})
    assert main(["inbox", "--apply", "--json", str(path)]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["saved"] is True and data["set_aside"] == []
    assert [(a["participant"], a["kind"]) for a in data["applied"]] == [
        ("ana", "points"),
        ("ben", "points"),
    ]
    assert weights(path, "ben")["openness"] == 100


def test_a_change_on_disk_meanwhile_is_an_error_and_nothing_is_written(
    path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    good, _, _ = fill(path)
    real = intake_module.apply_all

    def edit_meanwhile(*args: object) -> intake_module.Intake:
        path.write_text(path.read_text() + "\n# edited in another window\n")
        return real(*args)  # type: ignore[arg-type]

    monkeypatch.setattr(intake_module, "apply_all", edit_meanwhile)
    assert main(["inbox", "--apply", str(path)]) == 2
    err = capsys.readouterr().err
    assert "changed by another program" in err and "nothing was saved" in err
    assert "# edited in another window" in path.read_text()
    assert weights(path, "ana") == {}
    assert good.exists()  # still waiting: the next run applies it


def test_a_link_for_rejected_is_refused_with_exit_2(
    path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    good, poison, _ = fill(path)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (inbox_dir(path) / "rejected").symlink_to(elsewhere, target_is_directory=True)
    assert main(["inbox", "--apply", str(path)]) == 2
    assert "is a symbolic link" in capsys.readouterr().err
    assert good.exists() and poison.exists() and list(elsewhere.iterdir()) == []


def test_text_from_a_submission_cannot_drive_the_terminal(
    path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    inbox = inbox_dir(path)
    inbox.mkdir()
    token = participant_token(key_of(path), "ana")
    (inbox / "evil.toml").write_text(
        f'participant = "\\u001b[2J\\u001b]0;pwned\\u0007"\ntoken = "{token}"\nkind = "points"\n'
        "[points]\nequity = 100\n"
    )
    assert main(["inbox", str(path)]) == 1
    out = capsys.readouterr().out
    assert "\x1b" not in out and "\\x1b[2J" in out


@pytest.mark.parametrize("apply", [[], ["--apply"]])
def test_a_missing_file_exits_2_without_a_traceback(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], apply: list[str]
) -> None:
    assert main(["inbox", *apply, str(tmp_path / "nope.toml")]) == 2
    err = capsys.readouterr().err
    assert "nope.toml: no such file" in err and "Traceback" not in err


def test_a_usage_error_exits_2(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exited:
        main(["inbox"])
    assert exited.value.code == 2
    assert "the following arguments are required: FILE" in capsys.readouterr().err


def test_the_command_is_listed_and_imports_no_textual() -> None:
    code = "import sys, integrate_tui.cli.inbox_commands\nprint('textual' in sys.modules)"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.stdout.strip() == "False"
    listing = subprocess.run(
        [sys.executable, "-m", "integrate_tui", "--help"], capture_output=True, text=True
    )
    assert "inbox        list the participants' submissions" in listing.stdout
