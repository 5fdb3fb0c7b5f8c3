"""Recovery files: unsaved work written beside the scenario so a crash loses at most 30 s.

Each running instance has its own recovery file (`plans/.riverton.toml.<instance>.recovery`,
see `session.place`): hidden, in the same folder (so it travels with the file and is
written atomically on the same file system), canonical scenario TOML. Work that has no
file yet (the bundled scenario, a new one) recovers into the platform's state folder
(`session.place.state_dir`), never into the installed package.

At start an instance offers the recovery files of instances that are gone (see
`session.instances`), newest first, saying when the scenario file changed after one was
written (with two windows, the other's save makes a crashed one's work older than the
file: it is still work that would be lost). One that holds just what the file holds is
removed instead; a live instance's recovery file is never offered nor removed by another.
A clean save, or discarding it, removes an instance's own file; a restored one becomes
the restorer's.
"""

from __future__ import annotations

import contextlib
import datetime
import os
from dataclasses import dataclass
from pathlib import Path

from integrate_tui.model import Scenario
from integrate_tui.session import instances
from integrate_tui.session.place import Place

AUTOSAVE_SECONDS = 30.0


@dataclass(frozen=True)
class Orphan:
    """A recovery file left by an instance that is gone: where, and when it was written."""

    path: Path
    written: datetime.datetime
    before_file: bool
    """True when the scenario file changed after it was written."""


def orphans(place: Place, mine: str, saved: Scenario, scenario_file: Path | None) -> list[Orphan]:
    """Recovery files at `place` whose instance is gone and that differ from `saved` (what the
    file holds), newest first; those holding just `saved` are removed."""
    from integrate_tui.files import ScenarioFileError, load

    live = {h.instance for h in instances.holders(place)} | {mine}
    found = []
    for owner, path in place.recoveries():
        if owner in live:
            continue
        try:
            written = path.stat().st_mtime
            same = load(path) == saved
        except (OSError, ScenarioFileError):
            continue  # unreadable (or gone meanwhile): neither offered nor removed
        if same:
            remove(path)
        else:
            found.append(Orphan(path, _moment(written), written < _mtime(scenario_file)))
    return sorted(found, key=lambda o: o.written, reverse=True)


def _moment(timestamp: float) -> datetime.datetime:
    return datetime.datetime.fromtimestamp(timestamp).astimezone()


def _mtime(path: Path | None) -> float:
    """When the scenario file last changed (0 when there is none)."""
    try:
        return path.stat().st_mtime if path is not None else 0.0
    except OSError:
        return 0.0


def held_by_another(place: Place, recovery: Path, mine: str) -> bool:
    """True when `recovery` belongs to a running instance other than `mine`."""
    owner = next((o for o, p in place.recoveries() if p == recovery), "")
    return owner not in ("", mine) and owner in {h.instance for h in instances.holders(place)}


def write(scenario: Scenario, recovery: Path) -> None:
    """Write the recovery file atomically (through the files layer's save)."""
    from integrate_tui.files import ScenarioSaveError, save

    try:
        recovery.parent.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise ScenarioSaveError(str(recovery), error.strerror or str(error)) from None
    save(scenario, recovery)


def adopt(found: Path, mine: Path) -> None:
    """Make an orphaned recovery file this instance's own (it was restored)."""
    with contextlib.suppress(OSError):
        os.replace(found, mine)


def remove(recovery: Path) -> None:
    """Delete a recovery file if it is there."""
    with contextlib.suppress(FileNotFoundError):
        recovery.unlink()
