"""The silo view: envelopes by silo and resource, moves between silos, and their ledger at once.

A proportional fill is computed in the handler (about a millisecond); a best-use fill and the
marginal values are jobs in the app's process pool, so typing an amount is never held up by
their solves; a newer move, or leaving the view, cancels the stale ones. Applying a move is
one undoable step (`Session.apply`) that stores the new funding *and* the two silos' explicit
envelopes of the moved resource: left implicit, an envelope is the silo's use, so the moved
amount would be forgotten at the next edit and any unused remainder would vanish.
"""

from __future__ import annotations

from typing import Any, ClassVar

import numpy as np
from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.screen import Screen
from textual.widgets import Header, Input, Static
from textual.worker import Worker, WorkerState

from integrate_tui.compute import Job
from integrate_tui.engine import Compiled
from integrate_tui.engine.envelopes import apply_move, envelopes, move_from
from integrate_tui.engine.optimise import Cancelled, Marginals
from integrate_tui.engine.optimise.marginal import default_steps
from integrate_tui.engine.rebalance import (
    RebalanceResult,
    moved_scenario,
    rebalance,
    round_priorities,
)
from integrate_tui.errors import IntegrateError
from integrate_tui.session import FILE, SAVED, STRUCTURE, Event, Session
from integrate_tui.session.analyses import best_fill_job, marginals_job
from integrate_tui.tui import format as fmt
from integrate_tui.tui.rebalance_text import HINT, marginal_note, move_summary, priorities_note
from integrate_tui.tui.widgets.envelope_grid import EnvelopeGrid, EnvelopeView
from integrate_tui.tui.widgets.footer import Footer
from integrate_tui.tui.widgets.ledger_table import LedgerTable
from integrate_tui.tui.widgets.move_form import MoveForm

WIDE = 136
"""Columns from which the move's choices fit on one line."""
SILO_NAME = 28
"""Longest silo name in the summary's sentences (the grid shows them whole where it can)."""


