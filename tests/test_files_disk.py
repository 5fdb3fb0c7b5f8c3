"""Fingerprints: a save refuses to replace a file that changed since it was read."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from integrate_tui.files import (
    ABSENT,
    ChangedOnDisk,
    check_unchanged,
    fingerprint,
    load_tracked,
    save,
)


def test_a_save_expecting_what_was_read_writes_and_returns_the_new_fingerprint(
    example_path: Path,
) -> None:
    scenario, read = load_tracked(example_path)
    assert read == fingerprint(example_path)
    written = save(scenario, example_path, expect=read)
    assert written == fingerprint(example_path)
    save(scenario, example_path, expect=written)  # the returned fingerprint is the next one


def test_an_edit_on_disk_refuses_the_save_and_keeps_the_edit(example_path: Path) -> None:
    scenario, read = load_tracked(example_path)
    edited = example_path.read_text(encoding="utf-8").replace("Riverton", "Rivertown")
    example_path.write_text(edited, encoding="utf-8")
    with pytest.raises(ChangedOnDisk, match="changed by another program or window"):
        save(scenario, example_path, expect=read)
    assert example_path.read_text(encoding="utf-8") == edited


def test_a_touch_is_not_a_change_but_a_deletion_is(example_path: Path) -> None:
    scenario, read = load_tracked(example_path)
    os.utime(example_path, ns=(read.mtime_ns + 10**9, read.mtime_ns + 10**9))
    check_unchanged(example_path, read)
    example_path.unlink()
    with pytest.raises(ChangedOnDisk, match="deleted or moved"):
        save(scenario, example_path, expect=read)
    assert not example_path.exists()


def test_absent_means_no_file_may_have_appeared(example_path: Path, tmp_path: Path) -> None:
    scenario, _ = load_tracked(example_path)
    target = tmp_path / "new.toml"
    save(scenario, target, expect=ABSENT)
    with pytest.raises(ChangedOnDisk, match="created by another program"):
        save(scenario, target, expect=ABSENT)
    assert fingerprint(tmp_path / "missing.toml") is None
