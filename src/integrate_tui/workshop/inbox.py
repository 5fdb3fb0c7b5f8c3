"""The participant inbox: remote submissions as small TOML files beside the scenario.

For a scenario `riverton.toml` the inbox is the folder `riverton.inbox/` next to it. The
participant page writes one file per submission there (atomically, so a half-written file
is never seen); the facilitator's session calls `collect`, applies what was accepted and
then `archive`s each file into `applied/`. Anything invalid is moved to `rejected/` with a
`<name>.reason.txt` beside it, and never applied.

Order. A participant's latest submission counts, so `collect` returns submissions in the
order they were sent: sorted by a sequence number, then by participant id, then by file
name. `write_submission` names each file `<sequence>-<participant>-<kind>-<hex>.toml`,
where the sequence is 20 digits: nanoseconds since 1970-01-01 UTC by the writer's clock,
raised where needed to one more than the last sequence the same process wrote, so one
process's sends are strictly increasing even when the clock is coarse, stands still or
steps back. (The participant server may run a process per participant; across processes
the clock decides.) A file whose name does not start with 20 digits and a dash, such as
one dropped in by hand, takes its sequence from its `submitted` moment (a time without
offset is taken as UTC) or, without one, from its modification time, on the same scale.
A file that is rejected is placed by its name's sequence or else its modification time,
and files are set aside in that order too.

Tokens. Each participant gets a token from the facilitator, who reads it off the screen
(`participant_token`). It is the first 60 bits of HMAC-SHA256 over the participant's id,
keyed with a random 256-bit session key kept in `riverton.session-key` beside the scenario
(created on first use, readable by its owner only), written as three groups of four base32
letters. Without the key nobody can compute another participant's token, so a submission
whose token does not match its `participant` is rejected as an impersonation. Deleting the
key file starts a new session: every token changes.
"""

from __future__ import annotations

import base64
import contextlib
import datetime
import hashlib
import hmac
import os
import re
import secrets
import stat
import threading
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from time import time_ns
from typing import Any

from integrate_tui.atomic import replace_atomically
from integrate_tui.model import Scenario
from integrate_tui.model.base import SLUG_PATTERN
from integrate_tui.workshop.base import moment
from integrate_tui.workshop.errors import WorkshopError
from integrate_tui.workshop.participants import participant as find_participant
from integrate_tui.workshop.submission import Submission, payload_of, read_header, to_toml

MAX_BYTES = 16 * 1024
"""A submission is a few lines; anything larger is refused unread."""

APPLIED, REJECTED = "applied", "rejected"

SEQUENCE = re.compile(r"^(\d{20})-")
"""A written submission's name starts with its sequence: 20 digits, then a dash."""

_EPOCH = datetime.datetime(1970, 1, 1, tzinfo=datetime.UTC)


@dataclass(frozen=True)
class Rejected:
    """A file set aside, why, and where it now is."""

    name: str
    reason: str
    path: Path


def inbox_dir(scenario_path: str | os.PathLike[str]) -> Path:
    """`<folder>/<stem>.inbox` for a scenario at `<folder>/<stem>.toml`."""
    path = Path(scenario_path)
    return path.with_name(f"{path.stem}.inbox")


def key_path(scenario_path: str | os.PathLike[str]) -> Path:
    """`<folder>/<stem>.session-key`: the secret that tokens are derived from."""
    path = Path(scenario_path)
    return path.with_name(f"{path.stem}.session-key")


def session_key(scenario_path: str | os.PathLike[str], *, create: bool = True) -> bytes | None:
    """The session key beside the scenario, made on first use (mode 0600) when `create`."""
    path = key_path(scenario_path)
    if create and not path.exists():
        with contextlib.suppress(FileExistsError):
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
            with os.fdopen(fd, "w", encoding="ascii") as file:
                file.write(secrets.token_hex(32) + "\n")
                file.flush()
                os.fsync(file.fileno())
    try:
        return bytes.fromhex(path.read_text(encoding="ascii").strip())
    except FileNotFoundError:
        return None
    except (ValueError, UnicodeDecodeError):
        raise WorkshopError(
            f"{path} is not a session key; delete it to start a new session"
        ) from None


def participant_token(key: bytes, participant_id: str) -> str:
    """The token the facilitator hands to a participant, e.g. `k3vq-8x2m-p7ha`."""
    digest = hmac.new(key, b"integrate-tui participant " + participant_id.encode(), hashlib.sha256)
    letters = base64.b32encode(digest.digest()).decode("ascii").lower()[:12]
    return "-".join(letters[i : i + 4] for i in range(0, 12, 4))


def token_matches(key: bytes, participant_id: str, token: str) -> bool:
    """Whether `token` is this participant's, ignoring case, spaces and dashes."""

    def plain(text: str) -> bytes:
        return "".join(text.split()).replace("-", "").lower().encode("utf-8")

    return hmac.compare_digest(plain(token), plain(participant_token(key, participant_id)))


class Sequencer:
    """Strictly increasing readings of `clock` (nanoseconds), safe to share between threads."""

    def __init__(self, clock: Callable[[], int] = time_ns) -> None:
        self._clock = clock
        self._last = 0
        self._lock = threading.Lock()

    def next(self) -> int:
        """The clock now, or one more than the last reading if the clock has not moved on."""
        with self._lock:
            self._last = max(self._clock(), self._last + 1)
            return self._last


next_sequence = Sequencer().next
"""This process's submission sequence: nanoseconds since 1970 UTC, strictly increasing."""


