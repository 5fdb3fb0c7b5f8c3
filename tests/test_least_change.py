"""Least change against brute force: every level combination scored by the real engine, the
cost-weighted change computed here from its definition; the CLI's JSON; the auto-balance screen."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from rich.text import Text
from textual.widgets import Select, Static

from integrate_tui.bundled import bundled_path
from integrate_tui.cli import main
from integrate_tui.engine import Compiled, Score, compile_scenario, score
from integrate_tui.engine.optimise import (
    Cut,
    Infeasible,
    OptimiseError,
    Options,
    least_change,
    parse_cut,
)
from integrate_tui.files import load
from integrate_tui.model import validate_scenario
from integrate_tui.session import analyses
from integrate_tui.tui import format as fmt
from integrate_tui.tui.screens.autobalance import AutoBalanceScreen
from integrate_tui.tui.widgets.ledger_table import LedgerTable
from optimise_scenarios import coarse, compiled, every_package
from optimiser_pilot import settle
from strategies import scenario_data
from tui_support import SIZE, app_on, wait_until

EXACT = Options(gap=0.0)
RULES = 1e-7  # slack on capacities and shares, as the optimiser tests' `feasible`
SAME = 1e-6  # the MILP's change may differ from brute force's by float noise only


def fits(s: Score, capacity: np.ndarray) -> bool:
    """Capacities as cut, and silo shares of them (on resources the silo can use)."""
    m = s.model
    if np.any(s.used > capacity + RULES):
        return False
    for k, silo in enumerate(m.scenario.silos):
        mine = m.silo_of == k
        uses = (m.cost[mine] * m.max_funding[mine, None]).sum(axis=0) > 0
        own = s.silo_used[k]
        if silo.max_share is not None and np.any((own > silo.max_share * capacity + RULES) & uses):
            return False
        if silo.min_share is not None and np.any((own < silo.min_share * capacity - RULES) & uses):
            return False
    return True


def change_of(model: Compiled, funding: np.ndarray) -> float:
    """Σ_i Σ_r cost_ir / C_r · |f_i − f_i⁰|, C_r the file's capacity (its full demand if 0)."""
    demand = (model.cost * model.max_funding[:, None]).sum(axis=0)
    scale = np.where(model.capacity > 0, model.capacity, demand)
    moved = np.abs(funding - model.funding)[:, None] * model.cost
    return float(np.sum(np.divide(moved, scale, out=np.zeros_like(moved), where=scale > 0)))


def allowed(model: Compiled, capacity: np.ndarray) -> list[tuple[Score, float]]:
    """Every package keeping the rules under `capacity`, scored by the engine, with its change."""
    scored = (score(model, f) for f in every_package(model))
    return [(s, change_of(model, s.funding)) for s in scored if fits(s, capacity)]


def check(model: Compiled, cuts: tuple[Cut, ...], floor: float | None) -> None:
    """The MILP's least change equals brute force's, its score is the best at that change,
    every rule and the floor hold; or both find nothing and `Infeasible` says so."""
    capacity = model.capacity.copy()
    for cut in cuts:
        r = model.index["resources"][cut.resource]
        capacity[r] *= 1 + cut.amount
    bar = score(model).overall if floor is None else floor
    packages = allowed(model, capacity)
    meeting = [(s, c) for s, c in packages if s.overall >= bar - 1e-7]
    if not meeting:
        with pytest.raises(Infeasible):
            least_change(model, EXACT, cuts=cuts, floor=floor)
        return
    r = least_change(model, EXACT, cuts=cuts, floor=floor)
    least = min(c for _, c in meeting)
    assert r.change == pytest.approx(least, abs=SAME)
    assert change_of(model, r.funding) == pytest.approx(r.change, abs=1e-9)
    assert fits(r.score, capacity) and r.score.overall >= bar - 1e-6
    assert np.array_equal(r.funding[model.locked], model.funding[model.locked])
    assert r.score_error < 1e-6
    # the tie rule: of the packages changing least, the best integrated score
    best = max(s.overall for s, c in meeting if c <= least + 1e-9)
    assert r.score.overall >= best - 1e-6
    assert r.score.overall <= max(s.overall for s, c in meeting if c <= least + 3 * SAME) + 1e-6


@pytest.mark.parametrize("seed", range(24))
def test_least_change_equals_brute_force(seed: int) -> None:
    model = compiled(seed, shares=seed % 2 == 1)
    r0 = model.resource_ids[0]
    check(model, (), None)
    check(model, (Cut(r0, -0.2),), None)
    scores = [s.overall for s, _ in allowed(model, model.capacity * 0.8)]
    if scores:
        check(model, (Cut(r0, -0.2),), float(np.median(scores)))  # a floor that bites
    check(model, (Cut(r0, -0.2),), -np.inf)  # no floor: only the rules


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    scenario_data(max_activities=4, max_interactions=6).map(coarse),
    st.sampled_from([0.0, -0.1, -0.3]),
    st.sampled_from([None, -np.inf]),
)
def test_random_strategy_scenarios_equal_brute_force(
    data: dict[str, Any], share: float, floor: float | None
) -> None:
    model = compile_scenario(validate_scenario(data))
    cuts = (Cut(model.resource_ids[0], share),) if share else ()
    check(model, cuts, floor)


