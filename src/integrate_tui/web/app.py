"""The participant web page as an aiohttp application: one process, every participant.

`make_web_app` is the factory `serve` and the tests share. Pages are plain HTML forms that
work without JavaScript; `static/` holds the page's own CSS and a small script (running
totals, following the round), so nothing is fetched from outside the machine.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator, Collection
from pathlib import Path

from aiohttp import web

from integrate_tui.web import handlers
from integrate_tui.web.live import Live
from integrate_tui.web.security import Handler, JoinLimiter, guard

STATIC = Path(__file__).with_name("static")

MAX_BODY = 64 * 1024
"""The largest form accepted: a vote on many options is a few kilobytes."""

HEADERS = {
    "Content-Security-Policy": (
        "default-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'"
    ),
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
}
"""Sent with every answer: this page's own resources only, never framed by another."""


@web.middleware
async def _headers(request: web.Request, handler: Handler) -> web.StreamResponse:
    """Security headers on every answer; pages (not static files) are never cached."""
    try:
        response = await handler(request)
    except web.HTTPException as answer:
        answer.headers.update(HEADERS)
        raise
    response.headers.update(HEADERS)
    if not request.path.startswith("/static/"):
        response.headers["Cache-Control"] = "no-store"
    return response


def make_web_app(
    path: Path,
    *,
    hosts: Collection[str] = ("127.0.0.1", "localhost"),
    public_url: str = "",
    live: Live | None = None,
    limiter: JoinLimiter | None = None,
) -> web.Application:
    """The page for the scenario at `path`, answering under `hosts` (at the port it is served
    on) and `public_url`; `live` and `limiter` may be given by tests."""
    app = web.Application(
        middlewares=[guard(hosts, public_url), _headers], client_max_size=MAX_BODY
    )
    app[handlers.LIVE] = live or Live(path)
    app[handlers.LIMITER] = limiter or JoinLimiter()
    app.router.add_get("/", handlers.index)
    app.router.add_post("/join", handlers.join)
    app.router.add_post("/send", handlers.send)
    app.router.add_post("/leave", handlers.leave)
    app.router.add_get("/state", handlers.state)
    app.router.add_static("/static/", STATIC, append_version=False)
    app.cleanup_ctx.append(_presence_writer)
    return app


async def _presence_writer(app: web.Application) -> AsyncIterator[None]:
    """Write presence for the facilitator's app while the server runs, and once at the end."""
    live = app[handlers.LIVE]
    task = asyncio.create_task(live.keep_flushing())
    yield
    task.cancel()
    with contextlib.suppress(asyncio.CancelledError):
        await task
    await live.flush()
