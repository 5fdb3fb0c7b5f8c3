"""Questions shown from a key's own handler, their answers awaited later, by a worker.

A dialog pushed with `push_screen_wait` from a worker appears only when the worker first
runs, after the keys already typed behind the one that opened it: they are lost or land on
the screen behind. `ask` pushes the dialog now and hands back a future of its answer; a
flow is a plain method that shows its first question before it returns and hands back an
awaitable of the rest (`after` chains the next step, at once when nothing was asked).
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from typing import Any, TypeVar

from textual.app import App
from textual.screen import Screen

R = TypeVar("R")
T = TypeVar("T")


def ask(app: App[Any], dialog: Screen[Any]) -> asyncio.Future[Any]:
    """Show `dialog` now; its answer (None on Escape) is the future's result.

    From a key's handler the dialog is up before the next key is handled, so the keys
    typed after it go to it (`push_screen_wait` would push it only when its worker first
    runs, after the keys already typed)."""
    answer: asyncio.Future[Any] = asyncio.get_running_loop().create_future()

    def answered(result: object) -> None:
        if not answer.done():  # a cancelled flow no longer waits
            answer.set_result(result)

    app.push_screen(dialog, answered)
    return answer


def answered(value: R) -> asyncio.Future[R]:
    """An answer known at once: the flow asked nothing."""
    done: asyncio.Future[R] = asyncio.get_running_loop().create_future()
    done.set_result(value)
    return done


def after(first: Awaitable[T], then: Callable[[T], Awaitable[R]]) -> Awaitable[R]:
    """`then(answer)` once `first` is answered; at once when `first` asked nothing, so the
    question `then` starts with is shown from the same handler."""
    if isinstance(first, asyncio.Future) and first.done():
        return then(first.result())

    async def chained() -> R:
        return await then(await first)

    return chained()


def if_yes(first: Awaitable[bool], then: Callable[[], Awaitable[R]], otherwise: R) -> Awaitable[R]:
    """`then()` once `first` is true, else `otherwise` (at once when `first` asked nothing)."""
    return after(first, lambda yes: then() if yes else answered(otherwise))
