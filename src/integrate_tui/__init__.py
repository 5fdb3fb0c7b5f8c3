"""integrate-tui: a terminal workbench for policy integration across silos."""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("integrate-tui")
except PackageNotFoundError:  # running from a source tree that was never installed
    __version__ = "0.0.0+unknown"
