"""`integrate-tui [FILE]`: open the workbench on a file, or on the bundled scenario."""

from __future__ import annotations

from integrate_tui.cli.common import fail
from integrate_tui.errors import IntegrateError


def run_app(file: str | None) -> int:
    """Run the workbench; a file that cannot be loaded is reported before Textual starts."""
    from integrate_tui.tui.app import make_app

    try:
        app = make_app(file)
    except IntegrateError as error:
        return fail(error)
    app.run()
    return app.return_code or 0
