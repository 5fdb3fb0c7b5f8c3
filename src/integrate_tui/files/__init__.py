"""The files layer: load scenario TOML with precise errors, save it atomically keeping its
comments, export its schema.

It imports only the model, the error base class, the standard library, tomli-w and (when a
file with comments is saved) tomlkit.
"""

from integrate_tui.files.canonical import dumps
from integrate_tui.files.comments import CommentsNotKept, format_text
from integrate_tui.files.disk import (
    ABSENT,
    ChangedOnDisk,
    Fingerprint,
    check_unchanged,
    fingerprint,
)
from integrate_tui.files.errors import FileProblem, ScenarioFileError, ScenarioSaveError
from integrate_tui.files.layout import has_comments
from integrate_tui.files.load import load, load_tracked, loads
from integrate_tui.files.save import read_unchanged, save, write_text_atomic
from integrate_tui.files.schema import scenario_json_schema, scenario_json_schema_text

__all__ = [
    "ABSENT",
    "ChangedOnDisk",
    "CommentsNotKept",
    "FileProblem",
    "Fingerprint",
    "ScenarioFileError",
    "ScenarioSaveError",
    "check_unchanged",
    "dumps",
    "fingerprint",
    "format_text",
    "has_comments",
    "load",
    "load_tracked",
    "loads",
    "read_unchanged",
    "save",
    "scenario_json_schema",
    "scenario_json_schema_text",
    "write_text_atomic",
]
