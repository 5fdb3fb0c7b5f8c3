"""A form for one entity: a labelled input per field, its hint, and the model's messages."""

from __future__ import annotations

from typing import Any

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widget import Widget
from textual.widgets import Checkbox, Input, Label, Select, Static, TextArea

from integrate_tui.session.forms import BOOL, CHOICE, FORMS, LONG, Field, parse, to_text


class EntityForm(Vertical):
    """Fields of `kind` filled from `data`; `choices` lists the ids a CHOICE field offers."""

    DEFAULT_CSS = """
    EntityForm { height: auto; }
    EntityForm .field { text-style: bold; margin-top: 1; }
    EntityForm Input, EntityForm TextArea { background: $boost; }
    EntityForm .hint { color: $text-muted; }
    EntityForm .problem { color: $error; text-style: bold; }
    EntityForm TextArea { height: 4; }
    EntityForm Select { width: 1fr; }
    """

    def __init__(self, kind: str, data: dict[str, Any], choices: dict[str, list[str]]) -> None:
        super().__init__()
        self.kind, self.data, self.choices = kind, data, choices

    @property
    def fields(self) -> list[Field]:
        return FORMS[self.kind]

    def compose(self) -> ComposeResult:
        for field in self.fields:
            yield Label(field.label, classes="field")
            yield self._input(field, self.data.get(field.name))
            if field.hint:
                yield Label(field.hint, classes="hint")
            problem = Static("", classes="problem", id=f"problem-{field.name}", markup=False)
            problem.display = False
            yield problem

    def _input(self, field: Field, value: Any) -> Widget:
        widget_id = f"field-{field.name}"
        if field.kind == BOOL:
            return Checkbox("yes", bool(value), id=widget_id, compact=True)
        if field.kind == CHOICE:
            options = [(x, x) for x in self.choices.get(field.choices_from, [])]
            chosen = value if value in dict(options) else Select.NULL
            return Select(options, value=chosen, id=widget_id, compact=True)
        if field.kind == LONG:
            return TextArea(to_text(field, value), id=widget_id, soft_wrap=True, compact=True)
        return Input(to_text(field, value), id=widget_id, compact=True)

    def values(self) -> tuple[dict[str, Any], dict[str, list[str]]]:
        """The parsed field values, and the fields whose text could not be read."""
        values: dict[str, Any] = {}
        errors: dict[str, list[str]] = {}
        for field in self.fields:
            widget = self.query_one(f"#field-{field.name}")
            if isinstance(widget, Checkbox):
                values[field.name] = widget.value
            elif isinstance(widget, Select):
                values[field.name] = "" if widget.is_blank() else widget.value
            else:
                text = widget.text if isinstance(widget, TextArea) else widget.value  # type: ignore[attr-defined]
                try:
                    values[field.name] = parse(field, text)
                except ValueError as error:
                    errors[field.name] = [str(error)]
        return values, errors

    def show_problems(self, problems: dict[str, list[str]]) -> None:
        """Show each field's problems under it (and clear the others)."""
        for field in self.fields:
            lines = problems.get(field.name, [])
            shown = self.query_one(f"#problem-{field.name}", Static)
            shown.update("\n".join(lines))
            shown.display = bool(lines)
        first = next((f for f in self.fields if f.name in problems), None)
        if first is not None:
            self.query_one(f"#field-{first.name}").focus()
