"""Charts as small inline SVG for the HTML report: bars, bars in pairs, and a scatter.

Hand-written on purpose (no library, no script, nothing fetched): each picture has a
`viewBox` so it scales down on a phone, a `<title>` and `<desc>` that say everything it
shows, and its numbers written beside the marks, so it reads without colour. All text goes
through `html.escape`, which also makes it safe XML.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from html import escape

from integrate_tui.formats import clip, number
from integrate_tui.workshop.report_blocks import Bar, Chart, Compare, Scatter

WIDTH = 400
"""The width of every chart's coordinate system; the page scales it to fit."""
CHAR = 7.0
"""About how wide one character of a chart's 12–13 px text is, to leave room for it."""
LABEL_ROW, BAR, BAR_GAP, ROW_GAP, LEGEND_ROW = 18, 14, 3, 10, 20
MAX_LABEL = int(WIDTH / CHAR)
PLOT_HEIGHT, LEFT, RIGHT, TOP, BOTTOM = 300, 56, 18, 16, 48
MARK_SIZE, DOT_RADIUS = 9, 3.5


@dataclass(frozen=True)
class _Row:
    """A label over one or more bars, each drawn with a CSS class."""

    label: str
    bars: list[tuple[Bar, str]]


def _open(key: str, width: float, height: float, title: str, desc: str) -> str:
    """An `<svg>` start tag with its accessible title and description."""
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width:.0f} {height:.0f}" '
        f'width="{width:.0f}" height="{height:.0f}" role="img" '
        f'aria-labelledby="{key}-t {key}-d">'
        f'<title id="{key}-t">{escape(title)}</title><desc id="{key}-d">{escape(desc)}</desc>'
    )


def _text(x: float, y: float, text: str, css: str, anchor: str = "start") -> str:
    return (
        f'<text class="{css}" x="{x:.1f}" y="{y:.1f}" text-anchor="{anchor}">{escape(text)}</text>'
    )


def _rows_svg(key: str, title: str, desc: str, rows: list[_Row], legend: tuple[str, str]) -> str:
    """Rows of horizontal bars on one scale; negatives grow left of the zero line, which is
    drawn beside each bar only, so it never crosses a label."""
    bars = [b for row in rows for b, _ in row.bars]
    low = min((b.value for b in bars), default=0.0)
    high = max((b.value for b in bars), default=0.0)
    low, high = min(low, 0.0), max(high, 0.0)
    high = high if high > low else low + 1.0
    left_room = max((len(b.text) * CHAR + 6 for b in bars if b.value < 0), default=0.0)
    right_room = max((len(b.text) * CHAR + 6 for b in bars if b.value >= 0), default=0.0)
    scale = (WIDTH - left_room - right_room) / (high - low)
    zero = left_room - low * scale
    y = 4.0
    parts: list[str] = []
    zero_ticks: list[str] = []
    if any(legend):
        y += LEGEND_ROW
        if legend[0]:
            parts.append(_text(zero - 6, y - 6, f"← {legend[0]}", "legend", "end"))
        if legend[1]:
            parts.append(_text(zero + 6, y - 6, f"{legend[1]} →", "legend"))
    for row in rows:
        tip = f"{row.label}: " if row.label else ""
        parts.append(f"<g><title>{escape(tip + ', '.join(b.text for b, _ in row.bars))}</title>")
        if row.label:
            parts.append(_text(0, y + LABEL_ROW - 5, clip(row.label, MAX_LABEL), "label"))
            y += LABEL_ROW
        for b, css in row.bars:
            x, length = zero + min(b.value, 0.0) * scale, abs(b.value) * scale
            parts.append(
                f'<rect class="{css}" x="{x:.1f}" y="{y:.1f}" width="{length:.1f}" height="{BAR}"/>'
            )
            zero_ticks.append(
                f'<line class="axis" x1="{zero:.1f}" y1="{y - 2:.1f}" '
                f'x2="{zero:.1f}" y2="{y + BAR + 2:.1f}"/>'
            )
            mid = y + BAR - 3
            if b.value < 0:
                parts.append(_text(x - 4, mid, b.text, "value", "end"))
            else:
                parts.append(_text(x + length + 4, mid, b.text, "value"))
            y += BAR + BAR_GAP
        parts.append("</g>")
        y += ROW_GAP
    return _open(key, WIDTH, y + 2, title, desc) + "".join(parts + zero_ticks) + "</svg>"


def chart_svg(chart: Chart, key: str) -> str:
    """A bar chart: one bar a label, blue, or red when negative."""
    rows = [_Row(b.label, [(b, "neg" if b.value < 0 else "pos")]) for b in chart.bars]
    desc = "; ".join(f"{b.label}: {b.text}" for b in chart.bars)
    return _rows_svg(key, chart.title, desc, rows, (chart.negative, chart.positive))


