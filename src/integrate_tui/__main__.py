"""`python -m integrate_tui` runs the same entry point as the `integrate-tui` script."""

from integrate_tui.cli import main

raise SystemExit(main())
