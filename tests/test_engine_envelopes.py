"""Silo envelopes: defaults, explicit tables, moves between silos and the proportional fill."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from integrate_tui.bundled import bundled_path
from integrate_tui.engine import compile_scenario
from integrate_tui.engine.envelopes import (
    Move,
    MoveError,
    apply_move,
    envelopes,
    obligations,
    proportional_fill,
)
from integrate_tui.files import load


@pytest.fixture(scope="module")
def city():
    return compile_scenario(load(bundled_path("city-diplomacy")))


def test_default_envelope_is_current_use(city) -> None:
    env = envelopes(city, city.funding)
    used = city.cost.T @ city.funding
    np.testing.assert_allclose(env.sum(axis=0), used)


def test_explicit_envelope_overrides_use(city) -> None:
    silos = list(city.scenario.silos)
    silos[0] = silos[0].model_copy(update={"envelope": {"budget": 999.0}})
    model = compile_scenario(city.scenario.model_copy(update={"silos": silos}))
    env = envelopes(model, model.funding)
    assert env[0, model.index["resources"]["budget"]] == 999.0


@settings(max_examples=40, deadline=None)
@given(
    resource=st.sampled_from(["budget", "staff", "mayor"]),
    share=st.floats(0.01, 0.5),
    pair=st.permutations(range(7)).map(lambda p: p[:2]),
)
def test_move_conserves_each_resource(city, resource: str, share: float, pair) -> None:
    a, b = (city.silo_ids[i] for i in pair)
    r = city.index["resources"][resource]
    before = envelopes(city, city.funding)
    room = before[pair[0], r] - obligations(city)[pair[0], r]
    if room <= 1e-6:
        return
    after = apply_move(city, city.funding, Move(resource, share * room, a, b))
    np.testing.assert_allclose(after.sum(axis=0), before.sum(axis=0))
    assert after[pair[0], r] == pytest.approx(before[pair[0], r] - share * room)


@pytest.mark.parametrize(
    ("move", "needle"),
    [
        (Move("budgte", 10, "econ-dev", "sister-cities"), "did you mean 'budget'"),
        (Move("budget", 10, "econ", "sister-cities"), "unknown silo 'econ'"),
        (Move("budget", 10, "econ-dev", "econ-dev"), "to itself"),
        (Move("budget", -5, "econ-dev", "sister-cities"), "positive"),
        (Move("budget", 1e9, "econ-dev", "sister-cities"), "holds only"),
    ],
)
def test_bad_moves_are_named(city, move: Move, needle: str) -> None:
    with pytest.raises(MoveError, match=needle):
        apply_move(city, city.funding, move)


def test_move_that_breaks_obligations_is_refused(city) -> None:
    s = city.index["silos"]["protocol"]
    r = city.index["resources"]["budget"]
    env, need = envelopes(city, city.funding)[s, r], obligations(city)[s, r]
    assert need > 0
    with pytest.raises(MoveError, match="min_funding and locked activities need"):
        apply_move(city, city.funding, Move("budget", env - need / 2, "protocol", "cvb"))


@pytest.mark.parametrize("silo", ["econ-dev", "sister-cities", "cvb", "immigrant-affairs"])
@pytest.mark.parametrize("factor", [0.5, 0.8, 1.25, 1.6])
def test_proportional_fill_fits_keeps_mix_and_respects_rules(city, silo, factor) -> None:
    s, r = city.index["silos"][silo], city.index["resources"]["budget"]
    target = envelopes(city, city.funding)[s, r] * factor
    target = max(target, obligations(city)[s, r])
    new, remainder = proportional_fill(city, city.funding, s, r, target)
    mine = city.silo_of == s
    used = city.cost[mine, r] @ new[mine]
    assert used <= target + 1e-6
    assert remainder == pytest.approx(target - used)
    np.testing.assert_array_equal(new[~mine], city.funding[~mine])
    np.testing.assert_array_equal(new[city.locked], city.funding[city.locked])
    assert np.all(new >= city.min_funding - 1e-9) and np.all(new <= city.max_funding + 1e-9)
    on_grid = (new - city.min_funding) / city.step
    at_max = np.isclose(new, city.max_funding)
    assert np.all(np.isclose(on_grid, np.round(on_grid)) | at_max)
    free = np.flatnonzero(mine & ~city.locked & (city.funding > 0))
    clipped = np.isclose(new[free], city.min_funding[free]) | np.isclose(
        new[free], city.max_funding[free]
    )
    free = free[~clipped]
    if len(free) > 1:
        old, step = city.funding[free], city.step[free]
        low = np.max((new[free] - step) / old)
        high = np.min((new[free] + step) / old)
        assert low <= high + 1e-9, "levels are not one common factor within a step"
