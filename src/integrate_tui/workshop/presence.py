"""Who is in the live room: who has joined, who is on the open round, who has sent.

The participant web server (`integrate-tui serve`) keeps this while it runs and writes it to
`presence.json` in the inbox folder (0600, written whole and renamed, at most a few times a
second), so the facilitator's app, another process, can read it with `read_presence` and
show "6 of 8 sent" (`tally`). Rounds are named by their nonce (see `nonce`), so a record
from an earlier round never counts for the open one. A send also drops its submission file
into the inbox at once: an app watching the inbox folder (e.g. with `watchfiles`) sees a
new `*.toml` and a rewritten `presence.json` within milliseconds of the participant's send.
"""

from __future__ import annotations

import datetime
import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from integrate_tui.model import Scenario
from integrate_tui.workshop.base import workshop_of
from integrate_tui.workshop.inbox_disk import write_private
from integrate_tui.workshop.nonce import open_nonce

PRESENCE_FILE = "presence.json"
"""The presence record's name inside the inbox folder (not a submission: not `*.toml`)."""


@dataclass
class Seen:
    """One participant in the room: when they joined, what their page last showed, what
    they sent for that round (kind → when)."""

    joined: datetime.datetime
    seen: datetime.datetime
    round: str | None = None
    sent: dict[str, datetime.datetime] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return {
            "joined": self.joined.isoformat(),
            "seen": self.seen.isoformat(),
            "round": self.round,
            "sent": {kind: at.isoformat() for kind, at in self.sent.items()},
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Seen:
        """A record as written by `to_dict`; raises KeyError, TypeError or ValueError if not."""
        when = datetime.datetime.fromisoformat
        round_ = data["round"]
        return cls(
            when(data["joined"]),
            when(data["seen"]),
            round_ if isinstance(round_, str) else None,
            {str(kind): when(at) for kind, at in dict(data["sent"]).items()},
        )


class Presence:
    """The room as the web server sees it, by participant id; `write_presence` writes it."""

    def __init__(self) -> None:
        self.people: dict[str, Seen] = {}
        self.changed = False

    def joined(self, participant: str, now: datetime.datetime) -> None:
        """Someone joined (or joined again) with their code."""
        seen = self.people.setdefault(participant, Seen(now, now))
        seen.joined = seen.seen = now
        self.changed = True

    def saw(self, participant: str, round_: str | None, now: datetime.datetime) -> None:
        """Their page showed this round (None: no round open) just now."""
        seen = self.people.setdefault(participant, Seen(now, now))
        if seen.round != round_:
            seen.round, seen.sent = round_, {}
        seen.seen = now
        self.changed = True

    def sent(self, participant: str, round_: str, kind: str, now: datetime.datetime) -> None:
        """They sent a submission of `kind` for this round."""
        self.saw(participant, round_, now)
        self.people[participant].sent[kind] = now

    def to_json(self) -> bytes:
        body = {"people": {who: seen.to_dict() for who, seen in sorted(self.people.items())}}
        return (json.dumps(body, indent=1) + "\n").encode("utf-8")


def write_presence(inbox: Path, data: bytes) -> None:
    """Write a presence record (`Presence.to_json`) into the inbox folder, whole or not at all."""
    inbox.mkdir(mode=0o700, exist_ok=True)
    write_private(inbox / PRESENCE_FILE, data)


def read_presence(inbox: Path) -> dict[str, Seen]:
    """Who the web server last saw, by participant id; empty when there is no readable record."""
    try:
        data = json.loads((inbox / PRESENCE_FILE).read_text(encoding="utf-8"))
        people = data["people"]
        return {str(who): Seen.from_dict(seen) for who, seen in people.items()}
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return {}


@dataclass(frozen=True)
class Tally:
    """How many of the listed participants have joined, are on the open round, have sent."""

    listed: int
    joined: int
    on_round: int
    sent: int

    def __str__(self) -> str:
        return f"{self.sent} of {self.listed} sent"


def tally(people: dict[str, Seen], listed: Iterable[str], open_nonce: str | None) -> Tally:
    """The room's counts for the open round (its nonce; None when no round is open)."""
    ids = list(listed)
    here = [people[p] for p in ids if p in people]
    on_round = [s for s in here if open_nonce is not None and s.round == open_nonce]
    return Tally(len(ids), len(here), len(on_round), sum(1 for s in on_round if s.sent))


def room_tally(scenario: Scenario, people: dict[str, Seen], key: bytes | None) -> Tally | None:
    """The room's counts for the scenario's participants and open round; None without a
    session key (no participant page has run for this file)."""
    if key is None:
        return None
    listed = [p.id for p in workshop_of(scenario).participants]
    return tally(people, listed, open_nonce(key, scenario))


def status(seen: Seen | None, nonce: str | None) -> str:
    """One participant's place in the room, in words: not joined, joined, on the round, or
    what they sent for it and when (local time)."""
    if seen is None:
        return "not joined"
    if nonce is None or seen.round != nonce:
        return "joined"
    if not seen.sent:
        return "on the round"
    kind, at = max(seen.sent.items(), key=lambda item: item[1])
    return f"sent {kind} {at.astimezone().strftime('%H:%M:%S')}"
