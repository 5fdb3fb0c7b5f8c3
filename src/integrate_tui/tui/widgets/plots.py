"""The four tradeoff plots, drawn with textual-plotext from the optimiser's results.

Each function clears a plot and draws one engine result on it. What the plot says in words
goes in the widget's border title and subtitle (plotext drops a title that does not fit);
the numbers there are the engine's, formatted the way the rest of the app formats them.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from textual.color import Color
from textual.content import Content
from textual_plotext import PlotextPlot

from integrate_tui.engine.optimise import EfficiencyOrder, Frontier, Robustness, Tornado
from integrate_tui.engine.ties import order
from integrate_tui.tui import format as fmt
from integrate_tui.tui.analysis_text import proof

RGB = tuple[int, int, int]


def colours(palette: fmt.Palette) -> tuple[RGB, RGB, RGB]:
    """The theme's series, highlight and second-series colours as plotext RGB triples."""
    return tuple(Color.parse(c).rgb for c in (palette.bar, palette.bad, palette.good))  # type: ignore[return-value]


def _label(plot: PlotextPlot, title: str, subtitle: str = "") -> None:
    """The title may use markup (coloured marks); the subtitle holds names, shown verbatim."""
    plot.border_title, plot.border_subtitle = title, Content(subtitle)


def message(plot: PlotextPlot, title: str, text: str) -> None:
    """An empty plot that says what is happening (computing…, or why there is nothing)."""
    _label(plot, title)
    plt = plot.plt
    plt.clear_figure()
    plt.text(text, 0.5, 0.5, alignment="center")
    plt.xlim(0, 1)
    plt.ylim(0, 1)
    plt.xticks([])
    plt.yticks([])
    plot.refresh()


def frontier(plot: PlotextPlot, f: Frontier, palette: fmt.Palette) -> None:
    """The efficient packages as a line, the current funding as a dot, and the verdict."""
    line, here, better = colours(palette)
    plt = plot.plt
    plt.clear_figure()
    xs, ys = [p.x for p in f.points], [p.y for p in f.points]
    plt.plot(xs, ys, marker="braille", color=line)
    plt.scatter(xs, ys, marker="dot", color=line)
    if f.better is not None:
        plt.scatter([f.better.x], [f.better.y], marker="+", color=better)
    plt.scatter([f.current[0]], [f.current[1]], marker="●", color=here)
    now = f"[{palette.bad}]●[/] now"
    if f.dominated:
        verdict = f"{now} dominated: [{palette.good}]+[/] gains {fmt.points(f.margin)} on both"
    elif not f.current_allowed:
        verdict = f"{now} breaks a rule"
    else:
        verdict = f"{now} on the frontier"
    _label(plot, f"Frontier: {verdict}", f"→ {f.x.name}   ↑ {f.y.name}")
    plot.refresh()


def efficiency(plot: PlotextPlot, e: EfficiencyOrder, palette: fmt.Palette) -> None:
    """Cumulative score against the scarcest resource, capacity as a line, the current funding."""
    line, here, _ = colours(palette)
    plt = plot.plt
    plt.clear_figure()
    plt.plot(list(e.cost), list(e.score), marker="braille", color=line)
    plt.vline(e.capacity, "gray")
    plt.scatter([e.current_cost], [e.current_score], marker="●", color=here)
    gap = f", {fmt.points(e.shortfall)} below the curve" if e.shortfall > 0.05 else ", on the curve"
    _label(
        plot,
        f"Efficiency: [{palette.bad}]●[/] now {fmt.points(e.current_score)}{gap}",
        f"→ {e.resource} used ({e.unit}), │ capacity   ↑ integrated score",
    )
    plot.refresh()


def tornado(plot: PlotextPlot, t: Tornado, palette: fmt.Palette) -> None:
    """Per value, how the optimum's score moves with its weight ×0.5 and ×1.5, widest first."""
    low_colour, _, high_colour = colours(palette)
    plt = plot.plt
    plt.clear_figure()
    bars = t.bars[::-1]  # plotext draws the first bar at the bottom
    names = [fmt.clip(b.name, 16) for b in bars]
    for k, colour in ((0, low_colour), (1, high_colour)):
        change = [b.optimum[k] - t.base for b in bars]
        plt.bar(names, change, orientation="horizontal", width=0.5, color=colour)
    limited = "" if t.status == "optimal" else f" (time limit: {proof(t.status, t.gap)})"
    _label(
        plot,
        f"Tornado: one weight [{palette.bar}]■[/] ×0.5 or [{palette.good}]■[/] ×1.5",
        f"→ change of the optimum's score from {fmt.points(t.base)}{limited}",
    )
    plot.refresh()


def probabilities(
    plot: PlotextPlot, r: Robustness, names: Sequence[str], rows: int, palette: fmt.Palette
) -> None:
    """How often each activity is funded in the optimum: the least certain first, as many as fit."""
    line, _, _ = colours(palette)
    share = np.asarray(r.funded)
    always, never = int((share >= 1.0).sum()), int((share <= 0.0).sum())
    uncertain = [i for i in order(np.abs(share - 0.5), descending=False) if 0 < share[i] < 1]
    shown = uncertain[: max(rows, 1)][::-1]
    title = (
        f"Funded in the optimum: {always} in every draw, {never} in none, {len(uncertain)} in some"
    )
    if not shown:
        message(plot, title, "no activity is in doubt")
        return
    plt = plot.plt
    plt.clear_figure()
    labels = [fmt.clip(names[i], 18) for i in shown]
    shares = [100 * share[i] for i in shown]
    plt.bar(labels, shares, orientation="horizontal", width=0.5, color=line)
    plt.xlim(0, 100)
    _label(plot, title, f"→ % of {r.samples:,} weight draws; the least certain first")
    plot.refresh()
