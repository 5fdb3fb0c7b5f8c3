"""The one exception family users see: a title and a message written for the reader.

The app renders an `IntegrateError` as a dialog, the CLI as red lines on stderr with exit 2.
Anything else escaping is a bug.
"""

from __future__ import annotations


class IntegrateError(Exception):
    """An error with a message meant for the user, never a traceback."""

    title = "Error"

    def __init__(self, message: str, *, title: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        if title is not None:
            self.title = title

    def __str__(self) -> str:
        return self.message
