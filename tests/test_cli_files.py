"""The file sub-commands: validate, fmt, new, schema — exit codes and what they print."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from integrate_tui import __version__
from integrate_tui.bundled import bundled_path
from integrate_tui.cli import main
from integrate_tui.files import dumps, load, scenario_json_schema
from integrate_tui.files import loads as load_text


def run(*args: str) -> subprocess.CompletedProcess[str]:
    """The real console entry point in a subprocess, as a user's shell would run it."""
    return subprocess.run(
        [sys.executable, "-m", "integrate_tui", *args], capture_output=True, text=True, timeout=60
    )


def test_validate_valid_file_prints_ok_and_exits_0(example_path: Path) -> None:
    result = run("validate", str(example_path))
    assert result.returncode == 0
    assert result.stdout.strip() == f"ok: {example_path} (2 activities, 2 silos)"
    assert result.stderr == ""


def test_validate_invalid_file_names_line_and_exits_2(example_path: Path) -> None:
    text = example_path.read_text().replace("capacity = 1800", "capacity = -5")
    example_path.write_text(text)
    result = run("validate", str(example_path))
    assert result.returncode == 2
    line = text.splitlines().index("capacity = -5") + 1
    assert f"{example_path}:{line}: resources[0]" in result.stderr
    assert "must be ≥ 0" in result.stderr
    assert "Traceback" not in result.stderr


def test_validate_missing_file_exits_2_without_traceback(tmp_path: Path) -> None:
    result = run("validate", str(tmp_path / "nope.toml"))
    assert result.returncode == 2
    assert "nope.toml" in result.stderr
    assert "Traceback" not in result.stderr


def test_validate_json_lists_problems_with_positions(example_path: Path, capsys) -> None:
    example_path.write_text(example_path.read_text().replace('silo = "econ"', 'silo = "econn"'))
    assert main(["validate", "--json", str(example_path)]) == 2
    problems = json.loads(capsys.readouterr().out)
    assert len(problems) == 1
    problem = problems[0]
    assert set(problem) == {"file", "line", "column", "location", "message"}
    assert problem["file"] == str(example_path)
    assert "did you mean 'econ'" in problem["message"]
    assert isinstance(problem["line"], int)


def test_validate_json_is_empty_list_when_all_valid(example_path: Path, capsys) -> None:
    assert main(["validate", "--json", str(example_path), str(example_path)]) == 0
    assert json.loads(capsys.readouterr().out) == []


def test_validate_reports_every_file_and_fails_if_any_is_bad(
    example_path: Path, tmp_path: Path, capsys
) -> None:
    bad = tmp_path / "bad.toml"
    bad.write_text("schema_version = 1\n[meta\n")
    assert main(["validate", str(example_path), str(bad)]) == 2
    captured = capsys.readouterr()
    assert captured.out.startswith(f"ok: {example_path}")
    assert f"{bad}:2:" in captured.err


def test_fmt_check_lists_files_that_would_change_and_touches_none(
    example_path: Path, capsys
) -> None:
    before = example_path.read_bytes()
    assert main(["fmt", "--check", str(example_path)]) == 1
    assert f"would reformat {example_path}" in capsys.readouterr().out
    assert example_path.read_bytes() == before


def test_fmt_rewrites_canonically_then_check_passes(example_path: Path, capsys) -> None:
    assert main(["fmt", str(example_path)]) == 0
    assert example_path.read_text() == dumps(load(example_path))
    assert main(["fmt", "--check", str(example_path)]) == 0


def test_fmt_keeps_comments_and_is_idempotent(example_path: Path, capsys) -> None:
    text = example_path.read_text().replace("capacity = 1800", "capacity = 1_800  # FY27 budget")
    example_path.write_text("# keep me\n" + text)
    assert main(["fmt", str(example_path)]) == 0
    assert f"reformatted {example_path}" in capsys.readouterr().out
    formatted = example_path.read_text()
    assert formatted.startswith("# keep me\nschema_version = 1\n")
    assert "capacity = 1800  # FY27 budget\n" in formatted
    assert load(example_path) == load_text(text)
    assert main(["fmt", "--check", str(example_path)]) == 0
    assert main(["fmt", str(example_path)]) == 0
    assert example_path.read_text() == formatted


def test_fmt_invalid_file_exits_2_and_is_untouched(example_path: Path) -> None:
    example_path.write_text(example_path.read_text().replace("weight = 3", "weight = -3"))
    before = example_path.read_bytes()
    assert main(["fmt", str(example_path)]) == 2
    assert example_path.read_bytes() == before


@pytest.mark.parametrize("name", ["city-diplomacy", "national-statecraft"])
def test_bundled_scenarios_are_canonical(name: str) -> None:
    assert main(["fmt", "--check", str(bundled_path(name))]) == 0


@pytest.mark.parametrize("template", ["city-diplomacy", "national-statecraft", "blank"])
def test_new_writes_a_valid_scenario(template: str, tmp_path: Path) -> None:
    path = tmp_path / "sub" / "mine.toml"
    assert main(["new", str(path), "--template", template]) == 0
    assert load(path).activities


def test_new_refuses_to_overwrite_without_force(tmp_path: Path, capsys) -> None:
    path = tmp_path / "mine.toml"
    path.write_text("precious")
    assert main(["new", str(path)]) == 2
    assert "--force" in capsys.readouterr().err
    assert path.read_text() == "precious"
    assert main(["new", str(path), "--force"]) == 0
    assert load(path).meta.title


def test_schema_prints_the_models_json_schema(capsys) -> None:
    assert main(["schema"]) == 0
    assert json.loads(capsys.readouterr().out) == scenario_json_schema()


def test_version_and_usage_errors() -> None:
    assert run("--version").stdout.strip() == f"integrate-tui {__version__}"
    bad = run("validate")
    assert bad.returncode == 2
    assert "--help" in bad.stderr
    assert run("new", "x.toml", "--template", "nonsense").returncode == 2
