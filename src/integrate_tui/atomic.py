"""Replace a file all at once, so no reader or crash ever sees half of it.

Standard library only, so every layer that writes files (scenario saves, reports, the
workshop inbox) shares this one implementation.
"""

from __future__ import annotations

import contextlib
import os
import secrets
import stat

_O_BINARY = getattr(os, "O_BINARY", 0)
"""Windows needs O_BINARY so the bytes are written as given; elsewhere it does not exist."""


def replace_atomically(path: str | os.PathLike[str], data: bytes) -> None:
    """Write `data` to a temp file beside `path`, fsync it, then `os.replace` it into place.

    Goes through a symlink (the link survives), keeps an existing file's permission bits,
    and fsyncs the folder so the rename is durable. Raises `OSError`, leaving any previous
    file byte-for-byte intact and no temp file behind.
    """
    target = os.path.realpath(os.fspath(path))
    folder, base = os.path.split(target)
    temp: str | None = None
    try:
        mode = _existing_mode(target)
        candidate = os.path.join(folder, f".{base}.{secrets.token_hex(6)}.tmp")
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
