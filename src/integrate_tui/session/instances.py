"""Which running instances have a work open: open markers, and whether their writers live.

An instance that opens a file writes a marker beside it (see `session.place`): a small JSON
record of its host, user, process id, process start and opening time, and whether it
opened read-only. Its recovery file carries the same id, so whether that instance is still
running decides both "is this file open elsewhere?" and "is this recovery file orphaned?".

A marker is live while its writer runs. On this host that is checked directly: the process
exists and started when the marker says (so a reused process id, after a reboot or in a
container, is not mistaken for it); in this process, while the session still holds it.
From another host (a shared drive) processes cannot be seen, so a marker is live while its
writer keeps refreshing it, which the app does on every autosave tick. A marker that is not
live is stale: ignored, and removed when found.
"""

from __future__ import annotations

import contextlib
import datetime
import getpass
import json
import os
import socket
import time
from dataclasses import dataclass
from pathlib import Path

from integrate_tui.atomic import replace_atomically
from integrate_tui.session.place import Place

FOREIGN_STALE_SECONDS = 300.0
"""A marker from another host not refreshed for this long belongs to an instance gone."""

_held: set[str] = set()
"""Instances of this process that hold their marker (liveness of markers with our pid)."""


@dataclass(frozen=True)
class Holder:
    """An instance that has the work open: where, who, and since when."""

    instance: str
    host: str
    user: str
    pid: int
    since: datetime.datetime
    read_only: bool
    process: str = ""
    """The boot and start time of its process, to tell it from a later one with its pid."""

    @property
    def here(self) -> bool:
        """True when it runs on this host."""
        return self.host == socket.gethostname()


def claim(place: Place, instance: str, *, read_only: bool) -> None:
    """Write `instance`'s marker at `place` (a folder that cannot be written is no error)."""
    _held.add(instance)
    record = {
        "instance": instance,
        "host": socket.gethostname(),
        "user": _user(),
        "pid": os.getpid(),
        "process": _process(os.getpid()),
        "since": datetime.datetime.now().astimezone().isoformat(timespec="seconds"),
        "read_only": read_only,
    }
    with contextlib.suppress(OSError):
        place.folder.mkdir(parents=True, exist_ok=True)
        replace_atomically(place.marker(instance), json.dumps(record).encode("utf-8"))


def release(place: Place, instance: str) -> None:
    """Remove `instance`'s marker: it no longer has the work open."""
    _held.discard(instance)
    with contextlib.suppress(OSError):
        place.marker(instance).unlink()


def refresh(place: Place, instance: str) -> None:
    """Touch `instance`'s marker, so instances on other hosts see it is still running."""
    with contextlib.suppress(OSError):
        os.utime(place.marker(instance))


def holders(place: Place) -> list[Holder]:
    """The live instances with a marker at `place`; stale markers are removed."""
    live = []
    for instance, marker in place.markers():
        holder = _read(instance, marker)
        if holder is not None and _alive(holder, marker):
            live.append(holder)
        else:
            with contextlib.suppress(OSError):
                marker.unlink()
    return live


def _read(instance: str, marker: Path) -> Holder | None:
    """The holder a marker names, or None when it cannot be read (then it is stale)."""
    try:
        record = json.loads(marker.read_text(encoding="utf-8"))
        return Holder(
            instance,
            str(record["host"]),
            str(record["user"]),
            int(record["pid"]),
            datetime.datetime.fromisoformat(record["since"]),
            bool(record["read_only"]),
            str(record.get("process", "")),
        )
    except (OSError, ValueError, KeyError, TypeError):
        return None


def _alive(holder: Holder, marker: Path) -> bool:
    """Whether the instance that wrote `marker` is still running (see the module docstring)."""
    if not holder.here or os.name == "nt":
        try:
            return time.time() - marker.stat().st_mtime < FOREIGN_STALE_SECONDS
        except OSError:
            return False
    if holder.pid == os.getpid():
        return holder.instance in _held
    try:
        os.kill(holder.pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        pass  # someone else's process: it exists
    return not holder.process or holder.process == _process(holder.pid)


def _process(pid: int) -> str:
    """This boot's id and the process's start time ("" where /proc cannot tell)."""
    try:
        boot = Path("/proc/sys/kernel/random/boot_id").read_text(encoding="ascii").strip()
        stat = Path(f"/proc/{pid}/stat").read_text(encoding="ascii", errors="replace")
    except OSError:
        return ""
    fields = stat.rpartition(")")[2].split()
    return f"{boot}:{fields[19]}" if len(fields) > 19 else ""


def _user() -> str:
    """The user name, or "" when the system cannot tell (some containers)."""
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return ""