def test_a_floor_no_package_reaches_is_refused_naming_it_and_the_best_reachable() -> None:
    for seed in range(40):
        model = compiled(seed)
        cut = (Cut(model.resource_ids[0], -0.2),)
        packages = allowed(model, model.capacity * np.r_[0.8, np.ones(len(model.capacity) - 1)])
        if packages:
            break
    best = max(s.overall for s, _ in packages)
    with pytest.raises(Infeasible) as raised:
        least_change(model, EXACT, cuts=cut, floor=best + 1.0)
    message = raised.value.message
    assert f"integrated score floor {best + 1.0:.2f}" in message
    assert f"the best any reaches is {best:.2f}" in message
    assert "(r0 −20 %)" in message


def test_no_change_is_needed_when_the_current_funding_keeps_every_rule() -> None:
    for seed in range(40):
        model = compiled(seed)
        if fits(score(model), model.capacity):
            break
    r = least_change(model, EXACT)
    assert r.change == 0.0
    assert r.score.overall >= score(model).overall - 1e-9


def test_cuts_are_read_with_their_sign_and_refused_by_name() -> None:
    assert parse_cut("budget=-15%") == Cut("budget", -0.15)
    assert parse_cut("budget = −15 %") == Cut("budget", -0.15)
    assert parse_cut("staff=+2") == Cut("staff", 2.0, relative=False)
    for text in ("budget=15%", "budget", "=-5%", "budget=-x%"):
        with pytest.raises(OptimiseError, match="RESOURCE=-15%"):
            parse_cut(text)
    model = compiled(0)
    with pytest.raises(OptimiseError, match="unknown resource 'r9'"):
        least_change(model, cuts=(Cut("r9", -0.1),))
    with pytest.raises(OptimiseError, match="below zero"):
        least_change(model, cuts=(Cut("r0", -1.5),))
    with pytest.raises(OptimiseError, match="cut twice"):
        least_change(model, cuts=(Cut("r0", -0.1), Cut("r0", -0.2)))


def _json(capsys: pytest.CaptureFixture[str], *argv: str) -> dict[str, Any]:
    assert main(list(argv)) == 0
    return json.loads(capsys.readouterr().out)


def test_cli_json_round_trip(
    example_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "cut.toml"
    args = ("--objective", "least-change", "--cut", "budget=-15%", "--floor", "-100")
    data = _json(capsys, "optimise", str(example_path), *args, "--write", str(out), "--json")
    model = compile_scenario(load(example_path))
    expected = least_change(model, cuts=(Cut("budget", -0.15),), floor=-100)
    assert data["package"] == pytest.approx(expected.package)
    assert data["change"] == pytest.approx(expected.change)
    budget = data["resources"]["budget"]
    assert budget["capacity_after"] == pytest.approx(0.85 * budget["capacity_before"])
    assert budget["used_after"] <= budget["capacity_after"] + 1e-9
    moved = sum(a["use_change"]["budget"] for a in data["activities"].values())
    assert moved == pytest.approx(budget["used_after"] - budget["used_before"])
    assert data["cuts"] == [{"resource": "budget", "amount": -0.15, "relative": True}]
    assert data["floor"] == -100
    saved = compile_scenario(load(out))
    assert {a.id: a.funding for a in saved.scenario.activities} == pytest.approx(data["package"])
    assert score(saved).overall == pytest.approx(data["score"]["overall"])


def test_cli_tables_and_exit_codes(example_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    args = ["optimise", str(example_path), "--objective", "least-change", "--cut", "budget=-15%"]
    assert main([*args, "--floor", "-100"]) == 0
    out = capsys.readouterr().out
    assert "Least change (budget −15 %)" in out and "Cut Programme budget 1,800 → 1,530 kUSD" in out
    assert main([*args, "--floor", "101"]) == 2
    assert "integrated score floor 101.00" in capsys.readouterr().err
    assert main(["optimise", str(example_path), "--cut", "budget=-15%"]) == 2
    assert "--cut goes with --objective least-change" in capsys.readouterr().err
    assert main([*args[:-1], "budget=15%"]) == 2
    assert "with its sign" in capsys.readouterr().err


def _names(table: LedgerTable) -> list[str]:
    rows = [table.get_row_at(i) for i in range(table.row_count)]
    return [r[0].plain.strip() if isinstance(r[0], Text) else str(r[0]) for r in rows]


@pytest.mark.usefixtures("quick_robustness")
async def test_the_auto_balance_screen_fits_a_cut_and_applies_it_in_one_step(
    tmp_path: Path,
) -> None:
    path = tmp_path / "city.toml"
    shutil.copy(bundled_path("city-diplomacy"), path)
    app = app_on(path)
    async with app.run_test(size=SIZE) as pilot:
        model = app.session.model
        expected = least_change(model, cuts=(Cut("budget", -0.15),))
        await pilot.press("a")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, AutoBalanceScreen)
        screen.query_one("#objective", Select).value = analyses.LEAST_CHANGE
        await settle(pilot)
        screen.query_one("#cut-resource", Select).value = "budget"
        await settle(pilot)

        def status() -> str:
            return str(screen.query_one("#status", Static).render())

        await wait_until(
            pilot,
            lambda: "Cut International programme budget 2,600 → 2,210 kUSD" in status(),
            "the cut",
        )
        assert screen._result is not None and screen._result.package == expected.package
        names = _names(screen.query_one(LedgerTable))
        assert names[1] == "Funding changed"
        listed = names[2 : 2 + len(expected.ledger.funding)]
        assert listed == [fmt.clip(c.name, 34) for c in expected.ledger.funding]
        await pilot.press("a")
        await pilot.pause()
        assert {a.id: a.funding for a in app.session.scenario.activities} == expected.package
        assert app.session.undo_label == "Auto-balance (least change, budget −15 %, score kept)"
