"""The participant inbox: remote submissions as small TOML files beside the scenario.

For a scenario `riverton.toml` the inbox is the folder `riverton.inbox/` next to it. The
participant page writes one file per submission there (atomically, so a half-written file
is never seen); the facilitator's session calls `collect`, applies what was accepted and
then `archive`s each file into `applied/`. Anything invalid is moved to `rejected/` with a
`<name>.reason.txt` beside it, and never applied.

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
import secrets
import stat
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from integrate_tui.atomic import replace_atomically
from integrate_tui.model import Scenario
from integrate_tui.model.base import SLUG_PATTERN
from integrate_tui.workshop.errors import WorkshopError
from integrate_tui.workshop.participants import participant as find_participant
from integrate_tui.workshop.submission import Submission, payload_of, read_header, to_toml

MAX_BYTES = 16 * 1024
"""A submission is a few lines; anything larger is refused unread."""

APPLIED, REJECTED = "applied", "rejected"


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


def write_submission(
    inbox: Path,
    participant: str,
    token: str,
    kind: str,
    payload: Mapping[Any, float] | Sequence[str],
    now: datetime.datetime,
) -> Path:
    """Drop one submission into the inbox, atomically, under a name no other file has."""
    if not SLUG_PATTERN.match(participant):
        raise WorkshopError(f"{participant!r} is not a participant id")
    text = to_toml(participant, token, kind, payload, now)
    inbox.mkdir(exist_ok=True)
    path = inbox / f"{now:%Y%m%dT%H%M%S}-{participant}-{kind}-{secrets.token_hex(3)}.toml"
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


def collect(
    inbox: Path,
    scenario: Scenario,
    *,
    key: bytes | None = None,
    max_bytes: int = MAX_BYTES,
) -> tuple[list[Submission], list[Rejected]]:
    """Validate every waiting `*.toml` in the inbox, oldest first; bad ones go to `rejected/`.

    `key` defaults to the session key beside the scenario the inbox belongs to. Votes are
    checked against the open round's ballot. Accepted submissions stay in place until the
    caller applies and `archive`s them.
    """
    if key is None:
        stem = inbox.name.removesuffix(".inbox")
        key = session_key(inbox.with_name(f"{stem}.toml"), create=False)
    if not inbox.is_dir():
        return [], []
    waiting = [p for p in inbox.glob("*.toml") if not p.name.startswith(".")]
    waiting.sort(key=lambda p: (p.lstat().st_mtime_ns, p.name))
    accepted: list[Submission] = []
    rejected: list[Rejected] = []
    for path in waiting:
        try:
            accepted.append(check(path, scenario, key, max_bytes))
        except WorkshopError as error:
            rejected.append(reject(path, str(error)))
    return accepted, rejected
