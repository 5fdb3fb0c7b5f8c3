"""The participant page shows the results the facilitator reveals, named or anonymous."""

from __future__ import annotations

from pathlib import Path

from integrate_tui.files import load, save
from integrate_tui.workshop import edit_round, set_points
from web_support import POINTS, joined, page_client, room_file


def given(path: Path, **shown: bool) -> None:
    """Ana's and Ben's points in the open points round; the round's results as `shown`."""
    s = load(path)
    s = set_points(s, "ana", {"prosperity": 60, "openness": 30, "equity": 10})
    s = set_points(s, "ben", {"prosperity": 20, "openness": 40, "equity": 40})
    save(edit_round(s, POINTS, **shown), path)


async def test_hidden_results_are_not_on_the_page(tmp_path: Path) -> None:
    path = room_file(tmp_path / "riverton.toml", POINTS)
    given(path)
    async with page_client(path) as client:
        html = await joined(client, path, "cai")
        assert 'id="results"' not in html
        state = await (await client.get("/state")).json()
        assert state["results"] == ""


async def test_revealed_results_show_every_weight_anonymous_unless_named(tmp_path: Path) -> None:
    path = room_file(tmp_path / "riverton.toml", POINTS)
    given(path, revealed=True)
    async with page_client(path) as client:
        html = await joined(client, path, "cai")
        assert "Results of round 1: Priorities" in html and "anonymous" in html
        assert "Economic prosperity: group" in html
        assert "Each person: 20\u00a0%, 60\u00a0%" in html  # lowest first, no names
        assert "Ana" not in html.split('id="results"')[1]
        state = await (await client.get("/state")).json()
        assert state["results"] == "1-anonymous"  # the page's script reloads on a change
        given(path, revealed=True, named=True)
        html = await (await client.get("/")).text()
        assert "Each person: Ana 60\u00a0%, Ben 20\u00a0%" in html
        assert (await (await client.get("/state")).json())["results"] == "1-named"
