"""The scenarios shipped inside the package, found with importlib.resources."""

from __future__ import annotations

from importlib.resources import as_file, files
from importlib.resources.abc import Traversable
from pathlib import Path

DEFAULT = "city-diplomacy"
TEMPLATES = ("city-diplomacy", "national-statecraft", "blank")


def _resource(name: str) -> Traversable:
    """The bundled scenario or template called `name`, inside the package."""
    return files("integrate_tui") / "scenarios" / f"{name}.toml"


def bundled_text(name: str) -> str:
    """The source text of a bundled scenario or template."""
    return _resource(name).read_text(encoding="utf-8")


def bundled_path(name: str = DEFAULT) -> Path:
    """A real file path to a bundled scenario (the package is installed as plain files)."""
    with as_file(_resource(name)) as path:
        return Path(path)
