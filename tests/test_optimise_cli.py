"""`integrate-tui optimise`, `frontier`, `sensitivity` and `dividend`: output, files, exit codes."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from integrate_tui.cli import main
from integrate_tui.files import load


@pytest.fixture(autouse=True)
def _wide_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", "160")


def _json(capsys: pytest.CaptureFixture[str], *argv: str) -> dict:
    assert main(list(argv)) == 0
    return json.loads(capsys.readouterr().out)


def test_optimise_json_is_clean_and_reports_an_exact_optimum(
    example_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = _json(capsys, "optimise", str(example_path), "--json")
    assert data["status"] == "optimal"
    assert data["approximation_error"] < 1e-6
    assert data["value"] == pytest.approx(data["score"]["overall"])
    assert set(data["package"]) == {"trade-missions", "sister-cities"}
    assert data["ledger"]["overall"]["after"] == pytest.approx(data["value"])
    assert data["greedy"]["value"] <= data["value"] + 1e-9


def test_optimise_tables_show_status_package_and_ledger(
    example_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["optimise", str(example_path), "--objective", "fair"]) == 0
    out = capsys.readouterr().out
    assert "Optimised for fair: optimal" in out
    assert "Package" in out
    assert "Interests" in out


def test_write_saves_a_copy_and_leaves_the_file_alone(
    example_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    before = example_path.read_bytes()
    out = tmp_path / "optimised.toml"
    data = _json(capsys, "optimise", str(example_path), "--write", str(out), "--json")
    assert example_path.read_bytes() == before
    saved = {a.id: a.funding for a in load(out).activities}
    assert saved == pytest.approx(data["package"])
    assert data["written"] == str(out)


def test_write_refuses_the_scenario_file_under_another_name(
    example_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(example_path.parent)
    before = example_path.read_bytes()
    assert main(["optimise", example_path.name, "--write", f"./{example_path.name}"]) == 2
    assert "is the scenario file itself" in capsys.readouterr().err
    assert example_path.read_bytes() == before
    assert main(["optimise", example_path.name, "--write", example_path.name]) == 0
    assert example_path.read_bytes() != before


def test_an_infeasible_scenario_exits_2_naming_the_constraint(
    example_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    text = example_path.read_text(encoding="utf-8").replace("capacity = 1800", "capacity = 10")
    example_path.write_text(text, encoding="utf-8")
    assert main(["optimise", str(example_path)]) == 2
    err = capsys.readouterr().err
    assert "min_funding obligations need 30 kUSD of Programme budget" in err
    assert "over by 20 kUSD" in err


@pytest.mark.parametrize(
    "argv",
    [
        ["optimise", "{f}", "--objective", "interest:nobody"],
        ["optimise", "{f}", "--time-limit", "-1"],
        ["frontier", "{f}", "--x", "business", "--y", "business"],
        ["frontier", "{f}", "--x", "business", "--y", "diaspora", "--points", "1"],
        ["frontier", "{f}", "--x", "business"],
        ["sensitivity", "{f}", "--activity", "trade-missions"],
        ["sensitivity", "{f}", "--samples", "0"],
    ],
)
def test_usage_errors_exit_2(
    argv: list[str], example_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    try:
        code = main([a.format(f=example_path) for a in argv])
    except SystemExit as stop:  # argparse's own usage errors
        code = stop.code
    assert code == 2
    assert capsys.readouterr().err


def test_frontier_json_points_are_non_dominated(
    example_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = _json(
        capsys,
        "frontier",
        str(example_path),
        "--x",
        "business",
        "--y",
        "diaspora",
        "--points",
        "6",
        "--json",
    )
    points = [(p["x"], p["y"]) for p in data["points"]]
    assert points
    for x, y in points:
        assert not any(a >= x and b >= y and (a, b) != (x, y) for a, b in points)
    assert {"x", "y", "margin", "dominated"} <= set(data["current"])


def test_sensitivity_json_is_deterministic_for_a_seed(
    example_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    argv = [
        "sensitivity",
        str(example_path),
        "--samples",
        "800",
        "--seed",
        "3",
        "--json",
        "--validate",
        "2",
        "--activity",
        "sister-cities",
        "--value",
        "openness",
    ]
    first = _json(capsys, *argv)
    assert first == _json(capsys, *argv)
    assert first["monte_carlo"]["samples"] == 800
    assert set(first["monte_carlo"]["activities"]) == {"trade-missions", "sister-cities"}
    assert first["what_it_takes"]["activity"] == "sister-cities"
    assert main(["sensitivity", str(example_path), "--samples", "200", "--validate", "0"]) == 0
    assert "Tornado" in capsys.readouterr().out


def test_dividend_json_and_tables(example_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data = _json(capsys, "dividend", str(example_path), "--json")
    assert data["dividend"] == pytest.approx(data["integrated"] - data["siloed"])
    assert data["dividend"] >= -1e-6
    assert main(["dividend", str(example_path)]) == 0
    assert "Integration dividend" in capsys.readouterr().out
