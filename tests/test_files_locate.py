"""The line index: every kind of TOML key placement maps a field path to the right line."""

from __future__ import annotations

import pytest

from integrate_tui.files.locate import LineIndex


def line_of(text: str, snippet: str, nth: int = 1) -> int:
    """1-based line of the nth occurrence of `snippet` in `text`."""
    pos = -1
    for _ in range(nth):
        pos = text.index(snippet, pos + 1)
    return text.count("\n", 0, pos) + 1


@pytest.mark.parametrize(
    ("loc", "snippet", "nth"),
    [
        (("schema_version",), "schema_version", 1),
        (("meta", "title"), "title =", 1),
        (("meta",), "[meta]", 1),
        (("resources", 1, "capacity"), "capacity = 7.5", 1),
        (("resources", 1), "[[resources]]", 2),
        (("activities", 0, "cost", "budget"), "cost = { budget = 420", 1),
        (("activities", 1, "cost"), "cost = { budget = 150", 1),
        (("activities", 1, "funding"), "funding = 0.5", 1),
        (("activities", 1, "locked"), "[[activities]]", 2),  # absent key: the header
        (("interactions", 0, "between", 1), "between", 1),
        (("interests", 1, "cares", "openness"), "cares = { openness = 3", 1),
    ],
)
def test_example_paths(example_toml: str, loc: tuple, snippet: str, nth: int) -> None:
    assert LineIndex(example_toml).line_of(loc) == line_of(example_toml, snippet, nth)


def test_missing_top_level_key_has_no_line(example_toml: str) -> None:
    assert LineIndex(example_toml).line_of(("title",)) is None


SUBTABLES = """\
# a comment with = and [[activities]] in it
[[activities]]
id = "a"

[[activities]]   # trailing comment
id = "b"
notes = \"\"\"
[[activities]]
budget = 1
\"\"\"

[activities.cost]
staff = 2
  "budget" = 3

[[activities]]
id = "c"
'quoted.key' = 1
impact.openness = 4
impact . "pros perity" = 5
response = [
  [0, 0],  # start
  [1, 1],
]

[[workshop.participants]]
id = "ana"

[[workshop.participants]]
id = "ben"
interest = "business"
"""


@pytest.mark.parametrize(
    ("loc", "line"),
    [
        (("activities", 0, "id"), 3),
        (("activities", 1, "id"), 6),
        (("activities", 1, "notes"), 7),
        (("activities", 1, "cost"), 12),
        (("activities", 1, "cost", "staff"), 13),
        (("activities", 1, "cost", "budget"), 14),
        (("activities", 1, "cost", "missing"), 12),
        (("activities", 2), 16),
        (("activities", 2, "quoted.key"), 18),
        (("activities", 2, "impact", "openness"), 19),
        (("activities", 2, "impact", "pros perity"), 20),
        (("activities", 2, "response", 0), 22),
        (("activities", 2, "response", 1, 0), 23),
        (("workshop", "participants", 0, "id"), 27),
        (("workshop", "participants", 1, "interest"), 31),
        (("workshop", "participants", 1, "weights", "x"), 29),
    ],
)
def test_subtables_quotes_comments_and_multiline_values(loc: tuple, line: int) -> None:
    assert LineIndex(SUBTABLES).line_of(loc) == line


def test_inline_array_of_tables_and_crlf() -> None:
    text = "\r\n".join(
        [
            "schema_version = 1",
            "resources = [",
            '  { id = "a" },',
            '  { id = "b", capacity = 2 },',
            "]",
        ]
    )
    index = LineIndex(text)
    assert index.line_of(("resources", 1, "capacity")) == 4
    assert index.line_of(("resources", 0)) == 3


@pytest.mark.parametrize(
    "text", ["[", "a = ", "a = [1, }", 'a = "x', "[[a]]\nb = {", "= 1\n", "\x00"]
)
def test_broken_text_never_raises(text: str) -> None:
    LineIndex(text).line_of(("a", 0, "b"))
