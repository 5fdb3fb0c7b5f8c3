"""Import hygiene: the headless layers never pull in Textual, and the engine not scipy either."""

from __future__ import annotations

import subprocess
import sys

import pytest


def _loaded_after(module: str, watched: tuple[str, ...]) -> list[str]:
    """Which of `watched` a fresh interpreter has in sys.modules after importing `module`."""
    code = (
        f"import sys, {module}\n"
        f"print(','.join(sorted(m for m in {watched!r} if m in sys.modules)))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=False
    )
    assert result.returncode == 0, result.stderr
    return [m for m in result.stdout.strip().split(",") if m]


@pytest.mark.parametrize(
    "module",
    [
        "integrate_tui.model",
        "integrate_tui.files",
        "integrate_tui.workshop",
        "integrate_tui.workshop.inbox",
        "integrate_tui.workshop.focus",
        "integrate_tui.session",
        "integrate_tui.session.workshop",
        "integrate_tui.session.analyses",
        "integrate_tui.formats",
        "integrate_tui.cli.workshop_commands",
    ],
)
def test_headless_layers_do_not_import_textual(module: str) -> None:
    assert _loaded_after(module, ("textual",)) == []


def test_the_engine_imports_neither_textual_nor_scipy() -> None:
    assert _loaded_after("integrate_tui.engine", ("textual", "scipy")) == []
