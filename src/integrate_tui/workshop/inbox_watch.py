"""Watch the inbox folder and say at once when a submission lands or the room's presence
changes, so the facilitator's app needs no poll.

`watchfiles` (inotify on Linux, FSEvents on macOS, ReadDirectoryChangesW on Windows) wakes
the watching thread within milliseconds of the participant page's rename of a submission
into the folder; nothing is read here, the caller collects. Until the folder exists (the
web server makes it) the watcher looks for it every `WAIT_SECONDS`; if it is removed, the
watcher goes back to waiting. The first call of `on_change`, as soon as the folder is
watched, asks for both, so files already waiting are not missed.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from watchfiles import Change, watch

from integrate_tui.workshop.presence import PRESENCE_FILE

WAIT_SECONDS = 1.0
"""How often to look for an inbox folder that does not exist yet (or any more)."""
STEP_MS = 20
"""How long the watcher waits for more changes before it reports a batch."""
DEBOUNCE_MS = 150
"""The longest a batch is held while changes keep coming (a whole room sending at once)."""


@dataclass(frozen=True)
class Arrivals:
    """What a batch of changes calls for: collecting submissions, re-reading presence."""

    submissions: bool
    presence: bool

    def __bool__(self) -> bool:
        return self.submissions or self.presence


def classify(changes: Iterable[tuple[Change, str]]) -> Arrivals:
    """Submissions are `*.toml` files added or rewritten in the folder itself (not the
    hidden part-files a writer renames, nor anything moved away); presence is its record."""
    submissions = presence = False
    for change, raw in changes:
        name = Path(raw).name
        if change == Change.deleted or name.startswith("."):
            continue
        submissions = submissions or name.endswith(".toml")
        presence = presence or name == PRESENCE_FILE
    return Arrivals(submissions, presence)


def watch_inbox(inbox: Path, stop: threading.Event, on_change: Callable[[Arrivals], None]) -> None:
    """Call `on_change` for every batch of changes in `inbox` until `stop` is set."""
    while not stop.is_set():
        if not inbox.is_dir():
            stop.wait(WAIT_SECONDS)
            continue
        on_change(Arrivals(submissions=True, presence=True))
        try:
            for changes in watch(
                inbox,
                stop_event=stop,
                recursive=False,
                step=STEP_MS,
                debounce=DEBOUNCE_MS,
                rust_timeout=int(WAIT_SECONDS * 1000),
                yield_on_timeout=True,
                raise_interrupt=False,
            ):
                arrivals = classify(changes)
                if arrivals:
                    on_change(arrivals)
                elif not inbox.is_dir():
                    break
        except OSError:
            stop.wait(WAIT_SECONDS)
