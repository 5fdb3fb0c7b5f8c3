"""Where a TOML text's tables, keys and comments are, found without parsing any value.

A save that keeps a user's comments needs to know which lines belong to which entry
(`activities[3]`, `[meta]`), and `fmt` needs each comment's place (above a key, after it,
before a table). One pass over the text finds every header, every key of a table (its
first key part and where its lines end) and every comment line, and settles once what a
blank line means:

- comment lines directly above a header or a key (no blank line between) are its *lead*
  and go with it: deleted with the entry, moved with it;
- comment lines directly below a table's last key, up to a blank line, are its *trailer*;
- other comment blocks are *free*: kept where they are, before what follows them.

It expects text that tomllib accepts, with `\\n` line ends, and raises `LayoutError` on a
line it cannot place.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field

Path = tuple[str | int, ...]
"""A table's place in the data: `("activities", 3, "cost")`, `("meta",)`, `()` at the top."""

BLANK = ""
"""Stands for a blank line between comment lines."""

_KEY = r"""[A-Za-z0-9_-]++|"(?:[^"\\\n]++|\\.)*+"|'[^'\n]*+'"""
_KEY_PART = re.compile(_KEY)
_HEADER = re.compile(
    rf"(\[\[?)[ \t]*((?:{_KEY})(?:[ \t]*\.[ \t]*(?:{_KEY}))*)[ \t]*(\]\]?)[ \t]*(#[^\n]*)?(?:\n|$)"
)
_INDENT = re.compile(r"[ \t]*")
_STRING = (
    r'"""(?:[^"\\]|\\[\s\S]|"(?!""))*"{3,5}'  # multi-line basic, ending in up to 2 own quotes
    r"|'''[\s\S]*?'{3,5}"
    r'|"(?:[^"\\\n]++|\\.)*+"'
    r"|'[^'\n]*'"
)
_TOKEN = re.compile(
    rf"(?P<nl>\n)|(?P<comment>#[^\n]*)|(?P<open>[\[{{])|(?P<close>[\]}}])|(?P<str>{_STRING})"
)
_STRING_OR_COMMENT = re.compile(rf"(?P<str>{_STRING})|#")
_ONE_LINE = re.compile(r"""(?:[^"'#\n]++|"(?:[^"\\\n]++|\\.)*+"|'[^'\n]*+')*+(?:\n|$)""")
"""A value of plain characters and one-line strings, no comment, ending its line."""
_PLAIN_KEY = re.compile(
    rf"""[ \t]*+({_KEY})(?:[^"'#\n\[\]{{}}]++|"(?:[^"\\\n]++|\\.)*+"|'[^'\n]*+')*+(?:\n|$)"""
)
"""A whole `key = value` line without brackets or comments: most lines, read in one match."""
_BARE = re.compile(r"[A-Za-z0-9_-]+")

_Line = tuple[int, int, str]
"""A comment or blank line: where it starts and ends, and its comment (BLANK if none)."""


class LayoutError(ValueError):
    """The text has a line this scanner cannot place (it is not TOML that tomllib accepts)."""


@dataclass(slots=True)
class Statement:
    """One `key = value` of a table: its first key part, its lines and its comments."""

    key: str
    start: int
    end: int
    above: list[str] = field(default_factory=list)
    inline: str | None = None
    inner: list[str] = field(default_factory=list)


@dataclass
class Section:
    """A header and the keys under it; the keys before any header are the section `()`."""

    path: Path
    is_array: bool
    start: int
    header_end: int
    end: int = 0
    lead: list[str] = field(default_factory=list)
    header_comment: str | None = None
    statements: list[Statement] = field(default_factory=list)
    trailer: list[str] = field(default_factory=list)


@dataclass
class Layout:
    """The sections of a text in order, and the comment lines after the last one's trailer."""

    sections: list[Section]
    tail: list[str]


def has_comments(text: str) -> bool:
    """True when TOML text has a comment, full-line or trailing (a `#` in a string is none)."""
    if "#" not in text:
        return False
    return any(m.lastgroup != "str" for m in _STRING_OR_COMMENT.finditer(text))


def scan(text: str) -> Layout:
    """The sections, keys and comments of `text`, in order."""
    return _Scanner(text).run()


def entry_of(path: Path) -> Path:
    """The table or array entry a section belongs to: `("activities", 3)` for
    `[activities.cost]` under the fourth `[[activities]]`, `("meta",)` for `[meta]`."""
    for depth, part in enumerate(path):
        if isinstance(part, int):
            return path[: depth + 1]
    return path[:1]


def key_part(raw: str) -> str:
    """A key part's name: bare as written, a quoted one unescaped as TOML reads it."""
    if raw[0] not in "\"'":
        return raw
    return tomllib.loads(f"k = {raw}")["k"]


