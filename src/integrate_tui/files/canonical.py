"""A scenario's canonical TOML form: the layout every new or uncommented file is written in.

The layout follows the model's field order (top-level keys, `[meta]`, then each array of
tables, then the workshop arrays), one blank line between blocks, defaults left out, one
line per key with maps as inline tables and arrays inline. Scalars are written exactly as
tomli-w writes them: ints, floats and plain strings directly (the common case, and most of
the time of a save), anything else through tomli-w itself.
"""

from __future__ import annotations

import functools
import inspect
import re
import types
import typing
from collections.abc import Collection, Mapping
from dataclasses import dataclass
from typing import Any

import tomli_w
from pydantic import BaseModel

from integrate_tui.files.layout import Path
from integrate_tui.files.locate import BARE_KEY
from integrate_tui.model import Scenario

_MAX_INT_FLOAT = 1e15
"""Integral floats below this are written as integers (`1800`, not `1800.0`): exact in both."""

_PLAIN_STRING = re.compile(r'[^"\\\x00-\x08\x0a-\x1f\x7f]*')
"""Text tomli-w writes as-is between double quotes: no quote, backslash or control character."""


@dataclass(frozen=True, slots=True)
class Block:
    """One table of the canonical text: where it is in the data, its header and key lines."""

    path: Path
    header: str | None
    lines: list[tuple[str, str]]

    def text(self) -> str:
        """The block as TOML lines, header first."""
        lines = [line for _, line in self.lines]
        return "\n".join([self.header, *lines] if self.header else lines)


def dumps(scenario: Scenario) -> str:
    """The scenario as canonical TOML text: deterministic, and loads back equal."""
    return "\n\n".join(block.text() for block in blocks(scenario)) + "\n"


def blocks(
    table: BaseModel,
    path: Path = (),
    *,
    in_array: bool = False,
    keep: Mapping[Path, Collection[str]] | None = None,
) -> list[Block]:
    """The table's own block, then one block per sub-table and array entry, in file order.

    `keep` names fields to write even at their default value, by block path (`fmt` keeps a
    default the user wrote when a comment is attached to it).
    """
    present = table.model_dump(exclude_defaults=True)
    kept = keep.get(path, ()) if keep else ()
    if kept:
        extra = table.model_dump(include=set(kept) - set(present), exclude_none=True)
        present.update(extra)
    lines: list[tuple[str, str]] = []
    found: list[Block] = []
    for name, kind, key in _layout(type(table)):
        if name not in present:
            continue
        if kind == "table":
            found += blocks(getattr(table, name), (*path, name), keep=keep)
        elif kind == "entries" and present[name]:
            for index, item in enumerate(getattr(table, name)):
                found += blocks(item, (*path, name, index), in_array=True, keep=keep)
        else:
            lines.append((name, f"{key} = {value_text(present[name])}"))
    if not path or not (lines or in_array or not found):  # an empty [workshop] keeps its header
        return [Block(path, None, lines), *found] if lines else found
    names = ".".join(key_text(part) for part in path if isinstance(part, str))
    header = f"[[{names}]]" if in_array else f"[{names}]"
    return [Block(path, header, lines), *found]


def field_kind(cls: type[BaseModel], name: str) -> tuple[str, type[BaseModel] | None]:
    """How a field is written: "entries" (an array of tables), "container" (a table holding
    such arrays, like `[workshop]`), "table", or "value" (one line); with its model class."""
    annotation = cls.model_fields[name].annotation
    if typing.get_origin(annotation) in (typing.Union, types.UnionType):
        options = [a for a in typing.get_args(annotation) if a is not type(None)]
        annotation = options[0] if len(options) == 1 else annotation
    if typing.get_origin(annotation) is list:
        (item,) = typing.get_args(annotation) or (None,)
        if inspect.isclass(item) and issubclass(item, BaseModel):
            return "entries", item
    if inspect.isclass(annotation) and issubclass(annotation, BaseModel):
        inner = (field_kind(annotation, f)[0] for f in annotation.model_fields)
        return ("container" if "entries" in inner else "table"), annotation
    return "value", None


@functools.cache
def _layout(cls: type[BaseModel]) -> list[tuple[str, str, str]]:
    """Each field of a table in order: its name, "table", "entries" or "value", and its key."""
    kinds = {name: field_kind(cls, name)[0] for name in cls.model_fields}
    return [
        (name, "table" if kind == "container" else kind, key_text(name))
        for name, kind in kinds.items()
    ]


@functools.lru_cache(maxsize=4096)
def key_text(key: str) -> str:
    """A bare key when TOML allows one, else tomli-w's quoted form."""
    return key if BARE_KEY.fullmatch(key) else value_text(key)


def value_text(value: Any) -> str:
    """One value as TOML on one line: `{ a = 1, b = 2 }`, `[0, 0.5]`, scalars as tomli-w."""
    kind = type(value)
    if kind is str and _PLAIN_STRING.fullmatch(value):
        return f'"{value}"'
    if kind is float:
        if value.is_integer() and abs(value) < _MAX_INT_FLOAT:
            return str(int(value))
        return str(value)
    if kind is int:
        return str(value)
    if kind is dict:
        if not value:
            return "{}"
        return "{ " + ", ".join(f"{key_text(k)} = {value_text(v)}" for k, v in value.items()) + " }"
    if kind is list or kind is tuple:  # tomli-w would spread a long array over several lines
        return "[" + ", ".join(value_text(item) for item in value) + "]"
    return tomli_w.dumps({"v": value}).removeprefix("v = ").removesuffix("\n")
