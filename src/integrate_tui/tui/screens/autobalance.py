"""Auto-balance: pick an objective and rules, see the greedy answer at once, then the proven one.

Least change adds a cut of one resource's capacity and a floor on the integrated score; its
status says what was cut and what moved, and the ledger lists every activity it changes.

The MILP runs with a time limit in the app's process pool, so typing meanwhile is never held
up; cancelling (x, new settings, or leaving the screen) cancels its job and discards its
answer (HiGHS cannot be interrupted inside a solve, so a MILP already running ends within
its time limit, in its own process). Applying is one undoable step.
"""

from __future__ import annotations

import time
from typing import ClassVar

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.screen import Screen
from textual.widgets import Header, ProgressBar, Static
from textual.worker import Worker, WorkerState

from integrate_tui.compute import Job
from integrate_tui.engine import Compiled, Score
from integrate_tui.errors import IntegrateError
from integrate_tui.session import SAVED, Event, Session
from integrate_tui.session.analyses import FAIR, Preview, Request, milp_job, solve_greedy
from integrate_tui.tui import format as fmt
from integrate_tui.tui.analysis_text import proof
from integrate_tui.tui.screens.dialogs import ErrorDialog
from integrate_tui.tui.widgets.autobalance_form import AutoBalanceForm
from integrate_tui.tui.widgets.footer import Footer
from integrate_tui.tui.widgets.ledger_table import LedgerTable


