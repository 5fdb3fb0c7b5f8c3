"""The file side of a session: open, save, compare with a file, autosave and recovery."""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING

from integrate_tui.engine import Ledger, Score, compile_scenario, diff, score
from integrate_tui.errors import IntegrateError
from integrate_tui.model import Scenario
from integrate_tui.session import recovery

if TYPE_CHECKING:
    import threading
    from collections.abc import Callable


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


def _inside_package(path: Path) -> bool:
    package = Path(__file__).resolve().parents[1]
    return Path(os.path.realpath(path)).is_relative_to(package)


class FilesMixin:
    """Open, save and recovery for `Session` (which provides the state these methods use)."""

    path: Path | None
    origin: Path | None
    scenario: Scenario
    score: Score
    version: int
    dirty: bool
    recovery_path: Path
    _autosaved: int
    _lock: threading.Lock

    _after_load: Callable[[Scenario, Path], None]
    _after_save: Callable[[Scenario, Path], None]
    _commit: Callable[[Scenario, str], bool]

    def open(self, path: str | os.PathLike[str]) -> None:
        """Open another scenario file; on a load error this raises and nothing changes."""
        from integrate_tui.files import load

        target = Path(path).expanduser()
        scenario = load(target)
        self._after_load(scenario, target)

    def save(self, path: str | os.PathLike[str] | None = None) -> Path:
        """Save atomically to `path` (default: the current file); removes the recovery file.

        Raises `NoPath` when there is no file yet and no path was given, `PackageFile` for a
        path inside the installed package, and `ScenarioSaveError` when the write fails.
        """
        from integrate_tui.files import save

        target = Path(path).expanduser() if path is not None else self.path
        if target is None:
            raise NoPath()
        if _inside_package(target):
            raise PackageFile(target)
        scenario = self.scenario
        with self._lock:
            old_recovery = self.recovery_path
            save(scenario, target)
            self._after_save(scenario, target)
            recovery.remove(old_recovery)
            recovery.remove(self.recovery_path)
        return target

    def save_as(self, path: str | os.PathLike[str]) -> Path:
        """Save to a new path, which becomes the current file."""
        return self.save(path)

    def comment_loss(self, path: str | os.PathLike[str] | None = None) -> str | None:
        """The warning to show before saving over a file with comments, or None."""
        from integrate_tui.files import comment_loss, comment_warning

        target = Path(path) if path is not None else self.path
        count = comment_loss(target) if target is not None else 0
        return comment_warning(target, count) if count and target is not None else None

    def score_file(self, path: str | os.PathLike[str]) -> Score:
        """The score of another scenario file as saved (raises `ScenarioFileError`)."""
        from integrate_tui.files import load

        return score(compile_scenario(load(Path(path).expanduser())))

    def compare_file(self, path: str | os.PathLike[str]) -> Ledger:
        """The ledger from the open work to another scenario file with the same ids."""
        return diff(self.score, self.score_file(path))

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

    def pending_recovery(self) -> Path | None:
        """A recovery file newer than the scenario it belongs to, offered at start."""
        target = self.recovery_path
        return target if recovery.is_pending(target, self.path or self.origin) else None

    def restore_recovery(self) -> bool:
        """Replace the current work with the recovery file's, as one undoable step."""
        from integrate_tui.files import load

        restored = load(self.recovery_path)
        return self._commit(restored, "Restore unsaved work")

    def discard_recovery(self) -> None:
        """Delete the recovery file (the user chose not to restore it, or quit discarding)."""
        with self._lock:
            recovery.remove(self.recovery_path)
            self._autosaved = 0
