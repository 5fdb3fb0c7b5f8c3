"""Two instances on one file: their own recovery files, open markers, stale markers (pure)."""

from __future__ import annotations

import datetime
import json
import os
import socket
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from instance_support import end, other_instance
from integrate_tui.files import load
from integrate_tui.session import ReadOnly, Session
from integrate_tui.session.place import Place


@pytest.fixture
def running(example_path: Path) -> Iterator[tuple[subprocess.Popen[str], Path]]:
    """Another instance running on the example file, stopped after the test."""
    process, recovery = other_instance(example_path, "sister-cities", "running")
    yield process, recovery
    end(process)


def test_a_save_in_one_instance_keeps_another_instances_unsaved_work(example_path: Path) -> None:
    a = Session.from_file(example_path)
    a.claim()
    _, b_recovery = other_instance(example_path, "sister-cities", "killed")
    a.nudge("trade-missions", 1)
    assert a.autosave() != b_recovery
    a.save()
    assert b_recovery.exists() and not a.recovery_path.exists()

    c = Session.from_file(example_path)
    (found,) = c.pending_recoveries()
    assert found.path == b_recovery and found.before_file  # A saved after B's autosave
    assert c.restore_recovery(found.path)
    assert c.activity("sister-cities").funding == 0.6
    assert c.activity("trade-missions").funding == 0.8  # B's version, without A's change
    assert not b_recovery.exists() and c.recovery_path.exists()  # now c's own
    a.release()


def test_a_running_instances_recovery_is_neither_offered_nor_removed(
    example_path: Path, running: tuple[subprocess.Popen[str], Path]
) -> None:
    _, recovery = running
    c = Session.from_file(example_path)
    assert c.pending_recoveries() == []
    c.discard_recovery(recovery)
    assert recovery.exists()


def test_opening_a_file_open_in_another_instance_names_it(
    example_path: Path, running: tuple[subprocess.Popen[str], Path]
) -> None:
    process, _ = running
    c = Session.from_file(example_path)
    (holder,) = c.open_elsewhere()
    assert holder.pid == process.pid and holder.here and not holder.read_only
    assert (datetime.datetime.now().astimezone() - holder.since).total_seconds() < 120
    c.claim(read_only=True)
    d = Session.from_file(example_path)
    assert [h.pid for h in d.open_elsewhere()] == [process.pid]  # readers do not count
    c.release()


def test_a_killed_instances_marker_is_stale_and_removed(example_path: Path) -> None:
    _, recovery = other_instance(example_path, "sister-cities", "killed")
    markers = Place.of(example_path, None).markers()
    assert len(markers) == 1
    assert Session.from_file(example_path).open_elsewhere() == []
    assert Place.of(example_path, None).markers() == []
    assert recovery.exists()  # the marker goes; the unsaved work stays to be offered


def test_a_marker_with_a_reused_pid_or_from_another_host_long_ago_is_stale(
    example_path: Path,
) -> None:
    place = Place.of(example_path, None)
    record = {"host": socket.gethostname(), "user": "ana", "since": "2026-03-05T10:42:00+00:00"}
    reused = {**record, "pid": os.getppid(), "process": "another-boot:12", "read_only": False}
    place.marker("1-aaaaaa").write_text(json.dumps(reused))
    foreign = {**record, "host": "elsewhere.example", "pid": 1, "read_only": False}
    place.marker("2-bbbbbb").write_text(json.dumps(foreign))
    fresh = {**foreign, "pid": 3}
    place.marker("3-cccccc").write_text(json.dumps(fresh))
    os.utime(place.marker("2-bbbbbb"), (0, 0))
    (holder,) = Session.from_file(example_path).open_elsewhere()
    assert (holder.host, holder.pid, holder.here) == ("elsewhere.example", 3, False)
    assert [m for m, _ in place.markers()] == ["3-cccccc"]


def test_two_sessions_in_one_process_are_two_instances(example_path: Path) -> None:
    a, b = Session.from_file(example_path), Session.from_file(example_path)
    assert a.recovery_path != b.recovery_path
    a.claim()
    assert b.open_elsewhere()[0].instance == a.instance
    a.release()
    assert b.open_elsewhere() == []


def test_a_read_only_session_refuses_to_save_over_its_file(
    example_path: Path, tmp_path: Path
) -> None:
    s = Session.from_file(example_path)
    s.claim(read_only=True)
    s.nudge("trade-missions", 1)
    before = example_path.read_bytes()
    with pytest.raises(ReadOnly, match="opened read-only"):
        s.save()
    with pytest.raises(ReadOnly):
        s.save_workshop()
    assert example_path.read_bytes() == before
    copy = s.save_as(tmp_path / "mine.toml")
    assert not s.read_only and load(copy).activity("trade-missions").funding == 0.9
    assert [m for m, _ in Place.of(copy, None).markers()] == [s.instance]  # the marker moved
    assert Place.of(example_path, None).markers() == []
    s.release()
