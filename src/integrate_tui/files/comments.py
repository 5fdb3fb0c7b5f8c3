"""Count the comments a save would drop: tomli-w writes none, so users must be warned first."""

from __future__ import annotations

import os
from pathlib import Path


def count_comment_lines(text: str) -> int:
    """Lines of TOML text that carry a comment, full-line or trailing, ignoring `#` in strings."""
    count = 0
    inside = ""  # the delimiter of the string being read, or "" outside strings
    for line in text.splitlines():
        if inside in ('"', "'"):  # single-line strings cannot continue past the line end
            inside = ""
        pos = 0
        while pos < len(line):
            if inside:
                if inside[0] == '"' and line[pos] == "\\":
                    pos += 2
                elif line.startswith(inside, pos):
                    pos += len(inside)
                    while len(inside) == 3 and line.startswith(inside[0], pos):
                        pos += 1  # `"""a""""`: extra quotes belong to the string
                    inside = ""
                else:
                    pos += 1
            elif line[pos] == "#":
                count += 1
                break
            else:
                quote = line[pos : pos + 3] if line.startswith(('"""', "'''"), pos) else line[pos]
                inside = quote if quote[0] in "\"'" else ""
                pos += len(quote)
    return count


def comment_loss(path: str | os.PathLike[str]) -> int:
    """How many comment lines saving over `path` would lose; 0 if it is absent or unreadable."""
    try:
        return count_comment_lines(Path(path).read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError):
        return 0


def comment_warning(path: str | os.PathLike[str], count: int) -> str:
    """The warning shown before a save that would drop `count` comment lines."""
    lines = "comment line" if count == 1 else "comment lines"
    return (
        f"saving over {Path(path).name} drops its {count} {lines} (tomli-w writes no comments); "
        "keep prose in `notes` and `description` fields, which survive"
    )
