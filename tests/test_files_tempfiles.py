"""No stray temp files: a killed save's temp file goes at the next save, only once its writer
is gone (issue 12, item 6)."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

from integrate_tui.atomic import remove_stale_temps
from integrate_tui.files import load, save

DEAD_PID = 4_194_305  # above Linux's largest pid (2**22): never a running process
OLD = time.time() - 3600


def temp(folder: Path, name: str, *, age: float = OLD) -> Path:
    path = folder / name
    path.write_text("half a save")
    os.utime(path, (age, age))
    return path


def names(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


@pytest.mark.skipif(os.name != "posix", reason="pids are checked with os.kill(pid, 0)")
def test_a_dead_writers_temp_file_goes_at_the_next_save(example_path: Path) -> None:
    folder = example_path.parent
    temp(folder, f".riverton.toml.{DEAD_PID}.0123456789ab.tmp")
    save(load(example_path), example_path)
    assert names(folder) == ["riverton.toml"]


def test_what_is_left_alone(example_path: Path) -> None:
    folder = example_path.parent
    keep = [
        temp(folder, f".riverton.toml.{os.getpid()}.0123456789ab.tmp"),  # a live writer
        temp(folder, f".riverton.toml.{DEAD_PID}.ba9876543210.tmp", age=time.time()),  # fresh
        temp(folder, ".riverton.toml.0123456789ab.tmp", age=time.time()),  # legacy, fresh
        temp(folder, f".other.toml.{DEAD_PID}.0123456789ab.tmp"),  # another file's
        temp(folder, ".riverton.toml.notes.tmp"),  # not a name we make
    ]
    assert remove_stale_temps(example_path) == []
    assert all(path.exists() for path in keep)


def test_legacy_temp_files_go_once_old(example_path: Path) -> None:
    folder = example_path.parent
    temp(folder, ".riverton.toml.0123456789ab.tmp")
    assert remove_stale_temps(example_path) == [".riverton.toml.0123456789ab.tmp"]
    assert names(folder) == ["riverton.toml"]


def test_temp_files_name_their_writer(example_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    seen: list[str] = []
    real_replace = os.replace

    def spy(source: str, target: str) -> None:
        seen.append(os.path.basename(source))
        real_replace(source, target)

    monkeypatch.setattr(os, "replace", spy)
    save(load(example_path), example_path)
    (name,) = seen
    assert name.startswith(f".riverton.toml.{os.getpid()}.") and name.endswith(".tmp")
