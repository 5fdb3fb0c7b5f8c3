"""Commands that rewrite a file check it between reading and writing: a change made meanwhile
is refused with exit 2 and nothing is written (issue 12, item 2, the CLI part)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

import integrate_tui.engine.optimise as optimiser
import integrate_tui.files as files
from integrate_tui.cli import main
from integrate_tui.files import load

THEIRS = "# written by another program meanwhile\n"


def meanwhile(monkeypatch: pytest.MonkeyPatch, module: Any, name: str, edit: Callable[[], None]):
    """Run `edit` (another program's write) just before `module.name` does its work."""
    real = getattr(module, name)

    def wrapped(*args: Any, **kwargs: Any) -> Any:
        edit()
        return real(*args, **kwargs)

    monkeypatch.setattr(module, name, wrapped)


def test_fmt_refuses_a_file_changed_between_read_and_write(
    example_path: Path, monkeypatch: pytest.MonkeyPatch, capsys
) -> None:
    example_path.write_text(example_path.read_text().replace("1800", "1_800"))
    theirs = THEIRS + example_path.read_text()
    meanwhile(monkeypatch, files, "format_text", lambda: example_path.write_text(theirs))
    assert main(["fmt", str(example_path)]) == 2
    assert "changed by another program" in capsys.readouterr().err
    assert example_path.read_text() == theirs


def test_optimise_write_over_its_own_file_refuses_an_edit_meanwhile(
    example_path: Path, monkeypatch: pytest.MonkeyPatch, capsys
) -> None:
    theirs = THEIRS + example_path.read_text()
    meanwhile(monkeypatch, optimiser, "optimise", lambda: example_path.write_text(theirs))
    assert main(["optimise", str(example_path), "--write", str(example_path)]) == 2
    assert "changed by another program" in capsys.readouterr().err
    assert example_path.read_text() == theirs


def test_optimise_write_does_not_clobber_a_file_created_meanwhile(
    example_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys
) -> None:
    out = tmp_path / "new.toml"
    meanwhile(monkeypatch, optimiser, "optimise", lambda: out.write_text(THEIRS))
    assert main(["optimise", str(example_path), "--write", str(out)]) == 2
    assert "created by another program" in capsys.readouterr().err
    assert out.read_text() == THEIRS


def test_optimise_write_overwrites_an_existing_copy_named_on_purpose(
    example_path: Path, tmp_path: Path
) -> None:
    out = tmp_path / "copy.toml"
    out.write_text("# an old copy\n" + example_path.read_text())
    assert main(["optimise", str(example_path), "--write", str(out)]) == 0
    assert out.read_text().startswith("# an old copy\n")  # its comments kept, funding new
    assert load(out).meta == load(example_path).meta


def test_rebalance_write_over_its_own_file_refuses_an_edit_meanwhile(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys
) -> None:
    import integrate_tui.engine.rebalance as rebalance
    from integrate_tui.bundled import bundled_path

    city = tmp_path / "city.toml"
    city.write_bytes(bundled_path("city-diplomacy").read_bytes())
    theirs = THEIRS + city.read_text()
    meanwhile(monkeypatch, rebalance, "rebalance", lambda: city.write_text(theirs))
    argv = ["rebalance", str(city), "--move", "budget=100:econ-dev->sister-cities"]
    assert main([*argv, "--write", str(city)]) == 2
    assert "changed by another program" in capsys.readouterr().err
    assert city.read_text() == theirs