class AutoBalanceScreen(Screen[None]):
    """Settings on top, the answer's status and ledger below; `a` applies it as one step."""

    DEFAULT_CSS = """
    AutoBalanceScreen #status { height: auto; padding: 0 1; }
    AutoBalanceScreen ProgressBar { padding: 0 1; height: 1; }
    AutoBalanceScreen ProgressBar.-idle { display: none; }
    AutoBalanceScreen LedgerTable { height: 1fr; border-top: solid $primary 50%; }
    """
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("a", "apply", "Apply", id="autobalance.apply"),
        Binding("x", "cancel", "Cancel solve", id="autobalance.cancel"),
        Binding("r", "solve", "Solve again", id="autobalance.solve"),
        Binding("escape", "app.pop_screen", "Back", id="autobalance.back"),
    ]
    AUTO_FOCUS = "LedgerTable"
    """↑↓ read the answer; Tab reaches the settings (a focused dropdown would open on ↓)."""

    def __init__(self, session: Session) -> None:
        super().__init__()
        self.session = session
        self._request: Request | None = None
        self._greedy: Preview | None = None
        self._result: Preview | None = None
        self._greedy_worker: Worker[Preview | None] | None = None
        self._milp: Job | None = None
        self._milp_worker: Worker[Preview] | None = None
        self._started = 0.0
        self._note = ""

    def compose(self) -> ComposeResult:
        yield Header()
        yield AutoBalanceForm(self.session.scenario)
        yield Static(id="status")
        yield ProgressBar(show_eta=False, show_percentage=False, classes="-idle")
        yield LedgerTable(headers=("Now", "Balanced"))
        yield Footer()

    def on_mount(self) -> None:
        self._unsubscribe = self.session.subscribe(self._changed)
        self._ticker = self.set_interval(0.1, self._tick, pause=True)
        self.action_solve()

    def on_unmount(self) -> None:
        self._unsubscribe()
        if self._milp is not None:
            self._milp.cancel()

    def _changed(self, event: Event) -> None:
        """The work changed under us (e.g. ctrl+z here): the answer is stale, solve again."""
        if event.kind != SAVED:
            self.action_solve()

    @on(AutoBalanceForm.Changed)
    def _settings_changed(self) -> None:
        if self.query_one(AutoBalanceForm).request() != self._request:
            self.action_solve()

    def action_solve(self) -> None:
        """Start over with the settings shown: greedy at once, the MILP in a worker."""
        request = self.query_one(AutoBalanceForm).request()
        model, before = self.session.model, self.session.score
        self._request, self._greedy, self._result, self._note = request, None, None, ""
        self._greedy_worker = None
        if request.objective != FAIR:
            self._greedy_worker = self._run_greedy(model, before, request)
        if self._milp is not None:
            self._milp.cancel()
        self._milp = self.app.pool.submit(milp_job, model, request, cache=False)  # type: ignore[attr-defined]
        self._milp_worker = self.run_worker(
            self._milp.wait, group="autobalance-milp", exclusive=True, exit_on_error=False
        )
        self._started = time.perf_counter()
        bar = self.query_one(ProgressBar)
        bar.update(total=request.time_limit, progress=0)
        bar.remove_class("-idle")
        self._ticker.resume()
        self._show()

    @work(thread=True, exclusive=True, group="autobalance-greedy", exit_on_error=False)
    def _run_greedy(self, model: Compiled, before: Score, request: Request) -> Preview | None:
        return solve_greedy(model, before, request)

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        worker, state = event.worker, event.state
        if worker is self._greedy_worker and state == WorkerState.SUCCESS:
            self._greedy = worker.result
        elif worker is self._milp_worker and state == WorkerState.SUCCESS:
            self._result = worker.result
            self._stop()
        elif worker is self._milp_worker and state == WorkerState.ERROR:
            self._stop()
            self._fail(worker.error)
        else:
            return
        self._show()

    def _fail(self, error: BaseException | None) -> None:
        """The one place a failed solve becomes a dialog."""
        if isinstance(error, IntegrateError):
            title, message = error.title, error.message
        else:
            title, message = "The optimiser failed", repr(error)
        self._note = f"{title}: nothing to apply. Change the settings, or Esc to go back."
        self.app.push_screen(ErrorDialog(title, message))

    def _stop(self) -> None:
        """No solve to wait for any more (answered, failed or cancelled)."""
        self._milp, self._milp_worker = None, None
        self._ticker.pause()
        self.query_one(ProgressBar).add_class("-idle")
        self.refresh_bindings()

    def _tick(self) -> None:
        elapsed = time.perf_counter() - self._started
        self.query_one(ProgressBar).update(progress=elapsed)
        self._show_status()

    def action_cancel(self) -> None:
        """Stop waiting for the MILP and discard its answer; nothing is applied."""
        if self._milp is None or self._milp_worker is None:
            return
        self._milp.cancel()
        self._milp_worker.cancel()
        self._note = (
            "Cancelled: stopped waiting for the solver; its answer will be discarded. "
            "Nothing was applied. r solves again."
        )
        self._stop()
        self._show()

    def action_apply(self) -> None:
        """Apply the proven package as one undoable step and go back to the workbench."""
        result = self._result
        if result is None or result.model is not self.session.model:
            return
        if self.session.set_levels(result.package, None, result.label):
            self.notify(
                f"{result.label} applied: ctrl+z takes it back in one step.", title="Applied"
            )
        else:
            self.notify("The funding is already this package: nothing changed.", title="Applied")
        self.dismiss()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Apply needs a proven answer; cancel needs a solve in progress."""
        if action == "apply":
            return self._result is not None or None
        if action == "cancel":
            return self._milp_worker is not None or None
        return True

    def _show(self) -> None:
        self._show_status()
        shown = self._result or self._greedy
        palette = fmt.Palette.from_theme(self.app.theme_variables)
        table = self.query_one(LedgerTable)
        if shown is None:
            table.clear()
            return
        names = {a.id: a.name for a in self.session.scenario.activities}
        table.show(shown.ledger, names, palette, package_first=True)
        self.refresh_bindings()

    def _show_status(self) -> None:
        self.query_one("#status", Static).update(self._status())

    def _status(self) -> Text:
        text = Text()
        result, greedy, request = self._result, self._greedy, self._request
        shown = result or greedy
        if shown is not None:
            what = "Auto-balanced" if result else "Greedy answer (instant, not proven)"
            text.append(f"{what}: {shown.objective} {shown.before:.1f} → {shown.value:.1f}")
            text.append(f" ({fmt.delta(shown.value - shown.before) or '±0'})", style="bold")
            for line in shown.detail:
                text.append(f"\n{line}")
        if result is not None:
            text.append(f"\n{proof(result.status, result.gap)} in {result.seconds:.1f} s")
            text.append(" — a applies it as one step (ctrl+z undoes), Esc goes back")
        elif greedy is not None and not greedy.feasible:
            text.append("\nThe greedy answer breaks a silo share or the floor.", style="italic")
        if self._note:
            text.append(f"\n{self._note}", style="bold")
        elif self._milp_worker is not None and request is not None:
            elapsed = time.perf_counter() - self._started
            text.append(
                f"\nSolving exactly with HiGHS… {elapsed:.1f} s of at most "
                f"{request.time_limit:g} s — x cancels"
            )
        return text