class SilosScreen(Screen[None]):
    """The grid on top, the move's controls, its summary and the full ledger below."""

    DEFAULT_CSS = """
    SilosScreen EnvelopeGrid { max-height: 12; }
    SilosScreen #summary {
        height: auto; max-height: 16; padding: 0 1; border-top: solid $primary 50%;
    }
    SilosScreen.-narrow MoveForm #choices { layout: vertical; }
    SilosScreen.-narrow #summary { max-height: 7; overflow-y: auto; }
    SilosScreen LedgerTable { height: 1fr; min-height: 4; }
    """
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (WIDE, "-wide")]  # noqa: RUF012 (as Screen types it)
    """Below WIDE columns the move's choices take two lines and the summary scrolls."""
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("f", "role('source')", "From", id="silos.source"),
        Binding("t", "role('target')", "To", id="silos.target"),
        Binding("r", "next_resource", "Resource", id="silos.resource"),
        Binding("b", "toggle_fill", "Fill", id="silos.fill"),
        Binding("plus,equals", "nudge(1)", "+δ", id="silos.more"),
        Binding("minus", "nudge(-1)", "−δ", id="silos.less", show=False),
        Binding("a", "apply", "Apply", id="silos.apply"),
        Binding("escape,v", "back", "Back", id="silos.back"),
    ]
    AUTO_FOCUS = "EnvelopeGrid"
    """The grid, where every key of the footer works; Tab reaches the amount."""

    def __init__(self, session: Session) -> None:
        super().__init__()
        self.session = session
        self._result: RebalanceResult | None = None
        self._marginals: Marginals | None = None
        self._jobs: dict[str, Job] = {}
        self._best: Worker[RebalanceResult] | None = None
        self._note = HINT

    def compose(self) -> ComposeResult:
        yield Header()
        yield EnvelopeGrid(id="envelopes")
        yield MoveForm(self.session.scenario)
        yield Static(id="summary")
        yield LedgerTable(headers=("Now", "After"))
        yield Footer()

    def on_mount(self) -> None:
        self._unsubscribe = self.session.subscribe(self._changed)
        self._compute_marginals(self.session.model)
        self._show()

    def on_unmount(self) -> None:
        self._unsubscribe()
        for job in self._jobs.values():
            job.cancel()

    def _changed(self, event: Event) -> None:
        """The work changed (a move applied, ctrl+z): envelopes, values and preview are stale."""
        if event.kind == SAVED:
            return
        if event.kind in (STRUCTURE, FILE):
            self.query_one(MoveForm).offer(self.session.scenario)
        self._marginals = None
        self._compute_marginals(self.session.model)
        self._preview()

    @property
    def priorities(self) -> list[str]:
        return round_priorities(self.session.scenario)

    @on(MoveForm.Changed)
    def _preview(self) -> None:
        """Preview the move the controls describe: proportional at once, best in the pool."""
        self._result, self._best = None, None
        if "fill" in self._jobs:
            self._jobs.pop("fill").cancel()
        request = self.query_one(MoveForm).request()
        model = self.session.model
        if not (request.amount.strip() and request.source and request.target):
            self._note = HINT
        else:
            try:
                move = move_from(model, model.funding, request.resource, request.amount,
                                 request.source, request.target)  # fmt: skip
                if request.fill == "best":
                    apply_move(model, model.funding, move)  # a bad move is named at once
                    self._note = "Filling both envelopes at best with the optimiser…"
                    self._best = self._ask("fill", best_fill_job, model, move,
                                           tuple(self.priorities))  # fmt: skip
                else:
                    self._result = rebalance(model, model.funding, move, "proportional")
            except IntegrateError as error:
                self._note = error.message
        self._show()

    def _ask(self, group: str, fn: Any, model: Compiled, *args: Any) -> Worker[Any]:
        """Ask the pool (cancelling this group's stale job); a worker waits for the answer."""
        if group in self._jobs:
            self._jobs.pop(group).cancel()
        job = self._jobs[group] = self.app.pool.submit(fn, model, *args)  # type: ignore[attr-defined]
        return self.run_worker(
            job.wait, group=f"silos-{group}", exclusive=True, exit_on_error=False
        )

    def _compute_marginals(self, model: Compiled) -> None:
        self._ask("marginal", marginals_job, model)

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        worker, state = event.worker, event.state
        found = worker.result if state == WorkerState.SUCCESS else None
        if found is not None and worker.group == "silos-marginal":
            if found.model is self.session.model:
                self._marginals = found
        elif found is not None and worker is self._best:
            self._result = found if found.model is self.session.model else None
        elif worker is self._best and state == WorkerState.ERROR:
            error = worker.error
            if isinstance(error, Cancelled):
                return
            self._note = error.message if isinstance(error, IntegrateError) else repr(error)
        else:
            return
        self._show()

    def _show(self) -> None:
        m, form = self.session.model, self.query_one(MoveForm)
        request = form.request()
        palette = fmt.Palette.from_theme(self.app.theme_variables)
        result = self._result
        view = EnvelopeView(
            model=m,
            before=envelopes(m, m.funding),
            after=None if result is None else result.envelopes_after,
            used=self.session.score.silo_used,
            marginals=self._marginals,
            resource=request.resource,
            source=request.source,
            target=request.target,
        )
        self.query_one(EnvelopeGrid).show(view, palette)
        names = {a.id: a.name for a in self.session.scenario.activities}
        table = self.query_one(LedgerTable)
        if result is None:
            text = Text(priorities_note(self.priorities) + self._note + "\n", style="bold")
            table.clear()
        else:
            text = _overruns(result, palette)
            text.append_text(move_summary(result, names, palette))
            text.append("\n")
            table.show(result.ledger, names, palette)
        text.append_text(marginal_note(self._marginals, palette))
        self.query_one("#summary", Static).update(text)
        self.refresh_bindings()

    @on(EnvelopeGrid.Picked)
    def _picked(self, event: EnvelopeGrid.Picked) -> None:
        self.query_one(MoveForm).choose("resource", event.resource)

    @on(MoveForm.Pressed)
    def _pressed(self, event: MoveForm.Pressed) -> None:
        if event.which == "apply":
            self.action_apply()
        else:
            self.action_role(event.which)

    def action_back(self) -> None:
        """Out of the amount field to the grid (where the footer's keys work), else back."""
        if isinstance(self.focused, Input):
            self.set_focus(self.query_one(EnvelopeGrid))
        else:
            self.app.pop_screen()

    def action_role(self, which: str) -> None:
        """The silo under the grid's cursor becomes the source ("source") or target."""
        silo = self.query_one(EnvelopeGrid).current_key
        if silo is not None:
            self.query_one(MoveForm).choose(which, silo)

    def action_next_resource(self) -> None:
        ids = self.session.model.resource_ids
        current = self.query_one(MoveForm).request().resource
        following = ids[(ids.index(current) + 1) % len(ids)] if current in ids else ids[0]
        self.query_one(MoveForm).choose("resource", following)

    def action_toggle_fill(self) -> None:
        fill = self.query_one(MoveForm).request().fill
        self.query_one(MoveForm).choose("fill", "proportional" if fill == "best" else "best")

    def action_nudge(self, steps: int) -> None:
        """The amount up or down by δ (the marginal values' step), or by 5 points of a share."""
        form = self.query_one(MoveForm)
        request, m = form.request(), self.session.model
        text = request.amount.strip()
        share = text.endswith("%")
        try:
            now = float(text.removesuffix("%") or 0)
        except ValueError:
            now = 0.0
        step = 5.0 if share else default_steps(m, m.funding).get(request.resource, 1.0)
        amount = float(np.round(max(now + steps * step, 0.0), 9))
        form.choose("amount", f"{amount:g}{'%' if share else ''}")

    def action_apply(self) -> None:
        """Apply the previewed move as one undoable step: new funding and envelopes."""
        result, s = self._result, self.session
        if result is None or result.model is not s.model:
            return
        label, form = result.label(), self.query_one(MoveForm)
        amount = form.request().amount
        form.choose("amount", "")  # cleared first, so the re-preview after the change is empty
        try:
            s.apply(moved_scenario(s.scenario, result), label)
        except IntegrateError as error:
            form.choose("amount", amount)
            self.notify(error.message, title=error.title, severity="error")
            return
        self.notify(f"{label}: ctrl+z takes it back in one step.", title="Applied")

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Apply needs a previewed move."""
        if action == "apply":
            return self._result is not None or None
        return True


def _overruns(result: RebalanceResult, palette: fmt.Palette) -> Text:
    """First, what the CLI's ledger warns of: each resource over capacity after the move, and
    the other resources the fill carried from silo to silo with it (a proportional fill
    scales whole activities, so their staff and other costs move too)."""
    m, move, text = result.model, result.move, Text()
    over = [r for r in result.ledger.resources if r.over > 0]
    if over:
        parts = [
            f"{r.name} {fmt.percent(r.after / r.capacity)}, over by {fmt.amount(r.over)} {r.unit}"
            for r in over
        ]
        text.append(f"⚠ After this move: {'; '.join(parts)}\n", style=f"bold {palette.bad}")
    moved = result.after.silo_used - result.before.silo_used
    ends = [m.silo_ids.index(silo) for silo in (move.source, move.target)]
    silo_names = [fmt.clip(x.name, SILO_NAME) for x in m.scenario.silos]
    also = [
        f"{res.name.lower()} "
        + " and ".join(
            f"{fmt.amount_change(float(moved[s, r]))} {res.unit} in {silo_names[s]}".replace(
                "  ", " "
            )
            for s in ends
        )
        for r, res in enumerate(m.scenario.resources)
        if res.id != move.resource and any(abs(moved[s, r]) > 1e-9 for s in ends)
    ]
    if also:
        text.append(f"The fill also moves {'; '.join(also)}.\n", style="bold")
    return text
