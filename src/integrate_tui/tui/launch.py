"""How the CLI starts the workbench: the first frame at once, the work built behind it."""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING

from integrate_tui.tui.app import WorkbenchApp

if TYPE_CHECKING:
    from integrate_tui.session import Session


def launch_app(
    path: str | os.PathLike[str] | None = None,
    *,
    recovery_folder: str | os.PathLike[str] | None = None,
) -> WorkbenchApp:
    """The app as the CLI starts it: a first frame at once, the work built in a worker behind.

    A file is read and checked first, so one that cannot be loaded raises `ScenarioFileError`
    before Textual starts; the bundled scenario is known to load, so all of it waits.
    """
    if path is None:

        def build() -> Session:
            from integrate_tui.session import Session

            return Session.bundled(recovery_folder=recovery_folder)

    else:
        from integrate_tui.files import load_tracked

        target = Path(path).expanduser()
        scenario, disk = load_tracked(target)

        def build() -> Session:
            from integrate_tui.session import Session

            return Session(scenario, path=target, recovery_folder=recovery_folder, disk=disk)

    return WorkbenchApp(build)
