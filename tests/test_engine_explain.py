"""Explanations add up to the number they explain; a ledger of a score with itself is empty."""

from __future__ import annotations

import tomllib

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from integrate_tui.bundled import bundled_text
from integrate_tui.engine import (
    Explanation,
    NotComparable,
    compile_scenario,
    diff,
    explain_interest,
    explain_overall,
    explain_resource,
    explain_value,
    score,
)
from integrate_tui.engine.ties import RTOL
from integrate_tui.model import Scenario, validate_scenario
from strategies import fundings, scenarios

FAST = settings(max_examples=30, deadline=None)


@st.composite
def _funded(draw: st.DrawFn) -> tuple[Scenario, list[float]]:
    scenario = draw(scenarios())
    return scenario, draw(fundings(scenario))


def _adds_up(e: Explanation) -> bool:
    total = sum(d.points for d in e.drivers)
    return bool(np.isclose(total, e.total, rtol=1e-9, atol=1e-9))


@FAST
@given(_funded())
def test_drivers_sum_to_the_explained_total(case: tuple[Scenario, list[float]]) -> None:
    scenario, funding = case
    model = compile_scenario(scenario)
    s = score(model, np.array(funding))
    explanations = [
        explain_overall(s),
        *(explain_value(s, v) for v in model.value_ids),
        *(explain_interest(s, k) for k in model.interest_ids),
        *(explain_resource(s, r) for r in model.resource_ids),
    ]
    assert all(_adds_up(e) for e in explanations)


@FAST
@given(_funded())
def test_drivers_are_sorted_and_top_splits_by_sign(case: tuple[Scenario, list[float]]) -> None:
    scenario, funding = case
    e = explain_overall(score(compile_scenario(scenario), np.array(funding)))
    sizes = np.array([abs(d.points) for d in e.drivers])
    # largest first, up to the tie rule (engine.ties): equals within it keep file order
    assert np.all(np.diff(sizes) <= RTOL * sizes.max(initial=0.0))
    positive, negative = e.top(3)
    assert all(d.points > 0 for d in positive) and all(d.points < 0 for d in negative)


@FAST
@given(_funded())
def test_a_score_compared_with_itself_changes_nothing(case: tuple[Scenario, list[float]]) -> None:
    scenario, funding = case
    s = score(compile_scenario(scenario), np.array(funding))
    ledger = diff(s, s)
    changes = [ledger.overall, *ledger.values, *ledger.interests, *ledger.resources]
    assert all(c.delta == 0 for c in [*changes, *ledger.silos])
    assert not (ledger.funding or ledger.activity_effect or ledger.interactions)
    assert not ledger.weights_changed
    assert ledger.headline().startswith("no change: overall +0.0")


def _scenario(*activity_ids: str) -> Scenario:
    return validate_scenario(
        {
            "schema_version": 1,
            "meta": {"title": "Tiny"},
            "resources": [{"id": "budget", "name": "Budget", "capacity": 10.0}],
            "silos": [{"id": "s", "name": "S"}],
            "values": [{"id": "v", "name": "V"}],
            "activities": [
                {"id": a, "name": a, "silo": "s", "impact": {"v": 1.0}, "funding": 0.5}
                for a in activity_ids
            ],
        }
    )


def test_scores_of_different_models_are_not_comparable() -> None:
    base = score(compile_scenario(_scenario("a", "b")))
    renamed = score(compile_scenario(_scenario("a", "c")))
    with pytest.raises(NotComparable, match=r"only in the first: \['b'\]"):
        diff(base, renamed)
    with pytest.raises(NotComparable, match="same ids in a different order"):
        diff(base, score(compile_scenario(_scenario("b", "a"))))


def test_interactions_listed_in_another_order_are_matched_by_their_pair() -> None:
    data = tomllib.loads(bundled_text("city-diplomacy"))
    base = score(compile_scenario(validate_scenario(data)))
    shuffled = dict(data)
    shuffled["interactions"] = [
        {**x, "between": x["between"][::-1]} for x in reversed(data["interactions"])
    ]
    assert len(shuffled["interactions"]) >= 2
    same = diff(base, score(compile_scenario(validate_scenario(shuffled))))
    assert same.interactions == [] and same.overall.delta == pytest.approx(0.0)
    first = shuffled["interactions"][0]
    shuffled["interactions"][0] = {**first, "effect": first["effect"] + 0.5}
    moved = diff(base, score(compile_scenario(validate_scenario(shuffled))))
    a, b = first["between"]
    assert moved.interactions[0].id == f"{a} + {b}"  # the one changed moves most
    fewer = dict(data, interactions=data["interactions"][1:])
    with pytest.raises(NotComparable, match="different interactions"):
        diff(base, score(compile_scenario(validate_scenario(fewer))))
