"""The integration dividend: what breaking silos is worth, by silo, value, interest, interaction."""

from __future__ import annotations

from dataclasses import replace
from typing import ClassVar, cast

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.screen import Screen
from textual.widgets import Header, LoadingIndicator, Static
from textual.worker import Worker, WorkerState

from integrate_tui.engine import Compiled
from integrate_tui.engine.optimise import Dividend, dividend
from integrate_tui.errors import IntegrateError
from integrate_tui.session import SAVED, Event, Session
from integrate_tui.tui import format as fmt
from integrate_tui.tui.analysis_text import proof
from integrate_tui.tui.widgets.footer import Footer
from integrate_tui.tui.widgets.ledger_table import LedgerTable


class DividendScreen(Screen[None]):
    """Computes siloed and integrated optima in a worker, then shows the ledger between them."""

    DEFAULT_CSS = """
    DividendScreen #headline { height: auto; padding: 0 1; border-bottom: solid $primary 50%; }
    DividendScreen LoadingIndicator { height: 3; }
    DividendScreen LedgerTable { height: 1fr; }
    """
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,d", "app.pop_screen", "Back", id="dividend.back"),
    ]

    def __init__(self, session: Session) -> None:
        super().__init__()
        self.session = session
        self._worker: Worker[Dividend] | None = None

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(id="headline")
        yield LoadingIndicator()
        yield LedgerTable(headers=("Siloed", "Integrated"))
        yield Footer()

    def on_mount(self) -> None:
        self._unsubscribe = self.session.subscribe(self._start)
        self._start()

    def on_unmount(self) -> None:
        self._unsubscribe()

    def _start(self, event: Event | None = None) -> None:
        """Compute on the work as it is now (again after an undo made here, not a save)."""
        if event is not None and event.kind == SAVED:
            return
        self.query_one("#headline", Static).update(
            "Optimising each silo alone, then all silos together with the same resources…"
        )
        self.query_one(LoadingIndicator).display = True
        self.query_one(LedgerTable).clear()
        self._worker = self._compute(self.session.model)

    @work(thread=True, exclusive=True, group="dividend", exit_on_error=False)
    def _compute(self, model: Compiled) -> Dividend:
        return dividend(model)

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        if event.worker is not self._worker or event.state not in (
            WorkerState.SUCCESS,
            WorkerState.ERROR,
        ):
            return
        self.query_one(LoadingIndicator).display = False
        headline = self.query_one("#headline", Static)
        error = event.worker.error
        if event.state == WorkerState.ERROR:
            message = error.message if isinstance(error, IntegrateError) else repr(error)
            headline.update(Text(f"No dividend to show: {message}", style="bold"))
            return
        result = cast("Dividend", event.worker.result)  # what the job returns
        headline.update(_summary(result))
        palette = fmt.Palette.from_theme(self.app.theme_variables)
        names = {a.id: a.name for a in self.session.scenario.activities}
        ledger = replace(result.ledger, interactions=result.cross_silo)
        self.query_one(LedgerTable).show(ledger, names, palette, "Cross-silo interactions")


def _summary(d: Dividend) -> Text:
    """The dividend in three lines: how much, from what, and how sure."""
    text = Text.assemble((f"Integration dividend {fmt.delta(d.overall) or '±0'} points", "bold"))
    text.append(
        f": each silo optimising alone reaches {fmt.points(d.siloed.overall)}, "
        f"all together {fmt.points(d.integrated.overall)} with the same pooled resources."
    )
    text.append(
        f"\nInteractions carry {fmt.delta(d.interactions) or '±0'} "
        f"(cross-silo {fmt.delta(d.cross_silo_total) or '±0'}); moving resources to better uses "
        f"{fmt.delta(d.reallocation) or '±0'}."
    )
    text.append(f"\nAll solves: {proof('optimal', d.gap)}; computed in {d.seconds:.1f} s.")
    return text
