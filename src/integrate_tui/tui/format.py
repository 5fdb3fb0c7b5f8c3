"""How numbers look on screen: the shared formatters, bars, theme colours and plain text.

Every view formats through this module, so a test can format an engine number the same way
and compare it with what is on screen; the numbers themselves are written by
`integrate_tui.formats`, as the CLI and reports write them. Text from a file or a
participant goes through `plain`, so it is shown as written and never read as markup.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, TypeVar

from rich.text import Text

from integrate_tui.formats import (
    amount,
    amount_change,
    clip,
    gap_points,
    level,
    percent,
    weight,
)
from integrate_tui.formats import change as delta
from integrate_tui.formats import number as points

if TYPE_CHECKING:  # the app imports this module (through its dialogs) before the engine
    from integrate_tui.engine import Change

_EIGHTHS = " ▏▎▍▌▋▊▉"

V = TypeVar("V")

__all__ = [
    "Palette",
    "amount",
    "amount_change",
    "bar",
    "clip",
    "delta",
    "gap_points",
    "interaction",
    "level",
    "percent",
    "plain",
    "plain_options",
    "points",
    "signed",
    "weight",
]


def plain(text: str) -> Text:
    """`text` to show exactly as written, brackets and all.

    Textual reads a `str` given to a widget (`Static`, `Label`, `Button`, `OptionList`,
    `Select` and `SelectionList` options, `Tree` nodes, `DataTable` cells and column labels,
    border titles) as markup: a name like `Ana [/] Ruiz` from a scenario file or a remote
    participant would crash the app, and `[b]x` would restyle it. Pass every text that
    holds such a name through `plain`, or build a `Static`/`Label`/`OptionList` that only
    ever shows plain text with `markup=False`.
    """
    return Text(text)


def plain_options(options: Iterable[tuple[str, V]]) -> list[tuple[Text, V]]:
    """`(label, value)` pairs for a `Select` or `SelectionList`, each label shown as written."""
    return [(plain(label), value) for label, value in options]


@dataclass(frozen=True)
class Palette:
    """Rich colours taken from the Textual theme, so bars follow the theme (and projector)."""

    bar: str = "#0178d4"
    good: str = "#4ebf71"
    bad: str = "#e05a5a"
    dim: str = "#7f7f7f"

    @classmethod
    def from_theme(cls, variables: Mapping[str, str]) -> Palette:
        """The palette for the theme's CSS variables (`app.theme_variables`)."""
        return cls(
            bar=variables.get("primary", cls.bar),
            good=variables.get("success", cls.good),
            bad=variables.get("error", cls.bad),
            dim=variables.get("foreground-muted", variables.get("text-muted", cls.dim)),
        )


def bar(fraction: float, width: int, style: str, rest: float = 1.0, rest_style: str = "") -> Text:
    """A horizontal bar filling `fraction` of `width` cells, then `░` up to `rest`."""
    fraction = min(max(fraction, 0.0), 1.0)
    eighths = round(fraction * width * 8)
    full, part = divmod(eighths, 8)
    filled = "█" * full + (_EIGHTHS[part] if part else "")
    shade = max(round(min(rest, 1.0) * width) - len(filled), 0)
    text = Text(filled, style=style)
    text.append("░" * shade, style=rest_style)
    text.append(" " * (width - len(filled) - shade))
    return text


def signed(text: str, value: float, palette: Palette, justify: str = "left") -> Text:
    """`text` coloured good when `value` is positive, bad when negative."""
    style = palette.good if value > 0 else palette.bad
    return Text(text, style=style if text else "", justify=justify)  # type: ignore[arg-type]


def interaction(change: Change, names: Mapping[str, str]) -> Change:
    """An interaction's change named by its activities' names rather than "a + b" ids."""
    a, _, b = change.id.partition(" + ")
    return replace(change, name=f"{names.get(a, a)} + {names.get(b, b)}")
