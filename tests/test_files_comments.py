"""Comment counting: what a save would drop, and the warning that says so."""

from __future__ import annotations

from pathlib import Path

import pytest

from integrate_tui.files import comment_loss, comment_warning, count_comment_lines


@pytest.mark.parametrize(
    ("text", "count"),
    [
        ("", 0),
        ("# full line\n", 1),
        ("   # indented\n", 1),
        ("a = 1 # trailing\n", 1),
        ('a = "no # comment here"\n', 0),
        ("a = 'literal # too'\n", 0),
        ('a = "escaped \\" quote # still inside"\n', 0),
        ('a = "x" # after string\n', 1),
        ("a = 'back\\' # literal ends at the quote\n", 1),
        ('a = """\n# inside a multi-line string\n"""\n', 0),
        ("a = '''\n# inside\n''' # after\n", 1),
        ('a = """quoted ""\n"""" # after\n', 1),
        ('a = "unterminated # on purpose\nb = 2 # real\n', 1),
        ("[table] # header comment\n[[aot]]\nb = [\n  1, # item\n  2,\n]\n", 2),
    ],
)
def test_count_comment_lines(text: str, count: int) -> None:
    assert count_comment_lines(text) == count


def test_comment_loss_of_a_file(tmp_path: Path, example_toml: str) -> None:
    path = tmp_path / "riverton.toml"
    path.write_text("# Riverton\n" + example_toml.replace("weight = 3", "weight = 3  # top"))
    assert comment_loss(path) == 2


def test_comment_loss_is_zero_when_unreadable(tmp_path: Path) -> None:
    assert comment_loss(tmp_path / "missing.toml") == 0
    assert comment_loss(tmp_path) == 0
    (tmp_path / "bad.toml").write_bytes(b"# \xff\n")
    assert comment_loss(tmp_path / "bad.toml") == 0


def test_comment_warning() -> None:
    assert comment_warning(Path("/x/riverton.toml"), 12) == (
        "saving over riverton.toml drops its 12 comment lines (tomli-w writes no comments); "
        "keep prose in `notes` and `description` fields, which survive"
    )
    assert "its 1 comment line (" in comment_warning("riverton.toml", 1)
