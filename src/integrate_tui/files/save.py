"""Write a scenario in its canonical TOML form, atomically, so a save never leaves half a file.

The layout follows the model's field order (top-level keys, `[meta]`, then each array of
tables, then the workshop arrays), one blank line between blocks, defaults left out, one
line per key with maps as inline tables and arrays inline. tomli-w renders every scalar,
so quoting and escaping are its.
"""

from __future__ import annotations

import errno
import os
from typing import Any

import tomli_w
from pydantic import BaseModel

from integrate_tui.atomic import replace_atomically
from integrate_tui.files.disk import Fingerprint, check_unchanged, fingerprint
from integrate_tui.files.errors import ScenarioSaveError
from integrate_tui.files.locate import BARE_KEY
from integrate_tui.model import Scenario

_MAX_INT_FLOAT = 1e15
"""Integral floats below this are written as integers (`1800`, not `1800.0`): exact in both."""


_REASONS = {
    errno.EACCES: "permission denied (is the folder read-only?)",
    errno.EPERM: "permission denied (is the folder read-only?)",
    errno.EROFS: "the file system is read-only",
    errno.ENOSPC: "the disk is full",
    errno.ENOENT: "the folder does not exist",
    errno.ENOTDIR: "the folder does not exist",
    errno.EISDIR: "a folder of that name is in the way",
}


def dumps(scenario: Scenario) -> str:
    """The scenario as canonical TOML text: deterministic, and loads back equal."""
    return "\n\n".join(_blocks(scenario, ())) + "\n"


def save(
    scenario: Scenario, path: str | os.PathLike[str], *, expect: Fingerprint | None = None
) -> Fingerprint:
    """Write the scenario to `path` atomically, keeping an existing file's permissions.

    With `expect` (the fingerprint taken when the file was read, or `ABSENT` for "no file
    there"), the file must still hold those bytes, or `ChangedOnDisk` is raised and nothing
    is written; without it, whatever is there is replaced (recovery files). Returns the
    fingerprint of what was written, to expect at the next save.
    """
    text = dumps(scenario)
    if expect is not None:
        check_unchanged(path, expect)
    write_text_atomic(text, path)
    return fingerprint(path) or Fingerprint.of(text.encode("utf-8"), 0)


def write_text_atomic(text: str, path: str | os.PathLike[str]) -> None:
    """Replace `path` with `text` all at once (see `integrate_tui.atomic`).

    A failure raises `ScenarioSaveError` and leaves any previous file byte-for-byte intact.
    """
    name = os.fspath(path)
    try:
        data = text.encode("utf-8")
    except UnicodeEncodeError as error:
        reason = f"a text field cannot be written as UTF-8 ({error.reason})"
        raise ScenarioSaveError(name, reason) from None
    try:
        replace_atomically(name, data)
    except OSError as error:
        raise ScenarioSaveError(name, _reason(error)) from None


def _reason(error: OSError) -> str:
    """Why a write failed, in words: the folder is read-only, the disk is full…"""
    return _REASONS.get(error.errno or 0, error.strerror or str(error))


def _blocks(table: BaseModel, path: tuple[str, ...], *, in_array: bool = False) -> list[str]:
    """The table's own block (header and keys), then one block per sub-table and array entry."""
    present = table.model_dump(exclude_defaults=True)
    lines: list[str] = []
    blocks: list[str] = []
    for field in type(table).model_fields:
        if field not in present:
            continue
        value = getattr(table, field)
        if isinstance(value, BaseModel):
            blocks += _blocks(value, (*path, field))
        elif isinstance(value, list) and value and all(isinstance(v, BaseModel) for v in value):
            for item in value:
                blocks += _blocks(item, (*path, field), in_array=True)
        else:
            lines.append(f"{_key(field)} = {_value(present[field])}")
    if path and (lines or in_array or not blocks):  # an empty [workshop] still needs its header
        header = ".".join(_key(part) for part in path)
        lines.insert(0, f"[[{header}]]" if in_array else f"[{header}]")
    return ["\n".join(lines), *blocks] if lines else blocks


def _key(key: str) -> str:
    """A bare key when TOML allows one, else tomli-w's quoted form."""
    return key if BARE_KEY.fullmatch(key) else _value(key)


def _value(value: Any) -> str:
    """One value as TOML on one line: `{ a = 1, b = 2 }`, `[0, 0.5]`, scalars by tomli-w."""
    if isinstance(value, dict):
        if not value:
            return "{}"
        return "{ " + ", ".join(f"{_key(k)} = {_value(v)}" for k, v in value.items()) + " }"
    if isinstance(value, list):  # tomli-w would spread every array over several lines
        return "[" + ", ".join(_value(item) for item in value) + "]"
    return tomli_w.dumps({"v": _integral(value)}).removeprefix("v = ").removesuffix("\n")


def _integral(value: Any) -> Any:
    """An integral float as an int, so `1800.0` is written `1800`; anything else unchanged."""
    if isinstance(value, float) and value.is_integer() and abs(value) < _MAX_INT_FLOAT:
        return int(value)
    return value
