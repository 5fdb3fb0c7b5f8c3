"""Response curves: ends, monotony, continuity at the end and the diminishing expansion tail."""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from integrate_tui.engine.response import SHAPES, ResponseCurves
from strategies import responses

FAST = settings(max_examples=50, deadline=None)


def _g(spec: str | list[list[float]], f: float | list[float]) -> np.ndarray:
    levels = np.atleast_1d(np.asarray(f, dtype=float))
    return ResponseCurves([spec] * len(levels))(levels)


def _end(spec: str | list[list[float]]) -> float:
    return 1.0 if isinstance(spec, str) else spec[-1][0]


@pytest.mark.parametrize("shape", SHAPES)
def test_named_shapes_give_0_at_0_and_1_at_1(shape: str) -> None:
    assert _g(shape, [0.0, 1.0]).tolist() == pytest.approx([0.0, 1.0], abs=1e-12)


@pytest.mark.parametrize(
    ("shape", "f", "expected"),
    [
        ("linear", 0.5, 0.5),
        ("diminishing", 0.5, (1 - math.exp(-1.5)) / (1 - math.exp(-3))),
        ("threshold", 0.5, 0.5),
        ("linear", 1.5, 1 + 0.5 * (1 - math.exp(-1))),
    ],
)
def test_documented_values(shape: str, f: float, expected: float) -> None:
    assert _g(shape, f)[0] == pytest.approx(expected, abs=1e-12)


def test_diminishing_is_concave_and_threshold_s_shaped() -> None:
    assert _g("diminishing", 0.25)[0] > 0.25
    assert _g("threshold", 0.25)[0] < 0.25 < 0.75 < _g("threshold", 0.75)[0]


def test_point_lists_interpolate_between_points() -> None:
    spec = [[0.0, 0.0], [0.5, 0.6], [1.0, 1.0]]
    assert _g(spec, [0.25, 0.5, 0.75]).tolist() == pytest.approx([0.3, 0.6, 0.8])


def test_curves_of_different_lengths_evaluate_together() -> None:
    specs = ["threshold", [[0, 0], [1, 1]], [[0, 0], [0.2, 0.5], [0.4, 0.5], [2, 1]], "linear"]
    together = ResponseCurves(specs)(np.full(4, 0.3))
    apart = [_g(spec, 0.3)[0] for spec in specs]
    assert together.tolist() == pytest.approx(apart)


@FAST
@given(responses(), st.floats(0.0, 3.0))
def test_every_curve_is_0_at_0_and_finite(spec: str | list[list[float]], f: float) -> None:
    assert _g(spec, 0.0)[0] == pytest.approx(0.0, abs=1e-12)
    assert np.isfinite(_g(spec, f)).all()


@FAST
@given(responses(monotone=True))
def test_non_decreasing_curves_are_monotone(spec: str | list[list[float]]) -> None:
    values = _g(spec, np.linspace(0.0, 3.0, 301).tolist())
    assert (np.diff(values) >= -1e-12).all()


@FAST
@given(responses())
def test_continuous_with_matching_slope_at_the_end(spec: str | list[list[float]]) -> None:
    end, d = _end(spec), 1e-7
    below, at, above = _g(spec, [end - d, end, end + d])
    assert above - at == pytest.approx(at - below, abs=1e-9)
    assert abs(above - below) < 1e-5


@FAST
@given(responses(monotone=True))
def test_expansion_diminishes_and_is_capped(spec: str | list[list[float]]) -> None:
    end = _end(spec)
    curves = ResponseCurves([spec])
    slope = float(curves.end_slope[0])
    steps = _g(spec, (end + np.arange(0.0, 2.5, 0.25)).tolist())
    gains = np.diff(steps)
    assert (np.diff(gains) <= 1e-12).all()
    assert steps[-1] - steps[0] <= slope * 0.5 + 1e-12


def test_reach_includes_a_peak_between_grid_samples() -> None:
    peaked = ResponseCurves([[[0.0, 0.0], [0.7, 1.0], [1.0, 0.8]]])
    assert peaked.maximum(np.array([1.0]))[0] == pytest.approx(1.0, abs=1e-12)


def test_reach_of_a_falling_tail_is_its_size_at_max_funding() -> None:
    falling = ResponseCurves([[[0.0, 0.0], [0.1, 1.0], [0.2, 0.0]]])
    at_max = falling(np.array([3.0]))[0]
    assert at_max < 0
    assert falling.maximum(np.array([3.0]))[0] == pytest.approx(max(1.0, -at_max))


@FAST
@given(responses(), st.floats(0.1, 3.0))
def test_reach_bounds_the_curve_and_is_reached(spec: str | list[list[float]], top: float) -> None:
    reach = ResponseCurves([spec]).maximum(np.array([top]))[0]
    breaks = [] if isinstance(spec, str) else [x for x, _ in spec if x <= top]
    dense = np.abs(_g(spec, [*np.linspace(0.0, top, 2001).tolist(), *breaks]))
    assert reach == pytest.approx(dense.max(), abs=1e-12)
