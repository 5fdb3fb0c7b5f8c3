"""The file side of a session: open, save, changes on disk, other instances, recovery.

The session remembers the fingerprint of what it read from or last wrote to its file; a
save passes it to `files.save` as `expect`, so a file changed by another program or window
since is never overwritten unasked (`ChangedOnDisk`). A workshop step saves only the
workshop record, on top of what the file holds (`save_workshop`).
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING

from integrate_tui.engine import Ledger, NotComparable, Score, compile_scenario, diff, score
from integrate_tui.errors import IntegrateError
from integrate_tui.model import Scenario
from integrate_tui.session import instances, recovery
from integrate_tui.session.disk import Difference, differing_parts, with_workshop
from integrate_tui.session.events import SAVED, Event
from integrate_tui.session.place import Place

if TYPE_CHECKING:
    import threading
    from collections.abc import Callable

    from integrate_tui.files import Fingerprint


class NoPath(IntegrateError):
    """The work has no file yet, so a save needs a path."""

    title = "Save as…"

    def __init__(self) -> None:
        super().__init__("this scenario has no file yet: choose where to save it")


class PackageFile(IntegrateError):
    """Saving into the installed package would change the bundled scenarios for everyone."""

    title = "Choose another place"

    def __init__(self, path: Path) -> None:
        super().__init__(
            f"{path} is inside the installed integrate-tui package; save your work elsewhere"
        )


class ReadOnly(IntegrateError):
    """The file was opened read-only, so saving over it is refused."""

    title = "Opened read-only"

    def __init__(self, path: Path) -> None:
        super().__init__(
            f"{path.name} was opened read-only because it is open in another window; "
            "save your work to another file"
        )


def _inside_package(path: Path) -> bool:
    package = Path(__file__).resolve().parents[1]
    return Path(os.path.realpath(path)).is_relative_to(package)


def _same_file(a: Path, b: Path | None) -> bool:
    return b is not None and os.path.realpath(a) == os.path.realpath(b)


class FilesMixin:
    """Open, save and recovery for `Session` (which provides the state these methods use)."""

    path: Path | None
    origin: Path | None
    recovery_folder: Path | None
    instance: str
    read_only: bool
    version: int
    _saved: Scenario
    _disk: Fingerprint | None
    _external: bool

    @property
    def scenario(self) -> Scenario:
        """The session's scenario now (provided by `Session`)."""
        raise NotImplementedError

    @property
    def score(self) -> Score:
        """The session's score now (provided by `Session`)."""
        raise NotImplementedError

    _claimed: bool
    _noticed: Fingerprint | None
    _autosaved: int
    _lock: threading.Lock

    _after_load: Callable[[Scenario, Path], None]
    _after_save: Callable[[Scenario, Path], None]
    _commit: Callable[[Scenario, str], bool]
    _emit: Callable[[Event], None]

    @property
    def dirty(self) -> bool:
        """True when the scenario differs from what was last opened or saved."""
        return self.scenario is not self._saved

    @property
    def place(self) -> Place:
        """Where this work's recovery file and open marker live (see `session.place`)."""
        return Place.of(self.path, self.origin, self.recovery_folder)

    @property
    def recovery_path(self) -> Path:
        """Where autosave writes this instance's recovery file."""
        return self.place.recovery(self.instance)

    @property
    def disk(self) -> Fingerprint | None:
        """The fingerprint of the file as this session last read or wrote it (None: no file)."""
        return self._disk

    @property
    def workshop_unsaved(self) -> bool:
        """True when the workshop record differs from the one in the file."""
        return self.scenario.workshop != self._saved.workshop

    def open(self, path: str | os.PathLike[str], *, read_only: bool = False) -> None:
        """Open another scenario file; on a load error this raises and nothing changes."""
        from integrate_tui.files import load_tracked

        target = Path(path).expanduser()
        scenario, fingerprint = load_tracked(target)
        self._move_claim(lambda: self._opened(scenario, target, fingerprint, read_only))

    def _opened(self, scenario: Scenario, path: Path, disk: Fingerprint, read_only: bool) -> None:
        self._disk, self._external, self.read_only = disk, False, read_only
        self._after_load(scenario, path)

    def save(self, path: str | os.PathLike[str] | None = None, *, overwrite: bool = False) -> Path:
        """Save atomically to `path` (default: the current file); removes the recovery file.

        The file must still hold what was read from it or last written (a new path: no file
        there), or `ChangedOnDisk` is raised and nothing written, unless `overwrite`. Raises
        `NoPath` when there is no file yet and no path was given, `ReadOnly` over a file
        opened read-only, `PackageFile` for a path inside the installed package, and
        `ScenarioSaveError` when the write fails.
        """
        from integrate_tui.files import ABSENT, ChangedOnDisk, save

        target = Path(path).expanduser() if path is not None else self.path
        if target is None:
            raise NoPath()
        if _inside_package(target):
            raise PackageFile(target)
        same = _same_file(target, self.path)
        if same and self.read_only:
            raise ReadOnly(target)
        if same and self._external and not overwrite:
            raise ChangedOnDisk(str(target))
        expect = None if overwrite else (self._disk or ABSENT) if same else ABSENT
        scenario = self.scenario
        with self._lock:
            written = save(scenario, target, expect=expect)
            old_recovery = self.recovery_path

            def saved() -> None:
                self._disk, self._external, self.read_only = written, False, False
                self._after_save(scenario, target)

            self._move_claim(saved)
            recovery.remove(old_recovery)
            recovery.remove(self.recovery_path)
        return target

    def save_as(self, path: str | os.PathLike[str], *, overwrite: bool = False) -> Path:
        """Save to a new path, which becomes the current file."""
        return self.save(path, overwrite=overwrite)

    def save_workshop(self, *, overwrite: bool = False) -> bool:
        """Write only the workshop record into the file, on top of what the file holds now.

        Other unsaved changes stay unsaved (the work stays dirty). When another program
        changed the file since it was read, its changes are kept, unless they touched the
        workshop record too: then `ChangedOnDisk` is raised (`overwrite` replaces the file's
        record with this one). Raises `WorkshopNeedsWork` when the record refers to unsaved
        changes, and what `save` raises. False when the file already had this record.
        """
        from integrate_tui.files import ChangedOnDisk, save

        path = self.path
        if path is None:
            raise NoPath()
        if self.read_only:
            raise ReadOnly(path)
        with self._lock:
            scenario = self.scenario
            base, expect, changed = self._file_now(path, overwrite=overwrite)
            if changed and not overwrite and base.workshop != self._saved.workshop:
                raise ChangedOnDisk(str(path))
            merged = with_workshop(base, scenario.workshop, path.name)
            if merged is base and not overwrite:
                return False
            self._disk = save(merged, path, expect=expect)
            if merged == scenario:
                self._saved, self._external = scenario, False
            else:
                self._saved, self._external = merged, self._external or changed
            if not self.dirty:
                recovery.remove(self.recovery_path)
                self._autosaved = 0
        self._emit(Event(SAVED, f"Saved the workshop record to {path.name}"))
        return True

    def _file_now(self, path: Path, *, overwrite: bool) -> tuple[Scenario, Fingerprint, bool]:
        """The scenario the file holds now, its fingerprint, and whether another program
        changed it. A file gone or unreadable is a change to ask about, or, to `overwrite`,
        stands as it was last read or written."""
        from integrate_tui.files import (
            ABSENT,
            ChangedOnDisk,
            ScenarioFileError,
            fingerprint,
            load_tracked,
        )

        now = fingerprint(path)
        if now is not None and now.same_bytes(self._disk):
            return self._saved, now, False
        try:
            if now is None:
                raise ChangedOnDisk(str(path), gone=True)
            scenario, found = load_tracked(path)
        except (ChangedOnDisk, ScenarioFileError):
            if not overwrite:
                raise ChangedOnDisk(str(path), gone=now is None) from None
            return self._saved, now or ABSENT, True
        return scenario, found, True

    def reload(self) -> Path | None:
        """Make the file's version the work, as one undoable step (undo brings back yours).

        The work it replaces is also kept in a recovery file, whose path is returned (None
        when it was the same as the file), offered at start once this instance is gone.
        """
        from integrate_tui.files import load_tracked

        if self.path is None:
            raise NoPath()
        on_disk, found = load_tracked(self.path)
        kept = None
        with self._lock:
            same = self.scenario == on_disk
            if not same:
                kept = self.place.recovery(f"{self.instance}.kept-{self.version}")
                recovery.write(self.scenario, kept)
            self._disk, self._external = found, False
            self._saved = self.scenario if same else on_disk
        if same:
            self._emit(Event(SAVED, f"Reloaded {self.path.name}"))
        else:
            self._commit(on_disk, f"Reload {self.path.name} from disk")
        return kept

    def difference(self) -> Difference:
        """The file on disk against the open work: the ledger from the file to the work."""
        from integrate_tui.files import load

        if self.path is None:
            raise NoPath()
        try:
            on_disk = load(self.path)
        except IntegrateError as error:
            return Difference([], reason=error.message)
        parts = differing_parts(on_disk, self.scenario)
        try:
            return Difference(parts, diff(score(compile_scenario(on_disk)), self.score))
        except NotComparable as error:
            return Difference(parts, reason=error.message)

    def disk_news(self) -> str | None:
        """A line once for each change another program makes to the file, else None."""
        from integrate_tui.files import ABSENT, fingerprint

        path, known = self.path, self._disk
        if path is None or known is None:
            return None
        try:
            stat = os.stat(path)
            if (stat.st_size, stat.st_mtime_ns) == (known.size, known.mtime_ns):
                return None
        except OSError:
            pass
        now = fingerprint(path) or ABSENT
        if known.same_bytes(now) or now == self._noticed:
            return None
        self._noticed = now
        if now is ABSENT:
            return f"{path.name} was deleted or moved by another program."
        return f"{path.name} was changed by another program; saving will ask what to do."

    def score_file(self, path: str | os.PathLike[str]) -> Score:
        """The score of another scenario file as saved (raises `ScenarioFileError`)."""
        from integrate_tui.files import load

        return score(compile_scenario(load(Path(path).expanduser())))

    def compare_file(self, path: str | os.PathLike[str]) -> Ledger:
        """The ledger from the open work to another scenario file with the same ids."""
        return diff(self.score, self.score_file(path))

    def claim(self, *, read_only: bool = False) -> None:
        """Mark the work as open in this instance, so others warn and leave its recovery be."""
        self.read_only, self._claimed = read_only, True
        instances.claim(self.place, self.instance, read_only=read_only)

    def release(self) -> None:
        """This instance no longer has the work open (it is closing)."""
        if self._claimed:
            self._claimed = False
            instances.release(self.place, self.instance)

    def open_elsewhere(self, path: str | os.PathLike[str] | None = None) -> list[instances.Holder]:
        """Other running instances that have this file (or `path`) open to change it."""
        target = Path(path).expanduser() if path is not None else self.path
        if target is None:
            return []
        place = Place.of(target, None)
        return [
            h for h in instances.holders(place) if h.instance != self.instance and not h.read_only
        ]

    def _move_claim(self, change: Callable[[], None]) -> None:
        """Run `change` (which may change the path), moving this instance's marker with it."""
        before = self.place
        change()
        if self._claimed and self.place != before:
            instances.release(before, self.instance)
            instances.claim(self.place, self.instance, read_only=self.read_only)

    def autosave(self) -> Path | None:
        """Write the recovery file if there are changes since the last one (thread-safe)."""
        with self._lock:
            target, scenario, version = self.recovery_path, self.scenario, self.version
            if not self.dirty:
                if self._autosaved:
                    recovery.remove(target)
                    self._autosaved = 0
                return None
            if version == self._autosaved:
                return None
            recovery.write(scenario, target)
            self._autosaved = version
            return target

    def heartbeat(self) -> None:
        """Refresh this instance's marker, so instances on other hosts see it still runs."""
        if self._claimed:
            instances.refresh(self.place, self.instance)

    def pending_recoveries(self) -> list[recovery.Orphan]:
        """Unsaved work that instances now gone left for this file, newest first."""
        return recovery.orphans(self.place, self.instance, self._saved, self.path or self.origin)

    def pending_recovery(self) -> Path | None:
        """The newest recovery file to offer at start, or None."""
        return next((o.path for o in self.pending_recoveries()), None)

    def restore_recovery(self, found: Path | None = None) -> bool:
        """Replace the current work with a recovery file's (default: the newest pending one),
        as one undoable step; that file becomes this instance's own."""
        from integrate_tui.files import load

        source = found or self.pending_recovery() or self.recovery_path
        restored = load(source)
        changed = self._commit(restored, "Restore unsaved work")
        if source != self.recovery_path:
            recovery.adopt(source, self.recovery_path)
        return changed

    def discard_recovery(self, found: Path | None = None) -> None:
        """Delete a recovery file (default: this instance's own); never a running one's."""
        with self._lock:
            target = found or self.recovery_path
            if recovery.held_by_another(self.place, target, self.instance):
                return
            recovery.remove(target)
            if target == self.recovery_path:
                self._autosaved = 0
