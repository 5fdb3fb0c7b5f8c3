"""The JSON Schema of the scenario file, generated from the model so it cannot disagree with it."""

from __future__ import annotations

import json
from typing import Any

from integrate_tui.model import SCHEMA_VERSION, Scenario

JSON_SCHEMA_DIALECT = "https://json-schema.org/draft/2020-12/schema"


def scenario_json_schema() -> dict[str, Any]:
    """The scenario format as a JSON Schema document, for editors and validators."""
    return {
        "$schema": JSON_SCHEMA_DIALECT,
        **Scenario.model_json_schema(),
        "title": f"integrate-tui scenario (schema_version {SCHEMA_VERSION})",
    }


def scenario_json_schema_text() -> str:
    """The schema as the shipped file holds it: indented, sorted keys, trailing newline."""
    return json.dumps(scenario_json_schema(), indent=2, sort_keys=True, ensure_ascii=False) + "\n"
