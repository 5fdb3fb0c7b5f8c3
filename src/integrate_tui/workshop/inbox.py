"""The participant inbox: remote submissions as small TOML files beside the scenario.

For a scenario `riverton.toml` the inbox is the folder `riverton.inbox/` next to it. The
participant page writes one file per submission there (atomically, so a half-written file
is never seen); the facilitator's session calls `collect`, applies what was accepted and
then `archive`s each file into `applied/`. Anything invalid is moved to `rejected/` with a
`<name>.reason.txt` beside it, and never applied. Each file is judged on its own: whatever
is wrong with one (unreadable, not TOML, nested 600 deep, a bad payload) sets that one
aside and the others are still collected. `examine` tells the same without moving anything.

Rounds. A submission names the round it was sent for by the round's nonce (see `nonce`),
and is taken only while that round is open and takes its kind (`submission.ROUND_TAKES`):
a file replayed from an earlier round or session is set aside.

Privacy. Submissions hold tokens, so the inbox and its folders are made 0700, files are
written 0600 and kept 0600 when set aside, and an `applied/` or `rejected/` that is a
symbolic link is refused (see `inbox_disk`).

Order. A participant's latest submission counts, so `collect` returns submissions in the
order they were sent: sorted by a sequence number, then by participant id, then by file
name. `write_submission` names each file `<sequence>-<participant>-<kind>-<hex>.toml`,
where the sequence is 20 digits: nanoseconds since 1970-01-01 UTC by the writer's clock,
raised where needed to one more than the last sequence the same process wrote, so one
process's sends are strictly increasing even when the clock is coarse, stands still or
steps back. (Where several processes write, as `serve --terminal` runs one per
participant, the clock decides between them.) A file whose name does not start with 20
digits and a dash, such as one dropped in by hand, takes its sequence from its `submitted`
moment (a time without offset is taken as UTC) or, without one, from its modification
time, on the same scale.
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
import threading
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from time import time_ns
from typing import Any

from integrate_tui.model import Scenario
from integrate_tui.model.base import SLUG_PATTERN
from integrate_tui.model.limits import cut
from integrate_tui.workshop.base import moment
from integrate_tui.workshop.errors import WorkshopError
from integrate_tui.workshop.inbox_disk import (
    APPLIED,
    REJECTED,
    check_folders,
    read_small,
    set_aside,
    write_private,
)
from integrate_tui.workshop.participants import participant as find_participant
from integrate_tui.workshop.submission import (
    Submission,
    compose,
    payload_of,
    read,
    to_toml,
    validated,
)

MAX_BYTES = 16 * 1024
"""A submission is a few lines; anything larger is refused unread."""

REASON_LINES, REASON_CHARS = 12, 300
"""A reason keeps at most this many lines of this many characters: submissions echo input."""

SEQUENCE = re.compile(r"^(\d{20})-")
"""A written submission's name starts with its sequence: 20 digits, then a dash."""

_EPOCH = datetime.datetime(1970, 1, 1, tzinfo=datetime.UTC)


@dataclass(frozen=True)
class Rejected:
    """A file set aside, why, and where it now is."""

    name: str
    reason: str
    path: Path


