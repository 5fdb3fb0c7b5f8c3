"""The building blocks of a report: plain data that the Markdown and HTML renderers draw.

Blocks hold finished text (numbers already formatted) and raw user text; each renderer
escapes for its own format, so the two outputs always show the same numbers.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from integrate_tui.formats import number, percent, signed

__all__ = ["SHARE_DIGITS", "Bar", "Block", "Bullets", "Chart", "Compare", "Pair", "Point"]
__all__ += ["Report", "Scatter", "Section", "Table", "Text", "number", "percent", "signed", "when"]

SHARE_DIGITS = 1
"""A report gives shares to one decimal, a screen in whole percent."""


@dataclass(frozen=True)
class Text:
    """A paragraph; a `strong` one is the line to read if nothing else is."""

    text: str
    strong: bool = False


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
    """A horizontal bar chart; bars with negative values grow left of a zero line, under
    the words `negative` and `positive` when given (e.g. "loses" and "gains")."""

    title: str
    bars: list[Bar]
    negative: str = ""
    positive: str = ""

    @property
    def signed(self) -> bool:
        """True when a bar is negative: the zero line then sits in the middle."""
        return any(b.value < 0 for b in self.bars)

    @property
    def scale(self) -> float:
        """The largest |value|, the length of a full bar (1 when all are zero)."""
        return max((abs(b.value) for b in self.bars), default=0.0) or 1.0


@dataclass(frozen=True)
class Pair:
    """One label's two numbers (before and after) and the text shown beside each bar."""

    label: str
    before: float
    after: float
    before_text: str
    after_text: str


@dataclass(frozen=True)
class Compare:
    """Bars in pairs, each label's `before` over its `after`, on one scale from zero."""

    title: str
    before: str  # the first series' name, e.g. "baseline"
    after: str  # the second's, e.g. "adopted"
    pairs: list[Pair]

    def chart(self) -> Chart:
        """The same bars as one chart, each bar's text naming its series."""
        bars = []
        for p in self.pairs:
            bars.append(Bar(p.label, p.before, f"{p.before_text} {self.before}"))
            bars.append(Bar("", p.after, f"{p.after_text} {self.after}"))
        return Chart(self.title, bars)


@dataclass(frozen=True)
class Point:
    """A package on two criteria; `label` names a marked one ("adopted")."""

    x: float
    y: float
    label: str = ""


@dataclass(frozen=True)
class Scatter:
    """Efficient packages between two criteria, joined in order, and a few marked packages."""

    title: str
    x_label: str
    y_label: str
    points: list[Point]  # the frontier, ascending x
    marks: list[Point]  # labelled packages: the adopted one, the baseline

    def table(self) -> Table:
        """The same points as rows, for text formats and readers without the picture."""
        rows = [[str(i), number(p.x), number(p.y)] for i, p in enumerate(self.points, 1)]
        rows += [[m.label, number(m.x), number(m.y)] for m in self.marks]
        return Table(["Package", self.x_label, self.y_label], rows, [False, True, True])


Block = Text | Bullets | Table | Chart | Compare | Scatter


@dataclass(frozen=True)
class Section:
    """A heading (level 2 … 4) and what is under it; the `lead` section (the decision) is
    set apart at the top."""

    title: str
    level: int
    blocks: list[Block]
    lead: bool = False


@dataclass(frozen=True)
class Report:
    """A whole report: a title, a line under it, and its sections in order."""

    title: str
    subtitle: str
    sections: list[Section]


def when(at: datetime.datetime | None) -> str:
    """A moment as `YYYY-MM-DD HH:MM`, or a dash."""
    return "—" if at is None else f"{at:%Y-%m-%d %H:%M}"
