"""What a participant's page does, whatever draws it: join with a code, read the round, submit.

The page never writes the scenario. It reads it (the caller loads the file, so this stays
free of files and of any UI), checks a join code against the session key beside it, and
writes the joined participant's own submissions into the inbox through `workshop.inbox`,
after checking them with the same code the facilitator's side runs. The terminal page
(`tui.participant`) and the web page (`web`) are both views on this.
"""

from __future__ import annotations

import datetime
import os
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from integrate_tui.model import Round, Scenario
from integrate_tui.workshop.base import open_round, timestamp, workshop_of
from integrate_tui.workshop.errors import WorkshopError
from integrate_tui.workshop.inbox import (
    inbox_dir,
    participant_token,
    session_key,
    token_matches,
    write_submission,
)
from integrate_tui.workshop.nonce import open_nonce
from integrate_tui.workshop.rounds import ballot_options, dot_budget
from integrate_tui.workshop.submission import compose, payload_of, refusal

NEW_SESSION = (
    "The facilitator has started a new session, or your name is no longer on the list: "
    "join again with the code they give you."
)


class SeatLost(WorkshopError):
    """The joined participant no longer counts: a new session key, or off the list."""


@dataclass(frozen=True)
class Seat:
    """A participant who has joined: the scenario file, who they are and their code."""

    path: Path
    participant: str
    name: str
    token: str


@dataclass(frozen=True)
class OpenRound:
    """The round open now, with its ballot when it is a vote."""

    number: int  # 1-based, as the agenda shows it
    round: Round
    options: tuple[str, ...] = ()
    dots: int = 0

    @property
    def signature(self) -> tuple[Any, ...]:
        """What identifies this round as the participant sees it; a change means a new form."""
        r = self.round
        return (self.number, r.title, r.purpose, r.kind, r.started, self.options, self.dots)


def stamp(path: Path) -> tuple[int, int, int] | None:
    """Whether the file changed since last read: its inode, size and modification time."""
    try:
        info = os.stat(path)
    except OSError:
        return None
    return info.st_ino, info.st_size, info.st_mtime_ns


def people(scenario: Scenario) -> list[tuple[str, str]]:
    """Every participant as (name, id), in the order the facilitator listed them."""
    return [(p.name, p.id) for p in workshop_of(scenario).participants]


def join(path: Path, scenario: Scenario, participant_id: str, code: str) -> Seat:
    """A seat for this participant if `code` is their join code; `WorkshopError` says why not."""
    names = {pid: name for name, pid in people(scenario)}
    if participant_id not in names:
        raise WorkshopError("Choose your name from the list first.", title="Join")
    key = _session_for(path, code)
    if not token_matches(key, participant_id, code):
        raise WorkshopError(
            f"That is not the join code for {names[participant_id]}. "
            "Check it with the facilitator and type it again.",
            title="Join",
        )
    return Seat(path, participant_id, names[participant_id], participant_token(key, participant_id))


def _session_for(path: Path, code: str) -> bytes:
    """The session key a typed code is checked against; `WorkshopError` when there is no code
    or no session yet."""
    if not code.strip():
        raise WorkshopError("Type the join code the facilitator gave you.", title="Join")
    key = session_key(path, create=False)
    if key is None:
        raise WorkshopError(
            "The facilitator has not opened the session yet: ask them, then try again.",
            title="Join",
        )
    return key


def still_seated(seat: Seat, scenario: Scenario) -> bool:
    """Whether the seat still counts: same session key, participant still on the list."""
    key = session_key(seat.path, create=False)
    listed = any(pid == seat.participant for _, pid in people(scenario))
    return listed and key is not None and token_matches(key, seat.participant, seat.token)


def current_round(scenario: Scenario) -> OpenRound | None:
    """The open round, or None when the agenda has none open."""
    index = open_round(workshop_of(scenario))
    if index is None:
        return None
    round_ = workshop_of(scenario).rounds[index]
    if round_.kind != "vote":
        return OpenRound(index + 1, round_)
    options = tuple(ballot_options(scenario, index))
    return OpenRound(index + 1, round_, options, dot_budget(round_))


def value_names(scenario: Scenario) -> list[tuple[str, str]]:
    """The values to weigh as (id, name), in the scenario's order."""
    return [(v.id, v.name) for v in scenario.values]


def seat_by_code(path: Path, scenario: Scenario, code: str) -> Seat:
    """The seat whose join code `code` is, whoever it belongs to; `WorkshopError` says why not.

    The web page asks for the code alone: each code is one participant's, so it names them.
    """
    key = _session_for(path, code)
    for name, pid in people(scenario):
        if token_matches(key, pid, code):
            return Seat(path, pid, name, participant_token(key, pid))
    raise WorkshopError(
        "That is not a join code for this workshop. Check it with the facilitator and type "
        "it again.",
        title="Join",
    )


def check(
    scenario: Scenario, seat: Seat, kind: str, payload: Mapping[Any, float] | Sequence[str]
) -> str:
    """Refuse a submission the facilitator's inbox would refuse, with the same messages.

    Returns the open round's nonce, which the submission is to carry.
    """
    key = session_key(seat.path, create=False)
    nonce = None if key is None else open_nonce(key, scenario)
    if key is None or nonce is None:
        raise WorkshopError("No round is open, so this was not sent.", title="Not sent")
    payload_of(compose(seat.participant, seat.token, nonce, kind, payload), scenario, key)
    return nonce


def submit(
    seat: Seat,
    scenario: Scenario,
    expected: OpenRound,
    kind: str,
    payload: Mapping[Any, float] | Sequence[str],
    now: datetime.datetime | None = None,
) -> Path:
    """Check one submission against `scenario`, the file as read just now, and drop it into
    the inbox; returns the file written."""
    if not still_seated(seat, scenario):
        raise SeatLost(NEW_SESSION, title="Not sent")
    current = current_round(scenario)
    if current is None or current.signature != expected.signature:
        raise WorkshopError(
            f"Round {expected.round.title!r} is no longer open, so this was not sent.",
            title="Not sent",
        )
    reason = refusal(current.round, kind)
    if reason is not None:
        raise WorkshopError(f"Not sent: {reason}.", title="Not sent")
    nonce = check(scenario, seat, kind, payload)
    when = now or timestamp()
    inbox = inbox_dir(seat.path)
    return write_submission(inbox, seat.participant, seat.token, kind, payload, when, nonce=nonce)
