"""Refuse nesting deeper than `MAX_DEPTH`, in TOML text before parsing and in parsed data.

tomllib, pydantic and `repr` all recurse once per level, so 600 nested `[` end in a
RecursionError. `text_too_deep` scans the text in one pass without recursion (skipping
strings and comments) so a parser never sees such a file; `data_too_deep` does the same
for data that did not come from text (dotted keys also nest without brackets).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from integrate_tui.model.checks import Loc
from integrate_tui.model.limits import MAX_DEPTH

_BRACKET = re.compile(
    r"(?:"
    r'"""(?:[^\\"]|\\.?|"(?!""))*+(?:""""{0,2}|\Z)'  # multi-line strings, to their end
    r"|'''(?:[^']|'(?!''))*+(?:''''{0,2}|\Z)"
    r'|"(?:[^"\\\n]|\\[^\n]?)*+(?:"|$)'  # one-line strings, to the end of the line at most
    r"|'[^'\n]*+(?:'|$)"
    r"|#[^\n]*+"  # comments
    r"|[^\[\]{}\"'#]++"  # anything else that cannot nest
    r")*+"
    r"([\[\]{}])",  # the next bracket outside strings and comments
    re.S | re.M,
)
"""Everything up to the next bracket that counts, skipped by the regex engine itself.

Every alternative is possessive and matches whatever follows its first character (a string
runs to its closing quote, or the end of its line or of the text), so the scan is linear.
"""


def too_deep_message() -> str:
    """What every refusal of deep nesting says."""
    return f"nesting deeper than {MAX_DEPTH} (arrays and tables inside one another)"


def text_too_deep(text: str) -> int | None:
    """The 1-based line where brackets first nest deeper than `MAX_DEPTH`, or None."""
    depth, pos = 0, 0
    while (found := _BRACKET.match(text, pos)) is not None:  # anchored: never inside a string
        pos = found.end()
        if found[1] in "[{":
            depth += 1
            if depth > MAX_DEPTH:
                return text.count("\n", 0, pos) + 1
        else:
            depth = max(depth - 1, 0)
    return None


def data_too_deep(data: Mapping[str, Any]) -> Loc | None:
    """The path of the first table or array nested deeper than `MAX_DEPTH`, or None."""
    stack: list[tuple[Loc, Mapping[Any, Any] | list[Any]]] = [((), data)]
    while stack:
        loc, node = stack.pop()
        if len(loc) >= MAX_DEPTH:
            return loc
        items = node.items() if isinstance(node, Mapping) else enumerate(node)
        stack.extend(((*loc, k), v) for k, v in items if isinstance(v, Mapping | list))
    return None
