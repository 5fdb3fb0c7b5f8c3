"""Snapshot tests of the tradeoffs screen, every worker finished (seeded, so deterministic).

Regenerate after an intended change with
`pytest tests/test_tui_tradeoffs_snapshots.py --snapshot-update` and look at the SVGs.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.pilot import Pilot

from optimiser_pilot import settle, tight_path
from tui_support import app_on

SIZES = [(80, 24), (120, 40)]


@pytest.mark.parametrize("size", SIZES, ids=["80x24", "120x40"])
def test_tradeoffs_screen(
    snap_compare, tmp_path: Path, quick_robustness: None, size: tuple[int, int]
) -> None:

    async def computed(pilot: Pilot) -> None:
        await settle(pilot)
        await pilot.press("t")
        await settle(pilot)

    app = app_on(tight_path(tmp_path))
    assert snap_compare(app, terminal_size=size, run_before=computed)
