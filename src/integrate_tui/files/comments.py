"""Comments are user data: find each one's place, and write the canonical form with them kept.

`fmt` lays a commented file out canonically (the order, spacing and value spelling of a file
written from scratch) and puts every comment back beside what it annotated:

- comments above a key stay above it, a comment after a value stays after it;
- comments directly above a table header stay above it, and blank-line-separated comment
  blocks keep their blank lines; comments after a table's last key stay below it;
- comments inside a value that the canonical form writes on one line (a multi-line array,
  a `[activities.cost]` sub-table, dotted keys) move above that key's line;
- a key written at its default value is kept when a comment is attached to it.

The result loads back equal to the scenario, and formatting it again changes nothing.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from integrate_tui.errors import IntegrateError
from integrate_tui.files.canonical import Block, blocks, dumps
from integrate_tui.files.layout import (
    BLANK,
    LayoutError,
    Path,
    Section,
    entry_of,
    has_comments,
    scan,
)
from integrate_tui.model import Scenario


class CommentsNotKept(IntegrateError):
    """The text with its comments kept would not load back as the scenario: nothing written."""

    title = "Comments not kept"

    def __init__(self, why: str) -> None:
        super().__init__(f"its comments could not be kept ({why})")


@dataclass
class Notes:
    """The comments of one table or array entry, by where they sit."""

    lead: list[str] = field(default_factory=list)
    header: str | None = None
    above: dict[str, list[str]] = field(default_factory=dict)
    inline: dict[str, str] = field(default_factory=dict)
    trailer: list[str] = field(default_factory=list)

    def fields(self) -> list[str]:
        """The keys that carry a comment, in the order they came."""
        return list(dict.fromkeys([*self.above, *self.inline]))

    def add(self, key: str, above: list[str], inline: str | None = None) -> None:
        """Attach comments to `key`; a key written in several places gets them all above."""
        if key in self.above or key in self.inline:
            lines = self.above.setdefault(key, [])
            if key in self.inline:
                lines.append(self.inline.pop(key))
            lines += above + ([inline] if inline else [])
        else:
            if above:
                self.above[key] = above
            if inline:
                self.inline[key] = inline

    def flattened(self) -> list[str]:
        """Every comment line, in order, for a table the canonical form does not write."""
        lines = [*self.lead, *([self.header] if self.header else [])]
        for key in self.fields():
            lines += self.above.get(key, []) + ([self.inline[key]] if key in self.inline else [])
        return [line for line in lines + self.trailer if line != BLANK]


def format_text(text: str, scenario: Scenario) -> str:
    """`scenario` (loaded from `text`) in canonical form, with `text`'s comments kept.

    Raises `CommentsNotKept` rather than return text that would not load back equal.
    """
    from integrate_tui.files.load import loads

    if not has_comments(text):
        return dumps(scenario)
    try:
        layout = scan(text.removeprefix("\ufeff").replace("\r\n", "\n"))
    except LayoutError as error:
        raise CommentsNotKept(str(error)) from None
    notes = collect(layout.sections)
    keep = {path: note.fields() for path, note in notes.items()}
    result = weave(blocks(scenario, keep=keep), notes, layout.tail) + "\n"
    if loads(result) != scenario:
        raise CommentsNotKept("the result would not load back the same")
    return result


def collect(sections: list[Section]) -> dict[Path, Notes]:
    """The comments of each table and entry (`("activities", 3)`), from its sections."""
    notes: dict[Path, Notes] = {}
    for section in sections:
        entry = entry_of(section.path)
        note = notes.setdefault(entry, Notes())
        if section.path == entry:
            note.lead += section.lead
            note.header = section.header_comment
            for statement in section.statements:
                note.add(statement.key, statement.above + statement.inner, statement.inline)
            note.trailer += section.trailer
        else:  # a sub-table such as [activities.cost]: its comments go above that key
            note.add(str(section.path[len(entry)]), comments_of([section]))
    return {path: note for path, note in notes.items() if note.flattened()}


def weave(found: list[Block], notes: dict[Path, Notes], tail: list[str]) -> str:
    """The blocks as text, each comment put back beside its table or key (no final newline)."""
    notes, tail = _rehome(found, notes, tail)
    texts = []
    for block in found:
        note = notes.get(block.path, Notes())
        lines = list(note.lead)
        if block.header:
            lines.append(f"{block.header}  {note.header}" if note.header else block.header)
        for key, line in block.lines:
            lines += note.above.get(key, [])
            lines.append(f"{line}  {note.inline[key]}" if key in note.inline else line)
        texts.append("\n".join(lines + note.trailer))
    return "\n\n".join(texts + (["\n".join(tail)] if tail else []))


def _rehome(
    found: list[Block], notes: dict[Path, Notes], tail: list[str]
) -> tuple[dict[Path, Notes], list[str]]:
    """Move the comments of tables and keys the canonical form writes elsewhere above what
    replaces them (an inline `meta = {…}` becomes `[meta]`; an empty `[workshop]` above its
    entries loses its header); with nothing to go above, to the end of the text."""
    lines = {block.path: {key for key, _ in block.lines} for block in found}
    moved = {path: note for path, note in notes.items() if path in lines}
    above: dict[Path, list[str]] = {}
    tail = list(tail)
    for path, note in notes.items():
        if path not in lines:
            homeless = [(path, note.flattened())]
        else:
            homeless = []
            for key in [k for k in note.fields() if k not in lines[path]]:
                inline = note.inline.pop(key, None)
                lines_of_key = note.above.pop(key, []) + ([inline] if inline else [])
                homeless.append(((*path, key), lines_of_key))
        for where, comments in homeless:
            home = next((b.path for b in found if b.path[: len(where)] == where), None)
            if home is None:
                tail += comments
            else:
                above.setdefault(home, []).extend(comments)
    for home, comments in above.items():
        target = moved.setdefault(home, Notes())
        target.lead[:0] = comments
    return moved, tail


def comments_of(sections: list[Section]) -> list[str]:
    """Every comment line of the sections, in order (blank lines dropped)."""
    lines: list[str] = []
    for section in sections:
        lines += section.lead + ([section.header_comment] if section.header_comment else [])
        for statement in section.statements:
            lines += statement.above + statement.inner
            lines += [statement.inline] if statement.inline else []
        lines += section.trailer
    return [line for line in lines if line != BLANK]
