"""The web server's view of the room: the scenario as last read, presence, and receipts.

One `Live` per server. It re-reads the scenario only when the file changed (inode, size,
modification time), off the event loop; keeps who is in the room (`workshop.presence`)
and writes it beside the inbox for the facilitator's app; and remembers what each
participant last sent in each round, so the page can show "received" with their answers.
Nothing here knows about HTTP.
"""

from __future__ import annotations

import asyncio
import datetime
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from integrate_tui.errors import IntegrateError
from integrate_tui.files import load
from integrate_tui.model import Scenario
from integrate_tui.workshop import room, timestamp
from integrate_tui.workshop.inbox import inbox_dir, session_key
from integrate_tui.workshop.nonce import open_nonce
from integrate_tui.workshop.presence import Presence, write_presence

FLUSH_SECONDS = 0.25
"""How often changed presence is written for the facilitator's app (a send writes at once)."""


@dataclass(frozen=True)
class Receipt:
    """What a participant last sent in one round: when, their answers in words, and the form
    as they sent it (so the page shows it filled in for a change and a resend)."""

    at: datetime.datetime
    lines: tuple[str, ...]
    form: dict[str, str]


class Live:
    """The scenario file, its session key, the room's presence and the receipts of sends."""

    def __init__(self, path: Path, clock: Callable[[], datetime.datetime] = timestamp) -> None:
        self.path = path
        self.inbox = inbox_dir(path)
        self.clock = clock
        self.presence = Presence()
        self.receipts: dict[tuple[str, str], Receipt] = {}
        self._stamp: tuple[int, int, int] | None = None
        self._scenario: Scenario | None = None
        self._lock = asyncio.Lock()
        self._writing = asyncio.Lock()

    async def scenario(self) -> Scenario:
        """The scenario as it is on disk now; a file that stops loading keeps the last good one."""
        async with self._lock:
            stamp = room.stamp(self.path)
            if self._scenario is None or stamp != self._stamp:
                try:
                    self._scenario = await asyncio.to_thread(load, self.path)
                    self._stamp = stamp
                except IntegrateError:
                    if self._scenario is None:
                        raise
            return self._scenario

    def key(self) -> bytes | None:
        """The session key now (None once the facilitator deleted it)."""
        return session_key(self.path, create=False)

    def nonce(self, scenario: Scenario) -> str | None:
        """The open round's nonce, or None when none is open (or there is no key)."""
        key = self.key()
        return None if key is None else open_nonce(key, scenario)

    def received(self, participant: str, nonce: str | None) -> Receipt | None:
        """What this participant last sent in this round, if anything."""
        return None if nonce is None else self.receipts.get((participant, nonce))

    async def sent(self, participant: str, nonce: str, kinds: list[str], receipt: Receipt) -> None:
        """Record a send (it replaces the last one in this round) and tell the app at once."""
        self.receipts[participant, nonce] = receipt
        for kind in kinds:
            self.presence.sent(participant, nonce, kind, receipt.at)
        await self.flush()

    async def flush(self) -> None:
        """Write presence now if it changed (off the event loop); a failed write waits."""
        async with self._writing:  # one write at a time, so the newest is the one kept
            if not self.presence.changed:
                return
            data, self.presence.changed = self.presence.to_json(), False
            try:
                await asyncio.to_thread(write_presence, self.inbox, data)
            except OSError:
                self.presence.changed = True

    async def keep_flushing(self) -> None:
        """Write changed presence every `FLUSH_SECONDS` until cancelled."""
        while True:
            await asyncio.sleep(FLUSH_SECONDS)
            await self.flush()
