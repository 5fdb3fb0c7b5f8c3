"""How numbers and names are written, in the workbench, the CLI and reports alike.

One function per kind of number, so a share or a score reads the same wherever it is shown
(a report asks for one more decimal than a screen, through `digits`). Plain strings only:
colours, bars and markup belong to the views.
"""

from __future__ import annotations


def number(x: float, digits: int = 1) -> str:
    """A score or amount with `digits` decimals (never "-0.0")."""
    text = f"{x:.{digits}f}"
    return text.removeprefix("-") if float(text) == 0 else text


def signed(x: float, digits: int = 1) -> str:
    """A change, always with its sign (never "-0.0")."""
    text = f"{x:+.{digits}f}"
    return "+" + text[1:] if float(text) == 0 else text


def change(d: float, digits: int = 1) -> str:
    """A change of a score, signed; blank when it rounds to nothing."""
    text = signed(d, digits)
    return "" if float(text) == 0 else text


def percent(share: float, digits: int = 0) -> str:
    """A share (0 … 1) as a percentage: whole on screen, `digits` decimals when asked."""
    return f"{100 * share:.{digits}f}%"


def gap_points(share: float) -> str:
    """A difference of shares in whole percentage points (`±0 pts` when it rounds away)."""
    whole = round(100 * share)
    return f"{whole:+d} pts" if whole else "±0 pts"


def level(f: float) -> str:
    """A funding level (1 = fully funded as costed)."""
    return f"{f:.2f}"


def amount(x: float) -> str:
    """A resource quantity in its unit, as short as precision allows."""
    if abs(x) >= 100:
        return f"{x:,.0f}"
    return f"{x:.1f}" if abs(x) >= 10 else f"{x:.2f}".rstrip("0").rstrip(".")


def amount_change(d: float) -> str:
    """A change of a resource quantity, signed; blank when there is none."""
    return "" if abs(d) < 1e-9 else ("+" if d > 0 else "−") + amount(abs(d))


def weight(w: float) -> str:
    """A value weight as written in the file."""
    return f"{w:g}"


def clip(name: str, width: int) -> str:
    """A name on one line of at most `width` characters, cut with "…" when longer."""
    flat = " ".join(name.split())
    return flat if len(flat) <= width else flat[: max(width - 1, 0)] + "…"
