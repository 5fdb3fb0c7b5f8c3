"""A form for one entity: a labelled input per field, its hint, and the model's messages."""

from __future__ import annotations

from typing import Any

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widget import Widget
from textual.widgets import Checkbox, Label, Select, Static, TextArea

from integrate_tui.session.forms import BOOL, CHOICE, FORMS, LONG, Field, parse, to_text
from integrate_tui.tui.widgets.typed_input import TypedInput


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
            yield self._input(field)
            if field.hint:
                yield Label(field.hint, classes="hint")
            problem = Static("", classes="problem", id=f"problem-{field.name}", markup=False)
            problem.display = False
            yield problem

    def _first(self, field: Field) -> Any:
        """What a field's widget starts with: its text, its tick or its selection."""
        value = self.data.get(field.name)
        if field.kind == BOOL:
            return bool(value)
        if field.kind == CHOICE:
            return value if value in self.choices.get(field.choices_from, []) else Select.NULL
        return to_text(field, value)

    def _input(self, field: Field) -> Widget:
        widget_id, first = f"field-{field.name}", self._first(field)
        if field.kind == BOOL:
            return Checkbox("yes", first, id=widget_id, compact=True)
        if field.kind == CHOICE:
            options = [(x, x) for x in self.choices.get(field.choices_from, [])]
            return Select(options, value=first, id=widget_id, compact=True)
        if field.kind == LONG:
            return TextArea(first, id=widget_id, soft_wrap=True, compact=True)
        return TypedInput(first, id=widget_id, compact=True)

    @property
    def edited(self) -> bool:
        """Whether any field now differs from what the form was filled with."""
        return self._shown() != [self._first(field) for field in self.fields]

    def _shown(self) -> list[Any]:
        """What each field's widget holds now: its text, its tick or its selection."""
        widgets = (self.query_one(f"#field-{field.name}") for field in self.fields)
        return [w.text if isinstance(w, TextArea) else w.value for w in widgets]  # type: ignore[attr-defined]

    def values(self) -> tuple[dict[str, Any], dict[str, list[str]]]:
        """The parsed field values, and the fields whose text could not be read."""
        values: dict[str, Any] = {}
        errors: dict[str, list[str]] = {}
        for field, shown in zip(self.fields, self._shown(), strict=True):
            if field.kind == BOOL:
                values[field.name] = shown
            elif field.kind == CHOICE:
                values[field.name] = "" if shown == Select.NULL else shown
            else:
                try:
                    values[field.name] = parse(field, shown)
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
