"""The workshop layer's error: a message for the facilitator, shown as a dialog or on stderr."""

from __future__ import annotations

from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from integrate_tui.errors import IntegrateError
from integrate_tui.model import format_loc
from integrate_tui.model.validate import problems_from

M = TypeVar("M", bound=BaseModel)


class WorkshopError(IntegrateError):
    """A workshop step cannot be done as asked; `problems` lists every reason found."""

    title = "Workshop"

    def __init__(self, message: str | list[str], *, title: str | None = None) -> None:
        self.problems = [message] if isinstance(message, str) else list(message)
        super().__init__("\n".join(self.problems), title=title)


def build(model: type[M], **fields: Any) -> M:
    """A validated model instance, with pydantic's errors rewritten in the file's vocabulary."""
    try:
        return model.model_validate(fields)
    except ValidationError as error:
        problems = problems_from(error)
        raise WorkshopError([f"{format_loc(p.loc)}: {p.message}" for p in problems]) from None
