"""integrate-tui: a terminal workbench for policy integration across silos.

`__version__` is read from the installed metadata on first use: importing
`importlib.metadata` costs more than the rest of this package's start-up before Textual.
"""

from __future__ import annotations


def __getattr__(name: str) -> str:
    if name != "__version__":
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("integrate-tui")
    except PackageNotFoundError:  # running from a source tree that was never installed
        return "0.0.0+unknown"
