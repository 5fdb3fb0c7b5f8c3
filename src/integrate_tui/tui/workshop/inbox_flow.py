"""Remote submissions and the room's presence, as they land; and on `n`.

A thread (`workshop.inbox_watch`) watches the inbox folder while the workshop screen is
mounted and wakes within milliseconds of a submission's file landing there. Files are
read and checked in that thread (`workshop.inbox.collect`); back on the UI thread the
session applies the valid ones to the current scenario as one undoable step
(`session.workshop.take`), the workshop record is saved, and only then are they archived.
One lock keeps two reads (the watcher's and `n`'s) from taking the same files. While
workshop mode is not shown (the workbench is), arrivals wait and are collected when it is
shown again. When a save needs a question first (the file changed on disk, say), the
question is asked beside whatever the facilitator is doing. Rejected files are set aside
with their reason, which the facilitator sees in a notification. A rewritten presence
record is read in the same thread and the round bar and People pane redrawn.
"""

from __future__ import annotations

import threading
from collections.abc import Callable

from integrate_tui.errors import IntegrateError
from integrate_tui.model import Scenario
from integrate_tui.session.workshop import ASK, FAILED
from integrate_tui.tui.workshop.recorder import Recorder
from integrate_tui.workshop import WorkshopError, open_round, workshop_of
from integrate_tui.workshop.inbox import Rejected, collect, inbox_dir, session_key
from integrate_tui.workshop.inbox_watch import Arrivals, watch_inbox
from integrate_tui.workshop.presence import Seen, Tally, read_presence, room_tally
from integrate_tui.workshop.submission import Submission


def _round_of(scenario: Scenario) -> tuple[int, object] | None:
    """The open round, named by its place and start (None when none is open)."""
    workshop = workshop_of(scenario)
    index = open_round(workshop)
    return None if index is None else (index, workshop.rounds[index].started)


class InboxFlow:
    """Watching, collecting and applying the inbox; the room's presence as last read."""

    def __init__(
        self,
        recorder: Recorder,
        redraw: Callable[[], None],
        shown: Callable[[], bool],
        seen: Callable[[], None],
    ) -> None:
        """`redraw`: redraw the round bar; `shown`: whether workshop mode is on screen;
        `seen`: the presence record changed (redraw what shows it)."""
        self.recorder, self._redraw, self._shown, self._seen = recorder, redraw, shown, seen
        self.people: dict[str, Seen] = {}
        self.key: bytes | None = None
        self._news: tuple[tuple[int, object] | None, str] = (None, "")
        self._lock = threading.Lock()
        self._stop = threading.Event()
        self._missed = False
        self._watcher: threading.Thread | None = None

    def news(self, scenario: Scenario) -> str:
        """The last batch applied, while the round it was applied in is still open."""
        when, text = self._news
        return text if when is not None and when == _round_of(scenario) else ""

    def room(self, scenario: Scenario) -> Tally | None:
        """Who has joined, is on the open round, has sent ("6 of 8 sent")."""
        return room_tally(scenario, self.people, self.key)

    def watch(self) -> None:
        """Start watching the inbox folder (until `stop`), when the scenario has a file.

        A daemon thread of its own, not a Textual worker: it runs as long as the screen,
        so waiting for every worker to finish must not wait for it.
        """
        path = self.recorder.session.path
        if path is None:
            return
        self._watcher = threading.Thread(
            target=watch_inbox,
            args=(inbox_dir(path), self._stop, self._arrived),
            name="inbox-watch",
            daemon=True,
        )
        self._watcher.start()

    def stop(self) -> None:
        """Stop the watching thread; it ends within one wait of the watcher (never joined
        here: it may be waiting for the UI thread)."""
        self._stop.set()

    @property
    def watching(self) -> bool:
        """Whether the watching thread is running."""
        return self._watcher is not None and self._watcher.is_alive()

    def resumed(self) -> None:
        """Workshop mode is shown again: collect what arrived meanwhile."""
        if self._missed:
            self._missed = False
            self.collect(quiet=True)

    def _arrived(self, arrivals: Arrivals) -> None:
        """In the watching thread: read the presence record, collect the submissions."""
        app = self.recorder.host.app
        if self._stop.is_set():
            return
        try:
            if arrivals.presence:
                self._read_presence()
            if arrivals.submissions:
                if app.call_from_thread(self._shown):
                    self._read(quiet=True)
                else:
                    self._missed = True
        except RuntimeError:  # the app has stopped
            self._stop.set()

    def _read_presence(self) -> None:
        path = self.recorder.session.path
        if path is None:
            return
        try:
            key = session_key(path, create=False)
        except WorkshopError:
            key = None
        people = read_presence(inbox_dir(path))
        self.recorder.host.app.call_from_thread(self._presence, key, people)

    def _presence(self, key: bytes | None, people: dict[str, Seen]) -> None:
        if (key, people) != (self.key, self.people):
            self.key, self.people = key, people
            self._redraw()
            self._seen()

    def now(self) -> None:
        """Collect at once, saying so when nothing is waiting."""
        if self.recorder.session.path is None:
            self.recorder.notify(
                "The inbox is a folder beside the scenario file: save the scenario first.",
                title="Inbox",
            )
            return
        self.collect(quiet=False)

    def collect(self, quiet: bool) -> None:
        """Read and check waiting submissions off the UI thread; `take` applies them."""
        self.recorder.host.run_worker(
            lambda: self._read(quiet), thread=True, group="inbox", exit_on_error=False
        )

    def _read(self, quiet: bool) -> None:
        """Off the UI thread, one read at a time: collect, then apply on the UI thread."""
        with self._lock:
            session, app = self.recorder.session, self.recorder.host.app
            path = session.path
            if path is None:
                return
            try:
                accepted, rejected = collect(inbox_dir(path), session.scenario)
            except (IntegrateError, OSError) as error:
                app.call_from_thread(
                    self.recorder.notify, str(error), title="Inbox not read", severity="error"
                )
                return
            app.call_from_thread(self.take, accepted, rejected, quiet)

    def take(self, accepted: list[Submission], rejected: list[Rejected], quiet: bool) -> None:
        """Apply what is still valid as one step, save, archive; report what was set aside."""
        r = self.recorder
        taken = r.session.workshop.take(accepted, rejected)
        if taken.applied:
            kept = r.session.workshop.save_quietly()
            if kept.outcome == FAILED:
                r.notify(kept.message, title="Not saved", severity="error")
            elif kept.outcome == ASK:
                r.host.run_worker(r.keep(), group="inbox-save", exclusive=True)
            for problem in r.session.workshop.archive(taken):
                r.notify(problem, title="Not archived", severity="warning")
            self._news = (_round_of(r.session.scenario), f"inbox: {taken.done}")
            self._redraw()
            r.notify(f"Applied {taken.done}", title="Inbox")
        for refused in taken.rejected:
            r.notify(
                f"{refused.name}: {refused.reason}\nKept in {refused.path.parent}",
                title="Submission set aside",
                severity="warning",
                timeout=12,
            )
        if not (taken.applied or taken.rejected or quiet):
            r.notify("No submissions waiting.", title="Inbox")
