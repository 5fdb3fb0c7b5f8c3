"""The workbench: activities by silo, the live score, priorities, and the last change's ledger."""

from __future__ import annotations

import time
from collections.abc import Callable

from textual import events, on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.widgets import Header

from integrate_tui.errors import IntegrateError
from integrate_tui.session import FILE, STRUCTURE, ActivityLocked, Event, Session
from integrate_tui.tui import actions
from integrate_tui.tui import format as fmt
from integrate_tui.tui.screens.dialogs import Choose, Prompt
from integrate_tui.tui.screens.explain import ExplainScreen
from integrate_tui.tui.widgets.activity_table import ActivityTable
from integrate_tui.tui.widgets.capacity_alert import CapacityAlert
from integrate_tui.tui.widgets.footer import Footer
from integrate_tui.tui.widgets.grid import Grid
from integrate_tui.tui.widgets.ledger_view import LedgerView
from integrate_tui.tui.widgets.robustness import RobustnessFeed
from integrate_tui.tui.widgets.score_panel import ScorePanel
from integrate_tui.tui.widgets.tables import LevelTable
from integrate_tui.tui.widgets.tradeoffs_prefetch import TradeoffsPrefetch
from integrate_tui.tui.widgets.weights_panel import WeightsPanel

WIDE = 120
"""From this many columns the side panel and the tables use their roomy widths."""
REFUSAL_QUIET = 3.0
"""Seconds of quiet before a held key on a locked activity is told again why it stays."""