@dataclass(frozen=True)
class Waiting:
    """A file in the inbox: who it claims to be from, and its submission or why it is none.

    `participant`, `kind` and `submitted` are what the file says ("" and None when it
    cannot be read that far); `order` is its place in send order (see `order_key`) and
    `sent` the moment that order stands for.
    """

    path: Path
    order: tuple[int, str, str]
    sent: datetime.datetime
    submission: Submission | None
    reason: str = ""
    participant: str = ""
    kind: str = ""
    submitted: datetime.datetime | None = None


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
    *,
    nonce: str,
) -> Path:
    """Drop one submission for the round of `nonce` into the inbox, atomically, under a name
    no other file has.

    The name starts with `next_sequence()`, which orders it (see the module's docstring);
    `now` is only recorded as `submitted`, and defaults to the sequence's moment.
    """
    if not SLUG_PATTERN.match(participant):
        raise WorkshopError(f"{participant!r} is not a participant id")
    sequence = next_sequence()
    if now is None:
        now = (_EPOCH + datetime.timedelta(microseconds=sequence // 1000)).astimezone()
    text = to_toml(compose(participant, token, nonce, kind, payload, now))
    inbox.mkdir(mode=0o700, exist_ok=True)
    path = inbox / f"{sequence:020d}-{participant}-{kind}-{secrets.token_hex(3)}.toml"
    write_private(path, text.encode("utf-8"))
    return path


def reject(path: Path, reason: str) -> Rejected:
    """Move a submission to `rejected/` (0600) with its reason written beside it."""
    target = set_aside(path, REJECTED)
    write_private(
        target.with_name(f"{target.stem}.reason.txt"), (reason.rstrip() + "\n").encode("utf-8")
    )
    return Rejected(path.name, reason, target)


def archive(submission: Submission) -> Submission:
    """Move an applied submission's file to `applied/` (0600); returns it with its new path."""
    if submission.path is None:
        raise WorkshopError("this submission did not come from the inbox")
    return replace(submission, path=set_aside(submission.path, APPLIED))


def reason_of(error: BaseException) -> str:
    """Why a file could not be taken, in a few short lines whatever the error echoes."""
    if isinstance(error, OSError):
        text = f"cannot be read: {error.strerror or error}"
    elif isinstance(error, RecursionError):
        text = "nested too deeply to read"
    else:
        text = str(error) or f"cannot be read ({type(error).__name__})"
    lines = [cut(line, REASON_CHARS) for line in text.splitlines()]
    if len(lines) > REASON_LINES:
        lines[REASON_LINES:] = [f"… and {len(lines) - REASON_LINES} more problems"]
    return "\n".join(lines)


def _examine(path: Path, scenario: Scenario, key: bytes | None, max_bytes: int) -> Waiting:
    """One file as a submission, or why it cannot be applied; never raises for its content."""
    data: dict[str, Any] = {}
    try:
        data = read(read_small(path, max_bytes))
        sent = validated(data)
        who = sent.participant
        find_participant(scenario, who)
        if key is None:
            raise WorkshopError("no session key beside the scenario, so no token can be checked")
        if not token_matches(key, who, sent.token):
            raise WorkshopError(
                f"the token is not {who}'s: a participant can submit only their own inputs"
            )
        submission: Submission | None = replace(payload_of(sent, scenario, key), path=path)
        reason = ""
    except Exception as error:  # any file, however broken, is set aside, never fatal
        submission, reason = None, reason_of(error)
    order = order_key(path, submission)
    return Waiting(
        path,
        order,
        _EPOCH + datetime.timedelta(microseconds=order[0] // 1000),
        submission,
        reason,
        _text(data.get("participant")),
        _text(data.get("kind")),
        _moment(data.get("submitted")),
    )


def _text(claimed: object) -> str:
    """What a file claims as text, or "" when it gives something else."""
    return claimed if isinstance(claimed, str) else ""


def _moment(claimed: object) -> datetime.datetime | None:
    """A file's `submitted` moment, or None when it gives something else."""
    return claimed if isinstance(claimed, datetime.datetime) else None


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
        try:
            sequence = path.lstat().st_mtime_ns
        except OSError:  # gone meanwhile: another window collected it
            sequence = 0
    return sequence, submission.participant if submission else "", path.name


def examine(
    inbox: Path,
    scenario: Scenario,
    *,
    key: bytes | None = None,
    max_bytes: int = MAX_BYTES,
) -> list[Waiting]:
    """Every waiting `*.toml` in the inbox, checked, in send order; nothing is moved.

    The order is `order_key`'s: by sequence, then participant id, then file name (see the
    module's docstring), so applying the valid ones in turn leaves each participant's
    latest. `key` defaults to the session key beside the scenario the inbox belongs to.
    Votes are checked against the open round's ballot.
    """
    if key is None:
        stem = inbox.name.removesuffix(".inbox")
        key = session_key(inbox.with_name(f"{stem}.toml"), create=False)
    if not inbox.is_dir():
        return []
    waiting = [
        _examine(path, scenario, key, max_bytes)
        for path in inbox.glob("*.toml")
        if not path.name.startswith(".")
    ]
    return sorted(waiting, key=lambda w: w.order)


def collect(
    inbox: Path,
    scenario: Scenario,
    *,
    key: bytes | None = None,
    max_bytes: int = MAX_BYTES,
) -> tuple[list[Submission], list[Rejected]]:
    """`examine` the inbox and set the invalid files aside in `rejected/`, in send order.

    Accepted submissions stay in place until the caller applies and `archive`s them. An
    `applied/` or `rejected/` that is a link or a file is refused (`WorkshopError`) before
    anything is read or moved.
    """
    check_folders(inbox)
    accepted: list[Submission] = []
    refused: list[tuple[Path, str]] = []
    for item in examine(inbox, scenario, key=key, max_bytes=max_bytes):
        if item.submission is not None:
            accepted.append(item.submission)
        else:
            refused.append((item.path, item.reason))
    return accepted, reject_all(refused)


def reject_all(refused: Iterable[tuple[Path, str]]) -> list[Rejected]:
    """`reject` each (file, reason) in turn; one that cannot be moved stays put, and says so."""
    rejected = []
    for path, reason in refused:
        try:
            rejected.append(reject(path, reason))
        except FileNotFoundError:  # another window set it aside first
            continue
        except OSError as error:
            note = f"{reason}\n(left in the inbox: {reason_of(error)})"
            rejected.append(Rejected(path.name, note, path))
    return rejected
