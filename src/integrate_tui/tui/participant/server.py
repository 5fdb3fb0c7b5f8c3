"""The web server that puts the participant page in browsers: textual-serve, stopping promptly.

textual-serve's server leaves open participant pages running when it is asked to stop, so
aiohttp waits on each until its connection times out. This one ends them on shutdown (each
page's process is stopped by textual-serve as its handler unwinds), so Ctrl+C takes a moment,
not a minute.
"""

from __future__ import annotations

import asyncio
import gc

from aiohttp import web
from textual_serve.server import Server


class ParticipantServer(Server):
    """textual-serve's `Server`, ending every open participant page when it shuts down."""

    def __init__(self, command: str, *, host: str, port: int, title: str, public_url: str) -> None:
        super().__init__(command, host=host, port=port, title=title, public_url=public_url)
        self._pages: set[asyncio.Task[object]] = set()

    async def handle_websocket(self, request: web.Request) -> web.WebSocketResponse:
        """Run one browser's page, remembering it so shutdown can end it."""
        task = asyncio.current_task()
        assert task is not None  # aiohttp runs every handler in a task
        self._pages.add(task)
        try:
            return await super().handle_websocket(request)
        finally:
            self._pages.discard(task)

    async def on_shutdown(self, app: web.Application) -> None:
        """End the open pages; textual-serve closes each socket and stops its process."""
        for task in list(self._pages):
            task.cancel()
        await asyncio.gather(*self._pages, return_exceptions=True)
        # textual-serve never waits on a page's process, so its transport is only collected
        # later; collected after the loop has closed, it prints a traceback. Collect it now.
        gc.collect()
        await asyncio.sleep(0)
