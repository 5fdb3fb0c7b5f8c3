"""Shared building blocks of the scenario model: the strict base class and constrained types."""

from __future__ import annotations

import re
from typing import Annotated

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, StringConstraints

SLUG_PATTERN = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
SLUG_HELP = "lowercase letters, digits and single '-' between them, e.g. 'trade-missions'"


Slug = Annotated[str, StringConstraints(pattern=SLUG_PATTERN.pattern)]
"""An entity id: what references use, unique within its kind (the pattern shows in the schema)."""


def _not_blank(value: str) -> str:
    if not value.strip():
        raise ValueError("must not be blank")
    return value


NonNegative = Annotated[float, Field(ge=0)]
Share = Annotated[float, Field(ge=0, le=1)]
Impact = Annotated[float, Field(ge=-5, le=5)]
Support = Annotated[float, Field(ge=-2, le=2)]
Effect = Annotated[float, Field(ge=-1, le=1)]
Name = Annotated[str, Field(min_length=1), AfterValidator(_not_blank)]


class StrictModel(BaseModel):
    """Base of every table: unknown keys, NaN/inf and type coercion from text are all refused."""

    model_config = ConfigDict(extra="forbid", strict=True, allow_inf_nan=False)
