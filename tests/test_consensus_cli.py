"""`integrate-tui consensus`: the JSON contract, the tables, the room's weights and exit codes."""

from __future__ import annotations

import datetime
import json
from pathlib import Path

import pytest

from integrate_tui.cli import main
from integrate_tui.files import save
from integrate_tui.model import Scenario
from integrate_tui.workshop import add_participant, add_round, close_round, set_points, start_round
from workshop_data import scenario

T0 = datetime.datetime(2026, 3, 5, 10, 0, tzinfo=datetime.UTC)
STATUSES = {"unanimous", "contested", "never"}


@pytest.fixture(autouse=True)
def _wide_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", "160")


def _room() -> Scenario:
    """Ana, Ben and Cai gave weights in a closed points round; Ana and Ben changed theirs
    since; Dee never gave any."""
    s = scenario()
    for pid in ("ana", "ben", "cai", "dee"):
        s = add_participant(s, pid, pid.title())
    s = add_round(s, "Priorities", kind="points", aggregation="arithmetic")
    s = start_round(s, 0, T0)
    s = set_points(s, "ana", {"prosperity": 80, "openness": 10, "equity": 10})
    s = set_points(s, "ben", {"prosperity": 10, "openness": 20, "equity": 70})
    s = set_points(s, "cai", {"prosperity": 20, "openness": 70, "equity": 10})
    s = close_round(s, T0 + datetime.timedelta(minutes=20))
    s = set_points(s, "ana", {"prosperity": 40, "openness": 30, "equity": 30})
    return set_points(s, "ben", {"prosperity": 30, "openness": 40, "equity": 30})


def _write(tmp_path: Path, s: Scenario) -> Path:
    path = tmp_path / "room.toml"
    save(s, path)
    return path


def _json(capsys: pytest.CaptureFixture[str], *argv: str) -> dict:
    assert main(["consensus", *argv, "--json", "--samples", "200"]) == 0
    return json.loads(capsys.readouterr().out)


def test_json_has_the_package_participants_and_activities(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    s = _room()
    data = _json(capsys, str(_write(tmp_path, s)))
    ids = [a.id for a in s.activities]
    assert list(data["package"]) == ids
    assert data["source"] == "current weights"
    assert data["skipped"] == ["dee"]
    assert list(data["participants"]) == ["ana", "ben", "cai"]
    for person in data["participants"].values():
        assert person["regret"] == pytest.approx(person["best"] - person["score"])
        assert person["regret"] >= -1e-6
        assert list(person["best_package"]) == ids
    largest = max(p["regret"] for p in data["participants"].values())
    assert largest == pytest.approx(data["largest_regret"])
    assert largest <= max(p["group_regret"] for p in data["participants"].values()) + 1e-6
    assert list(data["activities"]) == ids
    for activity, verdict in data["activities"].items():
        assert verdict["status"] in STATUSES
        assert set(verdict["funded_by"]) <= set(data["participants"])
        assert verdict["level"] == data["package"][activity]
        assert 0 <= verdict["core_index"] <= 1
        expected = {0: "never", 3: "unanimous"}.get(len(verdict["funded_by"]), "contested")
        assert verdict["status"] == expected
        for person, level in verdict["funded_by"].items():
            assert data["participants"][person]["best_package"][activity] == level


def test_a_round_uses_the_weights_given_in_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = str(_write(tmp_path, _room()))
    now, then = _json(capsys, path), _json(capsys, path, "--round", "1")
    assert then["source"] == "round 1: Priorities"
    assert then["group_weights"]["method"] == "arithmetic"
    assert then["group_weights"]["prosperity"] == pytest.approx((0.8 + 0.1 + 0.2) / 3)
    assert then["participants"]["cai"]["weights"] == now["participants"]["cai"]["weights"]
    assert then["participants"]["ana"]["weights"]["prosperity"] == pytest.approx(0.8)
    assert now["participants"]["ana"]["weights"]["prosperity"] == pytest.approx(0.4)


def test_the_output_is_the_same_for_a_seed(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = str(_write(tmp_path, _room()))
    first, second = _json(capsys, path, "--seed", "3"), _json(capsys, path, "--seed", "3")
    for key in ("package", "participants", "activities"):
        assert first[key] == second[key]


def test_tables_name_the_rule_the_skipped_and_each_regret(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["consensus", str(_write(tmp_path, _room())), "--samples", "100"]) == 0
    out = capsys.readouterr().out
    assert "least largest regret, then the best group score" in out
    assert "Skipped (no weights): Dee" in out
    for name in ("Ana", "Ben", "Cai"):
        assert name in out
    assert "core index" in out


def test_a_regret_bound_is_the_variant(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = str(_write(tmp_path, _room()))
    least = _json(capsys, path)["least_regret"]
    data = _json(capsys, path, "--max-regret", f"{least + 5:.6f}")
    assert data["rule"].startswith("the best group score with every regret at most")
    assert all(p["regret"] <= least + 5 + 1e-6 for p in data["participants"].values())
    assert data["group_score"] >= _json(capsys, path)["group_score"] - 1e-6


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["--round", "2"], "there is no round 2 (the agenda has 1)"),
        (["--max-regret", "-1"], "must be a number ≥ 0"),
    ],
)
def test_bad_arguments_exit_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], argv: list[str], message: str
) -> None:
    try:
        code = main(["consensus", str(_write(tmp_path, _room())), *argv])
    except SystemExit as stop:  # argparse's own usage errors
        code = stop.code
    assert code == 2
    assert message in capsys.readouterr().err


def test_fewer_than_two_with_weights_exits_2_naming_who_has_none(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    s = add_participant(add_participant(scenario(), "ana", "Ana"), "ben", "Ben")
    s = set_points(s, "ana", {"prosperity": 50, "openness": 50, "equity": 0})
    assert main(["consensus", str(_write(tmp_path, s)), "--json"]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert "at least two participants with weights (current weights): 1 gave some" in captured.err
    assert "no weights from ben" in captured.err


def test_a_scenario_without_a_workshop_exits_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["consensus", str(_write(tmp_path, scenario()))]) == 2
    assert "at least two participants" in capsys.readouterr().err
