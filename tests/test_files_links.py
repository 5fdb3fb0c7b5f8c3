"""What a save does to links, permissions and ownership, as the README's "Saving" says
(issue 12, item 7)."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from integrate_tui.files import load, save


def changed(path: Path) -> None:
    scenario = load(path)
    scenario.meta.title = "Changed"
    save(scenario, path)


def test_a_hard_link_keeps_the_old_content(example_path: Path, tmp_path: Path) -> None:
    link = tmp_path / "hard.toml"
    os.link(example_path, link)
    before = link.read_bytes()
    changed(example_path)
    assert link.read_bytes() == before  # the link now names the old file
    assert load(example_path).meta.title == "Changed"
    assert example_path.stat().st_ino != link.stat().st_ino


def test_a_symlink_is_followed_and_survives(example_path: Path, tmp_path: Path) -> None:
    link = tmp_path / "soft.toml"
    link.symlink_to(example_path)
    changed(link)
    assert link.is_symlink() and link.resolve() == example_path.resolve()
    assert load(example_path).meta.title == "Changed"


def test_permissions_are_kept(example_path: Path) -> None:
    example_path.chmod(0o640)
    changed(example_path)
    assert stat.S_IMODE(example_path.stat().st_mode) == 0o640


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() != 0, reason="needs chown")
def test_ownership_becomes_the_saving_users(example_path: Path) -> None:
    os.chown(example_path, 12345, 12345)
    changed(example_path)
    info = example_path.stat()
    assert (info.st_uid, info.st_gid) == (os.geteuid(), os.getegid())
