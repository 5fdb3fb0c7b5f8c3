"""The web page's guards: its own Host and Origin only, slow join guessing, signed seats.

- Every request must name one of the page's own hosts in `Host` (a page reached through
  another name, as DNS rebinding does, is refused with 403), and a request that changes
  anything (POST) whose `Origin` is not the page's own is refused with 403. A POST without
  `Origin` (old browsers, scripts) passes, as the seat cookie is `SameSite=Strict`.
- Joins are limited per address: `JoinLimiter` refuses a further try after `TRIES` wrong
  codes within `WINDOW_SECONDS` (a right code never counts against the room, which may
  share one address behind a router).
- The seat cookie holds the participant id and an HMAC of it under the session key, so the
  server keeps no session table, a restart keeps everyone joined, and a new session key
  (the facilitator deleting the key file) unseats everyone at once.
"""

from __future__ import annotations

import hashlib
import hmac
import time
from collections import deque
from collections.abc import Awaitable, Callable, Collection
from urllib.parse import urlsplit

from aiohttp import web
from aiohttp.typedefs import Middleware

SEAT_COOKIE = "seat"

TRIES, WINDOW_SECONDS = 8, 60.0
"""Wrong join codes allowed per address in a moving window."""

MAX_ADDRESSES = 10_000
"""Addresses the limiter remembers at most; the oldest are forgotten first."""

Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]


def seat_cookie(key: bytes, participant: str) -> str:
    """The cookie value that proves a join: `<id>.<hmac>`."""
    digest = hmac.new(key, b"integrate-tui web seat " + participant.encode(), hashlib.sha256)
    return f"{participant}.{digest.hexdigest()[:32]}"


def seat_of(key: bytes, cookie: str) -> str | None:
    """The participant id a seat cookie proves under this key, or None."""
    participant, _, _ = cookie.partition(".")
    if not participant:
        return None
    return participant if hmac.compare_digest(seat_cookie(key, participant), cookie) else None


class JoinLimiter:
    """Wrong join codes per address in the last `window` seconds; past `tries`, no more."""

    def __init__(
        self,
        tries: int = TRIES,
        window: float = WINDOW_SECONDS,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.tries, self.window, self._clock = tries, window, clock
        self._misses: dict[str, deque[float]] = {}

    def _recent(self, address: str) -> deque[float]:
        misses = self._misses.setdefault(address, deque())
        cutoff = self._clock() - self.window
        while misses and misses[0] < cutoff:
            misses.popleft()
        return misses

    def blocked(self, address: str) -> float:
        """Seconds until this address may try again (0: it may now)."""
        misses = self._recent(address)
        if len(misses) < self.tries:
            return 0.0
        return max(0.0, misses[0] + self.window - self._clock())

    def missed(self, address: str) -> None:
        """Count a wrong code from this address."""
        if address not in self._misses and len(self._misses) >= MAX_ADDRESSES:
            del self._misses[next(iter(self._misses))]
        self._recent(address).append(self._clock())


def origin_of(url: str) -> str:
    """`scheme://host[:port]` of a URL, lower-cased, as browsers send `Origin`."""
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}".lower()


def own_hosts(request: web.Request, names: Collection[str], public_url: str) -> set[str]:
    """The `Host` values that mean this page: each name at the port it is served on, and
    the public address's host."""
    sockname = request.transport.get_extra_info("sockname") if request.transport else None
    port = sockname[1] if isinstance(sockname, tuple) and len(sockname) > 1 else None
    hosts = {urlsplit(public_url).netloc.lower()}
    for name in names:
        shown = f"[{name}]" if ":" in name else name
        hosts.add(shown.lower() if port is None else f"{shown}:{port}".lower())
    return hosts


def guard(names: Collection[str], public_url: str) -> Middleware:
    """Middleware refusing a foreign `Host`, or a POST from a foreign `Origin`, with 403."""

    @web.middleware
    async def check(request: web.Request, handler: Handler) -> web.StreamResponse:
        hosts = own_hosts(request, names, public_url)
        if request.host.lower() not in hosts:
            raise web.HTTPForbidden(text="This page is not served under that name.\n")
        origin = request.headers.get("Origin")
        if request.method not in ("GET", "HEAD") and origin is not None:
            allowed = {f"{request.scheme}://{h}" for h in hosts} | {origin_of(public_url)}
            if origin.lower() not in allowed:
                raise web.HTTPForbidden(text="Forms are taken from this page only.\n")
        return await handler(request)

    return check
