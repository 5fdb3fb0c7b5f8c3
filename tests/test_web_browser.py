"""The participant web page in a real browser: Debian's Chromium driven by Playwright.

Playwright is told where Chromium is (`executable_path`); `playwright install`, which
downloads browsers, is never needed. Without a Chromium the test skips and says so.
"""

from __future__ import annotations

import asyncio
import shutil
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from aiohttp import web
from playwright.sync_api import expect, sync_playwright

from integrate_tui.files import load
from integrate_tui.web.app import make_web_app
from integrate_tui.workshop.inbox import collect, inbox_dir
from web_support import POINTS, code, room_file

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
PHONE = {"width": 390, "height": 844}

pytestmark = pytest.mark.skipif(
    not Path(CHROMIUM).exists(),
    reason="no Chromium here (Debian: apt-get install chromium); Playwright drives that one",
)


@contextmanager
def served(path: Path) -> Iterator[str]:
    """The page for `path` on a free loopback port, in a thread of its own."""
    loop = asyncio.new_event_loop()
    runner = web.AppRunner(make_web_app(path))
    loop.run_until_complete(runner.setup())
    site = web.TCPSite(runner, "127.0.0.1", 0)
    loop.run_until_complete(site.start())
    port = runner.addresses[0][1]
    thread = threading.Thread(target=loop.run_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        asyncio.run_coroutine_threadsafe(runner.cleanup(), loop).result(timeout=10)
        loop.call_soon_threadsafe(loop.stop)
        thread.join(timeout=10)
        loop.close()


def test_a_phone_joins_and_sends_points(tmp_path: Path) -> None:
    path = room_file(tmp_path / "riverton.toml", POINTS)
    with served(path) as url, sync_playwright() as driver:
        browser = driver.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        page = browser.new_page(viewport=PHONE, device_scale_factor=2, is_mobile=True)
        page.goto(url)
        page.get_by_label("Join code").fill(code(path, "ana"))
        page.get_by_role("button", name="Join").click()
        expect(page.get_by_role("heading", name="Round 1: Priorities")).to_be_visible()
        expect(page.get_by_text("You are Ana")).to_be_visible()
        page.get_by_label("Economic prosperity").fill("50")
        page.get_by_label("Openness and inclusion").fill("30")
        page.get_by_label("Equity").fill("20")
        expect(page.locator("#total")).to_have_text("100")  # the running total
        page.get_by_role("button", name="Send my points").click()
        received = page.locator("#received")
        expect(received).to_contain_text("Received at")
        expect(received).to_be_in_viewport()
        width = page.evaluate("document.documentElement.scrollWidth")
        page.screenshot(path=str(tmp_path / "sent.png"), full_page=True)
        browser.close()
    assert width <= PHONE["width"]  # nothing wider than the phone
    accepted, rejected = collect(inbox_dir(path), load(path))
    assert rejected == [] and [(s.participant, s.payload) for s in accepted] == [
        ("ana", {"prosperity": 50, "openness": 30, "equity": 20})
    ]
