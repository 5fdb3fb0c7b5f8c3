"""`inbox FILE [--apply] [--json]`: the participants' submissions, without the app running.

Lists what waits in FILE's inbox (who, kind, when, valid or why not). With --apply, applies
the valid ones to FILE as the facilitator's app does (`workshop.intake`), saves it only if
nobody changed it meanwhile, moves them to `applied/` and sets the others aside in
`rejected/` with their reasons. Exit 0: all applied (or none waiting); 1: some invalid or
set aside; 2: FILE cannot be read or saved, or the inbox cannot be used.
"""

from __future__ import annotations

import argparse
import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from integrate_tui.cli.common import emit_json, fail

if TYPE_CHECKING:
    from integrate_tui.files import Fingerprint
    from integrate_tui.model import Scenario
    from integrate_tui.workshop.inbox import Rejected, Waiting
    from integrate_tui.workshop.submission import Submission


def register(sub: argparse._SubParsersAction) -> None:
    """Add `inbox` to the CLI."""
    p = sub.add_parser(
        "inbox",
        help="list the participants' submissions waiting for FILE; --apply takes them in",
        description="List the submissions waiting in FILE's inbox (the folder STEM.inbox "
        "beside it): who sent each, its kind, when, and whether it is valid. With --apply, "
        "apply the valid ones to FILE with the same checks as workshop mode, save FILE "
        "(refused if another program changed it since it was read), move them to "
        "applied/ and set the others aside in rejected/ with their reasons. Exit status: "
        "0 all valid (or applied, or none waiting), 1 some invalid or set aside, 2 errors.",
    )
    p.add_argument("file", metavar="FILE", help="scenario file")
    p.add_argument(
        "--apply", action="store_true", help="apply the valid submissions and set the rest aside"
    )
    p.add_argument("--json", action="store_true", help="print the outcome as JSON")
    p.set_defaults(run=inbox)


def inbox(args: argparse.Namespace) -> int:
    """List, or with --apply take in, FILE's waiting submissions."""
    from integrate_tui.files import load_tracked
    from integrate_tui.workshop import workshop_of
    from integrate_tui.workshop.inbox import examine, inbox_dir

    path = Path(args.file)
    scenario, seen = load_tracked(path)
    names = {p.id: p.name for p in workshop_of(scenario).participants}
    folder = inbox_dir(path)
    try:
        if args.apply:
            return _apply(args, path, scenario, seen, names)
        waiting = examine(folder, scenario)
    except OSError as error:
        return fail(f"cannot use the inbox {folder}: {error.strerror or error}")
    if args.json:
        listed = [_waiting_dict(w, names) for w in waiting]
        emit_json({"file": str(path), "inbox": str(folder), "waiting": listed})
    else:
        _print_waiting(folder, waiting, names)
    return 1 if any(w.submission is None for w in waiting) else 0


def _print_waiting(folder: Path, waiting: list[Waiting], names: dict[str, str]) -> None:
    """One line per waiting file: when, who, kind, valid or why not, and the file's name."""
    if not waiting:
        print(f"no submissions waiting in {folder}")
        return
    print(f"{_count(len(waiting))} waiting in {folder}:")
    for item in waiting:
        status = "valid" if item.submission else f"not valid: {item.reason}"
        print(
            f"  {_when(item.submitted or item.sent)}  {_who(item.participant, names):<24}  "
            f"{_plain(item.kind) or '?':<8}  {_indent(_plain(status))}  ({_plain(item.path.name)})"
        )


def _apply(
    args: argparse.Namespace,
    path: Path,
    scenario: Scenario,
    seen: Fingerprint,
    names: dict[str, str],
) -> int:
    """Collect, apply and save, then archive and set aside; see the module's docstring."""
    from integrate_tui.errors import IntegrateError
    from integrate_tui.files import save
    from integrate_tui.workshop.inbox import archive, collect, inbox_dir, reject_all
    from integrate_tui.workshop.intake import apply_all

    accepted, rejected = collect(inbox_dir(path), scenario)
    intake = apply_all(scenario, accepted)
    if intake.applied:
        save(intake.scenario, path, expect=seen)
    status, moved = 0, []
    for submission in intake.applied:
        try:
            moved.append(archive(submission))
        except (IntegrateError, OSError) as error:
            status = fail(
                f"{submission.path}: applied and saved, but not moved to applied/ "
                f"({error}); it will be applied again next time"
            )
            moved.append(submission)
    rejected += reject_all((s.path, why) for s, why in intake.refused if s.path is not None)
    if args.json:
        emit_json(
            {
                "file": str(path),
                "inbox": str(inbox_dir(path)),
                "saved": bool(intake.applied),
                "applied": [_applied_dict(s, names) for s in moved],
                "set_aside": [
                    {"file": r.name, "reason": r.reason, "path": str(r.path)} for r in rejected
                ],
            }
        )
    else:
        _print_outcome(path, moved, rejected, names)
    return status or (1 if rejected else 0)


def _print_outcome(
    path: Path, applied: list[Submission], rejected: list[Rejected], names: dict[str, str]
) -> None:
    """What was applied and saved, and what was set aside and why."""
    if not (applied or rejected):
        print(f"no submissions waiting for {path}")
    for s in applied:
        print(f"applied: {s.kind} from {_who(s.participant, names)}")
    if applied:
        print(f"saved {path}")
    for r in rejected:
        print(
            f"set aside: {_plain(r.name)}: {_indent(_plain(r.reason))}\n  kept in {r.path.parent}"
        )


def _waiting_dict(item: Waiting, names: dict[str, str]) -> dict[str, Any]:
    """One waiting file as JSON: what it claims, when it was sent, and whether it is valid."""
    return {
        "file": item.path.name,
        "participant": item.participant or None,
        "name": names.get(item.participant),
        "kind": item.kind or None,
        "submitted": item.submitted.isoformat() if item.submitted else None,
        "sent": item.sent.isoformat(),
        "valid": item.submission is not None,
        "reason": item.reason or None,
    }


def _applied_dict(submission: Submission, names: dict[str, str]) -> dict[str, Any]:
    """One applied submission as JSON."""
    return {
        "file": submission.path.name if submission.path else None,
        "participant": submission.participant,
        "name": names.get(submission.participant),
        "kind": submission.kind,
    }


def _count(n: int) -> str:
    return f"{n} submission{'' if n == 1 else 's'}"


def _when(at: datetime.datetime) -> str:
    """A moment in local time, to the second."""
    return at.astimezone().strftime("%Y-%m-%d %H:%M:%S")


def _who(participant: str, names: dict[str, str]) -> str:
    """`Ana Lopez (ana)` for a known participant, the claimed id otherwise, `?` for none."""
    if participant in names:
        return _plain(f"{names[participant]} ({participant})")
    return _plain(participant) or "?"


def _plain(text: str) -> str:
    """Text from a submission, with control characters shown as escapes, not obeyed."""
    return "".join(c if c.isprintable() or c == "\n" else repr(c)[1:-1] for c in text)


def _indent(text: str) -> str:
    """Further lines of a several-line reason, indented under the first."""
    return text.replace("\n", "\n      ")
