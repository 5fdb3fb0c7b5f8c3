"""Another running instance of integrate-tui, in its own process, for the two-window tests."""

from __future__ import annotations

import signal
import subprocess
import sys
from pathlib import Path

INSTANCE = """\
import os, signal, sys
from integrate_tui.session import Session

s = Session.from_file(sys.argv[1])
s.claim()
s.nudge(sys.argv[2], 1)
print(s.autosave(), flush=True)
if sys.argv[3] == "killed":
    os.kill(os.getpid(), signal.SIGKILL)
sys.stdin.readline()
"""
"""Opens FILE, holds it, changes ACTIVITY, autosaves, then is killed (`killed`) or keeps
running until its stdin closes (`running`), when it ends without cleaning up, as a crash."""


def other_instance(path: Path, activity: str, fate: str) -> tuple[subprocess.Popen[str], Path]:
    """Start another instance on `path`; returns its process and its recovery file."""
    process = subprocess.Popen(
        [sys.executable, "-c", INSTANCE, str(path), activity, fate],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert process.stdout is not None
    recovery = Path(process.stdout.readline().strip())
    if fate == "killed":
        assert process.wait(timeout=60) == -signal.SIGKILL
    return process, recovery


def end(process: subprocess.Popen[str]) -> None:
    """Let a running instance end (it leaves its marker and recovery file, as a crash would)."""
    process.communicate(timeout=60)
