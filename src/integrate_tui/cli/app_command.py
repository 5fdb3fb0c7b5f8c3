"""`integrate-tui [FILE]`: open the workbench on a file, or on the bundled scenario."""

from __future__ import annotations

from integrate_tui.cli.common import fail
from integrate_tui.errors import IntegrateError


def run_app(file: str | None) -> int:
    """Run the workbench; a file that cannot be loaded is reported before Textual starts."""
    from integrate_tui.tui.daemon_executor import leave_now, workers_running
    from integrate_tui.tui.launch import launch_app

    try:
        app = launch_app(file)
    except IntegrateError as error:
        return fail(error)
    app.run()
    code = fail(app.load_error) if app.load_error is not None else app.return_code or 0
    if workers_running():  # quit during a solve: don't wait for it, nor tear down under it
        leave_now(code)
    return code
