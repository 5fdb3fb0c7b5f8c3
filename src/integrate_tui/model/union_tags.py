"""Tell pydantic's union members apart from the file's own keys in an error's location.

For a union field pydantic puts the member it tried into the location:
`('activities', 1, 'response', 'list[list[constrained-float]]', 1)`. A key in the file can
be spelt like any of those (`int = 1`, `"a[b]" = 2`), so the members are found by their
place, not their spelling: the part right after a field whose annotation is a union.
"""

from __future__ import annotations

import types
import typing
from collections.abc import Sequence
from typing import Any

from pydantic import BaseModel

from integrate_tui.model.checks import Loc
from integrate_tui.model.scenario import Scenario


def split_loc(raw: Sequence[str | int]) -> tuple[Loc, bool]:
    """The location without union members, and whether it ended at one.

    Ending at a member means that member refused the union's input as a whole (a shape
    name given a list), rather than something inside it (point 1 of a point list).
    """
    kept: list[str | int] = []
    annotation: Any = Scenario
    member_next = ended_at_member = False
    for part in raw:
        if member_next:
            member_next, ended_at_member, annotation = False, True, None
            continue
        kept.append(part)
        ended_at_member = False
        annotation = _inner(annotation, part)
        member_next = _is_union(annotation)
    return tuple(kept), ended_at_member


def _inner(annotation: Any, part: str | int) -> Any:
    """The annotation of what `part` selects inside a value of `annotation` (None: unknown)."""
    annotation = _unwrapped(annotation)
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        field = annotation.model_fields.get(part) if isinstance(part, str) else None
        return field.annotation if field else None
    origin, args = typing.get_origin(annotation), typing.get_args(annotation)
    if origin is list and isinstance(part, int) and args:
        return args[0]
    if origin is dict and len(args) == 2:
        return args[1]
    return None


def _unwrapped(annotation: Any) -> Any:
    """`X` for `Annotated[X, ...]` and for `X | None`; anything else unchanged."""
    annotation = _strip_annotated(annotation)
    members = _members(annotation)
    return _unwrapped(members[0]) if len(members) == 1 else annotation


def _members(annotation: Any) -> list[Any]:
    """The members of a union other than None; [] when it is no union."""
    if typing.get_origin(annotation) not in (typing.Union, types.UnionType):
        return []
    return [a for a in typing.get_args(annotation) if a is not type(None)]


def _is_union(annotation: Any) -> bool:
    """True for a union of two or more types besides None, where pydantic names members."""
    return len(_members(_strip_annotated(annotation))) >= 2


def _strip_annotated(annotation: Any) -> Any:
    """`X` for `Annotated[X, ...]`."""
    while typing.get_origin(annotation) is typing.Annotated:
        annotation = typing.get_args(annotation)[0]
    return annotation
