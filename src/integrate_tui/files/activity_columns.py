"""The columns of an activity row, one definition shared by export and import.

An activity's scalar fields are columns of their own name (`funding`, `min_funding`, …);
its maps are one column per entry, `cost_<resource>`, `impact_<value>` and
`support_<interest>` (ids never contain `_`, so the split is unambiguous). Columns the
export adds from the engine (`silo_name`, `used_<resource>`, `score`) are read-only: import
skips them. A response is its shape name or its points as JSON (`[[0, 0], [1, 1]]`).
"""

from __future__ import annotations

import json

SCALARS = (
    "silo",
    "id",
    "name",
    "kind",
    "funding",
    "min_funding",
    "max_funding",
    "step",
    "locked",
    "response",
    "notes",
)
"""Every scalar field of an activity, each a column of that name."""
NUMBERS = frozenset({"funding", "min_funding", "max_funding", "step"})
TEXTS = frozenset({"name", "kind", "notes"})
"""Free text: written as given (with a formula guard, see `guard`)."""
MAPS = ("cost", "impact", "support")
"""Map fields, one column per entry: `cost_budget` is `cost.budget`."""

SILO_NAME, SCORE, USED = "silo_name", "score", "used"
READ_ONLY = frozenset({SILO_NAME, SCORE})
"""Columns computed for the reader; `used_<resource>` columns are read-only too."""

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "'")
"""What makes a spreadsheet read a CSV cell as a formula; `'` so the guard can be undone."""


def map_column(field: str, key: str) -> str:
    """The column of one map entry: `cost`, `budget` → `cost_budget`."""
    return f"{field}_{key}"


def split_column(column: str) -> tuple[str, str | None]:
    """`cost_budget` → (`cost`, `budget`); a scalar or unknown name → (name, None)."""
    if column in SCALARS or column in READ_ONLY:
        return column, None
    field, sep, key = column.partition("_")
    if sep and (field in MAPS or field == USED):
        return field, key
    return column, None


def is_read_only(column: str) -> bool:
    """Whether import skips the column: the export computed it from the engine."""
    return column in READ_ONLY or split_column(column)[0] == USED


def response_text(response: str | list[list[float]]) -> str:
    """A response as one cell: `diminishing`, or its points as JSON."""
    return response if isinstance(response, str) else json.dumps(response)


def guard(text: str) -> str:
    """Free text as a CSV cell a spreadsheet will not run: `=SUM(…)` becomes `'=SUM(…)`."""
    return "'" + text if text.startswith(_FORMULA_START) else text


def unguard(text: str) -> str:
    """Undo `guard`: one leading `'` is dropped (Excel shows such a cell without it, too)."""
    return text[1:] if text.startswith("'") else text
