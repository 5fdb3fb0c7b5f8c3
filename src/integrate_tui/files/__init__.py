"""The files layer: load scenario TOML with precise errors, save it atomically, export its schema.

It imports only the model, the error base class, the standard library and tomli-w.
"""

from integrate_tui.files.comments import comment_loss, comment_warning, count_comment_lines
from integrate_tui.files.disk import (
    ABSENT,
    ChangedOnDisk,
    Fingerprint,
    check_unchanged,
    fingerprint,
)
from integrate_tui.files.errors import FileProblem, ScenarioFileError, ScenarioSaveError
from integrate_tui.files.load import load, load_tracked, loads
from integrate_tui.files.save import dumps, save, write_text_atomic
from integrate_tui.files.schema import scenario_json_schema, scenario_json_schema_text

__all__ = [
    "ABSENT",
    "ChangedOnDisk",
    "FileProblem",
    "Fingerprint",
    "ScenarioFileError",
    "ScenarioSaveError",
    "check_unchanged",
    "comment_loss",
    "comment_warning",
    "count_comment_lines",
    "dumps",
    "fingerprint",
    "load",
    "load_tracked",
    "loads",
    "save",
    "scenario_json_schema",
    "scenario_json_schema_text",
    "write_text_atomic",
]