class MainScreen(Screen[None]):
    """Renders the session and sends it commands; coalesces repaints after bursts of keys."""

    BINDINGS = actions.bindings(actions.MAIN)
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (WIDE, "-wide")]  # noqa: RUF012 (as Screen types it)

    def __init__(self, session: Session) -> None:
        super().__init__()
        self.session = session
        self._pending = False
        self._rebuild = True
        self._wide: bool | None = None
        self._label = ""
        self._refused: dict[str, float] = {}

    def compose(self) -> ComposeResult:
        yield Header()
        yield CapacityAlert()
        with Horizontal(id="body"):
            with Vertical(id="left"):
                yield ActivityTable(id="activities")
                yield LedgerView(id="ledger")
            with Vertical(id="side"):
                yield ScorePanel(id="score")
                yield WeightsPanel(id="weights")
        yield RobustnessFeed(self.session)
        yield TradeoffsPrefetch(self.session)
        yield Footer()

    def on_mount(self) -> None:
        self._unsubscribe = self.session.subscribe(self._changed)
        self._sync()
        self.query_one(ActivityTable).focus()

    def on_unmount(self) -> None:
        self._unsubscribe()

    def on_resize(self, event: events.Resize) -> None:
        """Judged by the event's size: the screen's own may not be laid out anew yet."""
        self._fit(event.size.width)

    def on_screen_resume(self) -> None:
        """Back on top: the terminal may have been resized while another screen was shown."""
        self._fit(self.app.size.width)

    def _fit(self, width: int) -> None:
        if (width >= WIDE) != self._wide:
            self._rebuild = True
            self._schedule()

    def refresh_theme(self) -> None:
        """Redraw every row in the new theme's colours."""
        self._rebuild = True
        self._schedule()

    def _changed(self, event: Event) -> None:
        self._label = event.label
        if event.kind in (STRUCTURE, FILE):
            self._rebuild = True
        self._schedule()

    def _schedule(self) -> None:
        """Repaint once after the messages already queued (key repeat coalesces here)."""
        if not self._pending:
            self._pending = True
            self.app.call_later(self._sync)

    def _sync(self) -> None:
        self._pending = False
        s, palette = self.session, fmt.Palette.from_theme(self.app.theme_variables)
        activities, score = self.query_one(ActivityTable), self.query_one(ScorePanel)
        weights = self.query_one(WeightsPanel)
        if self._rebuild:
            self._rebuild = False
            self._wide = self.app.size.width >= WIDE  # the terminal's, always current
            side = 58 if self._wide else 34
            keys = [t.current_key for t in (activities, score, weights)]
            activities.show(s, palette, self._wide)
            score.show(s, palette, side)
            weights.show(s, palette, side)
            keys[0] = keys[0] or activities.first_activity
            for table, key in zip((activities, score, weights), keys, strict=True):
                if key is not None:
                    table.move_to(key)
        else:
            activities.sync(s, palette)
            score.sync(s, palette)
            weights.sync(s, palette)
        self.query_one(CapacityAlert).show(s.scenario, s.score)
        names = {a.id: a.name for a in s.scenario.activities}
        self.query_one(LedgerView).show(s.ledger, self._label, names, palette)

    @on(LevelTable.Changed)
    def _change(self, event: LevelTable.Changed) -> None:
        if isinstance(event.table, WeightsPanel):
            self.session.nudge_weight(event.key, event.steps)
        else:
            self._fund(event.key, lambda: self.session.nudge(event.key, event.steps))

    @on(LevelTable.Bound)
    def _bound(self, event: LevelTable.Bound) -> None:
        s = self.session
        if isinstance(event.table, WeightsPanel):
            top = max(v.weight for v in s.scenario.values)
            s.set_weight(event.key, top if event.which == "max" else 0.0)
        else:
            a = s.activity(event.key)
            level = a.max_funding if event.which == "max" else a.min_funding
            self._fund(a.id, lambda: s.set_funding(a.id, level))

    @on(ActivityTable.BarClicked)
    def _bar_clicked(self, event: ActivityTable.BarClicked) -> None:
        self._fund(event.key, lambda: self.session.set_funding(event.key, event.level))

    def _fund(self, activity: str, change: Callable[[], object]) -> None:
        """Move funding by hand; a locked activity stays put and says why (once for a burst
        of repeated keys: again only after `REFUSAL_QUIET` seconds)."""
        try:
            change()
        except ActivityLocked as error:
            now = time.monotonic()
            last = self._refused.get(activity)
            self._refused[activity] = now
            if last is None or now - last > REFUSAL_QUIET:
                self.notify(error.message, title=error.title, severity="warning")

    @on(Grid.Selected)
    def _selected(self, event: Grid.Selected) -> None:
        self._explain(event.grid, event.key)

    def _explain(self, table: Grid, key: str | None) -> None:
        if key is None or key.startswith(("h:", "silo:")):
            return
        if isinstance(table, ScorePanel):
            subject = key
            if key == "fairness":
                subject = f"interest:{self.session.score.fairness.worst_off}"
        else:
            subject = f"{'value' if isinstance(table, WeightsPanel) else 'activity'}:{key}"
        self.app.push_screen(ExplainScreen(self.session, subject))

    def action_explain(self) -> None:
        table = self.focused
        if isinstance(table, Grid):
            self._explain(table, table.current_key)

    def reveal(self, kind: str, key: str) -> None:
        """Focus the row of an activity, silo, value or interest (from the command palette)."""
        if kind in ("activities", "silos"):
            table: Grid = self.query_one(ActivityTable)
            key = key if kind == "activities" else f"silo:{key}"
        elif kind == "values":
            table = self.query_one(WeightsPanel)
        else:
            table = self.query_one(ScorePanel)
            key = f"interest:{key}"
        table.focus()
        table.move_to(key)

    def action_compare(self) -> None:
        from integrate_tui.tui.screens.compare import CompareScreen

        self.app.push_screen(CompareScreen(self.session))

    def action_autobalance(self) -> None:
        from integrate_tui.tui.screens.autobalance import AutoBalanceScreen

        self.app.push_screen(AutoBalanceScreen(self.session))

    def action_dividend(self) -> None:
        from integrate_tui.tui.screens.dividend import DividendScreen

        self.app.push_screen(DividendScreen(self.session))

    def action_tradeoffs(self) -> None:
        from integrate_tui.tui.screens.tradeoffs import TradeoffsScreen

        self.query_one(TradeoffsPrefetch).wanted = True
        self.app.push_screen(TradeoffsScreen(self.session))

    def action_silos(self) -> None:
        from integrate_tui.tui.screens.silos import SilosScreen

        self.app.push_screen(SilosScreen(self.session))

    def action_edit(self) -> None:
        from integrate_tui.tui.screens.edit import EditScreen

        key = self.query_one(ActivityTable).current_key
        self.app.push_screen(EditScreen(self.session, key))

    def action_snapshot(self) -> None:
        """Ask for a name, the prompt opened at once so the name typed goes to it."""
        taken = [s.name for s in self.session.snapshots]
        suggestion = "Baseline" if not taken else f"Option {chr(ord('A') + len(taken) - 1)}"
        prompt = Prompt("Keep this funding and these priorities as…", suggestion, suggestion)
        self.app.push_screen(prompt, self._snapshot)

    def _snapshot(self, name: str | None) -> None:
        if name:
            try:
                self.session.snapshot(name)
            except IntegrateError as error:
                self.notify(error.message, title=error.title, severity="error")
                return
            self.notify(f"Kept as “{name}” (saved with the file)", title="Snapshot")

    def action_restore(self) -> None:
        names = [s.name for s in self.session.snapshots]
        if not names:
            self.notify("No snapshots yet: press s to keep one.", title="Restore")
            return
        self.app.push_screen(Choose("Bring back which snapshot?", names), self._restore)

    def _restore(self, name: str | None) -> None:
        if name:
            self.session.restore_snapshot(name)
