"""The workshop screen: the round bar, seven panes (agenda to replay) and the workshop keys."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import ClassVar

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.command import Provider
from textual.screen import Screen
from textual.widgets import Header, TabbedContent, TabPane

from integrate_tui.model import Round
from integrate_tui.session import Event, Session
from integrate_tui.tui import actions
from integrate_tui.tui.dialog_answer import answered
from integrate_tui.tui.widgets.footer import Footer
from integrate_tui.tui.workshop.agenda_actions import AgendaCommands
from integrate_tui.tui.workshop.agenda_pane import AgendaPane
from integrate_tui.tui.workshop.clock import RoundClock
from integrate_tui.tui.workshop.group_pane import GroupPane
from integrate_tui.tui.workshop.inbox_flow import InboxFlow
from integrate_tui.tui.workshop.log_forms import LogForm
from integrate_tui.tui.workshop.log_pane import LogPane
from integrate_tui.tui.workshop.palette import WorkshopCommands
from integrate_tui.tui.workshop.pane import Pane
from integrate_tui.tui.workshop.people_actions import PeopleCommands
from integrate_tui.tui.workshop.people_pane import PeoplePane
from integrate_tui.tui.workshop.priorities_pane import PrioritiesPane
from integrate_tui.tui.workshop.recorder import Recorder, SaveFlow, ShowError
from integrate_tui.tui.workshop.replay_pane import ReplayPane
from integrate_tui.tui.workshop.report import report_target, write_report
from integrate_tui.tui.workshop.round_bar import RoundBar
from integrate_tui.tui.workshop.vote_actions import VoteCommands
from integrate_tui.tui.workshop.vote_pane import VotePane
from integrate_tui.workshop import open_round, workshop_of
from integrate_tui.workshop.log import current_round

PANES: tuple[tuple[str, str, type[Pane]], ...] = (
    ("agenda", "Agenda", AgendaPane),
    ("people", "People", PeoplePane),
    ("priorities", "Priorities", PrioritiesPane),
    ("group", "Group", GroupPane),
    ("vote", "Vote", VotePane),
    ("log", "Log", LogPane),
    ("replay", "Replay", ReplayPane),
)
PANE_NUMBER = {key: n for n, (key, _, _) in enumerate(PANES, start=1)}
ONLY_ON = {
    "add": ("agenda", "people", "vote"),
    "edit": ("agenda", "people"),
    "remove": ("agenda", "people"),
    "start": ("agenda",),
    "priorities": ("people", "priorities"),
    "method": ("group",),
    "apply": ("group", "priorities"),
    "dots": ("people", "vote"),
    "rank": ("people", "vote"),
    "count": ("people", "priorities", "group"),
    "consensus": ("priorities", "group"),
}
"""Actions offered only on some panes (elsewhere they leave the footer)."""


class WorkshopScreen(Screen[None]):
    """Renders the session's workshop record and routes each key to its command; every
    command is one undoable step of the session's, saved as the session says."""

    DEFAULT_CSS = """
    WorkshopScreen > TabbedContent { height: 1fr; }
    WorkshopScreen TabPane { padding: 0; }
    """
    BINDINGS: ClassVar[list[BindingType]] = [
        *actions.bindings(actions.WORKSHOP),
        Binding("c", "codes", "Codes", show=False, id="workshop.codes"),
        Binding("d", "count", "Count", id="workshop.count"),
        Binding("R", "reveal", "Reveal", id="workshop.reveal"),
        Binding("N", "named", "Named", show=False, id="workshop.named"),
    ]
    COMMANDS: ClassVar[set[type[Provider] | Callable[[], type[Provider]]]] = {WorkshopCommands}

    def __init__(self, session: Session, *, save: SaveFlow, show_error: ShowError) -> None:
        """`save`: the app's flow that saves the workshop record, asking what it must;
        `show_error`: the app's one place errors become a dialog."""
        super().__init__()
        self.session = session
        self.clock = RoundClock()
        self.recorder = Recorder(self, session, save, show_error)
        self.agenda = AgendaCommands(
            self.recorder, self.clock, self._current("agenda"), self.refresh_bar
        )
        self.people = PeopleCommands(
            self.recorder, lambda: self.active, self._row, lambda: self.query_one(GroupPane)
        )
        self.votes = VoteCommands(self.recorder, self.people)
        self.inbox = InboxFlow(
            self.recorder, self.refresh_bar, lambda: self in self.app.screen_stack, self._seen
        )
        self._add: dict[str, Callable[[], Awaitable[object]]] = {
            "agenda": self.agenda.add,
            "people": self.people.add,
            "vote": self.votes.add_option,
        }
        self._edit = {"agenda": self.agenda.edit, "people": self.people.edit}
        self._remove = {"agenda": self.agenda.remove, "people": self.people.remove}
        self._pending = False
        self._stale: set[str] = set()
        self._keys: tuple[object, ...] = ()
        self._footer_pending = False

    def compose(self) -> ComposeResult:
        yield Header()
        yield RoundBar()
        with TabbedContent(initial="agenda"):
            for n, (key, title, pane) in enumerate(PANES, start=1):
                with TabPane(f"{n} {title}", id=key):
                    yield pane(id=f"{key}-pane")
        yield Footer()

    def on_mount(self) -> None:
        self._unsubscribe = self.session.subscribe(self._changed)
        self.set_interval(0.5, self._tick, name="workshop-timer")
        self.inbox.watch()
        self._stale = {key for key, _, _ in PANES}
        self._sync()
        self.pane("agenda").focus_table()

    def on_unmount(self) -> None:
        self.inbox.stop()
        self._unsubscribe()

    def on_screen_resume(self) -> None:
        self.inbox.resumed()
        self.query_one(GroupPane).resumed(self.session)

    @property
    def active(self) -> str:
        """The id of the pane shown."""
        return str(self.query_one(TabbedContent).active)

    def pane(self, name: str) -> Pane:
        """One of the panes, by id."""
        return self.query_one(f"#{name}-pane", Pane)

    def _row(self, name: str) -> str | None:
        """The key of the row under the cursor on pane `name`."""
        return self.pane(name).current

    def _current(self, name: str) -> Callable[[], str | None]:
        return lambda: self._row(name)

    def _seen(self) -> None:
        """The room's presence changed: the People pane shows it."""
        people = self.pane("people")
        assert isinstance(people, PeoplePane)
        people.room = (self.inbox.people, self.inbox.key)
        self._stale.add("people")
        self._sync()

    def _changed(self, event: Event) -> None:
        self._stale = {key for key, _, _ in PANES}
        if not self._pending:
            self._pending = True
            self.app.call_later(self._sync)

    def _sync(self) -> None:
        """Redraw the round bar and the pane shown; the others when they are next shown."""
        self._pending = False
        self.clock.follow(self.session.scenario)
        self.refresh_bar()
        if self.active in self._stale:
            self._stale.discard(self.active)
            self.pane(self.active).show(self.session)
        if self.active != "group":
            self.query_one(GroupPane).follow(self.session)
        self._refresh_keys()

    def refresh_bindings(self) -> None:
        """Rebuild the footer once per refresh, however many changes asked for it."""
        if not self._footer_pending:
            self._footer_pending = True
            self.call_after_refresh(self._rebuild_footer)

    def _rebuild_footer(self) -> None:
        self._footer_pending = False
        super().refresh_bindings()

    def _refresh_keys(self) -> None:
        """Update the footer when what `check_action` decides on has changed (it is slow)."""
        keys = (
            self.active,
            open_round(workshop_of(self.session.scenario)) is not None,
            self.clock.timer is not None,
            self.pane(self.active).current is not None,
        )
        if keys != self._keys:
            self._keys = keys
            self.refresh_bindings()

    def _tick(self) -> None:
        """The countdown moves on; redrawn only while this screen is the one shown."""
        if self.is_current:
            self.refresh_bar()

    def refresh_bar(self) -> None:
        """The open round and its countdown (every half second, and after every change)."""
        s = self.session.scenario
        self.query_one(RoundBar).show(s, self.clock, self.inbox.news(s), self.inbox.room(s))

    @on(TabbedContent.TabActivated)
    def _tab(self) -> None:
        self._sync()
        self.pane(self.active).focus_table()

    def action_pane(self, number: int) -> None:
        self.query_one(TabbedContent).active = PANES[number - 1][0]

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Pane-bound commands leave the footer elsewhere; impossible ones are greyed out."""
        if action in ONLY_ON and self.active not in ONLY_ON[action]:
            return False
        workshop = workshop_of(self.session.scenario)
        if action == "close":
            return open_round(workshop) is not None or None
        if action == "timer":
            return self.clock.timer is not None or None
        if action in ("edit", "remove", "start"):
            return self.pane(self.active).current is not None or None
        return True

    @work(group="workshop")
    async def _finish(self, command: Awaitable[object]) -> None:
        """Wait for the rest of a command whose key's handler already showed its dialog or
        committed its step (a dialog a worker opened would miss the keys typed right after
        its key). Not exclusive: the next key must not cancel what this one began."""
        await command

    def action_add(self) -> None:
        if self.active in self._add:
            self._finish(self._add[self.active]())

    def action_edit(self) -> None:
        if self.active in self._edit:
            self._finish(self._edit[self.active]())

    def action_remove(self) -> None:
        if self.active in self._remove:
            self._finish(self._remove[self.active]())

    def action_start(self) -> None:
        self._finish(self.agenda.start())

    def action_close(self) -> None:
        self._finish(self.agenda.close())

    def action_timer(self) -> None:
        self.agenda.timer()

    def action_priorities(self) -> None:
        self._finish(self.people.enter_priorities())

    def action_method(self) -> None:
        self.people.next_method()

    def action_apply(self) -> None:
        self._finish(self.people.apply_group())

    def action_option(self) -> None:
        group = self.query_one(GroupPane)
        if self.active == "group" and group.consensus_shown:
            self._finish(self.votes.add_consensus(group.feed))
        else:
            self._finish(self.votes.add_option())

    def action_consensus(self) -> None:
        """The consensus of the room on the Group pane, or its group weights again."""
        group = self.query_one(GroupPane)
        if self.active != "group":
            if not group.consensus_shown:
                group.toggle_consensus(self.session)
            self.action_pane(PANE_NUMBER["group"])
            return
        group.toggle_consensus(self.session)

    def action_dots(self) -> None:
        self._finish(self.votes.dots())

    def action_rank(self) -> None:
        self._finish(self.votes.rank())

    def action_inbox(self) -> None:
        self.inbox.now()

    def action_log(self) -> None:
        self._finish(self._logged(self.recorder.run_form(LogForm(self.session), ask=True)))

    async def _logged(self, logged: Awaitable[bool]) -> None:
        if await logged:
            saved = "" if self.session.workshop_unsaved else " and saved"
            self.notify(f"Logged{saved}.", title="Decision log", timeout=2)

    def action_report(self) -> None:
        self._finish(self._report(report_target(self.recorder)))

    async def _report(self, chosen: Awaitable[Path | None]) -> None:
        target = await chosen
        if target is not None:
            write_report(self.recorder, target)

    def action_count(self) -> None:
        self._finish(self.people.count())

    def action_reveal(self) -> None:
        """Show the results of the round in focus to the room, or hide them again."""
        round_ = self._in_focus()
        self._finish(self.results(revealed=not (round_ is not None and round_.revealed)))

    def action_named(self) -> None:
        """Results with names, or anonymous."""
        round_ = self._in_focus()
        self._finish(self.results(named=not (round_ is not None and round_.named)))

    def _in_focus(self) -> Round | None:
        """The round whose results R and N show or hide: the open one, else the last run."""
        index = current_round(self.session.scenario)
        return None if index is None else workshop_of(self.session.scenario).rounds[index]

    def results(
        self, *, revealed: bool | None = None, named: bool | None = None
    ) -> Awaitable[None]:
        """Record now whether the room sees the results, and with names."""
        r = self.recorder
        step = r.attempt(lambda: r.session.workshop.show_results(revealed, named))
        if step is None:
            return answered(None)
        return r.said(r.record(step), step.label, title="Results", timeout=3)

    def action_codes(self) -> None:
        """The join codes, on a screen marked not for projection."""
        from integrate_tui.tui.workshop.codes_screen import CodesScreen

        self.app.push_screen(CodesScreen(self.session))

    def action_projector(self) -> None:
        from integrate_tui.tui.workshop.projector import ProjectorScreen

        s, group = self.session, self.query_one(GroupPane)
        shown = group.feed if self.active == "group" and group.consensus_shown else None
        self.app.push_screen(
            ProjectorScreen(s, self.clock, lambda: self.inbox.room(s.scenario), consensus=shown)
        )
