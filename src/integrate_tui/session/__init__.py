"""The session: the one object the UI talks to (scenario, score, history, file, recovery)."""

from integrate_tui.session.disk import Difference, WorkshopNeedsWork
from integrate_tui.session.edits import KINDS, Reference, Referenced
from integrate_tui.session.events import FILE, SAVED, SCORE, STRUCTURE, Event
from integrate_tui.session.files import NoPath, PackageFile, ReadOnly
from integrate_tui.session.instances import Holder
from integrate_tui.session.session import ActivityLocked, Session

__all__ = [
    "FILE",
    "KINDS",
    "SAVED",
    "SCORE",
    "STRUCTURE",
    "ActivityLocked",
    "Difference",
    "Event",
    "Holder",
    "NoPath",
    "PackageFile",
    "ReadOnly",
    "Reference",
    "Referenced",
    "Session",
    "WorkshopNeedsWork",
]
