"""The participant web page over HTTP: join, send each kind through its form, and the guards."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

from integrate_tui.files import load, save
from integrate_tui.web.security import JoinLimiter
from integrate_tui.workshop import close_round, start_round, workshop_of
from integrate_tui.workshop.inbox import collect, inbox_dir, key_path, session_key
from integrate_tui.workshop.intake import apply_all
from integrate_tui.workshop.nonce import open_nonce
from integrate_tui.workshop.presence import read_presence, tally
from web_support import (
    PAIRWISE,
    POINTS,
    VOTE,
    code,
    joined,
    page_client,
    room_file,
    round_nonce_in,
)
from workshop_data import at


def weights_after_intake(path: Path, who: str) -> dict[str, float]:
    accepted, rejected = collect(inbox_dir(path), load(path))
    assert rejected == []
    scenario = apply_all(load(path), accepted).scenario
    return next(p.weights for p in workshop_of(scenario).participants if p.id == who)


async def test_a_right_code_seats_its_participant_and_a_wrong_one_is_refused(tmp_path) -> None:
    path = room_file(tmp_path / "riverton.toml", POINTS)
    async with page_client(path) as client:
        first = await client.get("/")
        page = await first.text()
        assert first.status == 200 and 'name="code"' in page and "Join the workshop" in page
        wrong = await client.post("/join", data={"code": "aaaa-bbbb-cccc"})
        assert wrong.status == 403 and "not a join code" in await wrong.text()
        assert "seat" not in {c.key for c in client.session.cookie_jar}
        page = await joined(client, path, "ben")
        assert "You are <strong>Ben</strong>" in page
        assert "Round 1: Priorities" in page and 'name="prosperity"' in page
    presence = read_presence(inbox_dir(path))
    assert list(presence) == ["ben"]


async def test_points_are_sent_confirmed_shown_and_a_resend_replaces_them(tmp_path) -> None:
    path = room_file(tmp_path / "riverton.toml", POINTS)
    async with page_client(path) as client:
        nonce = round_nonce_in(await joined(client, path, "ana"))
        form = {"_round": nonce, "prosperity": "50", "openness": "30", "equity": "20"}
        sent = await client.post("/send", data=form)
        page = await sent.text()
        assert sent.status == 200 and sent.history[0].headers["Location"] == "/#received"
        assert re.search(r'<section id="received".*Received at \d\d:\d\d:\d\d', page, re.S)
        assert page.index('id="received"') < page.index('id="points-form"')  # at the top
        assert "Economic prosperity: 50 points" in page and 'value="50"' in page
        again = await client.post("/send", data={**form, "prosperity": "40", "equity": "30"})
        assert "Economic prosperity: 40 points" in await again.text()
        short = await client.post("/send", data={**form, "equity": "0"})
        text = await short.text()
        assert short.status == 422 and "must add up to 100, not 80" in text
        assert 'value="0"' in text  # what was typed stays on the form
        bad = await client.post("/send", data={**form, "equity": "lots"})
        assert bad.status == 422 and "Equity: &#39;lots&#39; is not a number" in await bad.text()
    assert weights_after_intake(path, "ana") == {"prosperity": 40, "openness": 30, "equity": 30}
    key = session_key(path, create=False)
    assert key is not None
    room = tally(read_presence(inbox_dir(path)), ["ana", "ben", "cai"], open_nonce(key, load(path)))
    assert (room.joined, room.on_round, room.sent, str(room)) == (1, 1, 1, "1 of 3 sent")


async def test_pairwise_judgements_go_through_the_seventeen_step_scale(tmp_path) -> None:
    path = room_file(tmp_path / "riverton.toml", PAIRWISE)
    async with page_client(path) as client:
        page = await joined(client, path, "cai")
        assert "0 of 3 pairs answered" in page.replace("</output>", "").replace(
            '<output id="answered" data-of="3">', ""
        )
        first = re.search(r'<select[^>]*name="prosperity:openness".*?</select>', page, re.S)
        assert first and first[0].count("<option") == 18  # "Choose…" and 17 steps
        nonce = round_nonce_in(page)
        half = await client.post("/send", data={"_round": nonce, "prosperity:openness": "12"})
        assert half.status == 422 and "missing judgements" in await half.text()
        form = {
            "_round": nonce,
            "prosperity:openness": "12",  # prosperity 5× openness
            "prosperity:equity": "14",
            "openness:equity": "8",
        }
        sent = await client.post("/send", data=form)
        assert "Received at" in await sent.text()
    weights = weights_after_intake(path, "cai")
    assert (
        weights["prosperity"] > weights["openness"] > 0 and weights["openness"] >= weights["equity"]
    )


async def test_a_vote_shows_what_each_option_funds_and_takes_dots_and_a_ranking(tmp_path) -> None:
    path = room_file(tmp_path / "riverton.toml", VOTE)
    async with page_client(path) as client:
        page = await joined(client, path, "ben")
        assert "<legend>Baseline</legend>" in page and "<legend>Option A</legend>" in page
        assert page.count("Integrated score") == 2
        assert "Outbound trade missions: 80\u00a0% → 100\u00a0% (+20\u00a0pts)" in page
        nonce = round_nonce_in(page)
        too_many = {"_round": nonce, "dots-0": "2", "dots-1": "2"}
        refused = await client.post("/send", data=too_many)
        assert refused.status == 422 and "4 dots placed" in await refused.text()
        tied = {"_round": nonce, "dots-1": "3", "rank-0": "1", "rank-1": "1"}
        assert (await client.post("/send", data=tied)).status == 422
        form = {"_round": nonce, "dots-1": "3", "rank-0": "2", "rank-1": "1"}
        sent = await client.post("/send", data=form)
        page = await sent.text()
        assert "Option A: 3 dots" in page and "Ranking: 1. Option A, 2. Baseline" in page
    accepted, rejected = collect(inbox_dir(path), load(path))
    assert rejected == [] and [s.kind for s in accepted] == ["dots", "ranking"]
    votes = workshop_of(apply_all(load(path), accepted).scenario).rounds[VOTE].votes
    assert votes["ben"].ranking == ["Option A", "Baseline"] and votes["ben"].dots == {"Option A": 3}


async def test_a_foreign_origin_or_host_is_refused(tmp_path) -> None:
    path = room_file(tmp_path / "riverton.toml", POINTS)
    async with page_client(path) as client:
        evil = {"Origin": "http://evil.example"}
        refused = await client.post("/join", data={"code": code(path, "ana")}, headers=evil)
        assert refused.status == 403
        nonce = round_nonce_in(await joined(client, path, "ana"))
        form = {"_round": nonce, "prosperity": "100"}
        assert (await client.post("/send", data=form, headers=evil)).status == 403
        assert (await client.get("/", headers={"Host": "rebound.example"})).status == 403
        own = {"Origin": str(client.make_url("")).rstrip("/")}
        assert (await client.post("/send", data=form, headers=own)).status == 200
    accepted, _ = collect(inbox_dir(path), load(path))
    assert len(accepted) == 1


async def test_an_answer_or_file_from_an_earlier_round_is_refused(tmp_path) -> None:
    path = room_file(tmp_path / "riverton.toml", POINTS)
    async with page_client(path) as client:
        nonce = round_nonce_in(await joined(client, path, "ana"))
        sent = await client.post("/send", data={"_round": nonce, "equity": "100"})
        assert sent.status == 200
        old = next(inbox_dir(path).glob("*.toml"))
        copy = old.read_bytes()
        accepted, _ = collect(inbox_dir(path), load(path))
        assert len(accepted) == 1
        old.unlink()
        save(start_round(close_round(load(path), at(5)), PAIRWISE, at(6)), path)
        late = await client.post("/send", data={"_round": nonce, "equity": "100"})
        assert late.status == 409 and "has closed, so this was not sent" in await late.text()
    replayed = inbox_dir(path) / old.name
    replayed.write_bytes(copy)  # the round-1 file dropped into round 2
    accepted, rejected = collect(inbox_dir(path), load(path))
    assert accepted == [] and rejected[0].reason.startswith("this was sent for another round")


async def test_markup_in_names_is_shown_as_text(tmp_path) -> None:
    people = [{"id": "eve", "name": "<script>alert(1)</script> & <b>Eve</b>"}]
    path = room_file(tmp_path / "riverton.toml", POINTS, people)
    async with page_client(path) as client:
        page = await joined(client, path, "eve")
    assert "<script>alert" not in page and "<b>Eve" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp; &lt;b&gt;Eve&lt;/b&gt;" in page


async def test_joins_are_limited_per_address_and_a_new_session_unseats(tmp_path) -> None:
    path = room_file(tmp_path / "riverton.toml", POINTS)
    async with page_client(path, limiter=JoinLimiter(tries=3, window=600)) as client:
        for _ in range(3):
            assert (await client.post("/join", data={"code": "x"})).status == 403
        blocked = await client.post("/join", data={"code": code(path, "ana")})
        assert blocked.status == 429 and "Too many wrong codes" in await blocked.text()
    async with page_client(path) as client:
        await joined(client, path, "ana")
        key_path(path).unlink()
        session_key(path)
        page = await (await client.get("/")).text()
        assert "join again" in page and 'name="code"' in page


def test_the_web_page_loads_without_textual() -> None:
    code = "import sys, integrate_tui.web.app\nprint('textual' in sys.modules)"
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=True
    )
    assert result.stdout.strip() == "False"
