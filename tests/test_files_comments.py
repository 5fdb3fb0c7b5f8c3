"""Finding comments: a `#` in a string is none."""

from __future__ import annotations

import pytest

from integrate_tui.files import has_comments


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("", False),
        ("# full line\n", True),
        ("   # indented\n", True),
        ("a = 1 # trailing\n", True),
        ('a = "no # comment here"\n', False),
        ("a = 'literal # too'\n", False),
        ('a = "escaped \\" quote # still inside"\n', False),
        ('a = "x" # after string\n', True),
        ("a = 'back\\' # literal ends at the quote\n", True),
        ('a = """\n# inside a multi-line string\n"""\n', False),
        ("a = '''\n# inside\n''' # after\n", True),
        ('a = """quoted ""\n"""" # after\n', True),
        ('a = """quoted ""\n""""\n', False),
        ('"key # quoted" = 1\n', False),
        ("[table] # header comment\n[[aot]]\nb = [\n  1, # item\n  2,\n]\n", True),
    ],
)
def test_has_comments(text: str, found: bool) -> None:
    assert has_comments(text) is found
