"""Rebalancing across silos: conservation, best fill against brute force, priorities, files."""

from __future__ import annotations

import datetime
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from integrate_tui.bundled import bundled_path
from integrate_tui.engine import compile_scenario, diff, score
from integrate_tui.engine.envelopes import (
    Move,
    MoveError,
    apply_move,
    envelopes,
    obligations,
    proportional_fill,
)
from integrate_tui.engine.optimise import Infeasible, Options
from integrate_tui.engine.optimise.core import setup
from integrate_tui.engine.optimise.fill import limits, silo_part
from integrate_tui.engine.rebalance import FILLS, moved_scenario, rebalance, round_priorities
from integrate_tui.files import dumps, load, loads, save
from integrate_tui.model import validate_scenario
from rebalance_support import allowed, brute_fill, three_silos

MOVES = [
    Move("budget", 100, "econ-dev", "sister-cities"),
    Move("staff", 0.5, "cvb", "sustainability"),
    Move("mayor", 2, "mayor-intl", "protocol"),
    Move("budget", 40, "sustainability", "immigrant-affairs"),
]


@pytest.fixture(scope="module")
def city():
    return compile_scenario(load(bundled_path("city-diplomacy")))


@pytest.mark.parametrize("fill", FILLS)
@pytest.mark.parametrize("move", MOVES, ids=lambda m: f"{m.resource}-{m.source}")
def test_a_move_conserves_its_resource_and_holds_other_silos(city, fill, move) -> None:
    r = rebalance(city, city.funding, move, fill)
    k = city.index["resources"][move.resource]
    a, b = city.index["silos"][move.source], city.index["silos"][move.target]
    before, after = r.envelopes_before[:, k], r.envelopes_after[:, k]
    assert after.sum() == pytest.approx(before.sum())
    assert after[a] == pytest.approx(before[a] - move.amount)
    assert after[b] == pytest.approx(before[b] + move.amount)
    others = ~np.isin(city.silo_of, [a, b])
    np.testing.assert_array_equal(r.funding[others], city.funding[others])
    use = city.silo_matrix @ (city.cost[:, k] * r.funding)
    for s in (a, b):
        assert use[s] <= after[s] + 1e-6
        assert r.remainders[city.silo_ids[s]] == pytest.approx(after[s] - use[s])
    assert r.ledger == diff(score(city), score(city, r.funding))


def test_proportional_rebalance_is_the_proportional_fill_of_both_silos(city) -> None:
    move = MOVES[0]
    r = rebalance(city, city.funding, move, "proportional")
    moved, k = apply_move(city, city.funding, move), city.index["resources"]["budget"]
    a, b = city.index["silos"]["econ-dev"], city.index["silos"]["sister-cities"]
    f, _ = proportional_fill(city, city.funding, a, k, moved[a, k])
    f, _ = proportional_fill(city, f, b, k, moved[b, k])
    np.testing.assert_allclose(r.funding, f, atol=1e-12)


def _move_with_room(model, seed: int) -> Move | None:
    env, need = envelopes(model, model.funding), obligations(model)
    room = env[0, 0] - need[0, 0]
    if room <= 1e-6:
        return None
    share = float(np.random.default_rng(seed).uniform(0.1, 0.9))
    return Move(model.resource_ids[0], share * room, "s0", "s1")


@pytest.mark.parametrize("explicit", [False, True])
@pytest.mark.parametrize("seed", range(25))
def test_best_fill_equals_brute_force_over_the_two_silos(seed: int, explicit: bool) -> None:
    model = three_silos(seed, explicit=explicit)
    move = _move_with_room(model, seed)
    if move is None:
        return
    moved = apply_move(model, model.funding, move)
    bounds = {(0, 0): moved[0, 0], (1, 0): moved[1, 0]}
    for rid, amount in model.scenario.silos[1].envelope.items():
        bounds.setdefault((1, model.index["resources"][rid]), amount)
    cap = limits(model, model.funding)
    fills = brute_fill(model, (0, 1), bounds, cap)
    if not fills:
        with pytest.raises(Infeasible):
            rebalance(model, model.funding, move, "best", gap=0.0)
        return
    r = rebalance(model, model.funding, move, "best", gap=0.0)
    assert allowed(model, r.funding, bounds, cap)
    assert r.after.overall == pytest.approx(max(s.overall for s in fills), abs=1e-6)
    assert np.array_equal(r.funding[model.silo_of == 2], model.funding[model.silo_of == 2])


@pytest.mark.parametrize("silo", [0, 1, 2])
@pytest.mark.parametrize("seed", range(10))
def test_a_silos_part_of_the_score_is_exact_in_the_milp(seed: int, silo: int) -> None:
    model = three_silos(seed)
    cap = limits(model, model.funding)
    opts = Options(gap=0.0, shares=False, capacity=cap)
    base = setup(model, opts, hold=~np.isin(model.silo_of, [0, 1]))
    sol = base.maximise(*base.expression(silo_part(model, silo)))
    assert sol.objective == pytest.approx(score(model, base.package(sol)).silo_overall[silo])
    best = max(x.silo_overall[silo] for x in brute_fill(model, (0, 1), {}, cap))
    assert sol.objective == pytest.approx(best, abs=1e-6)


