"""Read a scenario file into a `Scenario`, or explain in the file's terms why it cannot be.

Every refusal is a `ScenarioFileError` whose problems name the file and, where it helps,
the line, the column and the entity (`activities[3] "trade-missions" → cost.budget`).
"""

from __future__ import annotations

import json
import os
import re
import stat
import sys
import tomllib
from collections.abc import Mapping
from typing import Any

from integrate_tui.files.disk import Fingerprint
from integrate_tui.files.errors import FileProblem, ScenarioFileError
from integrate_tui.files.locate import LineIndex
from integrate_tui.model import Problem, Scenario, ScenarioInvalid, format_loc, validate_scenario
from integrate_tui.model.checks import Loc, id_of
from integrate_tui.model.limits import cut
from integrate_tui.model.nesting import text_too_deep, too_deep_message

MAX_BYTES = 20 * 1024 * 1024
"""Largest scenario file accepted; real scenarios are kilobytes, so more means a wrong file."""

_LONG_NUMBER = re.compile(rf"[0-9A-Fa-f_]{{{sys.get_int_max_str_digits()},}}")
"""A run of digits longer than Python reads as an integer (tomllib then raises ValueError)."""

_SYNTAX_CHARS = 240
"""Longest tomllib message kept: some echo whole keys (`Cannot declare ('a', '…') twice`)."""

_TOML_POSITION = re.compile(
    r"^(?P<message>.*) \(at (?:line (?P<line>\d+), column (?P<col>\d+)|end of document)\)$", re.S
)


def load(path: str | os.PathLike[str]) -> Scenario:
    """Read, parse and validate the scenario file at `path`."""
    return load_tracked(path)[0]


def load_tracked(path: str | os.PathLike[str]) -> tuple[Scenario, Fingerprint]:
    """The scenario at `path` and the fingerprint of the very bytes it was read from."""
    name = os.fspath(path)
    data, mtime_ns = _read(name)
    return loads(_decode(data, name), name), Fingerprint.of(data, mtime_ns)


def loads(text: str, path: str = "<string>") -> Scenario:
    """Parse and validate scenario TOML text; `path` only names the source in problems."""
    text = text.removeprefix("\ufeff")
    if not text.strip():
        raise _refusal(path, "the file is empty; a scenario starts with `schema_version = 1`")
    data = _parse(text, path)
    try:
        return validate_scenario(data)
    except ScenarioInvalid as error:
        index = LineIndex(text)
        problems = [_validation_problem(p, data, index, path) for p in error.problems]
        raise ScenarioFileError(problems) from None


def _parse(text: str, path: str) -> dict[str, Any]:
    """The TOML document as data, after refusing nesting no parser should recurse into."""
    deep = text_too_deep(text)
    if deep is not None:
        raise _refusal(path, too_deep_message(), deep)
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise ScenarioFileError([_syntax_problem(error, text, path)]) from None
    except ValueError:  # an integer with more digits than Python converts
        long = _LONG_NUMBER.search(text)
        line = None if long is None else text.count("\n", 0, long.start()) + 1
        limit = sys.get_int_max_str_digits()
        raise _refusal(
            path, f"a number is too long to read (at most {limit} digits)", line
        ) from None
    except RecursionError:  # only if the scan above misread a string: refuse all the same
        raise _refusal(path, too_deep_message()) from None


def _refusal(
    path: str, message: str, line: int | None = None, column: int | None = None
) -> ScenarioFileError:
    """A one-problem error for a file refused as a whole (missing, empty, not UTF-8…)."""
    return ScenarioFileError([FileProblem(path, line, column, "", message)])


def _read(path: str) -> tuple[bytes, int]:
    """The file's bytes and modification time, after checking it is a readable file of a
    sensible size."""
    try:
        info = os.stat(path)
        if stat.S_ISDIR(info.st_mode):
            raise _refusal(path, "this is a folder, not a scenario file")
        if info.st_size > MAX_BYTES:
            raise _refusal(path, _too_big(info.st_size))
        with open(path, "rb") as file:
            mtime_ns = os.fstat(file.fileno()).st_mtime_ns
            data = file.read(MAX_BYTES + 1)
    except OSError as error:
        raise _refusal(path, _os_reason(error)) from None
    if len(data) > MAX_BYTES:
        raise _refusal(path, _too_big(len(data)))
    return data, mtime_ns


def _too_big(size: int) -> str:
    """Why an oversized file is refused: likely not a scenario at all."""
    return f"the file is {size / 2**20:.1f} MB; scenario files are at most {MAX_BYTES / 2**20:g} MB"


def _os_reason(error: OSError) -> str:
    """An OS error as words a user can act on, without errno jargon."""
    if isinstance(error, FileNotFoundError):
        return "no such file"
    if isinstance(error, IsADirectoryError):
        return "this is a folder, not a scenario file"
    if isinstance(error, PermissionError):
        return "permission denied: the file cannot be read"
    return f"cannot be read: {error.strerror or error}"


def _decode(data: bytes, path: str) -> str:
    """The bytes as UTF-8 text, or a refusal naming the first bad byte and its line."""
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as error:
        line_start = data.rfind(b"\n", 0, error.start) + 1
        line = data.count(b"\n", 0, error.start) + 1
        column = len(data[line_start : error.start].decode("utf-8")) + 1
        message = (
            f"not UTF-8 text: byte 0x{data[error.start]:02x} at offset {error.start} "
            "cannot be decoded; save the file as UTF-8"
        )
        raise _refusal(path, message, line, column) from None


def _syntax_problem(error: tomllib.TOMLDecodeError, text: str, path: str) -> FileProblem:
    """`path:line:col: message` from tomllib's "message (at line L, column C)" text."""
    match = _TOML_POSITION.match(str(error))
    if match is None:
        return FileProblem(path, None, None, "", cut(f"TOML syntax error: {error}", _SYNTAX_CHARS))
    if match["line"] is None:  # "at end of document"
        line, column = text.count("\n") + 1, len(text) - text.rfind("\n")
    else:
        line, column = int(match["line"]), int(match["col"])
    return FileProblem(path, line, column, "", cut(match["message"], _SYNTAX_CHARS))


def _validation_problem(
    problem: Problem, data: Mapping[str, Any], index: LineIndex, path: str
) -> FileProblem:
    """A model problem placed in the file: its line and a location naming the entity."""
    return FileProblem(
        path, index.line_of(problem.loc), None, describe(problem.loc, data), problem.message
    )


def describe(loc: Loc, data: Mapping[str, Any]) -> str:
    """`activities[3] "trade-missions" → cost.budget`: the entity, its id, then the field."""
    first_index = next((i for i, part in enumerate(loc) if isinstance(part, int)), None)
    if first_index is None:
        return format_loc(loc)
    entity, rest = loc[: first_index + 1], loc[first_index + 1 :]
    text = format_loc(entity)
    entity_id = id_of(data, entity)
    if entity_id is not None:
        text += f" {json.dumps(cut(entity_id), ensure_ascii=False)}"
    return f"{text} → {format_loc(rest)}" if rest else text
