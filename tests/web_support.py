"""A workshop file for the web page's tests, and a client on the page served for it."""

from __future__ import annotations

import re
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

from aiohttp.test_utils import TestClient, TestServer

from integrate_tui.files import save
from integrate_tui.web.app import make_web_app
from integrate_tui.workshop import add_round, add_snapshot, start_round
from integrate_tui.workshop.inbox import participant_token, session_key
from workshop_data import PEOPLE, at, scenario

POINTS, PAIRWISE, VOTE = range(3)


def room_file(path: Path, open_round: int | None, people: list[dict] | None = None) -> Path:
    """Riverton with three participants, two options and a points, pairwise and vote round."""
    s = scenario(participants=people or PEOPLE)
    more_trade = {"trade-missions": 1.0, "sister-cities": 0.5, "language-access": 0.4}
    s = add_snapshot(add_snapshot(s, "Baseline"), "Option A", funding=more_trade)
    s = add_round(s, "Priorities", "What matters most?", 10, kind="points")
    s = add_round(s, "Compare", kind="pairwise")
    s = add_round(s, "Choose", kind="vote", dots=3)
    if open_round is not None:
        s = start_round(s, open_round, at(open_round))
    save(s, path)
    session_key(path)
    return path


def code(path: Path, who: str) -> str:
    key = session_key(path, create=False)
    assert key is not None
    return participant_token(key, who)


@asynccontextmanager
async def page_client(path: Path, **options) -> AsyncIterator[TestClient]:
    """A browser-like client on the page for `path`, served on loopback."""
    server = TestServer(make_web_app(path, **options), host="127.0.0.1")
    async with TestClient(server) as client:
        yield client


async def joined(client: TestClient, path: Path, who: str) -> str:
    """Join as `who`; returns the round page's HTML."""
    answer = await client.post("/join", data={"code": code(path, who)})
    assert answer.status == 200, await answer.text()
    return await answer.text()


def round_nonce_in(html: str) -> str:
    """The `_round` field the page's form carries."""
    found = re.search(r'name="_round" value="([0-9a-f]*)"', html)
    assert found, html
    return found[1]