def compare_svg(compare: Compare, key: str) -> str:
    """Bars in pairs: each label's `before` (grey) over its `after` (blue), named in the text."""
    rows = [
        _Row(
            p.label,
            [
                (Bar("", p.before, f"{p.before_text} {compare.before}"), "before"),
                (Bar("", p.after, f"{p.after_text} {compare.after}"), "after"),
            ],
        )
        for p in compare.pairs
    ]
    desc = "; ".join(
        f"{p.label}: {compare.before} {p.before_text}, {compare.after} {p.after_text}"
        for p in compare.pairs
    )
    return _rows_svg(key, compare.title, desc, rows, ("", ""))


def ticks(low: float, high: float, count: int = 4) -> list[float]:
    """Round numbers between low and high, about `count` of them (a 1, 2 or 5 step)."""
    raw = (high - low) / count
    power = 10 ** math.floor(math.log10(raw))
    step = next(s * power for s in (1, 2, 5, 10) if s * power >= raw)
    first = math.ceil(low / step) * step
    return [first + i * step for i in range(int((high - first) / step + 1e-9) + 1)]


def _span(values: list[float]) -> tuple[float, float]:
    """The range to draw: the values' range with 8 % to spare each side (±1 when flat)."""
    low, high = min(values), max(values)
    pad = (high - low) * 0.08 or 1.0
    return low - pad, high + pad


def scatter_svg(scatter: Scatter, key: str) -> str:
    """The frontier as joined dots and the marked packages as labelled squares, on axes."""
    every = [*scatter.points, *scatter.marks]
    x0, x1 = _span([p.x for p in every])
    y0, y1 = _span([p.y for p in every])
    right, bottom = WIDTH - RIGHT, PLOT_HEIGHT - BOTTOM

    def sx(x: float) -> float:
        return LEFT + (x - x0) / (x1 - x0) * (right - LEFT)

    def sy(y: float) -> float:
        return bottom - (y - y0) / (y1 - y0) * (bottom - TOP)

    parts = [
        f'<line class="axis" x1="{LEFT}" y1="{bottom}" x2="{right}" y2="{bottom}"/>',
        f'<line class="axis" x1="{LEFT}" y1="{TOP}" x2="{LEFT}" y2="{bottom}"/>',
    ]
    for t in ticks(x0, x1):
        parts.append(
            f'<line class="grid" x1="{sx(t):.1f}" y1="{TOP}" x2="{sx(t):.1f}" y2="{bottom}"/>'
        )
        parts.append(_text(sx(t), bottom + 15, f"{t:g}", "value", "middle"))
    for t in ticks(y0, y1):
        parts.append(
            f'<line class="grid" x1="{LEFT}" y1="{sy(t):.1f}" x2="{right}" y2="{sy(t):.1f}"/>'
        )
        parts.append(_text(LEFT - 5, sy(t) + 4, f"{t:g}", "value", "end"))
    x_title = clip(scatter.x_label, 56)
    parts.append(_text((LEFT + right) / 2, PLOT_HEIGHT - 8, x_title, "label", "middle"))
    parts.append(
        f'<text class="label" transform="translate(14 {(TOP + bottom) / 2:.1f}) rotate(-90)" '
        f'text-anchor="middle">{escape(clip(scatter.y_label, 40))}</text>'
    )
    line = " ".join(f"{sx(p.x):.1f},{sy(p.y):.1f}" for p in scatter.points)
    parts.append(f'<polyline class="frontier" points="{line}"/>')
    for p in scatter.points:
        parts.append(
            f'<circle class="dot" cx="{sx(p.x):.1f}" cy="{sy(p.y):.1f}" r="{DOT_RADIUS}">'
            f"<title>{escape(f'{scatter.x_label} {number(p.x)}, {scatter.y_label} {number(p.y)}')}"
            "</title></circle>"
        )
    placed: list[tuple[float, float]] = []
    for m in scatter.marks:
        cx, cy = sx(m.x), sy(m.y)
        label_y = cy + 4
        while any(abs(label_y - y) < 14 and abs(cx - x) < 120 for x, y in placed):
            label_y += 15
        placed.append((cx, label_y))
        text = f"{m.label} ({number(m.x)}, {number(m.y)})"
        side = cx > (LEFT + right) / 2
        parts.append(
            f'<g><title>{escape(text)}</title><rect class="mark" x="{cx - MARK_SIZE / 2:.1f}" '
            f'y="{cy - MARK_SIZE / 2:.1f}" width="{MARK_SIZE}" height="{MARK_SIZE}"/>'
            + _text(cx - 9 if side else cx + 9, label_y, text, "value", "end" if side else "start")
            + "</g>"
        )
    desc = (
        f"{len(scatter.points)} efficient packages from "
        + "; ".join(f"({number(p.x)}, {number(p.y)})" for p in scatter.points)
        + ". "
        + "; ".join(f"{m.label}: ({number(m.x)}, {number(m.y)})" for m in scatter.marks)
        + f". x: {scatter.x_label}; y: {scatter.y_label}."
    )
    return _open(key, WIDTH, PLOT_HEIGHT, scatter.title, desc) + "".join(parts) + "</svg>"
