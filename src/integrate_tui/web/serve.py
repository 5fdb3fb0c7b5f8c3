"""Running the web page: listen, print the join link with a QR code, stop on Ctrl+C.

The QR code is drawn with `segno` (pure Python, no image libraries) in the terminal, so
participants can scan the link off the facilitator's laptop; it holds only the link, never
a join code.
"""

from __future__ import annotations

import io
from collections.abc import Collection
from pathlib import Path

import segno
from aiohttp import web

from integrate_tui.web.app import make_web_app


def qr_text(url: str) -> str:
    """The link as a QR code drawn with text blocks, for a terminal."""
    out = io.StringIO()
    segno.make(url, error="m").terminal(out=out, compact=True, border=2)
    return out.getvalue()


def run(path: Path, *, host: str, port: int, hosts: Collection[str], public_url: str) -> None:
    """Serve the page for `path` until Ctrl+C (raises OSError when the port cannot be had)."""
    app = make_web_app(path, hosts=hosts, public_url=public_url)
    web.run_app(app, host=host or None, port=port, print=None, handle_signals=True)
