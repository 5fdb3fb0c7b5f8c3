"""Snapshots of workshop mode at 120×40: the vote pane mid-vote, and the projector view.

Regenerate after an intended change with
`pytest tests/test_tui_workshop_snapshots.py --snapshot-update` and look at the SVGs.
Every time shown comes from the file (fixed moments), and the open round has no time box,
so nothing depends on the clock.
"""

from __future__ import annotations

from pathlib import Path

from integrate_tui.files import save
from tui_support import SIZE
from workshop_pilot import mid_vote, workshop_app


def app_mid_vote(folder: Path):
    path = folder / "riverton.toml"
    save(mid_vote(), path)
    return workshop_app(path)


def test_workshop_vote_pane(snap_compare, tmp_path: Path) -> None:
    assert snap_compare(app_mid_vote(tmp_path), terminal_size=SIZE, press=["w", "5"])


def test_projector_mode(snap_compare, tmp_path: Path) -> None:
    assert snap_compare(app_mid_vote(tmp_path), terminal_size=SIZE, press=["w", "p"])
