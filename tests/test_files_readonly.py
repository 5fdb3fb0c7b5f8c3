"""Read-only files stay read-only: save and fmt refuse them, even as root (issue 12, item 5)."""

from __future__ import annotations

import stat
from pathlib import Path

import pytest

from integrate_tui.cli import main
from integrate_tui.files import ScenarioSaveError, load, save, write_text_atomic

READ_ONLY = "is read-only; save under another name"


@pytest.fixture
def read_only(example_path: Path) -> Path:
    example_path.write_text(example_path.read_text().replace("1800", "1_800"))
    example_path.chmod(0o444)
    return example_path


def test_save_refuses_a_read_only_file(read_only: Path) -> None:
    before = read_only.read_bytes()
    scenario = load(read_only)
    scenario.meta.title = "Changed"
    with pytest.raises(ScenarioSaveError, match=READ_ONLY.replace("is", "the file is")):
        save(scenario, read_only)
    assert read_only.read_bytes() == before
    assert stat.S_IMODE(read_only.stat().st_mode) == 0o444
    assert [p.name for p in read_only.parent.iterdir()] == [read_only.name]


def test_a_read_only_target_of_a_symlink_is_refused_too(read_only: Path, tmp_path: Path) -> None:
    link = tmp_path / "link.toml"
    link.symlink_to(read_only)
    with pytest.raises(ScenarioSaveError, match="read-only"):
        save(load(link), link)


def test_write_text_atomic_refuses_a_read_only_file(read_only: Path) -> None:
    with pytest.raises(ScenarioSaveError, match="read-only"):
        write_text_atomic("x = 1\n", read_only)


def test_a_writable_file_is_still_saved(example_path: Path) -> None:
    example_path.chmod(0o644)
    save(load(example_path), example_path)
    assert stat.S_IMODE(example_path.stat().st_mode) == 0o644


def test_fmt_refuses_a_read_only_file_with_exit_2(read_only: Path, capsys) -> None:
    before = read_only.read_bytes()
    assert main(["fmt", str(read_only)]) == 2
    err = capsys.readouterr().err
    assert str(read_only) in err and "read-only" in err
    assert read_only.read_bytes() == before
    assert main(["fmt", "--check", str(read_only)]) == 1  # checking writes nothing: allowed


def test_optimise_write_refuses_a_read_only_copy(
    example_path: Path, tmp_path: Path, capsys
) -> None:
    out = tmp_path / "out.toml"
    out.write_text(example_path.read_text())
    out.chmod(0o444)
    assert main(["optimise", str(example_path), "--write", str(out)]) == 2
    assert "read-only" in capsys.readouterr().err
