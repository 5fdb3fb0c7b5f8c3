"""Tradeoffs: Pareto frontier, efficiency curve, tornado and funding probabilities, plotted.

Each analysis is a job in the app's process pool (`integrate_tui.compute`), so the solves
never hold up a key press; each plot is drawn as its answer arrives, and one still working
after a second says which analysis it is and how far it got (redrawn only when that text
changes: each redraw costs the keys a frame). An answer for the same model is reused: the
robustness column's Monte Carlo serves the probabilities, coming back without an edit
redraws at once, and swapping the frontier's axes mirrors the frontier drawn (the same
solves) instead of asking again. At most one job per plot: a change to the work, or new
frontier axes, cancels the plots' stale jobs, and leaving the screen cancels them all.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Grid, Horizontal, Vertical
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Header, Label, Select, Static
from textual.worker import Worker, WorkerState
from textual_plotext import PlotextPlot

from integrate_tui.compute import Job
from integrate_tui.engine import Compiled
from integrate_tui.engine.optimise import Cancelled, Frontier
from integrate_tui.engine.optimise.frontier import swapped
from integrate_tui.errors import IntegrateError
from integrate_tui.session import SAVED, Event, Session
from integrate_tui.session.analyses import criteria
from integrate_tui.tui import format as fmt
from integrate_tui.tui.widgets import plots
from integrate_tui.tui.widgets.footer import Footer
from integrate_tui.tui.widgets.tradeoffs_prefetch import ORDER, opening_axes, tradeoff_jobs

TITLES = {
    "frontier": "Pareto frontier",
    "efficiency": "Efficiency curve",
    "tornado": "Tornado",
    "montecarlo": "Funding probabilities",
}
PATIENCE = 1.0
"""Seconds before a plot still computing says how far it got."""


class TradeoffsScreen(Screen[None]):
    """Two axis pickers over a 2×2 grid of plots (one column, scrolling, when narrow)."""

    DEFAULT_CSS = """
    TradeoffsScreen #axes { height: 1; padding: 0 1; }
    TradeoffsScreen #axes Label { padding: 0 1; }
    TradeoffsScreen #axes Select { width: 1fr; }
    TradeoffsScreen #axes Select:focus > SelectCurrent { background: $primary 40%; }
    TradeoffsScreen #plots { grid-size: 2 2; grid-gutter: 0 1; height: 1fr; }
    TradeoffsScreen.-narrow #plots { grid-size: 1; grid-rows: 20; overflow-y: auto; }
    TradeoffsScreen .cell { layers: plot note; }
    TradeoffsScreen PlotextPlot, TradeoffsScreen .note {
        height: 1fr;
        border: round $primary 50%;
        border-title-color: $foreground;
        border-subtitle-color: $text-muted;
    }
    TradeoffsScreen PlotextPlot { layer: plot; }
    TradeoffsScreen .note { layer: note; content-align: center middle; color: $text-muted; }
    """
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (100, "-wide")]  # noqa: RUF012 (as Screen types it)
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,t", "app.pop_screen", "Back", id="tradeoffs.back"),
        Binding("x", "swap", "Swap axes", id="tradeoffs.swap"),
    ]

    def __init__(self, session: Session) -> None:
        super().__init__()
        self.session = session
        self._jobs: dict[str, Job] = {}
        self._workers: dict[str, Worker[Any]] = {}
        self._results: dict[str, Any] = {}
        self._axes: tuple[str, ...] = ()  # the frontier's, as last asked
        self._said: dict[str, str] = {}  # the progress each computing plot shows

    def compose(self) -> ComposeResult:
        choices = criteria(self.session.scenario)
        x, y = opening_axes(self.session)
        yield Header()
        with Horizontal(id="axes"):
            yield Label("Frontier of")
            yield Select(
                fmt.plain_options(choices), value=x, allow_blank=False, id="x", compact=True
            )
            yield Label("against")
            yield Select(
                fmt.plain_options(choices), value=y, allow_blank=False, id="y", compact=True
            )
        with Grid(id="plots"):
            for name in TITLES:
                with Vertical(classes="cell"):
                    yield PlotextPlot(id=name)
                    yield Static(id=f"{name}-note", classes="note")
        yield Footer()

    def on_mount(self) -> None:
        self._unsubscribe = self.session.subscribe(self._changed)
        self.set_interval(0.5, self._show_progress)
        self._compute(*ORDER)

    def on_unmount(self) -> None:
        """Nobody will look at these answers: stop their jobs."""
        self._unsubscribe()
        for job in self._jobs.values():
            job.cancel()

    def _changed(self, event: Event) -> None:
        if event.kind != SAVED:
            self._compute(*ORDER)

    @on(Select.Changed)
    def _axes_changed(self) -> None:
        if self._jobs_for()["frontier"][1] != self._axes:
            self._compute("frontier")

    def action_swap(self) -> None:
        x, y = self.query_one("#x", Select), self.query_one("#y", Select)
        x.value, y.value = y.value, x.value

    def _jobs_for(self) -> dict[str, tuple[Callable[..., Any], tuple[str, ...]]]:
        """Each plot's pool function and its arguments after the model."""
        x, y = str(self.query_one("#x", Select).value), str(self.query_one("#y", Select).value)
        return tradeoff_jobs(x, y)

    def _compute(self, *names: str) -> None:
        """Ask the pool for these plots on the current model, cancelling their stale jobs; an
        answer already known is drawn at once, the others say they are working."""
        model, asks = self.session.model, self._jobs_for()
        self._axes = asks["frontier"][1]
        for name in names:
            if name in self._jobs:
                self._jobs.pop(name).cancel()
            if name in self._workers:
                self._workers.pop(name).cancel()
            known = self._results.pop(name, None)
            self._said.pop(name, None)
            fn, args = asks[name]
            mirrored = self._swapped(known, model, args) if name == "frontier" else None
            if mirrored is not None:
                self._results[name] = mirrored
                self._draw(name)
                continue
            job = self.app.pool.submit(fn, model, *args)  # type: ignore[attr-defined]
            self._jobs[name] = job
            if job.done() and job.future.exception() is None:
                self._results[name] = job.future.result()
                self._draw(name)
                continue
            self._say(name, "computing…")
            self._workers[name] = self.run_worker(job.wait, group=name, exit_on_error=False)

    @staticmethod
    def _swapped(known: Any, model: Compiled, axes: tuple[str, ...]) -> Frontier | None:
        """The frontier asked for, when the one known is on the same model with its axes the
        other way round: the same solves, mirrored (none asked of the pool)."""
        if not isinstance(known, Frontier) or known.model is not model:
            return None
        return swapped(known) if (known.y.key, known.x.key) == axes else None

    def _show_progress(self) -> None:
        """Plots computing for over PATIENCE seconds say which analysis and how far it got."""
        for name, job in self._jobs.items():
            if job.done() or job.elapsed < PATIENCE:
                continue
            done, total = job.progress
            steps = f" {done}/{total} solves" if total else ""
            where = f"{job.name}{steps}" if job.running else "waiting for a free process"
            text = f"computing… {where} ({job.elapsed:.0f} s)"
            if self._said.get(name) != text:
                self._said[name] = text
                self._say(name, text)

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        name = next((n for n, w in self._workers.items() if w is event.worker), None)
        if name is None or event.state not in (WorkerState.SUCCESS, WorkerState.ERROR):
            return
        del self._workers[name]
        if event.state == WorkerState.ERROR:
            error = event.worker.error
            if isinstance(error, Cancelled):
                return
            text = error.message if isinstance(error, IntegrateError) else repr(error)
            self._say(name, text)
            return
        self._results[name] = event.worker.result
        self._draw(name)

    def on_resize(self) -> None:
        for name in self._results:
            self._draw(name)

    def _plot(self, name: str) -> PlotextPlot:
        return self.query_one(f"#{name}", PlotextPlot)

    def _say(self, name: str, text: str) -> None:
        """A plot without an answer shows a note over it instead (computing…, or why there is
        nothing): a Static redraws in a fifth of a plot's time, and the keys wait for neither."""
        note = self.query_one(f"#{name}-note", Static)
        note.border_title = TITLES[name]
        note.update(Content(text))  # plain: an error may quote a user's names
        note.display = True

    def _draw(self, name: str) -> None:
        plot, result = self._plot(name), self._results[name]
        self.query_one(f"#{name}-note", Static).display = False
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
