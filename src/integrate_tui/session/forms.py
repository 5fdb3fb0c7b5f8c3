"""What the edit forms show for each kind of entity, and how their text becomes data.

Each field is edited as text (or a choice or a switch); `parse` turns the text into the plain
value the model expects and raises `ValueError` with a reader's message when it cannot. The
model's own rules then judge the whole scenario, and `problems_by_field` places each of its
messages beside the field it is about.
"""

from __future__ import annotations

import tomllib
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from integrate_tui.engine.response import SHAPES
from integrate_tui.model import Problem, format_loc
from integrate_tui.model.limits import preview
from integrate_tui.model.nesting import text_too_deep, too_deep_message

TEXT, LONG, NUMBER, OPTIONAL, BOOL, TABLE, RESPONSE, PAIR, CHOICE, LIST = [
    "text",
    "long",
    "number",
    "optional",
    "bool",
    "table",
    "response",
    "pair",
    "choice",
    "list",
]


@dataclass(frozen=True)
class Field:
    """One field of a form: the model's key, its label, how it is edited, and a hint."""

    name: str
    label: str
    kind: str = TEXT
    hint: str = ""
    choices_from: str = ""  # for CHOICE and PAIR: the kind whose ids may be chosen


_ID = Field("id", "Id", hint="lowercase-with-dashes; renaming updates every reference")
_NAME = Field("name", "Name")
_DESCRIPTION = Field("description", "Description", LONG)

FORMS: dict[str, list[Field]] = {
    "activities": [
        _ID,
        _NAME,
        Field("silo", "Silo", CHOICE, choices_from="silos"),
        Field("kind", "Kind", hint="e.g. economic promotion, sister cities"),
        Field("funding", "Funding", NUMBER, "1 = fully funded as costed"),
        Field("min_funding", "Min funding", NUMBER),
        Field("max_funding", "Max funding", NUMBER, "up to 3"),
        Field("step", "Step", NUMBER, "funding moves in this step"),
        Field("cost", "Cost", TABLE, "resource = amount at funding 1, e.g. budget = 420"),
        Field("impact", "Impact", TABLE, "value = −5 … +5, e.g. prosperity = 4"),
        Field("support", "Support", TABLE, "interest = −2 … +2"),
        Field("response", "Response", RESPONSE, "linear, diminishing, threshold or [[0, 0], …]"),
        Field("locked", "Locked", BOOL, "the optimiser may not change it"),
        Field("notes", "Notes", LONG),
    ],
    "silos": [
        _ID,
        _NAME,
        _DESCRIPTION,
        Field("min_share", "Min share", OPTIONAL, "0 … 1 of each resource, or empty"),
        Field("max_share", "Max share", OPTIONAL, "0 … 1 of each resource, or empty"),
    ],
    "values": [_ID, _NAME, Field("weight", "Weight", NUMBER, "relative, ≥ 0"), _DESCRIPTION],
    "interests": [
        _ID,
        _NAME,
        Field("influence", "Influence", NUMBER, "political weight, ≥ 0"),
        Field("cares", "Cares", TABLE, "value = weight, e.g. prosperity = 4, openness = 1"),
        _DESCRIPTION,
    ],
    "resources": [
        _ID,
        _NAME,
        Field("unit", "Unit", hint="e.g. kUSD, FTE, days"),
        Field("capacity", "Capacity", NUMBER),
        _DESCRIPTION,
    ],
    "interactions": [
        Field("between", "Between", PAIR, "two activity ids, e.g. trade-missions, sister-cities"),
        Field("effect", "Effect", NUMBER, "−1 … +1: synergy > 0, interference < 0"),
        Field("note", "Note", LONG),
    ],
    "meta": [
        Field("title", "Title"),
        _DESCRIPTION,
        Field("unit_note", "Unit note", LONG),
        Field("authors", "Authors", LIST, "comma-separated"),
    ],
}