def _tie() -> dict:
    """Two identical activities in silos a and b; staff lets only one be fully funded."""
    same = {"cost": {"budget": 1, "staff": 1}, "impact": {"v": 1}, "step": 0.5, "max_funding": 1}
    return {
        "schema_version": 1,
        "meta": {"title": "tie"},
        "resources": [
            {"id": "budget", "name": "Budget", "capacity": 10},
            {"id": "staff", "name": "Staff", "capacity": 1},
        ],
        "silos": [
            {"id": "a", "name": "A", "envelope": {"budget": 3}},
            {"id": "b", "name": "B"},
        ],
        "values": [{"id": "v", "name": "V"}],
        "activities": [
            {"id": "xa", "name": "XA", "silo": "a", "funding": 1, **same},
            {"id": "xb", "name": "XB", "silo": "b", "funding": 0, **same},
        ],
    }


@pytest.mark.parametrize(("first", "funded"), [("a", [1, 0]), ("b", [0, 1])])
def test_silo_priorities_break_ties_lexicographically(first: str, funded: list[float]) -> None:
    model = compile_scenario(validate_scenario(_tie()))
    order = [first, "b" if first == "a" else "a"]
    r = rebalance(model, model.funding, Move("budget", 1, "a", "b"), "best", order, gap=0.0)
    assert r.funding.tolist() == funded
    assert r.priorities == tuple(order)


def test_priorities_come_from_the_open_round_else_the_last_listing_any() -> None:
    data = _tie()
    data["workshop"] = {
        "rounds": [
            {"title": "One", "silo_priorities": ["b"]},
            {"title": "Two", "silo_priorities": ["a", "b"]},
            {"title": "Three"},
        ]
    }
    assert round_priorities(validate_scenario(data)) == ["a", "b"]
    data["workshop"]["rounds"][0]["started"] = datetime.datetime(2027, 3, 4, 9, 30)
    assert round_priorities(validate_scenario(data)) == ["b"]


def test_bad_fill_and_priority_are_named(city) -> None:
    with pytest.raises(MoveError, match="unknown fill 'greedy'"):
        rebalance(city, city.funding, MOVES[0], "greedy")
    with pytest.raises(MoveError, match="did you mean 'protocol'"):
        rebalance(city, city.funding, MOVES[0], "best", ["protocl"])


def test_cross_silo_interactions_are_classified(city) -> None:
    r = rebalance(city, city.funding, MOVES[0], "best")
    assert r.cross_silo
    names = {c.change.id for c in r.cross_silo}
    pairs = {f"{city.activity_ids[i]} + {city.activity_ids[j]}": (i, j) for i, j in city.pairs}
    for change in r.ledger.interactions:
        i, j = pairs[change.id]
        assert (change.id in names) == (city.silo_of[i] != city.silo_of[j])
    for c in r.cross_silo:
        i, j = pairs[c.change.id]
        assert c.silos == (city.silo_ids[city.silo_of[i]], city.silo_ids[city.silo_of[j]])
        assert c.strengthens == (abs(c.change.after) > abs(c.change.before))


def test_rebalance_from_another_funding_starts_there(city) -> None:
    f = city.funding.copy()
    f[city.index["activities"]["export-support"]] = 1.0
    r = rebalance(city, f, MOVES[0], "best")
    np.testing.assert_array_equal(r.before.funding, f)
    mine = city.silo_of == city.index["silos"]["econ-dev"]
    assert r.envelopes_before[1, 0] == pytest.approx(city.cost[mine, 0] @ f[mine])


def test_files_without_envelopes_stay_unchanged_and_moves_round_trip(city, tmp_path: Path) -> None:
    text = bundled_path("city-diplomacy").read_text(encoding="utf-8")
    assert "envelope" not in text and dumps(loads(text)) == text
    r = rebalance(city, city.funding, MOVES[0], "proportional")
    moved = moved_scenario(city.scenario, r)
    by_id = {s.id: s.envelope for s in moved.silos}
    assert by_id["econ-dev"] == {"budget": 398} and by_id["sister-cities"] == {"budget": 248}
    assert sum(bool(e) for e in by_id.values()) == 2
    out = tmp_path / "moved.toml"
    save(moved, out)
    assert "envelope = { budget = 398 }" in out.read_text(encoding="utf-8")
    again = load(out)
    assert again == moved
    model = compile_scenario(again)
    np.testing.assert_allclose(model.funding, r.funding)
    np.testing.assert_allclose(envelopes(model, model.funding), r.envelopes_after)


def test_rebalancing_imports_neither_textual_nor_scipy() -> None:
    modules = "integrate_tui.engine.rebalance, integrate_tui.engine.optimise.marginal"
    code = (
        f"import sys, {modules}; print(sorted(m for m in ('textual', 'scipy') if m in sys.modules))"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"
