"""Recovery files: unsaved work written beside the scenario so a crash loses at most 30 s.

The recovery file of `plans/riverton.toml` is `plans/.riverton.toml.recovery`: hidden, in
the same folder (so it travels with the file and is written atomically on the same file
system), canonical scenario TOML. Work that has no file yet (the bundled scenario, a new
one) recovers to `$XDG_STATE_HOME/integrate-tui/untitled-NAME.toml.recovery`
(`~/.local/state/...` by default), never into the installed package.

A recovery file is offered at start when it is newer than the scenario it belongs to; a
clean save, or discarding it, removes it.
"""

from __future__ import annotations

import contextlib
import os
from pathlib import Path

from integrate_tui.model import Scenario

SUFFIX = ".recovery"
AUTOSAVE_SECONDS = 30.0


def state_dir() -> Path:
    """Where recovery files of unsaved new work live."""
    base = os.environ.get("XDG_STATE_HOME") or Path.home() / ".local" / "state"
    return Path(base) / "integrate-tui"


def recovery_path(path: Path | None, origin: Path | None, folder: Path | None = None) -> Path:
    """The recovery file of a scenario saved at `path`, or of unsaved work begun from `origin`."""
    if path is not None:
        return path.with_name(f".{path.name}{SUFFIX}")
    stem = origin.stem if origin is not None else "scenario"
    return (folder or state_dir()) / f"untitled-{stem}.toml{SUFFIX}"


def is_pending(recovery: Path, scenario_file: Path | None) -> bool:
    """True when `recovery` exists and is newer than the scenario file (or there is none)."""
    try:
        saved_at = recovery.stat().st_mtime
    except OSError:
        return False
    try:
        return scenario_file is None or saved_at > scenario_file.stat().st_mtime
    except OSError:
        return True


def write(scenario: Scenario, recovery: Path) -> None:
    """Write the recovery file atomically (through the files layer's save)."""
    from integrate_tui.files import ScenarioSaveError, save

    try:
        recovery.parent.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise ScenarioSaveError(str(recovery), error.strerror or str(error)) from None
    save(scenario, recovery)


def remove(recovery: Path) -> None:
    """Delete a recovery file if it is there."""
    with contextlib.suppress(FileNotFoundError):
        recovery.unlink()
