"""Loading: good files load, and every way a file can be unreadable is refused in plain words."""

from __future__ import annotations

import importlib
import os
from pathlib import Path

import pytest

from integrate_tui.errors import IntegrateError
from integrate_tui.files import FileProblem, ScenarioFileError, load, loads

# `integrate_tui.files.load` the attribute is the function; the module is only in sys.modules.
load_module = importlib.import_module("integrate_tui.files.load")


def only_problem(error: pytest.ExceptionInfo[ScenarioFileError]) -> FileProblem:
    assert len(error.value.problems) == 1, error.value.problems
    return error.value.problems[0]


def test_example_loads(example_path: Path) -> None:
    scenario = load(example_path)
    assert scenario.meta.title.startswith("Riverton")
    assert [a.id for a in scenario.activities] == ["trade-missions", "sister-cities"]
    assert scenario.activity("sister-cities").response[2] == [0.6, 0.7]


def test_byte_order_mark_is_accepted(example_path: Path, example_toml: str) -> None:
    example_path.write_bytes(b"\xef\xbb\xbf" + example_toml.encode())
    assert load(example_path) == loads(example_toml)


def test_syntax_error_is_path_line_column(tmp_path: Path, example_toml: str) -> None:
    path = tmp_path / "broken.toml"
    text = example_toml.replace("capacity = 7.5", "capacity = 7 .5")
    path.write_text(text)
    with pytest.raises(ScenarioFileError) as error:
        load(path)
    problem = only_problem(error)
    line = text.splitlines().index("capacity = 7 .5") + 1
    assert (problem.file, problem.line, problem.column) == (str(path), line, 14)
    assert str(problem) == f"{path}:{line}:14: {problem.message}"
    assert "(at line" not in problem.message
    assert str(error.value) == str(problem)
    assert isinstance(error.value, IntegrateError)


def test_syntax_error_at_end_of_document() -> None:
    with pytest.raises(ScenarioFileError) as error:
        loads('schema_version = 1\ntitle = "unterminated', "x.toml")
    problem = only_problem(error)
    assert (problem.line, problem.column) == (2, 22)
    assert str(problem) == "x.toml:2:22: Unterminated string"


def test_missing_file(tmp_path: Path) -> None:
    path = tmp_path / "nope.toml"
    with pytest.raises(ScenarioFileError) as error:
        load(path)
    assert str(error.value) == f"{path}: no such file"


def test_directory(tmp_path: Path) -> None:
    with pytest.raises(ScenarioFileError, match="is a folder, not a scenario file"):
        load(tmp_path)


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root reads any file")
def test_unreadable(example_path: Path) -> None:
    example_path.chmod(0)
    with pytest.raises(ScenarioFileError, match="permission denied"):
        load(example_path)


def test_not_utf8_names_offset_and_line(tmp_path: Path) -> None:
    path = tmp_path / "latin1.toml"
    path.write_bytes('schema_version = 1\n[meta]\ntitle = "Zürich"\n'.encode("latin-1"))
    with pytest.raises(ScenarioFileError) as error:
        load(path)
    problem = only_problem(error)
    assert (problem.line, problem.column) == (3, 11)
    assert "not UTF-8" in problem.message
    assert "byte 0xfc at offset 36" in problem.message
    assert str(problem).startswith(f"{path}:3:11: not UTF-8 text")


@pytest.mark.parametrize("content", ["", "  \n\t\n"])
def test_empty_file(tmp_path: Path, content: str) -> None:
    path = tmp_path / "empty.toml"
    path.write_text(content)
    with pytest.raises(ScenarioFileError, match="the file is empty"):
        load(path)


def test_oversized_file_refused_before_reading(
    example_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(load_module, "MAX_BYTES", 100)
    with pytest.raises(ScenarioFileError, match=r"scenario files are at most .* MB"):
        load(example_path)


def test_problem_as_dict_and_message_lists_every_problem(example_toml: str) -> None:
    text = example_toml.replace("capacity = 1800", "capacity = -1").replace(
        "capacity = 7.5", "capacity = -2"
    )
    with pytest.raises(ScenarioFileError) as error:
        loads(text, "r.toml")
    lines = str(error.value).splitlines()
    assert lines == [
        'r.toml:11: resources[0] "budget" → capacity: must be ≥ 0, not -1',
        'r.toml:17: resources[1] "staff" → capacity: must be ≥ 0, not -2',
    ]
    assert error.value.problems[0].as_dict() == {
        "file": "r.toml",
        "line": 11,
        "column": None,
        "location": 'resources[0] "budget" → capacity',
        "message": "must be ≥ 0, not -1",
    }


def test_permission_error_while_opening(
    example_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def refuse(*args: object, **kwargs: object) -> None:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(load_module, "open", refuse, raising=False)
    with pytest.raises(ScenarioFileError) as error:
        load(example_path)
    assert str(error.value) == f"{example_path}: permission denied: the file cannot be read"
