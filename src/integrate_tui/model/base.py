"""Shared building blocks of the scenario model: the strict base class and constrained types."""

from __future__ import annotations

import re
from typing import Annotated

from pydantic import AfterValidator, BaseModel, ConfigDict, Field

SLUG_PATTERN = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
SLUG_HELP = "lowercase letters, digits and single '-' between them, e.g. 'trade-missions'"


def _check_slug(value: str) -> str:
    if not SLUG_PATTERN.match(value):
        raise ValueError(f"{value!r} is not a valid id: use {SLUG_HELP}")
    return value


Slug = Annotated[str, AfterValidator(_check_slug)]
"""An entity id: what references use, unique within its kind."""

NonNegative = Annotated[float, Field(ge=0)]
Share = Annotated[float, Field(ge=0, le=1)]
Impact = Annotated[float, Field(ge=-5, le=5)]
Support = Annotated[float, Field(ge=-2, le=2)]
Effect = Annotated[float, Field(ge=-1, le=1)]
Name = Annotated[str, Field(min_length=1)]


class StrictModel(BaseModel):
    """Base of every table: unknown keys, NaN/inf and type coercion from text are all refused."""

    model_config = ConfigDict(extra="forbid", strict=True, allow_inf_nan=False)
