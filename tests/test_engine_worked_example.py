"""The worked example of docs/scoring.md: the doc's scenario, hand numbers and engine agree."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import pytest

from integrate_tui.engine import Compiled, Score, compile_scenario, diff, score
from integrate_tui.model import validate_scenario

DOC = Path(__file__).resolve().parents[1] / "docs" / "scoring.md"

HAND = {
    "fraction.trade-missions": 0.6,
    "fraction.sister-cities": 0.8,  # 0.6 + 0.25 · 0.4 / 0.5 on the [0.5, 0.6]–[1, 1] segment
    "fraction.festival": 0.5,
    "boost.trade-missions": 1.2,  # 1 + 0.25 · 0.8
    "boost.sister-cities": 1.15,  # 1 + 0.25 · 0.6
    "boost.festival": 1.0,
    "bound.prosperity": 5.0,  # 3 · 1.25 + 1 · 1.25
    "bound.openness": 8.0,  # 1 · 1.25 + 3 · 1.25 + 3 · 1
    "contribution.trade-missions.prosperity": 43.2,  # 3 · 0.72 · 20
    "contribution.sister-cities.prosperity": 18.4,  # 1 · 0.92 · 20
    "contribution.festival.prosperity": 0.0,
    "contribution.trade-missions.openness": -9.0,  # −1 · 0.72 · 12.5
    "contribution.sister-cities.openness": 34.5,  # 3 · 0.92 · 12.5
    "contribution.festival.openness": 18.75,  # 3 · 0.5 · 12.5
    "value.prosperity": 61.6,
    "value.openness": 44.25,
    "weight.prosperity": 0.75,
    "weight.openness": 0.25,
    "overall": 57.2625,  # 0.75 · 61.6 + 0.25 · 44.25
    "support_share.business": 1 / 3,
    "support_share.diaspora": 0.0,
    "interest.business": 176.26 / 3,  # (2 · 58.13 + 60) / 3
    "interest.diaspora": 48.5875,  # 0.25 · 61.6 + 0.75 · 44.25
    "used.budget": 91.0,
    "used.staff": 2.35,
    "over.budget": 0.0,
    "over.staff": 0.35,
    "silo_share.econ.budget": 36 / 91,
    "silo_share.mayor.budget": 55 / 91,
    "silo_share.econ.staff": 0.6 / 2.35,
    "silo_share.mayor.staff": 1.75 / 2.35,
    "silo_overall.econ": 30.15,
    "silo_overall.mayor": 27.1125,
    "pair.trade-missions+sister-cities": 7.95,  # 0.75 · 9.6 + 0.25 · 3
    "integration.index": 1.0,
    "fairness.minimum": 48.5875,
    "fairness.weighted_mean": (176.26 / 3 + 2 * 48.5875) / 3,
    "fairness.spread": 2**0.5 / 3 * (176.26 / 3 - 48.5875),
    "after.overall": 68.2875,
    "delta.overall": 11.025,
    "delta.interest.business": 219.98 / 3 - 176.26 / 3,
    "delta.interest.diaspora": 2.675,
    "after.used.budget": 103.0,
    "after.over.budget": 3.0,
    "after.over.staff": 0.55,
}


def _doc() -> str:
    return DOC.read_text(encoding="utf-8")


def _toml_block(text: str) -> str:
    match = re.search(r"```toml\n(.*?)```", text, re.S)
    assert match, "docs/scoring.md has no ```toml block"
    return match.group(1)


def _checked_numbers(text: str) -> dict[str, tuple[float, int]]:
    """The 'Checked numbers' table: key → (value, decimals written)."""
    section = text.split("### Checked numbers", 1)[1].split("\n#", 1)[0]
    rows = re.findall(r"^\| `([^`]+)` \| ([−\-\d.]+) \|$", section, re.M)
    numbers = {}
    for key, written in rows:
        plain = written.replace("−", "-")
        decimals = len(plain.split(".")[1]) if "." in plain else 0
        numbers[key] = (float(plain), decimals)
    return numbers


@pytest.fixture(scope="module")
def model() -> Compiled:
    return compile_scenario(validate_scenario(tomllib.loads(_toml_block(_doc()))))


@pytest.fixture(scope="module")
def before(model: Compiled) -> Score:
    return score(model)


@pytest.fixture(scope="module")
def after(model: Compiled) -> Score:
    return score(model, model.funding_from({"trade-missions": 0.8}))


def _engine_numbers(before: Score, after: Score) -> dict[str, float]:
    m, s = before.model, before
    out: dict[str, float] = {}
    for i, a in enumerate(m.activity_ids):
        out[f"fraction.{a}"] = s.fraction[i]
        out[f"boost.{a}"] = s.boost[i]
        for j, v in enumerate(m.value_ids):
            out[f"contribution.{a}.{v}"] = s.contributions[i, j]
    for j, v in enumerate(m.value_ids):
        out[f"bound.{v}"] = m.value_bound[j]
        out[f"value.{v}"] = s.values[j]
        out[f"weight.{v}"] = s.weights[j]
    for k, name in enumerate(m.interest_ids):
        out[f"support_share.{name}"] = m.support_share[k]
        out[f"interest.{name}"] = s.interests[k]
        out[f"delta.interest.{name}"] = after.interests[k] - s.interests[k]
    for r, name in enumerate(m.resource_ids):
        out[f"used.{name}"] = s.used[r]
        out[f"over.{name}"] = s.over[r]
        out[f"after.used.{name}"] = after.used[r]
        out[f"after.over.{name}"] = after.over[r]
        for x, silo in enumerate(m.silo_ids):
            out[f"silo_share.{silo}.{name}"] = s.silo_share[x, r]
    for x, silo in enumerate(m.silo_ids):
        out[f"silo_overall.{silo}"] = s.silo_overall[x]
    for p, (a, b) in enumerate(m.pairs):
        out[f"pair.{m.activity_ids[a]}+{m.activity_ids[b]}"] = s.pair_overall[p]
    out["overall"] = s.overall
    out["integration.index"] = s.integration.index
    out["fairness.minimum"] = s.fairness.minimum
    out["fairness.weighted_mean"] = s.fairness.weighted_mean
    out["fairness.spread"] = s.fairness.spread
    out["after.overall"] = after.overall
    out["delta.overall"] = after.overall - s.overall
    return {key: float(value) for key, value in out.items() if key in HAND}


def test_the_doc_checks_every_hand_number() -> None:
    assert set(_checked_numbers(_doc())) == set(HAND)


@pytest.mark.parametrize("key", sorted(HAND))
def test_the_doc_writes_the_hand_numbers(key: str) -> None:
    written, decimals = _checked_numbers(_doc())[key]
    assert abs(written - HAND[key]) <= 0.5 * 10**-decimals + 1e-12


def test_the_engine_computes_the_hand_numbers(before: Score, after: Score) -> None:
    engine = _engine_numbers(before, after)
    assert set(engine) == set(HAND)
    wrong = {k: (engine[k], HAND[k]) for k in HAND if abs(engine[k] - HAND[k]) > 1e-9}
    assert not wrong


def test_the_example_is_infeasible_on_staff_only(before: Score) -> None:
    assert not before.feasible
    assert before.over.tolist() == pytest.approx([0.0, 0.35])


def test_the_worst_off_interest_is_diaspora(before: Score) -> None:
    assert before.fairness.worst_off == "diaspora"


def test_the_doc_quotes_the_ledger_headline(before: Score, after: Score) -> None:
    headline = diff(before, after).headline()
    assert f"> {headline}\n" in _doc()
