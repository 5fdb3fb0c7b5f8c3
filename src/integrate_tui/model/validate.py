"""Turn raw parsed data into a `Scenario`, rewriting pydantic's errors in the file's vocabulary.

Every problem keeps its field path; messages say what is wrong in TOML terms ("must be ≥ 0",
"unknown key 'capcity' — did you mean 'capacity'?") rather than pydantic's.
"""

from __future__ import annotations

import types
import typing
from collections.abc import Mapping
from difflib import get_close_matches
from typing import Any

from pydantic import BaseModel, ValidationError

from integrate_tui.model.base import SLUG_HELP
from integrate_tui.model.checks import Loc, Problem, ScenarioInvalid
from integrate_tui.model.limits import preview
from integrate_tui.model.nesting import data_too_deep, too_deep_message
from integrate_tui.model.scenario import SCHEMA_VERSION, Scenario
from integrate_tui.model.union_tags import split_loc

_TYPE_NAMES = {
    "float_type": "a number",
    "int_type": "a whole number",
    "string_type": "text in quotes",
    "bool_type": "true or false",
    "list_type": "a list [...]",
    "dict_type": "a table",
    "model_type": "a table",
    "model_attributes_type": "a table",
    "date_type": "a date (YYYY-MM-DD)",
    "datetime_type": "a date and time (YYYY-MM-DDTHH:MM:SS)",
}


_DEEP_LOC = 4
"""How much of a too-deep path a problem names: the field, not 32 levels of it."""


def validate_scenario(data: Mapping[str, Any]) -> Scenario:
    """Build a scenario from parsed TOML data, or raise `ScenarioInvalid` listing every problem."""
    deep = data_too_deep(data)
    if deep is not None:
        raise ScenarioInvalid([Problem(deep[:_DEEP_LOC], too_deep_message())])
    _check_version(data)
    try:
        return Scenario.model_validate(data)
    except ValidationError as error:
        raise ScenarioInvalid(problems_from(error)) from None


def _check_version(data: Mapping[str, Any]) -> None:
    """Refuse a missing or newer `schema_version` before validating anything else."""
    version = data.get("schema_version")
    if version is None:
        raise ScenarioInvalid(
            [
                Problem(
                    ("schema_version",),
                    f"missing: add `schema_version = {SCHEMA_VERSION}` at the top",
                )
            ]
        )
    if isinstance(version, int) and not isinstance(version, bool) and version > SCHEMA_VERSION:
        raise ScenarioInvalid(
            [
                Problem(
                    ("schema_version",),
                    f"this file needs a newer integrate-tui (schema_version {version}; "
                    f"this version reads up to {SCHEMA_VERSION})",
                )
            ]
        )


def problems_from(error: ValidationError) -> list[Problem]:
    """One readable problem per pydantic error, leaving out union branches that do not apply.

    Never an empty list: should every error look like another branch's, all are kept.
    """
    details = error.errors(include_url=False)
    kept = [detail for detail in details if not _other_branch(detail)]
    return [_problem(detail) for detail in kept or details]


def _other_branch(detail: Any) -> bool:
    """A union member's refusal of the whole input when it plainly was meant as another member.

    `response = "cubic"` fails as a shape name and as a point list; only the first is useful.
    Errors inside a member (`response[1]` of a point list) always count.
    """
    if not split_loc(detail["loc"])[1]:
        return False
    text = isinstance(detail.get("input"), str)
    return (detail["type"] == "literal_error" and not text) or (
        detail["type"] == "list_type" and text
    )


def _problem(detail: Any) -> Problem:
    """One pydantic error detail as a problem in the file's vocabulary."""
    loc = split_loc(detail["loc"])[0]
    kind, ctx, value = detail["type"], detail.get("ctx", {}), detail.get("input")
    if kind == "extra_forbidden":
        return Problem(loc, _unknown_key(loc))
    if kind == "missing":
        return Problem(loc, f"required key {loc[-1]!r} is missing")
    if kind in _TYPE_NAMES:
        return Problem(loc, f"must be {_TYPE_NAMES[kind]}, not {_show(value)}")
    if kind == "finite_number":
        return Problem(loc, f"must be a finite number, not {_show(value)}")
    bounds = {
        "greater_than_equal": "≥",
        "less_than_equal": "≤",
        "greater_than": ">",
        "less_than": "<",
    }
    if kind in bounds:
        limit = next(iter(ctx.values()))
        return Problem(loc, f"must be {bounds[kind]} {limit:g}, not {_show(value)}")
    if kind == "string_pattern_mismatch":
        return Problem(loc, f"{preview(value)} is not a valid id: use {SLUG_HELP}")
    if kind == "literal_error" and loc[-1] == "response":
        return Problem(
            loc,
            f"must be {ctx.get('expected')}, or a list of [funding, fraction] points"
            f", not {_show(value)}",
        )
    if kind == "literal_error":
        return Problem(loc, f"must be one of {ctx.get('expected')}, not {_show(value)}")
    if kind == "too_short":
        return Problem(
            loc, f"needs at least {ctx.get('min_length')} item(s), has {ctx.get('actual_length')}"
        )
    if kind == "too_long":
        return Problem(
            loc, f"takes at most {ctx.get('max_length')} item(s), has {ctx.get('actual_length')}"
        )
    if kind == "string_too_short":
        return Problem(loc, "must not be empty")
    if kind == "value_error":
        return Problem(loc, str(ctx.get("error", "")) or detail["msg"])
    return Problem(loc, detail["msg"])


def _show(value: Any) -> str:
    """The offending input in TOML words: `text 'x'`, `a table`, or a short repr."""
    if isinstance(value, str):
        return f"text {preview(value)}"
    if isinstance(value, Mapping):
        return "a table"
    return preview(value)


def _unknown_key(loc: Loc) -> str:
    """'unknown key' with the nearest allowed key, or every allowed key of that table."""
    key = str(loc[-1])
    model = _model_at(loc[:-1])
    allowed = sorted(model.model_fields) if model else []
    close = get_close_matches(key, allowed, n=1, cutoff=0.6)
    if close:
        return f"unknown key {preview(key)} — did you mean {close[0]!r}?"
    return f"unknown key {preview(key)} (allowed: {', '.join(allowed)})"


def _model_at(loc: Loc) -> type[BaseModel] | None:
    """The model class whose table a location points at, following field annotations."""
    model: type[BaseModel] | None = Scenario
    for part in loc:
        if isinstance(part, int) or model is None:
            continue
        field = model.model_fields.get(part)
        model = _model_in(field.annotation) if field else None
    return model


def _model_in(annotation: Any) -> type[BaseModel] | None:
    """The first model class inside an annotation (itself, a list of it, or a union member)."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    if typing.get_origin(annotation) in (list, typing.Union, types.UnionType):
        for arg in typing.get_args(annotation):
            found = _model_in(arg)
            if found:
                return found
    return None