def nanoseconds(at: datetime.datetime) -> int:
    """A moment as nanoseconds since 1970-01-01 UTC (a time without offset is taken as UTC)."""
    return (moment(at) - _EPOCH) // datetime.timedelta(microseconds=1) * 1000


def write_submission(
    inbox: Path,
    participant: str,
    token: str,
    kind: str,
    payload: Mapping[Any, float] | Sequence[str],
    now: datetime.datetime | None = None,
) -> Path:
    """Drop one submission into the inbox, atomically, under a name no other file has.

    The name starts with `next_sequence()`, which orders it (see the module's docstring);
    `now` is only recorded as `submitted`, and defaults to the sequence's moment.
    """
    if not SLUG_PATTERN.match(participant):
        raise WorkshopError(f"{participant!r} is not a participant id")
    sequence = next_sequence()
    if now is None:
        now = (_EPOCH + datetime.timedelta(microseconds=sequence // 1000)).astimezone()
    text = to_toml(participant, token, kind, payload, now)
    inbox.mkdir(exist_ok=True)
    path = inbox / f"{sequence:020d}-{participant}-{kind}-{secrets.token_hex(3)}.toml"
    replace_atomically(path, text.encode("utf-8"))
    return path


def _set_aside(path: Path, folder: str) -> Path:
    """Move a file into a sub-folder of its inbox, never over another file."""
    target_dir = path.parent / folder
    target_dir.mkdir(exist_ok=True)
    target = target_dir / path.name
    n = 1
    while target.exists() or target.is_symlink():
        target = target_dir / f"{path.stem}-{n}{path.suffix}"
        n += 1
    os.replace(path, target)
    return target


def reject(path: Path, reason: str) -> Rejected:
    """Move a submission to `rejected/` with its reason written beside it."""
    target = _set_aside(path, REJECTED)
    replace_atomically(
        target.with_name(f"{target.stem}.reason.txt"), (reason.rstrip() + "\n").encode("utf-8")
    )
    return Rejected(path.name, reason, target)


def archive(submission: Submission) -> Submission:
    """Move an applied submission's file to `applied/`; returns it with its new path."""
    if submission.path is None:
        raise WorkshopError("this submission did not come from the inbox")
    return replace(submission, path=_set_aside(submission.path, APPLIED))


def _read(path: Path, max_bytes: int) -> str:
    """The file's text, refusing links, special files, oversized and non-UTF-8 ones."""
    info = path.lstat()
    if not stat.S_ISREG(info.st_mode):
        raise WorkshopError("not a regular file (links and folders are not read)")
    if info.st_size > max_bytes:
        raise WorkshopError(f"too large: {info.st_size} bytes, the limit is {max_bytes}")
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0))  # a link swapped in: refused
    with os.fdopen(fd, "rb") as file:
        data = file.read(max_bytes + 1)
    if len(data) > max_bytes:
        raise WorkshopError(f"too large: over {max_bytes} bytes")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        raise WorkshopError("not UTF-8 text") from None


def check(path: Path, scenario: Scenario, key: bytes | None, max_bytes: int) -> Submission:
    """One file as a submission, or `WorkshopError` saying why it cannot be applied."""
    data, who, token = read_header(_read(path, max_bytes))
    find_participant(scenario, who)
    if key is None:
        raise WorkshopError("no session key beside the scenario, so no token can be checked")
    if not token_matches(key, who, token):
        raise WorkshopError(
            f"the token is not {who}'s: a participant can submit only their own inputs"
        )
    return replace(payload_of(data, scenario), path=path)


def order_key(path: Path, submission: Submission | None) -> tuple[int, str, str]:
    """Where a waiting file goes: (sequence, participant id, file name); see the docstring.

    `submission` is the file as accepted, or None when it is rejected (then it is placed
    by its name's sequence or its modification time, with an empty participant id).
    """
    found = SEQUENCE.match(path.name)
    if found:
        sequence = int(found[1])
    elif submission is not None and submission.submitted is not None:
        sequence = nanoseconds(submission.submitted)
    else:
        sequence = path.lstat().st_mtime_ns
    return sequence, submission.participant if submission else "", path.name


def collect(
    inbox: Path,
    scenario: Scenario,
    *,
    key: bytes | None = None,
    max_bytes: int = MAX_BYTES,
) -> tuple[list[Submission], list[Rejected]]:
    """Validate every waiting `*.toml` in the inbox, in send order; bad ones go to `rejected/`.

    The order is `order_key`'s: by sequence, then participant id, then file name (see the
    module's docstring), so applying the accepted ones in turn leaves each participant's
    latest. `key` defaults to the session key beside the scenario the inbox belongs to.
    Votes are checked against the open round's ballot. Accepted submissions stay in place
    until the caller applies and `archive`s them.
    """
    if key is None:
        stem = inbox.name.removesuffix(".inbox")
        key = session_key(inbox.with_name(f"{stem}.toml"), create=False)
    if not inbox.is_dir():
        return [], []
    checked: list[tuple[tuple[int, str, str], Path, Submission | WorkshopError]] = []
    for path in inbox.glob("*.toml"):
        if path.name.startswith("."):
            continue
        try:
            submission = check(path, scenario, key, max_bytes)
        except WorkshopError as error:
            checked.append((order_key(path, None), path, error))
        else:
            checked.append((order_key(path, submission), path, submission))
    checked.sort(key=lambda item: item[0])
    accepted: list[Submission] = []
    rejected: list[Rejected] = []
    for _, path, outcome in checked:
        if isinstance(outcome, Submission):
            accepted.append(outcome)
        else:
            rejected.append(reject(path, str(outcome)))
    return accepted, rejected
