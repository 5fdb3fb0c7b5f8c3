"""The inbox's files on disk: private to their owner, read and moved without following links.

A submission carries its participant's token, so every file the inbox writes or moves is
made readable by its owner only (0600) and every folder it makes is 0700. `applied/` and
`rejected/` must be real folders: one that is a symbolic link (which could send tokens
anywhere) is refused with a `WorkshopError`, before anything is moved.
"""

from __future__ import annotations

import contextlib
import os
import secrets
import stat
from pathlib import Path

from integrate_tui.workshop.errors import WorkshopError

APPLIED, REJECTED = "applied", "rejected"

_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)
_NONBLOCK = getattr(os, "O_NONBLOCK", 0)


def make_folder(path: Path) -> None:
    """Make `path` a folder only its owner can enter (0700), unless it is one already."""
    with contextlib.suppress(FileExistsError):
        path.mkdir(mode=0o700)
    _check_folder(path)


def _check_folder(path: Path) -> None:
    """Refuse a folder that is a link or not a folder at all."""
    info = path.lstat()
    if stat.S_ISLNK(info.st_mode):
        raise WorkshopError(
            f"{path} is a symbolic link: the inbox moves files only into real folders"
        )
    if not stat.S_ISDIR(info.st_mode):
        raise WorkshopError(f"{path} is in the way: it should be the inbox's folder {path.name}/")


def check_folders(inbox: Path) -> None:
    """Refuse an inbox whose `applied/` or `rejected/` is a link or a file (absent is fine)."""
    for name in (APPLIED, REJECTED):
        with contextlib.suppress(FileNotFoundError):
            _check_folder(inbox / name)


def write_private(path: Path, data: bytes) -> None:
    """Write a file only its owner can read, all at once: a hidden 0600 file, then a rename."""
    part = path.with_name(f".{path.name}.{secrets.token_hex(4)}.part")
    fd = os.open(part, os.O_WRONLY | os.O_CREAT | os.O_EXCL | _NOFOLLOW, 0o600)
    try:
        with os.fdopen(fd, "wb") as file:
            file.write(data)
            file.flush()
            os.fsync(file.fileno())
        os.replace(part, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(part)
        raise


def read_small(path: Path, max_bytes: int) -> str:
    """The file's text, refusing links, special files, oversized and non-UTF-8 ones."""
    info = path.lstat()
    if not stat.S_ISREG(info.st_mode):
        raise WorkshopError("not a regular file (links and folders are not read)")
    if info.st_size > max_bytes:
        raise WorkshopError(f"too large: {info.st_size} bytes, the limit is {max_bytes}")
    fd = os.open(path, os.O_RDONLY | _NOFOLLOW)  # a link swapped in: refused
    with os.fdopen(fd, "rb") as file:
        data = file.read(max_bytes + 1)
    if len(data) > max_bytes:
        raise WorkshopError(f"too large: over {max_bytes} bytes")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        raise WorkshopError("not UTF-8 text") from None


def _make_private(path: Path) -> None:
    """Make a regular file 0600 (through a descriptor, so a link is not followed)."""
    with contextlib.suppress(OSError):  # a link or a special file: nothing of ours to protect
        fd = os.open(path, os.O_RDONLY | _NOFOLLOW | _NONBLOCK)
        try:
            if stat.S_ISREG(os.fstat(fd).st_mode) and hasattr(os, "fchmod"):  # not on Windows
                os.fchmod(fd, 0o600)
        finally:
            os.close(fd)


def set_aside(path: Path, folder: str) -> Path:
    """Move a file, made 0600, into a sub-folder of its inbox, never over another file."""
    target_dir = path.parent / folder
    make_folder(target_dir)
    target = target_dir / path.name
    n = 1
    while target.exists() or target.is_symlink():
        target = target_dir / f"{path.stem}-{n}{path.suffix}"
        n += 1
    _make_private(path)
    os.replace(path, target)
    return target
