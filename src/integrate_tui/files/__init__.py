"""The files layer: load scenario TOML with precise errors, save it atomically, export its schema.

It imports only the model, the error base class, the standard library and tomli-w.
"""

from integrate_tui.files.comments import comment_loss, comment_warning, count_comment_lines
from integrate_tui.files.errors import FileProblem, ScenarioFileError, ScenarioSaveError
from integrate_tui.files.load import load, loads
from integrate_tui.files.save import dumps, save, write_text_atomic
from integrate_tui.files.schema import scenario_json_schema, scenario_json_schema_text

__all__ = [
    "FileProblem",
    "ScenarioFileError",
    "ScenarioSaveError",
    "comment_loss",
    "comment_warning",
    "count_comment_lines",
    "dumps",
    "load",
    "loads",
    "save",
    "scenario_json_schema",
    "scenario_json_schema_text",
    "write_text_atomic",
]