class _Scanner:
    """One pass: line by line between keys, token by token inside a key's value."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.sections = [Section((), False, 0, 0)]
        self.pending: list[_Line] = []
        self.array_index: dict[Path, int] = {}

    def run(self) -> Layout:
        text, pos, size = self.text, 0, len(self.text)
        plain = _PLAIN_KEY.match
        while pos < size:
            line = plain(text, pos)
            if line is not None and not self.pending:
                self.sections[-1].statements.append(Statement(key_part(line[1]), pos, line.end()))
                pos = line.end()
                continue
            first = _INDENT.match(text, pos).end()  # type: ignore[union-attr]
            char = text[first] if first < size else "\n"
            if char == "\n":
                self.pending.append((pos, first + 1, BLANK))
                pos = first + 1
            elif char == "#":
                end = text.find("\n", first) + 1 or size
                self.pending.append((pos, end, text[first:end].rstrip()))
                pos = end
            elif char == "[":
                pos = self._header(pos, first)
            else:
                pos = self._statement(pos, first)
        trailer, tail = self._take_trailer(at_end=True)
        self._close(trailer)
        return Layout(self.sections, _comments(tail))

    def _header(self, line_start: int, first: int) -> int:
        match = _HEADER.match(self.text, first)
        if match is None:
            raise LayoutError(f"unreadable table header at offset {first}")
        trailer, rest = self._take_trailer()
        self._close(trailer)
        free, lead = _split_lead(rest)
        is_array = match[1] == "[["
        name = match[2]
        bare = _BARE.fullmatch(name)
        parts = [name] if bare else [key_part(m[0]) for m in _KEY_PART.finditer(name)]
        path = self._resolve(parts, is_array)
        section = Section(path, is_array, lead[0][0] if lead else line_start, match.end())
        section.lead = _joined(free, lead)
        section.header_comment = match[4].rstrip() if match[4] else None
        self.sections.append(section)
        return match.end()

    def _statement(self, line_start: int, first: int) -> int:
        key = _KEY_PART.match(self.text, first)
        if key is None:
            raise LayoutError(f"unreadable key at offset {first}")
        statement = Statement(key_part(key[0]), line_start, 0)
        self.sections[-1].statements.append(statement)
        if self.pending:
            statement.above = _joined(*_split_lead(self.pending))
            self.pending = []
        line = _ONE_LINE.match(self.text, key.end())
        if line is not None:
            value = line[0]
            if value.count("[") + value.count("{") == value.count("]") + value.count("}"):
                statement.end = line.end()
                return statement.end
        pos, depth = key.end(), 0
        while True:
            token = _TOKEN.search(self.text, pos)
            if token is None:
                pos = len(self.text)
                break
            kind, pos = token.lastgroup, token.end()
            if kind == "nl" and depth == 0:
                break
            if kind == "open":
                depth += 1
            elif kind == "close":
                depth = max(depth - 1, 0)
            elif kind == "comment":
                if depth:
                    statement.inner.append(token[0].rstrip())
                else:
                    statement.inline = token[0].rstrip()
        statement.end = pos
        return pos

    def _resolve(self, parts: list[str], is_array: bool) -> Path:
        """The concrete path of a header: each array of tables on the way gets its index."""
        path: list[str | int] = []
        for part in parts[:-1]:
            path.append(part)
            index = self.array_index.get(tuple(path))
            if index is not None:
                path.append(index)
        path.append(parts[-1])
        if is_array:
            key = tuple(path)
            self.array_index[key] = self.array_index.get(key, -1) + 1
            path.append(self.array_index[key])
        return tuple(path)

    def _take_trailer(self, *, at_end: bool = False) -> tuple[list[_Line], list[_Line]]:
        """Pending lines as (the comments right below the current table's keys; the rest).

        Comments that run on to the next header, with no blank line, lead that header.
        """
        pending, self.pending = self.pending, []
        section = self.sections[-1]
        if not section.path and not section.statements:
            return [], pending  # nothing above them to trail: a file's opening comments
        cut = 0
        while cut < len(pending) and pending[cut][2] != BLANK:
            cut += 1
        if cut == len(pending) and not at_end:
            return [], pending
        return pending[:cut], pending[cut:]

    def _close(self, trailer: list[_Line]) -> None:
        """Settle where the current section's own text ends: after its trailer or last key."""
        section = self.sections[-1]
        section.trailer = _comments(trailer)
        if trailer:
            section.end = trailer[-1][1]
        elif section.statements:
            section.end = section.statements[-1].end
        else:
            section.end = section.header_end


def _split_lead(lines: list[_Line]) -> tuple[list[_Line], list[_Line]]:
    """Comment lines before something as (free blocks, the lead directly above it)."""
    cut = len(lines)
    while cut and lines[cut - 1][2] != BLANK:
        cut -= 1
    return lines[:cut], lines[cut:]


def _joined(free: list[_Line], lead: list[_Line]) -> list[str]:
    """Free blocks, a blank line, then the lead: how they are written back."""
    blocks = _comments(free)
    return [*blocks, BLANK, *_comments(lead)] if blocks else _comments(lead)


def _comments(lines: list[_Line]) -> list[str]:
    """Comment lines with one BLANK between groups and none at either end."""
    out: list[str] = []
    for _, _, text in lines:
        if text != BLANK or (out and out[-1] != BLANK):
            out.append(text)
    while out and out[-1] == BLANK:
        out.pop()
    return out
