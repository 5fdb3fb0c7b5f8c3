"""`integrate-tui rebalance`: JSON and tables from the engine, --write, named errors, exit 2."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from integrate_tui.bundled import bundled_path
from integrate_tui.cli import main
from integrate_tui.engine import compile_scenario, diff, score
from integrate_tui.files import load, save
from integrate_tui.model import validate_scenario

MOVE = "budget=100:econ-dev->sister-cities"


@pytest.fixture(autouse=True)
def _wide_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", "160")


@pytest.fixture
def city(tmp_path: Path) -> Path:
    path = tmp_path / "city.toml"
    path.write_bytes(bundled_path("city-diplomacy").read_bytes())
    return path


def test_json_is_clean_and_every_number_is_the_engines(
    city: Path, capfd: pytest.CaptureFixture[str]
) -> None:
    argv = ["rebalance", str(city), "--move", MOVE, "--fill", "best", "--marginal", "--json"]
    assert main(argv) == 0
    data = json.loads(capfd.readouterr().out)  # fd 1 too: HiGHS must not print into it
    model = compile_scenario(load(city))
    package = np.array([data["package"][a] for a in model.activity_ids])
    ledger = diff(score(model), score(model, package))
    assert data["ledger"]["overall"]["delta"] == pytest.approx(ledger.overall.delta)
    assert data["ledger"]["headline"] == ledger.headline()
    budget = [data["envelopes"][s]["budget"] for s in model.silo_ids]
    assert sum(e["after"] for e in budget) == pytest.approx(sum(e["before"] for e in budget))
    assert data["envelopes"]["econ-dev"]["budget"]["after"] == 398
    assert data["remainders"]["sister-cities"] == pytest.approx(248 - budget[4]["used"])
    assert data["cross_silo"] and all(len(set(c["silos"])) == 2 for c in data["cross_silo"])
    marginal = data["marginal"]
    assert marginal["steps"]["budget"] == 50 and marginal["method"].startswith("exact finite")
    assert marginal["values"]["sister-cities"]["budget"]["text"].endswith("per 50 kUSD")


def test_tables_show_envelopes_ledger_interactions_and_marginal_values(
    city: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["rebalance", str(city), "--move", MOVE, "--marginal"]) == 0
    out = capsys.readouterr().out
    assert (
        "Move 100 kUSD International programme budget: Riverton Economic Development Agency — "
        "trade and investment desk → Riverton Sister Cities Association (proportional)"
    ) in " ".join(out.split())
    for needle in ("498 → 398", "148 → 248", "Interests", "Cross-silo interactions"):
        assert needle in out
    assert "Marginal value of each envelope" in out and "budget per 50 kUSD" in out


def test_write_saves_funding_and_envelopes_and_leaves_the_file_alone(
    city: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    before = city.read_bytes()
    out = tmp_path / "moved.toml"
    assert main(["rebalance", str(city), "--move", MOVE, "--write", str(out), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert city.read_bytes() == before and data["written"] == str(out)
    saved = load(out)
    assert {a.id: a.funding for a in saved.activities} == pytest.approx(data["package"])
    envelopes = {s.id: s.envelope for s in saved.silos}
    assert envelopes["econ-dev"] == {"budget": 398} and envelopes["sister-cities"]["budget"] == 248
    other = tmp_path / "sub" / ".." / "city.toml"
    (tmp_path / "sub").mkdir()
    assert main(["rebalance", str(city), "--move", MOVE, "--write", str(other)]) == 2
    assert "is the scenario file itself" in capsys.readouterr().err


def test_priorities_default_to_the_rounds(city: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data = load(city).model_dump()
    data["workshop"] = {"rounds": [{"title": "R", "silo_priorities": ["protocol", "cvb"]}]}
    save(validate_scenario(data), city)
    assert main(["rebalance", str(city), "--move", MOVE, "--fill", "best", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["priorities"] == ["protocol", "cvb"]
    argv = ["rebalance", str(city), "--move", MOVE, "--fill", "best", "--priority", "cvb"]
    assert main([*argv, "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["priorities"] == ["cvb"]


@pytest.mark.parametrize(
    ("move", "extra", "needle"),
    [
        ("budget=100", [], "should look like RESOURCE=AMOUNT:FROM->TO"),
        ("budget=100:econ-dev-", [], "put the move in quotes"),
        ("budget=lots:econ-dev->cvb", [], "'lots' is not a number (nor a share such as 25%)"),
        ("budgt=100:econ-dev->cvb", [], "unknown resource 'budgt' — did you mean 'budget'?"),
        ("budget=100:econ->cvb", [], "unknown silo 'econ' — did you mean 'econ-dev'?"),
        ("budget=100:econ-dev:cvbb", [], "did you mean 'cvb'?"),
        ("budget=9000:econ-dev->cvb", [], "'econ-dev' holds only 498 kUSD of budget"),
        ("budget=100:protocol->cvb", [], "min_funding and locked activities need 60.5 kUSD"),
        (MOVE, ["--fill", "best", "--priority", "protocl"], "did you mean 'protocol'?"),
    ],
)
def test_bad_moves_are_named_and_exit_2(
    city: Path, capsys: pytest.CaptureFixture[str], move: str, extra: list[str], needle: str
) -> None:
    assert main(["rebalance", str(city), "--move", move, *extra]) == 2
    captured = capsys.readouterr()
    assert needle in captured.err and captured.out == ""


def test_a_share_moves_that_share_of_the_source_envelope(
    city: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["rebalance", str(city), "--move", "budget=25%:econ-dev:cvb", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["move"]["amount"] == pytest.approx(124.5)
