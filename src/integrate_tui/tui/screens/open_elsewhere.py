"""The file is open in another window: open it read-only, open it anyway, or cancel."""

from __future__ import annotations

import datetime
import getpass
from typing import TYPE_CHECKING

from integrate_tui.tui.screens.choices import Choice, Choices

if TYPE_CHECKING:
    from integrate_tui.session import Holder

READ_ONLY, ANYWAY = "read-only", "anyway"


def where(holder: Holder) -> str:
    """Where and since when another instance has the file open, in words."""
    since = holder.since.astimezone()
    today = since.date() == datetime.date.today()
    when = since.strftime("%H:%M" if today else "%Y-%m-%d %H:%M")
    if not holder.here:
        return f"on {holder.host}" + (f" ({holder.user})" if holder.user else "") + f" since {when}"
    by = "" if holder.user in ("", _me()) else f" of {holder.user}"
    return f"in another window{by} since {when}"


def _me() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return ""


class OpenElsewhere(Choices):
    """Asked before opening a file that another running instance has open to change it."""

    def __init__(self, name: str, holders: list[Holder]) -> None:
        places = "; ".join(where(h) for h in holders)
        super().__init__(
            "Open in another window",
            f"{name} is open {places}. If both change it, a save in one would meet the "
            "other's changes on disk.",
            [
                Choice(READ_ONLY, "Open read-only", "look; save changes elsewhere", "primary"),
                Choice(ANYWAY, "Open anyway", "change it here too", "warning"),
                Choice("cancel", "Cancel", "do not open it"),
            ],
        )
