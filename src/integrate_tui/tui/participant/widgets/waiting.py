"""The calm page shown when there is nothing to submit: no round open, or a discussion."""

from __future__ import annotations

from textual.widgets import Static

from integrate_tui.workshop.room import OpenRound


def waiting_text(current: OpenRound | None, every: float) -> str:
    """What to tell the participant while there is nothing for them to send."""
    later = (
        f"This page looks for the next round every {every:g} seconds and changes by itself "
        "when there is something for you to give."
    )
    if current is None:
        return f"No round is open right now.\n\n{later}"
    return f"This round is a discussion: nothing to send. Talk it through in the room.\n\n{later}"


class Waiting(Static):
    """A short, unhurried message; the screen swaps it for a form when a round needs input."""

    DEFAULT_CSS = """
    Waiting { height: auto; padding: 1 2; margin: 1 0; border: round $primary-muted; }
    """
