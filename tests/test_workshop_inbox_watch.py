"""The inbox watcher: what it reports, that it waits for the folder, and that it stops."""

from __future__ import annotations

import queue
import threading
from pathlib import Path

from watchfiles import Change

from integrate_tui.workshop.inbox_watch import Arrivals, classify, watch_inbox
from integrate_tui.workshop.presence import PRESENCE_FILE, Presence, write_presence
from workshop_data import at

WAIT = 30.0
"""Generous: the watcher answers in milliseconds, a loaded machine may take longer."""


def test_submissions_are_toml_files_added_and_presence_is_its_record(tmp_path: Path) -> None:
    inbox = tmp_path / "x.inbox"
    added = [(Change.added, str(inbox / "1-ana-points-ab.toml"))]
    assert classify(added) == Arrivals(submissions=True, presence=False)
    assert classify([(Change.modified, str(inbox / PRESENCE_FILE))]) == Arrivals(False, True)
    ignored = [
        (Change.deleted, str(inbox / "1-ana-points-ab.toml")),  # moved to applied/
        (Change.added, str(inbox / ".1-ana-points-ab.toml.0f0f.part")),
        (Change.added, str(inbox / "notes.txt")),
    ]
    assert not classify(ignored)


def test_the_watcher_waits_for_the_folder_reports_arrivals_and_stops(tmp_path: Path) -> None:
    inbox = tmp_path / "x.inbox"
    stop, seen = threading.Event(), queue.Queue()
    thread = threading.Thread(target=watch_inbox, args=(inbox, stop, seen.put), daemon=True)
    thread.start()
    inbox.mkdir()
    assert seen.get(timeout=WAIT) == Arrivals(True, True)  # what was waiting, at once
    (inbox / "1-ana-points-ab.toml").write_text("x = 1\n", encoding="utf-8")
    assert seen.get(timeout=WAIT).submissions
    presence = Presence()
    presence.joined("ana", at(0))
    write_presence(inbox, presence.to_json())
    while not seen.get(timeout=WAIT).presence:
        pass
    stop.set()
    thread.join(timeout=WAIT)
    assert not thread.is_alive()
