"""Find the source line of a field path in TOML text, so a problem can point at its line.

tomllib returns plain data without positions, so this module scans the text once for
table headers, keys and array elements and indexes each by its path, e.g.
`('activities', 3, 'cost', 'budget')` → line 42. It expects text tomllib has accepted;
on anything else it indexes what it can and never raises.
"""

from __future__ import annotations

import bisect
import re
import tomllib

from integrate_tui.model.checks import Loc

BARE_KEY = re.compile(r"[A-Za-z0-9_-]+")
"""A TOML bare key: what may stand unquoted on the left of `=`."""
_SCALAR_END = re.compile(r"[,\]}#\r\n]")
_SPACE = " \t"


class LineIndex:
    """Lines of every table header, key and array element of a TOML text, by field path."""

    def __init__(self, text: str) -> None:
        self._lines = _Scanner(text).scan()

    def line_of(self, loc: Loc) -> int | None:
        """1-based line of `loc`, else of its nearest indexed ancestor (key, then header)."""
        for end in range(len(loc), 0, -1):
            line = self._lines.get(loc[:end])
            if line is not None:
                return line
        return None


class _Scanner:
    """A single pass over TOML text recording where each path is defined."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.pos = 0
        self.newlines = [match.start() for match in re.finditer("\n", text)]
        self.lines: dict[Loc, int] = {}
        self.table: Loc = ()
        self.aot_sizes: dict[Loc, int] = {}

    def scan(self) -> dict[Loc, int]:
        """Index the whole text, statement by statement."""
        while self._skip_blank(newlines=True):
            start = self.pos
            try:
                self._statement()
            except (IndexError, ValueError, tomllib.TOMLDecodeError):
                self.pos = start
            self._next_line()
        return self.lines

    def _statement(self) -> None:
        """One header or key/value line, dispatched on its first character."""
        if self.text.startswith("[[", self.pos):
            self._header(array=True)
        elif self.text.startswith("[", self.pos):
            self._header(array=False)
        else:
            self._key_value(self.table)

    def _line(self) -> int:
        """The 1-based line of the current position."""
        return bisect.bisect_left(self.newlines, self.pos) + 1

    def _record(self, loc: Loc, line: int) -> None:
        """Remember where `loc` is first defined; later ones do not move it."""
        self.lines.setdefault(loc, line)

    def _next_line(self) -> None:
        """Move past the rest of the current line: whitespace, a comment, or unparsed text."""
        end = self.text.find("\n", self.pos)
        self.pos = len(self.text) if end < 0 else end + 1

    def _skip_blank(self, *, newlines: bool) -> bool:
        """Skip spaces and comments (and newlines if allowed); False at the end of the text."""
        text = self.text
        while self.pos < len(text):
            char = text[self.pos]
            if char in _SPACE or (newlines and char in "\r\n"):
                self.pos += 1
            elif char == "#" and newlines:
                end = text.find("\n", self.pos)
                self.pos = len(text) if end < 0 else end
            else:
                return True
        return False

    def _header(self, *, array: bool) -> None:
        """`[a.b]` or `[[a.b]]`: the table that the following keys belong to."""
        line = self._line()
        self.pos += 2 if array else 1
        self._skip_blank(newlines=False)
        parts = self._key()
        for end in range(1, len(parts)):  # `[values.0]` defines `values` too (as a table)
            self._record(self._resolve(parts[:end]), line)
        if not array:
            self.table = self._resolve(parts)
            self._record(self.table, line)
            return
        base = (*self._resolve(parts[:-1]), parts[-1])
        size = self.aot_sizes.get(base, 0)
        self.aot_sizes[base] = size + 1
        self.table = (*base, size)
        self._record(base, line)
        self._record(self.table, line)

    def _resolve(self, parts: tuple[str, ...]) -> Loc:
        """A header's path, with the current index inserted after each array of tables."""
        loc: Loc = ()
        for part in parts:
            loc = (*loc, part)
            if loc in self.aot_sizes:
                loc = (*loc, self.aot_sizes[loc] - 1)
        return loc

    def _key(self) -> tuple[str, ...]:
        """A possibly dotted, possibly quoted key, ending after its last part."""
        parts = [self._key_part()]
        self._skip_blank(newlines=False)
        while self.text.startswith(".", self.pos):
            self.pos += 1
            self._skip_blank(newlines=False)
            parts.append(self._key_part())
            self._skip_blank(newlines=False)
        return tuple(parts)

    def _key_part(self) -> str:
        """One bare or quoted key part, unquoted and unescaped as tomllib would."""
        quote = self.text[self.pos]
        if quote in "\"'":
            start = self.pos
            self._single_line_string(quote)
            return tomllib.loads(f"k = {self.text[start : self.pos]}")["k"]
        match = BARE_KEY.match(self.text, self.pos)
        if match is None:
            raise ValueError("not a key")
        self.pos = match.end()
        return match.group()

    def _key_value(self, table: Loc) -> None:
        """`key = value` inside `table`, recording every dotted prefix of the key."""
        line = self._line()
        parts = self._key()
        if not self.text.startswith("=", self.pos):
            raise ValueError("no '=' after a key")
        for end in range(1, len(parts) + 1):
            self._record((*table, *parts[:end]), line)
        self.pos += 1
        self._skip_blank(newlines=False)
        self._value((*table, *parts))

    def _value(self, loc: Loc) -> None:
        """Any value, recording its line; arrays and inline tables index their contents."""
        self._record(loc, self._line())
        text, char = self.text, self.text[self.pos]
        if text.startswith(('"""', "'''"), self.pos):
            self._multiline_string(text[self.pos : self.pos + 3])
        elif char in "\"'":
            self._single_line_string(char)
        elif char == "[":
            self._array(loc)
        elif char == "{":
            self._inline_table(loc)
        else:
            end = _SCALAR_END.search(text, self.pos)
            if end is not None and end.start() == self.pos:
                raise ValueError("a value is missing")
            self.pos = len(text) if end is None else end.start()

    def _array(self, loc: Loc) -> None:
        """`[a, b, …]`, possibly over several lines with comments: each element by index."""
        self.pos += 1
        index = 0
        while self._skip_blank(newlines=True) and self.text[self.pos] != "]":
            self._value((*loc, index))
            index += 1
            self._skip_blank(newlines=True)
            if self.text.startswith(",", self.pos):
                self.pos += 1
        self.pos += 1

    def _inline_table(self, loc: Loc) -> None:
        """`{ k = v, … }`: each key under `loc`."""
        self.pos += 1
        while self._skip_blank(newlines=True) and self.text[self.pos] != "}":
            self._key_value(loc)
            self._skip_blank(newlines=True)
            if self.text.startswith(",", self.pos):
                self.pos += 1
        self.pos += 1

    def _single_line_string(self, quote: str) -> None:
        """Skip a basic (with escapes) or literal string on one line."""
        pos = self.pos + 1
        while self.text[pos] != quote:
            pos += 2 if quote == '"' and self.text[pos] == "\\" else 1
        self.pos = pos + 1

    def _multiline_string(self, delimiter: str) -> None:
        """Skip a triple-quoted string, which may span lines."""
        pos = self.pos + 3
        while not self.text.startswith(delimiter, pos):
            pos += 2 if delimiter == '"""' and self.text[pos] == "\\" else 1
        pos += 3
        for _ in range(2):  # up to two quotes may sit just before the closing delimiter
            if self.text.startswith(delimiter[0], pos):
                pos += 1
        self.pos = pos
