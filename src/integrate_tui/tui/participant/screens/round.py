"""The open round: what it is for, and the participant's own form for it (or a calm wait)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from textual import on, work
from textual.app import ComposeResult
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.message import Message
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Header, Static

from integrate_tui.errors import IntegrateError
from integrate_tui.files import load
from integrate_tui.model import Ballot, Scenario
from integrate_tui.tui.forms.form import Form
from integrate_tui.tui.forms.pairwise import PairwiseForm
from integrate_tui.tui.forms.points import PointsForm
from integrate_tui.tui.participant.widgets.vote import VoteTabs
from integrate_tui.tui.participant.widgets.waiting import Waiting, waiting_text
from integrate_tui.workshop import ROUND_KINDS, judgement_map, room, timestamp

_NOT_SHOWN = object()
"""The signature before the first round is shown: equal to no round's, not even None."""


def form_for(
    current: room.OpenRound | None, scenario: Scenario, participant: str, every: float
) -> Widget:
    """The participant's form for the open round, starting from what they gave before."""
    if current is None or current.round.kind == "discussion":
        return Waiting(waiting_text(current, every))
    kind = current.round.kind
    given = current.round.inputs.get(participant)
    values = room.value_names(scenario)
    if kind == "points":
        return PointsForm(values, given.weights if given else {})
    if kind == "pairwise":
        return PairwiseForm(values, judgement_map(given.judgements) if given else {})
    ballot = current.round.votes.get(participant, Ballot())
    return VoteTabs(current.options, current.dots, ballot)


class RoundScreen(Screen[None]):
    """Round title, purpose and kind on top; below, only this participant's input."""

    DEFAULT_CSS = """
    RoundScreen #page { align: center top; }
    RoundScreen #sheet { width: 88; max-width: 100%; height: auto; padding: 1 2; }
    RoundScreen #you { color: $text-muted; }
    RoundScreen .heading { text-style: bold; color: $accent; margin-top: 1; }
    RoundScreen #round-purpose { margin-top: 1; }
    RoundScreen #body { height: auto; }
    RoundScreen #status { height: auto; margin-top: 1; padding: 0 1; }
    RoundScreen #status.-sent { background: $success-muted; }
    RoundScreen #status.-refused { background: $error-muted; }
    """

    class Unseated(Message):
        """The seat no longer counts (new session, or taken off the list): join again."""

    class Outcome(Message):
        """What became of a submission, to show under the form."""

        def __init__(self, text: str, sent: bool) -> None:
            super().__init__()
            self.text, self.sent = text, sent

    def __init__(self, seat: room.Seat, every: float) -> None:
        super().__init__()
        self._seat, self._every = seat, every
        self._signature: object = _NOT_SHOWN
        self._current: room.OpenRound | None = None

    def compose(self) -> ComposeResult:
        yield Header(icon="")
        with VerticalScroll(id="page"), Vertical(id="sheet"):
            yield Static(Content(f"You are {self._seat.name}."), id="you")
            yield Static(id="round-title", classes="heading")
            yield Static(id="round-kind")
            yield Static(id="round-purpose")
            yield Vertical(id="body")
            yield Static(id="status")

    def on_mount(self) -> None:
        self.watch(self.app, "scenario", self._show)

    def _show(self, scenario: Scenario | None) -> None:
        """Swap in the form for a newly opened round; leave a form being filled in alone."""
        if scenario is None:
            return
        if not room.still_seated(self._seat, scenario):
            self.post_message(self.Unseated())
            return
        current = room.current_round(scenario)
        signature = current.signature if current else None
        if signature == self._signature:
            return
        self._signature, self._current = signature, current
        self._describe(current)
        body = self.query_one("#body", Vertical)
        body.remove_children()
        body.mount(form_for(current, scenario, self._seat.participant, self._every))
        self._status("")
        self.call_after_refresh(self._focus_form)

    def _focus_form(self) -> None:
        """Put the keyboard on the form's first field, so typing starts there."""
        fields = [w for w in self.query_one("#body").query("*") if w.focusable]
        if fields:
            fields[0].focus()

    def _describe(self, current: room.OpenRound | None) -> None:
        """The round's number, title, kind, time box and purpose, or that none is open."""
        title, kind, purpose = "Waiting for the next round", "", ""
        if current is not None:
            r = current.round
            title = f"Round {current.number}: {r.title}"
            kind = ROUND_KINDS[r.kind].capitalize()
            if r.minutes:
                kind += f" · about {r.minutes:g} minutes"
            purpose = r.purpose
        self.query_one("#round-title", Static).update(Content(title))
        shown_kind = self.query_one("#round-kind", Static)
        shown_kind.update(Content(kind))
        shown_kind.display = bool(kind)
        shown = self.query_one("#round-purpose", Static)
        shown.update(Content(purpose))
        shown.display = bool(purpose)

    def _status(self, text: str, tone: str = "") -> None:
        """The line under the form: plain, `-sent` (green) or `-refused` (red)."""
        status = self.query_one("#status", Static)
        status.update(Content(text))
        for name in ("-sent", "-refused"):
            status.set_class(name == tone, name)

    @on(Form.Submitted)
    def _submitted(self, message: Form.Submitted) -> None:
        message.stop()
        if self._current is not None:
            self._status("Sending…")
            self.send(self._current, message.kind, message.payload)

    @work(thread=True, exclusive=True, group="submit")
    def send(
        self, current: room.OpenRound, kind: str, payload: Mapping[Any, float] | Sequence[str]
    ) -> None:
        """Read the file, check and write the submission off the UI thread; the outcome comes
        back as a message."""
        try:
            room.submit(self._seat, load(self._seat.path), current, kind, payload)
        except room.SeatLost:
            self.post_message(self.Unseated())
        except IntegrateError as error:
            self.post_message(self.Outcome(str(error), sent=False))
        except OSError as error:
            reason = error.strerror or str(error)
            self.post_message(self.Outcome(f"Could not write to the inbox: {reason}", sent=False))
        else:
            self.post_message(self.Outcome(_sent_text(), sent=True))

    def on_round_screen_outcome(self, message: RoundScreen.Outcome) -> None:
        self._status(message.text, "-sent" if message.sent else "-refused")


def _sent_text() -> str:
    """The confirmation under the form once a submission is in the inbox."""
    return (
        f"Sent at {timestamp():%H:%M:%S} — the facilitator will apply it. "
        "You can change your answer and send again: your latest one counts."
    )
