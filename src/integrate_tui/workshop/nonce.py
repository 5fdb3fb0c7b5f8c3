"""The round nonce: what ties a submission to the one round it was sent for.

Every submission carries the nonce of the round that was open when it was sent, and the
inbox takes it only while that round is still the open one. The nonce is derived, never
stored, so the scenario file gains no field: the first 64 bits of HMAC-SHA256, keyed with
the session key (see `inbox`), over the round's kind and the moment it started (in UTC),
as 16 hex digits. A round starts only once (`start_round` refuses a second start), so a
file from an earlier round replayed into a later one, or from an earlier session after the
key was deleted, names a round that is not open and is refused. Two rounds of one kind
started in the same second would share a nonce; as a round must be closed before the next
starts, that takes a facilitator closing and starting rounds within one second.
"""

from __future__ import annotations

import datetime
import hashlib
import hmac

from integrate_tui.model import Scenario
from integrate_tui.workshop.base import moment, open_round, workshop_of

NONCE_DIGITS = 16
"""Hex digits of a nonce: 64 bits, far beyond guessing within a round."""


def round_nonce(key: bytes, kind: str, started: datetime.datetime) -> str:
    """The nonce of a round of `kind` that started at `started`, under this session key."""
    when = moment(started).astimezone(datetime.UTC).isoformat()
    message = f"integrate-tui round {kind} {when}".encode()
    return hmac.new(key, message, hashlib.sha256).hexdigest()[:NONCE_DIGITS]


def open_nonce(key: bytes, scenario: Scenario) -> str | None:
    """The open round's nonce, or None when no round is open."""
    workshop = workshop_of(scenario)
    index = open_round(workshop)
    if index is None:
        return None
    round_ = workshop.rounds[index]
    assert round_.started is not None  # an open round has started
    return round_nonce(key, round_.kind, round_.started)


def nonce_matches(key: bytes, scenario: Scenario, nonce: str) -> bool:
    """Whether `nonce` is the open round's, compared in constant time."""
    expected = open_nonce(key, scenario)
    return expected is not None and hmac.compare_digest(nonce.encode(), expected.encode())
