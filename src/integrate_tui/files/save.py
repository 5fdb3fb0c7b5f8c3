"""Save a scenario atomically, keeping the comments and layout of the file it replaces.

Over a file without comments (or where there is none) the scenario is written in its
canonical form (`integrate_tui.files.canonical`). Over a file with comments, that file's
own text is edited so only what changed is rewritten (`integrate_tui.files.in_place`), and
the result must load back equal to the scenario, or nothing is written.
"""

from __future__ import annotations

import errno
import os
import tomllib

from integrate_tui.atomic import ReadOnlyFile, check_writable, replace_atomically
from integrate_tui.files.canonical import dumps
from integrate_tui.files.comments import CommentsNotKept
from integrate_tui.files.disk import (
    ABSENT,
    ChangedOnDisk,
    Fingerprint,
    check_same,
    check_unchanged,
)
from integrate_tui.files.errors import ScenarioSaveError
from integrate_tui.files.layout import has_comments
from integrate_tui.model import Scenario

_REASONS = {
    errno.EACCES: "permission denied (is the folder read-only?)",
    errno.EPERM: "permission denied (is the folder read-only?)",
    errno.EROFS: "the file system is read-only",
    errno.ENOSPC: "the disk is full",
    errno.ENOENT: "the folder does not exist",
    errno.ENOTDIR: "the folder does not exist",
    errno.EISDIR: "a folder of that name is in the way",
}
_READ_ONLY = "the file is read-only; save under another name"


def save(
    scenario: Scenario, path: str | os.PathLike[str], *, expect: Fingerprint | None = None
) -> Fingerprint:
    """Write the scenario to `path` atomically, keeping the file's permissions and comments.

    With `expect` (the fingerprint taken when the file was read, or `ABSENT` for "no file
    there"), the file must still hold those bytes, or `ChangedOnDisk` is raised and nothing
    is written; without it, whatever is there is replaced (recovery files). The file is read
    once, and that very text is what comments are kept from. A read-only file is refused
    (`ScenarioSaveError`). Returns the fingerprint of what was written, to expect next time.
    """
    name = os.fspath(path)
    _refuse_read_only(name)
    old = _read_existing(name, expect)
    if expect is not None:
        _check_expected(name, expect, old)
    text = _text_over(scenario, old[0] if old else None, name)
    data = _encoded(text, name)
    if expect is not None and old is not None:
        _check_untouched(name, old)
    _replace(name, data)
    return Fingerprint.of(data, _mtime_ns(name))


def write_text_atomic(
    text: str, path: str | os.PathLike[str], *, expect: Fingerprint | None = None
) -> None:
    """Replace `path` with `text` all at once (see `integrate_tui.atomic`).

    With `expect`, refuses (`ChangedOnDisk`) a file changed since it was read. A failure
    raises `ScenarioSaveError` and leaves any previous file byte-for-byte intact.
    """
    name = os.fspath(path)
    data = _encoded(text, name)
    _refuse_read_only(name)
    if expect is not None:
        check_unchanged(name, expect)
    _replace(name, data)


def read_unchanged(path: str | os.PathLike[str], expect: Fingerprint) -> str:
    """The text of `path`, which must still be the bytes `expect` was taken of."""
    name = os.fspath(path)
    old = _read_existing(name, expect)
    _check_expected(name, expect, old)
    assert old is not None  # _check_expected refuses a missing file
    return old[0].decode("utf-8")


def _text_over(scenario: Scenario, old: bytes | None, name: str) -> str:
    """What to write over a file that held `old`: its own text edited where it has comments."""
    if old is None or b"#" not in old:
        return dumps(scenario)
    try:
        text = old.decode("utf-8")
        if not has_comments(text):
            return dumps(scenario)
        data = tomllib.loads(text.removeprefix("\ufeff"))
    except (UnicodeDecodeError, tomllib.TOMLDecodeError, RecursionError, ValueError):
        return dumps(scenario)  # not a TOML file we can read: nothing of it to keep
    from integrate_tui.files.in_place import edit_in_place

    try:
        return edit_in_place(text, data, scenario)
    except CommentsNotKept as error:
        raise ScenarioSaveError(
            name, f"{error}; save under another name to write it without them"
        ) from None


def _read_existing(name: str, expect: Fingerprint | None) -> tuple[bytes, int] | None:
    """The bytes and modification time of the file being replaced, or None if there is none."""
    try:
        with open(name, "rb") as file:
            return file.read(), os.fstat(file.fileno()).st_mtime_ns
    except (FileNotFoundError, NotADirectoryError, IsADirectoryError):
        return None
    except OSError as error:
        if expect is None or expect is ABSENT:
            return None  # nothing to compare: writing will tell what is wrong
        raise ScenarioSaveError(name, f"it cannot be read to check it: {_reason(error)}") from None


def _check_expected(name: str, expect: Fingerprint, old: tuple[bytes, int] | None) -> None:
    """Refuse unless the file read is the one `expect` describes (`ABSENT`: no file)."""
    check_same(name, expect, Fingerprint.of(*old) if old is not None else None)


def _check_untouched(name: str, old: tuple[bytes, int]) -> None:
    """Refuse if the file changed while its new text was being made (a stat, rarely a read)."""
    try:
        info = os.stat(name)
    except OSError:
        raise ChangedOnDisk(name, gone=True) from None
    if (info.st_size, info.st_mtime_ns) != (len(old[0]), old[1]):
        check_unchanged(name, Fingerprint.of(*old))


def _refuse_read_only(name: str) -> None:
    """Refuse to replace a file its owner may not write (`chmod a-w`), even as root."""
    try:
        check_writable(name)
    except ReadOnlyFile:
        raise ScenarioSaveError(name, _READ_ONLY) from None


def _encoded(text: str, name: str) -> bytes:
    """The text as UTF-8, or a refusal naming the problem."""
    try:
        return text.encode("utf-8")
    except UnicodeEncodeError as error:
        reason = f"a text field cannot be written as UTF-8 ({error.reason})"
        raise ScenarioSaveError(name, reason) from None


def _replace(name: str, data: bytes) -> None:
    """Write atomically, turning an OS failure into words."""
    try:
        replace_atomically(name, data)
    except ReadOnlyFile:
        raise ScenarioSaveError(name, _READ_ONLY) from None
    except OSError as error:
        raise ScenarioSaveError(name, _reason(error)) from None


def _mtime_ns(name: str) -> int:
    """Modification time of the file just written (0 if it cannot be read back)."""
    try:
        return os.stat(name).st_mtime_ns
    except OSError:
        return 0


def _reason(error: OSError) -> str:
    """Why a write failed, in words: the folder is read-only, the disk is full…"""
    return _REASONS.get(error.errno or 0, error.strerror or str(error))