BLANK: dict[str, dict[str, Any]] = {
    "activities": {"id": "", "name": "", "silo": "", "funding": 0.0, "cost": {}, "impact": {}},
    "silos": {"id": "", "name": ""},
    "values": {"id": "", "name": "", "weight": 1.0},
    "interests": {"id": "", "name": "", "cares": {}},
    "resources": {"id": "", "name": "", "capacity": 0.0},
    "interactions": {"between": ["", ""], "effect": 0.0},
}
"""The data a new entity starts from: the required keys, empty for the user to fill in."""


def _number(value: Any) -> str:
    return f"{value:g}" if isinstance(value, int | float) else str(value)


def to_text(field: Field, value: Any) -> str:
    """The text a form shows for a field's current value."""
    if value is None:
        return ""
    if field.kind == TABLE:
        return ", ".join(f"{k} = {_number(v)}" for k, v in value.items())
    if field.kind in (NUMBER, OPTIONAL):
        return _number(value)
    if field.kind == RESPONSE and not isinstance(value, str):
        return "[" + ", ".join(f"[{_number(x)}, {_number(y)}]" for x, y in value) + "]"
    if field.kind in (PAIR, LIST):
        return ", ".join(value)
    return str(value)


def _toml(text: str) -> Any:
    """A typed-in TOML value; what cannot be read (deep nesting included) is a ValueError."""
    if text_too_deep(text) is not None:
        raise ValueError(f"cannot read {preview(text)}: {too_deep_message()}")
    try:
        return tomllib.loads(f"v = {text}")["v"]
    except tomllib.TOMLDecodeError as error:
        reason = str(error).split(" (at")[0]
        raise ValueError(f"cannot read {preview(text)}: {reason}") from None
    except (RecursionError, ValueError) as error:  # e.g. an integer too long to convert
        raise ValueError(f"cannot read {preview(text)}: {error}") from None


def _is_number(x: object) -> bool:
    return isinstance(x, int | float) and not isinstance(x, bool)


def _float(text: str) -> float:
    try:
        return float(text.strip().replace("−", "-"))
    except ValueError:
        raise ValueError(f"must be a number, not {text.strip()!r}") from None


def parse(field: Field, text: str) -> Any:
    """The plain value for a field's text, or ValueError saying what is wrong with it."""
    text = text.strip()
    if field.kind == NUMBER:
        return _float(text)
    if field.kind == OPTIONAL:
        return _float(text) if text else None
    if field.kind == TABLE:
        table = _toml("{" + text.replace("−", "-") + "}") if text else {}
        for key, value in table.items():
            if not _is_number(value):
                raise ValueError(f"{key} must be a number, not {value!r}")
        return {k: float(v) for k, v in table.items()}
    if field.kind == RESPONSE:
        if text in SHAPES:
            return text
        if not text.startswith("["):
            raise ValueError(f"use {', '.join(SHAPES)} or a list of [funding, fraction] points")
        points = _toml(text)
        if not all(isinstance(p, list) and all(_is_number(x) for x in p) for p in points):
            raise ValueError(
                "a response list holds [funding, fraction] points, e.g. [[0, 0], [1, 1]]"
            )
        return [[float(x) for x in point] for point in points]
    if field.kind in (PAIR, LIST):
        return [part.strip() for part in text.replace("+", ",").split(",") if part.strip()]
    return text


def problems_by_field(
    problems: Iterable[Problem], prefix: tuple[str | int, ...]
) -> tuple[dict[str, list[str]], list[str]]:
    """The model's problems about the entity at `prefix`, by field; the rest as whole lines."""
    mine: dict[str, list[str]] = {}
    others: list[str] = []
    for problem in problems:
        loc = problem.loc
        if loc[: len(prefix)] == prefix and len(loc) > len(prefix):
            mine.setdefault(str(loc[len(prefix)]), []).append(_detail(loc, prefix, problem))
        else:
            others.append(f"{format_loc(loc)}: {problem.message}")
    return mine, others


def _detail(loc: tuple[str | int, ...], prefix: tuple[str | int, ...], problem: Problem) -> str:
    rest = loc[len(prefix) + 1 :]
    return f"{'.'.join(map(str, rest))}: {problem.message}" if rest else problem.message
