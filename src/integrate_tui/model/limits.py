"""The bounds that keep a hostile or mistaken file from crashing, hanging or flooding anything.

Each limit sits far beyond what a real scenario needs; each refusal says which one was hit.
`preview` cuts the input an error message echoes, so a 1 MB value never fills a screen.
"""

from __future__ import annotations

import reprlib

MAX_DEPTH = 32
"""Deepest nesting of arrays and tables accepted; scenarios need 8, and parsers recurse."""

MAX_STEPS = 1000
"""Most funding steps from `min_funding` to `max_funding`: the optimiser's grid per activity."""

MAX_RESPONSE_POINTS = 100
"""Most `[funding, fraction]` points in a response curve; scoring costs grow with their square."""

PREVIEW_CHARS = 60
"""Longest echo of an input in a message, before it is cut with "…"."""

_REPR = reprlib.Repr()
_REPR.maxlevel, _REPR.maxlist, _REPR.maxdict = 3, 6, 4
_REPR.maxstring = _REPR.maxother = _REPR.maxlong = PREVIEW_CHARS


def cut(text: str, limit: int = PREVIEW_CHARS) -> str:
    """`text` itself, or its first `limit` characters and "…"."""
    return text if len(text) <= limit else text[:limit] + "…"


def preview(value: object) -> str:
    """A short repr of any input (`'abc…'`, `[1, 2, ...]`), at most about PREVIEW_CHARS long."""
    if isinstance(value, str):
        return repr(cut(value))
    return cut(_REPR.repr(value))
