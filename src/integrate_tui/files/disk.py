"""What a file on disk held when it was read, so a save never overwrites a change unasked.

A `Fingerprint` is the size, SHA-256 and modification time of the bytes read. Before a
save replaces a file, `check_unchanged` compares the file now with the fingerprint taken
when it was loaded (or last saved): a different size or hash means another program or
window changed it, and the save is refused with `ChangedOnDisk` so the caller can ask.
A new modification time over the same bytes (a `touch`, a copy) is not a change.
"""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass

from integrate_tui.errors import IntegrateError


@dataclass(frozen=True)
class Fingerprint:
    """The size, hash and modification time of one version of a file's bytes."""

    size: int
    sha256: str
    mtime_ns: int

    @classmethod
    def of(cls, data: bytes, mtime_ns: int) -> Fingerprint:
        """The fingerprint of bytes read from a file modified at `mtime_ns`."""
        return cls(len(data), hashlib.sha256(data).hexdigest(), mtime_ns)

    def same_bytes(self, other: Fingerprint | None) -> bool:
        """True when `other` is a fingerprint of the same bytes (times may differ)."""
        return other is not None and (self.size, self.sha256) == (other.size, other.sha256)


ABSENT = Fingerprint(-1, "", -1)
"""What to expect where no file was (work begun from a template, a save as to a new name)."""


class ChangedOnDisk(IntegrateError):
    """The file was changed (or removed, or created) since it was read: saving would lose that."""

    title = "Changed on disk"

    def __init__(self, path: str, *, gone: bool = False, appeared: bool = False) -> None:
        self.path = path
        if gone:
            what = "was deleted or moved since it was opened"
        elif appeared:
            what = "was created by another program since this work began"
        else:
            what = "was changed by another program or window since it was opened"
        super().__init__(f"{path} {what}; nothing was saved")


def fingerprint(path: str | os.PathLike[str]) -> Fingerprint | None:
    """The fingerprint of the file at `path` now, or None when there is no file."""
    try:
        with open(path, "rb") as file:
            mtime = os.fstat(file.fileno()).st_mtime_ns
            return Fingerprint.of(file.read(), mtime)
    except (FileNotFoundError, NotADirectoryError):
        return None


def check_unchanged(path: str | os.PathLike[str], expected: Fingerprint) -> None:
    """Raise `ChangedOnDisk` unless `path` holds the bytes of `expected` (`ABSENT`: no file)."""
    check_same(path, expected, fingerprint(path))


def check_same(
    path: str | os.PathLike[str], expected: Fingerprint, now: Fingerprint | None
) -> None:
    """Raise `ChangedOnDisk` unless `now` (what `path` holds; None: no file) is `expected`."""
    if expected is ABSENT:
        if now is not None:
            raise ChangedOnDisk(os.fspath(path), appeared=True)
    elif now is None:
        raise ChangedOnDisk(os.fspath(path), gone=True)
    elif not expected.same_bytes(now):
        raise ChangedOnDisk(os.fspath(path))
