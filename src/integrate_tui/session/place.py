"""Where a work's side files live: one recovery file and one open marker per running instance.

Beside `plans/riverton.toml` they are `plans/.riverton.toml.<instance>.recovery` and
`plans/.riverton.toml.<instance>.lock`, where the instance id is the process id and six
random hex digits (`4242-a1b2c3`), so two windows on one file never share a side file.
Work with no file yet keeps them in the state folder as `untitled-NAME.toml.<instance>.…`.
A recovery file kept when its instance reloaded the file from disk has `.kept-N` after
the id; `.riverton.toml.recovery` (no id) is what versions before instances wrote.
"""

from __future__ import annotations

import os
import re
import secrets
from dataclasses import dataclass
from pathlib import Path

import platformdirs

RECOVERY = ".recovery"
MARKER = ".lock"
_ID = r"\d+-[0-9a-f]{6}"
_OWNER = re.compile(rf"(?:(?P<id>{_ID})(?:\.kept-\d+)?)?")
"""What may stand between a place's prefix and `.recovery`: an instance id, or nothing."""


def new_instance() -> str:
    """A fresh instance id: this process's id and six random hex digits."""
    return f"{os.getpid()}-{secrets.token_hex(3)}"


def state_dir() -> Path:
    """Where the side files of work with no file yet live: the platform's state folder
    (`$XDG_STATE_HOME/integrate-tui` on Linux, `~/Library/Application Support` on macOS,
    `%LOCALAPPDATA%` on Windows)."""
    return Path(platformdirs.user_state_dir("integrate-tui", appauthor=False))


@dataclass(frozen=True)
class Place:
    """The folder and name prefix shared by a work's side files (`.riverton.toml.`)."""

    folder: Path
    prefix: str

    @classmethod
    def of(cls, path: Path | None, origin: Path | None, folder: Path | None = None) -> Place:
        """The place of a scenario saved at `path`, or of unsaved work begun from `origin`."""
        if path is not None:
            return cls(path.parent, f".{path.name}.")
        stem = origin.stem if origin is not None else "scenario"
        return cls(folder or state_dir(), f"untitled-{stem}.toml.")

    def recovery(self, name: str) -> Path:
        """The recovery file named `name` (an instance id, perhaps with `.kept-N`)."""
        return self.folder / f"{self.prefix}{name}{RECOVERY}"

    def marker(self, instance: str) -> Path:
        """The open marker of `instance`."""
        return self.folder / f"{self.prefix}{instance}{MARKER}"

    def recoveries(self) -> list[tuple[str, Path]]:
        """Every recovery file here with the instance that wrote it ("" when unknown)."""
        found = []
        for middle, path in self._side_files(RECOVERY):
            owner = _OWNER.fullmatch(middle)
            if owner is not None:
                found.append((owner["id"] or "", path))
        return found

    def markers(self) -> list[tuple[str, Path]]:
        """Every open marker here with its instance id."""
        return [(m, p) for m, p in self._side_files(MARKER) if re.fullmatch(_ID, m)]

    def _side_files(self, suffix: str) -> list[tuple[str, Path]]:
        try:
            names = os.listdir(self.folder)
        except OSError:
            return []
        start, end = len(self.prefix), len(suffix)
        return [
            (name[start : len(name) - end], self.folder / name)
            for name in names
            if name.startswith(self.prefix) and name.endswith(suffix)
        ]
