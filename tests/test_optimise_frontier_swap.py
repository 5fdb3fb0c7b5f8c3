"""Swapping a frontier's axes mirrors it: the same MILPs answer both questions."""

from __future__ import annotations

import numpy as np
import pytest

from integrate_tui.bundled import bundled_path
from integrate_tui.engine import Compiled, compile_scenario
from integrate_tui.engine.optimise import FRONTIER_GAP, Frontier, frontier
from integrate_tui.engine.optimise.frontier import MARGIN_GAP_FACTOR, swapped
from integrate_tui.files import load
from optimise_scenarios import compiled


def axes(model: Compiled) -> tuple[str, str]:
    return "interest:" + model.interest_ids[0], "value:" + model.value_ids[0]


def same(found: Frontier, fresh: Frontier) -> None:
    assert (found.x.key, found.y.key) == (fresh.x.key, fresh.y.key)
    assert [(p.x, p.y) for p in found.points] == pytest.approx(
        [(p.x, p.y) for p in fresh.points], abs=1e-9
    )
    for a, b in zip(found.points, fresh.points, strict=True):
        np.testing.assert_allclose(a.funding, b.funding)
    assert found.current == fresh.current
    slack = MARGIN_GAP_FACTOR * FRONTIER_GAP * max(1.0, abs(fresh.margin))  # its rows reordered
    assert found.margin == pytest.approx(fresh.margin, abs=slack)
    assert found.dominated == fresh.dominated


@pytest.mark.parametrize(
    "model",
    [compile_scenario(load(bundled_path())), compiled(3), compiled(7)],
    ids=["bundled", "seed 3", "seed 7"],
)
def test_a_swapped_frontier_is_the_frontier_asked_the_other_way_round(model: Compiled) -> None:
    x, y = axes(model)
    there = frontier(model, x, y, 12)
    assert len(there.points) > 2
    same(swapped(there), frontier(model, y, x, 12))
    assert swapped(swapped(there)).points == there.points  # back again, unchanged


def test_an_odd_number_of_points_is_not_swapped() -> None:
    model = compiled(0)
    assert swapped(frontier(model, *axes(model), 5)) is None  # a step at ½: sides differ
