"""Replace a file all at once, so no reader or crash ever sees half of it.

Standard library only, so every layer that writes files (scenario saves, reports, the
workshop inbox) shares this one implementation. The new bytes go to a temp file beside the
target, `.NAME.<pid>.<hex>.tmp`, which is fsynced and renamed over it. A writer killed
before the rename leaves its temp file behind; the next write of the same target removes
those whose writer is gone (its pid no longer runs here) and which are over a minute old.
"""

from __future__ import annotations

import contextlib
import errno
import os
import re
import secrets
import stat
import time

_O_BINARY = getattr(os, "O_BINARY", 0)
"""Windows needs O_BINARY so the bytes are written as given; elsewhere it does not exist."""

STALE_AFTER_S = 60.0
"""A dead writer's temp file is removed once this old: a write takes far less, and a file
on a shared drive may belong to a live writer on another machine whose pid means nothing here."""

LEGACY_STALE_AFTER_S = 600.0
"""Temp files named before pids were (`.NAME.<hex>.tmp`) are removed once this old."""

_ANY_WRITE = stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH
_TEMP = re.compile(r"\.(?:(?P<pid>[0-9]{1,10})\.)?[0-9a-f]{12}\.tmp")
"""What follows `.NAME` in a temp file's name: an optional writer pid, then 12 hex digits."""


class ReadOnlyFile(PermissionError):
    """The file has no write permission: replacing it would silently undo `chmod a-w`."""

    def __init__(self, path: str) -> None:
        super().__init__(errno.EACCES, "the file is read-only", path)


def replace_atomically(path: str | os.PathLike[str], data: bytes) -> None:
    """Write `data` to a temp file beside `path`, fsync it, then `os.replace` it into place.

    Goes through a symlink (the link survives), keeps an existing file's permission bits,
    refuses a read-only file (`ReadOnlyFile`), removes stale temp files of earlier writers
    and fsyncs the folder so the rename is durable. Raises `OSError`, leaving any previous
    file byte-for-byte intact and no temp file behind.
    """
    target = os.path.realpath(os.fspath(path))
    folder, base = os.path.split(target)
    check_writable(target)
    remove_stale_temps(target)
    temp: str | None = None
    try:
        mode = _existing_mode(target)
        candidate = os.path.join(folder, f".{base}.{os.getpid()}.{secrets.token_hex(6)}.tmp")
        # O_EXCL: never touch an existing file; 0o666 lets the umask decide, as open() would.
        fd = os.open(candidate, os.O_WRONLY | os.O_CREAT | os.O_EXCL | _O_BINARY, 0o666)
        temp = candidate
        with os.fdopen(fd, "wb") as file:
            file.write(data)
            file.flush()
            os.fsync(file.fileno())
        if mode is not None:
            os.chmod(temp, mode)
        os.replace(temp, target)
        temp = None
    finally:
        if temp is not None:
            with contextlib.suppress(OSError):
                os.unlink(temp)
    _sync_folder(folder)


def check_writable(path: str | os.PathLike[str]) -> None:
    """Raise `ReadOnlyFile` if `path` is a file without write permission for this user.

    Checks the mode bits as well as `os.access`, which is always true for root.
    """
    target = os.path.realpath(os.fspath(path))
    try:
        info = os.stat(target)
    except OSError:
        return  # no file (or none to see): creating or failing is the writer's business
    if not stat.S_ISREG(info.st_mode):
        return
    if not info.st_mode & _ANY_WRITE or not os.access(target, os.W_OK):
        raise ReadOnlyFile(target)


def remove_stale_temps(path: str | os.PathLike[str]) -> list[str]:
    """Remove temp files beside `path` left by writers of it that are gone; returns their names."""
    target = os.path.realpath(os.fspath(path))
    folder, base = os.path.split(target)
    prefix = f".{base}"
    removed: list[str] = []
    try:
        names = [n for n in os.listdir(folder) if n.startswith(prefix) and n.endswith(".tmp")]
    except OSError:
        return removed
    now = time.time()
    for name in names:
        match = _TEMP.fullmatch(name, len(prefix))
        if match is None:
            continue
        full = os.path.join(folder, name)
        try:
            age = now - os.lstat(full).st_mtime
        except OSError:
            continue
        pid = match["pid"]
        stale = (
            age > STALE_AFTER_S and not _running(int(pid))
            if pid is not None
            else age > LEGACY_STALE_AFTER_S
        )
        if stale:
            with contextlib.suppress(OSError):
                os.unlink(full)
                removed.append(name)
    return removed


def _running(pid: int) -> bool:
    """True unless no process with this pid runs on this machine (when unsure: running)."""
    if pid <= 0 or os.name != "posix":
        return True  # 0 addresses a process group; Windows' os.kill would end the process
    try:
        os.kill(pid, 0)
    except (ProcessLookupError, OverflowError):
        return False
    except OSError:
        return True  # PermissionError: someone else's live process
    return True


def _existing_mode(path: str) -> int | None:
    """Permission bits of the file being replaced, or None when there is none yet."""
    try:
        return stat.S_IMODE(os.stat(path).st_mode)
    except FileNotFoundError:
        return None


def _sync_folder(folder: str) -> None:
    """Make the rename itself durable where the platform allows fsync on a folder."""
    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)
