"""Remote submissions: collected every few seconds while workshop mode is open, and on `n`.

Files are read and checked in a thread (`workshop.inbox.collect`); back on the UI thread the
session applies the valid ones to the current scenario as one undoable step
(`session.workshop.take`), the workshop record is saved, and only then are they archived.
When that save needs a question first (the file changed on disk, say), the question is
asked beside whatever the facilitator is doing. Rejected files are set aside with their
reason, which the facilitator sees in a notification.
"""

from __future__ import annotations

from collections.abc import Callable

from integrate_tui.errors import IntegrateError
from integrate_tui.session.workshop import ASK, FAILED
from integrate_tui.tui.workshop.recorder import Recorder
from integrate_tui.workshop.inbox import Rejected, collect, inbox_dir
from integrate_tui.workshop.submission import Submission

INBOX_SECONDS = 3.0
"""How often workshop mode looks for remote submissions."""


class InboxFlow:
    """Polling, collecting and applying the inbox; `news` is the last batch applied."""

    def __init__(self, recorder: Recorder, redraw: Callable[[], None]) -> None:
        """`redraw`: redraw the round bar, which shows the news."""
        self.recorder, self._redraw = recorder, redraw
        self.news = ""

    def poll(self, shown: bool) -> None:
        """Timer tick: collect quietly while workshop mode is `shown` and the inbox exists."""
        path = self.recorder.session.path
        if shown and path is not None and inbox_dir(path).is_dir():
            self.collect(quiet=True)

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
            lambda: self._read(quiet),
            thread=True,
            exclusive=True,
            group="inbox",
            exit_on_error=False,
        )

    def _read(self, quiet: bool) -> None:
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
            self.news = f"inbox: {taken.done}"
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
