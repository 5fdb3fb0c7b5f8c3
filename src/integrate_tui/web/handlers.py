"""The web page's routes: join, the round page, send, leave, and a small state for scripts.

GET `/` shows the join form or, once joined, the participant's round page. POST `/join`
takes `code`; POST `/send` takes the open round's form (with `_round`, the nonce of the
round it was drawn for, so an answer to a round that has closed is not sent to the next);
POST `/leave` forgets the seat. GET `/state` tells the page's script which round is open
and keeps the participant's presence fresh. Every send and page view goes through
`workshop.room`, the same code the terminal page runs.
"""

from __future__ import annotations

import asyncio
from typing import Any

from aiohttp import web

from integrate_tui.errors import IntegrateError
from integrate_tui.model import Scenario
from integrate_tui.web import forms, pages
from integrate_tui.web.live import Live, Receipt
from integrate_tui.web.security import SEAT_COOKIE, JoinLimiter, seat_cookie, seat_of
from integrate_tui.workshop import room
from integrate_tui.workshop.errors import WorkshopError
from integrate_tui.workshop.inbox import participant_token

LIVE = web.AppKey("live", Live)
LIMITER = web.AppKey("limiter", JoinLimiter)

SEAT_HOURS = 12
"""How long a browser stays joined without coming back (a long workshop day)."""

_HTML = "text/html"


def _live(request: web.Request) -> Live:
    return request.app[LIVE]


def _page(html: str, status: int = 200) -> web.Response:
    return web.Response(text=html, content_type=_HTML, charset="utf-8", status=status)


def _seat(live: Live, scenario: Scenario, request: web.Request) -> room.Seat | None:
    """The participant this browser joined as, if the cookie still proves it."""
    key = live.key()
    cookie = request.cookies.get(SEAT_COOKIE, "")
    who = seat_of(key, cookie) if key and cookie else None
    names = {pid: name for name, pid in room.people(scenario)}
    if key is None or who not in names:
        return None
    assert who is not None
    return room.Seat(live.path, who, names[who], participant_token(key, who))


def _unseated(scenario: Scenario, message: str = "") -> web.Response:
    """The join page again, with the stale seat cookie dropped."""
    response = _page(pages.join_page(scenario.meta.title, problem=message))
    response.del_cookie(SEAT_COOKIE, path="/")
    return response


async def index(request: web.Request) -> web.StreamResponse:
    """The join form, or the joined participant's round page."""
    live = _live(request)
    scenario = await live.scenario()
    seat = _seat(live, scenario, request)
    if seat is None:
        if request.cookies.get(SEAT_COOKIE):
            return _unseated(scenario, room.NEW_SESSION)
        return _page(pages.join_page(scenario.meta.title))
    nonce = live.nonce(scenario)
    live.presence.saw(seat.participant, nonce, live.clock())
    current = room.current_round(scenario)
    receipt = live.received(seat.participant, nonce)
    return _page(pages.round_page(scenario, seat, current, nonce, receipt))


async def join(request: web.Request) -> web.StreamResponse:
    """Check a join code; the right one seats its participant (a cookie) and shows the round."""
    live, limiter = _live(request), request.app[LIMITER]
    scenario = await live.scenario()
    address = request.remote or "?"
    wait = limiter.blocked(address)
    if wait:
        message = f"Too many wrong codes from this device: wait {wait:.0f} seconds, then try again."
        return _page(pages.join_page(scenario.meta.title, problem=message), status=429)
    code = str((await request.post()).get("code", ""))[:100]
    try:
        seat = room.seat_by_code(live.path, scenario, code)
    except WorkshopError as error:
        limiter.missed(address)
        return _page(pages.join_page(scenario.meta.title, code, error.message), status=403)
    key = live.key()
    assert key is not None  # `seat_by_code` has just read it
    live.presence.joined(seat.participant, live.clock())
    response = web.HTTPSeeOther("/")
    response.set_cookie(
        SEAT_COOKIE,
        seat_cookie(key, seat.participant),
        max_age=SEAT_HOURS * 3600,
        path="/",
        httponly=True,
        samesite="Strict",
    )
    raise response


def _answers(current: room.OpenRound, scenario: Scenario, form: Any) -> list[tuple[str, Any]]:
    """The submissions a posted form makes: (kind, payload) for each; `FormProblem` if unread."""
    values = room.value_names(scenario)
    kind = current.round.kind
    if kind == "points":
        return [("points", forms.read_points(values, form))]
    if kind == "pairwise":
        return [("pairwise", forms.read_pairwise(values, form))]
    dots, ranking = forms.read_vote(current.options, form)
    return [("dots", dots)] + ([("ranking", ranking)] if ranking else [])


async def send(request: web.Request) -> web.StreamResponse:
    """Check the posted answers as the inbox would, write them, and show them as received."""
    live = _live(request)
    scenario = await live.scenario()
    seat = _seat(live, scenario, request)
    if seat is None:
        return _unseated(scenario, room.NEW_SESSION)
    form = {k: str(v) for k, v in (await request.post()).items()}
    current, nonce = room.current_round(scenario), live.nonce(scenario)
    receipt = live.received(seat.participant, nonce)
    if current is None or nonce is None or form.get("_round") != nonce:
        problem = "The round you answered has closed, so this was not sent. Here is the page now."
        html = pages.round_page(scenario, seat, current, nonce, receipt, None, [problem])
        return _page(html, status=409)
    try:
        answers = _answers(current, scenario, form)
        for kind, payload in answers:
            room.check(scenario, seat, kind, payload)
        now = live.clock()
        for kind, payload in answers:
            await asyncio.to_thread(room.submit, seat, scenario, current, kind, payload, now)
    except room.SeatLost:
        return _unseated(scenario, room.NEW_SESSION)
    except (forms.FormProblem, IntegrateError) as error:
        problems = error.problems if isinstance(error, WorkshopError) else [str(error)]
        html = pages.round_page(scenario, seat, current, nonce, receipt, form, problems)
        return _page(html, status=422)
    except OSError as error:
        problem = f"Could not write to the inbox: {error.strerror or error}. Tell the facilitator."
        html = pages.round_page(scenario, seat, current, nonce, receipt, form, [problem])
        return _page(html, status=500)
    lines = pages.receipt_lines(scenario, answers)
    await live.sent(seat.participant, nonce, [k for k, _ in answers], Receipt(now, lines, form))
    raise web.HTTPSeeOther("/#received")


async def leave(request: web.Request) -> web.StreamResponse:
    """Forget this browser's seat and show the join form."""
    response = web.HTTPSeeOther("/")
    response.del_cookie(SEAT_COOKIE, path="/")
    raise response


async def state(request: web.Request) -> web.StreamResponse:
    """For the page's script: the open round's nonce ("" none), whether this seat sent, and
    which results the room is shown ("" none)."""
    live = _live(request)
    scenario = await live.scenario()
    seat = _seat(live, scenario, request)
    nonce = live.nonce(scenario)
    if seat is None:
        return web.json_response({"joined": False, "round": nonce or ""})
    live.presence.saw(seat.participant, nonce, live.clock())
    receipt = live.received(seat.participant, nonce)
    sent = receipt.at.isoformat() if receipt else ""
    shown = pages.results_mark(scenario)
    return web.json_response({"joined": True, "round": nonce or "", "sent": sent, "results": shown})
