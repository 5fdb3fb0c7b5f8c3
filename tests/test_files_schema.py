"""The JSON Schema: generated from the model, and the shipped copy never drifts from it."""

from __future__ import annotations

import json
from importlib import resources

from integrate_tui.files import scenario_json_schema
from integrate_tui.files.schema import JSON_SCHEMA_DIALECT, scenario_json_schema_text

SHIPPED = resources.files("integrate_tui") / "schema" / "scenario.schema.json"


def test_schema_has_dialect_title_and_tables() -> None:
    schema = scenario_json_schema()
    assert schema["$schema"] == JSON_SCHEMA_DIALECT
    assert schema["title"] == "integrate-tui scenario (schema_version 1)"
    assert {"schema_version", "meta", "activities", "workshop"} <= set(schema["properties"])
    assert schema["additionalProperties"] is False


def test_shipped_schema_matches_the_model() -> None:
    assert SHIPPED.read_text(encoding="utf-8") == scenario_json_schema_text(), (
        "src/integrate_tui/schema/scenario.schema.json is out of date with the model; regenerate "
        "it with `integrate-tui schema > src/integrate_tui/schema/scenario.schema.json`"
    )
    assert json.loads(SHIPPED.read_text(encoding="utf-8")) == scenario_json_schema()
