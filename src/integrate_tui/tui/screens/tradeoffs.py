"""Tradeoffs: Pareto frontier, efficiency curve, tornado and funding probabilities, plotted.

Each analysis runs in its own thread worker (the frontier and the tornado take seconds on the
bundled scenario); the handlers draw. Any change to the work, and a new pair of frontier axes,
starts the affected workers again.
"""

from __future__ import annotations

from typing import Any, ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Grid, Horizontal
from textual.screen import Screen
from textual.widgets import Footer, Header, Label, Select
from textual.worker import Worker, WorkerState
from textual_plotext import PlotextPlot

from integrate_tui.engine import optimise as opt
from integrate_tui.errors import IntegrateError
from integrate_tui.session import SAVED, Event, Session
from integrate_tui.tui import format as fmt
from integrate_tui.tui.analyses import FRONTIER_POINTS, ROBUSTNESS_SAMPLES, ROBUSTNESS_SEED
from integrate_tui.tui.analysis_text import criteria
from integrate_tui.tui.widgets import plots

TITLES = {
    "frontier": "Pareto frontier",
    "efficiency": "Efficiency curve",
    "tornado": "Tornado",
    "montecarlo": "Funding probabilities",
}


class TradeoffsScreen(Screen[None]):
    """Two axis pickers over a 2×2 grid of plots (one column, scrolling, when narrow)."""

    DEFAULT_CSS = """
    TradeoffsScreen #axes { height: 1; padding: 0 1; }
    TradeoffsScreen #axes Label { padding: 0 1; }
    TradeoffsScreen #axes Select { width: 1fr; }
    TradeoffsScreen #axes Select:focus > SelectCurrent { background: $primary 40%; }
    TradeoffsScreen #plots { grid-size: 2 2; grid-gutter: 0 1; height: 1fr; }
    TradeoffsScreen.-narrow #plots { grid-size: 1; grid-rows: 20; overflow-y: auto; }
    TradeoffsScreen PlotextPlot {
        height: 1fr;
        border: round $primary 50%;
        border-title-color: $foreground;
        border-subtitle-color: $text-muted;
    }
    """
    HORIZONTAL_BREAKPOINTS: ClassVar[list[tuple[int, str]]] = [(0, "-narrow"), (100, "-wide")]
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,t", "app.pop_screen", "Back", id="tradeoffs.back"),
        Binding("x", "swap", "Swap axes", id="tradeoffs.swap"),
    ]

    def __init__(self, session: Session) -> None:
        super().__init__()
        self.session = session
        self._workers: dict[str, Worker[Any]] = {}
        self._results: dict[str, Any] = {}

    def compose(self) -> ComposeResult:
        choices = criteria(self.session.scenario)
        keys = [key for _, key in choices]
        yield Header()
        with Horizontal(id="axes"):
            yield Label("Frontier of")
            yield Select(choices, value=keys[0], allow_blank=False, id="x", compact=True)
            yield Label("against")
            yield Select(choices, value=keys[1], allow_blank=False, id="y", compact=True)
        with Grid(id="plots"):
            for name in TITLES:
                yield PlotextPlot(id=name)
        yield Footer()

    def on_mount(self) -> None:
        self._unsubscribe = self.session.subscribe(self._changed)
        self._compute(*TITLES)

    def on_unmount(self) -> None:
        self._unsubscribe()

    def _changed(self, event: Event) -> None:
        if event.kind != SAVED:
            self._compute(*TITLES)

    @on(Select.Changed)
    def _axes_changed(self) -> None:
        self._compute("frontier")

    def action_swap(self) -> None:
        x, y = self.query_one("#x", Select), self.query_one("#y", Select)
        x.value, y.value = y.value, x.value

    def _compute(self, *names: str) -> None:
        """Start the workers of these plots on the current model; each plot says it is working."""
        model = self.session.model
        x, y = str(self.query_one("#x", Select).value), str(self.query_one("#y", Select).value)
        jobs = {
            "frontier": lambda: opt.frontier(model, x, y, FRONTIER_POINTS),
            "efficiency": lambda: opt.efficiency_order(model),
            "tornado": lambda: opt.tornado(model),
            "montecarlo": lambda: opt.robustness(model, ROBUSTNESS_SAMPLES, ROBUSTNESS_SEED),
        }
        for name in names:
            self._results.pop(name, None)
            plots.message(self.query_one(f"#{name}", PlotextPlot), TITLES[name], "computing…")
            self._workers[name] = self.run_worker(
                jobs[name], thread=True, group=name, exclusive=True, exit_on_error=False
            )

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        name = next((n for n, w in self._workers.items() if w is event.worker), None)
        if name is None or event.state not in (WorkerState.SUCCESS, WorkerState.ERROR):
            return
        if event.state == WorkerState.ERROR:
            error = event.worker.error
            text = error.message if isinstance(error, IntegrateError) else repr(error)
            plots.message(self.query_one(f"#{name}", PlotextPlot), TITLES[name], text)
            return
        self._results[name] = event.worker.result
        self._draw(name)

    def on_resize(self) -> None:
        for name in self._results:
            self._draw(name)

    def _draw(self, name: str) -> None:
        plot, result = self.query_one(f"#{name}", PlotextPlot), self._results[name]
        palette = fmt.Palette.from_theme(self.app.theme_variables)
        if name == "frontier":
            plots.frontier(plot, result, palette)
        elif name == "efficiency":
            plots.efficiency(plot, result, palette)
        elif name == "tornado":
            plots.tornado(plot, result, palette)
        else:
            names = [a.name for a in self.session.scenario.activities]
            rows = max(plot.size.height - 5, 3)
            plots.probabilities(plot, result, names, rows, palette)
