"""Saving: the canonical layout, exact round trips, and atomic writes that fail cleanly."""

from __future__ import annotations

import datetime
import errno
import importlib
import os
import stat
from importlib import resources
from pathlib import Path

import pytest

from integrate_tui.files import ScenarioSaveError, dumps, has_comments, load, loads, save
from integrate_tui.model import LogEntry, Participant, Workshop

# `integrate_tui.files.save` the attribute is the function; the module is only in sys.modules.
save_module = importlib.import_module("integrate_tui.files.save")
BUNDLED = Path(str(resources.files("integrate_tui") / "scenarios"))


def test_canonical_layout(example_toml: str) -> None:
    text = dumps(loads(example_toml))
    headers = [line for line in text.splitlines() if line.startswith("[")]
    assert headers == [
        "[meta]",
        *["[[resources]]"] * 2,
        *["[[silos]]"] * 2,
        *["[[values]]"] * 2,
        *["[[interests]]"] * 2,
        *["[[activities]]"] * 2,
        "[[interactions]]",
    ]
    assert text.startswith("schema_version = 1\n\n[meta]\n")
    assert "\n\n\n" not in text and text.endswith('delegations."\n')
    assert "capacity = 1800\n" in text  # integral floats written as integers
    assert "cost = { budget = 150, staff = 1 }\n" in text
    assert "response = [[0, 0], [0.3, 0.1], [0.6, 0.7], [1, 1]]\n" in text
    assert 'between = ["trade-missions", "sister-cities"]\n' in text
    assert "min_funding = 0.2\n" in text
    assert "max_funding" not in text and "locked" not in text  # defaults left out


def test_example_round_trips_and_is_fmt_stable(example_toml: str) -> None:
    scenario = loads(example_toml)
    text = dumps(scenario)
    assert loads(text) == scenario
    assert dumps(loads(text)) == text


def test_awkward_values_round_trip(example_toml: str) -> None:
    scenario = loads(example_toml)
    scenario.meta.description = 'Line one\nline "two"\t# not a comment \\ \x7f'
    scenario.meta.authors = ["Zoë", "O'Brien"]
    scenario.meta.created = datetime.date(2026, 3, 1)
    scenario.resources[0].capacity = 1e20
    scenario.resources[1].capacity = 1e-7
    scenario.workshop = Workshop(
        participants=[Participant(id="ana", name="Ana", weights={"openness": 2})],
        log=[
            LogEntry(
                at=datetime.datetime(2026, 3, 1, 9, 30, 0, 123456, tzinfo=datetime.UTC),
                text="Opened",
            )
        ],
    )
    text = dumps(scenario)
    assert "capacity = 1e+20\n" in text
    assert "[[workshop.participants]]\n" in text and "[[workshop.log]]\n" in text
    assert loads(text) == scenario
    assert dumps(loads(text)) == text


def test_empty_workshop_keeps_its_table(example_toml: str) -> None:
    scenario = loads(example_toml)
    scenario.workshop = Workshop()
    text = dumps(scenario)
    assert text.endswith("\n\n[workshop]\n")
    assert loads(text).workshop == Workshop()


def test_vote_keys_quoted_when_needed(example_toml: str) -> None:
    text = example_toml + (
        '\n[[workshop.participants]]\nid = "ana"\nname = "Ana"\n\n'
        '[[workshop.rounds]]\ntitle = "R1"\n'
        'votes = { ana = { dots = { "Option A" = 1, b = 0 } } }\n'
    )
    scenario = loads(text)
    dumped = dumps(scenario)
    assert 'votes = { ana = { dots = { "Option A" = 1, b = 0 } } }\n' in dumped
    assert loads(dumped) == scenario


def test_save_round_trip_and_identical_double_save(tmp_path: Path, example_path: Path) -> None:
    scenario = load(example_path)
    first, second = tmp_path / "a.toml", tmp_path / "b.toml"
    save(scenario, first)
    save(load(first), second)
    assert first.read_bytes() == second.read_bytes()
    assert load(first) == scenario
    save(scenario, first)
    assert first.read_bytes() == second.read_bytes()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.toml", "b.toml", "riverton.toml"]


def test_save_keeps_permission_bits(example_path: Path) -> None:
    example_path.chmod(0o640)
    save(load(example_path), example_path)
    assert stat.S_IMODE(example_path.stat().st_mode) == 0o640


def test_save_new_file_follows_umask(tmp_path: Path, example_toml: str) -> None:
    old = os.umask(0o027)
    try:
        save(loads(example_toml), tmp_path / "new.toml")
    finally:
        os.umask(old)
    assert stat.S_IMODE((tmp_path / "new.toml").stat().st_mode) == 0o640


def test_save_through_symlink_keeps_link(tmp_path: Path, example_path: Path) -> None:
    link = tmp_path / "link.toml"
    link.symlink_to(example_path)
    save(load(example_path), link)
    assert link.is_symlink()
    assert load(link) == load(example_path)


@pytest.mark.parametrize("failing", ["fsync", "replace"])
def test_failed_save_leaves_old_file_and_no_temp(
    example_path: Path, monkeypatch: pytest.MonkeyPatch, failing: str
) -> None:
    before = example_path.read_bytes()
    scenario = load(example_path)
    scenario.meta.title = "Changed"

    def disk_full(*args: object) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(save_module.os, failing, disk_full)
    with pytest.raises(ScenarioSaveError) as error:
        save(scenario, example_path)
    monkeypatch.undo()
    assert str(error.value) == (
        f"cannot save {example_path}: the disk is full; the file on disk is unchanged"
    )
    assert example_path.read_bytes() == before
    assert [p.name for p in example_path.parent.iterdir()] == ["riverton.toml"]


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root writes anywhere")
def test_read_only_folder(example_path: Path) -> None:
    before = example_path.read_bytes()
    folder = example_path.parent
    folder.chmod(0o555)
    try:
        with pytest.raises(ScenarioSaveError, match="read-only"):
            save(load(example_path), example_path)
    finally:
        folder.chmod(0o755)
    assert example_path.read_bytes() == before


def test_missing_folder(tmp_path: Path, example_path: Path) -> None:
    with pytest.raises(ScenarioSaveError, match="the folder does not exist"):
        save(load(example_path), tmp_path / "nowhere" / "x.toml")


def test_unencodable_text(tmp_path: Path, example_path: Path) -> None:
    scenario = load(example_path)
    scenario.meta.title = "bad \udc80 surrogate"
    with pytest.raises(ScenarioSaveError, match="cannot be written as UTF-8"):
        save(scenario, tmp_path / "x.toml")
    assert not (tmp_path / "x.toml").exists()


@pytest.mark.parametrize("path", sorted(BUNDLED.glob("*.toml")), ids=lambda p: p.stem)
def test_bundled_scenarios_round_trip(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    scenario = loads(text, str(path))
    assert loads(dumps(scenario)) == scenario
    if not has_comments(text):  # an uncommented bundled file is already canonical
        assert dumps(scenario) == text
