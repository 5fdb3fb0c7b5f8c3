"""Remote submissions: collected every few seconds while workshop mode is open, and on `n`.

Files are read and checked in a thread (`workshop.inbox.collect`); the handler applies the
valid ones to the current scenario as one undoable step, saves the workshop record, and
only then archives them. When that save needs a question first (the file changed on disk,
say), the question is asked beside whatever the facilitator is doing. Rejected files are
set aside with their reason, which the facilitator sees in a notification.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual import work

from integrate_tui.errors import IntegrateError
from integrate_tui.session import Session
from integrate_tui.tui.app import WORKSHOP
from integrate_tui.tui.workshop.focus import names
from integrate_tui.workshop.inbox import Rejected, archive, collect, inbox_dir, reject
from integrate_tui.workshop.submission import Submission, apply

if TYPE_CHECKING:
    from integrate_tui.tui.app import WorkbenchApp

INBOX_SECONDS = 3.0
"""How often workshop mode looks for remote submissions."""


class InboxFlow:
    """Polling, collecting and applying the inbox for the workshop screen."""

    session: Session
    app: WorkbenchApp
    news: str = ""

    if TYPE_CHECKING:

        def notify(self, message: str, **options: object) -> None: ...
        def save_quietly(self) -> bool | None: ...
        async def keep(self, *, ask: bool = False) -> None: ...
        def run_worker(self, work: object, **options: object) -> object: ...
        def refresh_bar(self) -> None: ...

    def poll_inbox(self) -> None:
        """Timer tick: collect quietly while workshop mode is shown and the inbox exists."""
        path = self.session.path
        if self.app.current_mode == WORKSHOP and path is not None and inbox_dir(path).is_dir():
            self.collect_inbox(quiet=True)

    def action_inbox(self) -> None:
        if self.session.path is None:
            self.notify(
                "The inbox is a folder beside the scenario file: save the scenario first.",
                title="Inbox",
            )
            return
        self.collect_inbox(quiet=False)

    @work(thread=True, exclusive=True, group="inbox", exit_on_error=False)
    def collect_inbox(self, quiet: bool) -> None:
        """Read and check waiting submissions off the UI thread; the handler applies them."""
        path = self.session.path
        if path is None:
            return
        try:
            accepted, rejected = collect(inbox_dir(path), self.session.scenario)
        except (IntegrateError, OSError) as error:
            self.app.call_from_thread(
                self.notify, str(error), title="Inbox not read", severity="error"
            )
            return
        self.app.call_from_thread(self.take_submissions, accepted, rejected, quiet)

    def take_submissions(
        self, accepted: list[Submission], rejected: list[Rejected], quiet: bool
    ) -> None:
        """Apply what is still valid as one step, save, archive; report what was set aside."""
        scenario, applied = self.session.scenario, []
        for submission in accepted:
            try:
                scenario = apply(scenario, submission)
                applied.append(submission)
            except IntegrateError as error:
                rejected.append(_set_aside(submission, error.message))
        who = names(scenario)
        done = ", ".join(f"{who.get(s.participant, s.participant)} ({s.kind})" for s in applied)
        try:
            if applied:
                self.session.apply(scenario, f"Inbox: {done}")
        except IntegrateError as error:
            rejected += [_set_aside(s, error.message) for s in applied]
            applied = []
        if applied:
            if self.save_quietly() is None:
                self.run_worker(self.keep(), group="inbox-save", exclusive=True)
            for submission in applied:
                try:
                    archive(submission)
                except (IntegrateError, OSError) as error:
                    self.notify(str(error), title="Not archived", severity="warning")
            self.news = f"inbox: {done}"
            self.refresh_bar()
            self.notify(f"Applied {done}", title="Inbox")
        for r in rejected:
            self.notify(
                f"{r.name}: {r.reason}\nKept in {r.path.parent}",
                title="Submission set aside",
                severity="warning",
                timeout=12,
            )
        if not (applied or rejected or quiet):
            self.notify("No submissions waiting.", title="Inbox")


def _set_aside(submission: Submission, reason: str) -> Rejected:
    """Reject a submission that was valid when read but no longer applies."""
    if submission.path is None:
        raise IntegrateError("a submission without a file cannot be set aside")
    return reject(submission.path, reason)
