"""The building blocks of a report: plain data that the Markdown and HTML renderers draw.

Blocks hold finished text (numbers already formatted) and raw user text; each renderer
escapes for its own format, so the two outputs always show the same numbers.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from integrate_tui.formats import number, percent, signed

__all__ = ["SHARE_DIGITS", "Bar", "Block", "Bullets", "Chart", "Report", "Section", "Table"]
__all__ += ["Text", "number", "percent", "signed", "when"]

SHARE_DIGITS = 1
"""A report gives shares to one decimal, a screen in whole percent."""


@dataclass(frozen=True)
class Text:
    """A paragraph."""

    text: str


@dataclass(frozen=True)
class Bullets:
    """A list of short lines."""

    items: list[str]


@dataclass(frozen=True)
class Table:
    """Rows of cells under column headings; `numeric` columns are right-aligned."""

    columns: list[str]
    rows: list[list[str]]
    numeric: list[bool] = field(default_factory=list)


@dataclass(frozen=True)
class Bar:
    """One bar: its label, the number that sets its length, and the text shown beside it."""

    label: str
    value: float
    text: str


@dataclass(frozen=True)
class Chart:
    """A horizontal bar chart; bars with negative values grow left of a zero line."""

    title: str
    bars: list[Bar]

    @property
    def signed(self) -> bool:
        """True when a bar is negative: the zero line then sits in the middle."""
        return any(b.value < 0 for b in self.bars)

    @property
    def scale(self) -> float:
        """The largest |value|, the length of a full bar (1 when all are zero)."""
        return max((abs(b.value) for b in self.bars), default=0.0) or 1.0


Block = Text | Bullets | Table | Chart


@dataclass(frozen=True)
class Section:
    """A heading (level 2 … 4) and what is under it."""

    title: str
    level: int
    blocks: list[Block]


@dataclass(frozen=True)
class Report:
    """A whole report: a title, a line under it, and its sections in order."""

    title: str
    subtitle: str
    sections: list[Section]


def when(at: datetime.datetime | None) -> str:
    """A moment as `YYYY-MM-DD HH:MM`, or a dash."""
    return "—" if at is None else f"{at:%Y-%m-%d %H:%M}"
