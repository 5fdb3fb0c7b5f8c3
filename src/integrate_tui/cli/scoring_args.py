"""Parse and check `--set`, `--weight` and `--explain` against a compiled scenario.

Every mistake becomes an `IntegrateError` with one line naming the option, what was given
and what would be accepted, so `main` prints it and exits 2.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Iterator, Sequence
from difflib import get_close_matches
from typing import TYPE_CHECKING

from integrate_tui.cli.common import BadArgument

if TYPE_CHECKING:
    from integrate_tui.engine import Compiled

SUBJECT_KINDS = ("value", "interest", "resource")


def unknown(what: str, given: str, known: Iterable[str]) -> BadArgument:
    """'unknown activity 'x' — did you mean 'y'?' (or the known ids when nothing is close)."""
    ids = sorted(known)
    close = get_close_matches(given, ids, n=1)
    if close:
        hint = f" — did you mean {close[0]!r}?"
    else:
        shown = ", ".join(ids[:8]) + (", …" if len(ids) > 8 else "")
        hint = f" (known: {shown})"
    return BadArgument(f"unknown {what} {given!r}{hint}")


def _assignments(
    items: Sequence[str], option: str, form: str, what: str, known: Sequence[str]
) -> Iterator[tuple[str, str, float]]:
    """`ID=NUMBER` items as (item, id, finite number), each id known and given once."""
    ids, seen = set(known), set()
    for item in items:
        name, sep, text = item.partition("=")
        name, text = name.strip(), text.strip()
        if not sep or not name or not text:
            example = f"{option} {known[0]}=0.5" if known else ""
            raise BadArgument(f"{option} {item!r}: expected {form}, e.g. {example}")
        if name not in ids:
            raise BadArgument(f"{option} {item!r}: {unknown(what, name, ids)}")
        if name in seen:
            raise BadArgument(f"{option}: {what} {name!r} is given more than once")
        seen.add(name)
        try:
            number = float(text)
        except ValueError:
            raise BadArgument(f"{option} {item!r}: {text!r} is not a number") from None
        if not math.isfinite(number):
            raise BadArgument(f"{option} {item!r}: must be a finite number, not {text!r}")
        yield item, name, number


def funding_levels(model: Compiled, items: Sequence[str]) -> dict[str, float]:
    """`--set ACTIVITY=FUNDING` as id → level, each within the activity's funding bounds."""
    levels = {}
    for item, activity_id, level in _assignments(
        items, "--set", "ACTIVITY=FUNDING", "activity", model.activity_ids
    ):
        i = model.index["activities"][activity_id]
        low, high = float(model.min_funding[i]), float(model.max_funding[i])
        if not low <= level <= high:
            raise BadArgument(
                f"--set {item!r}: funding of {activity_id!r} must be within "
                f"[{low:g}, {high:g}] (its min_funding and max_funding)"
            )
        levels[activity_id] = level
    return levels


def weight_levels(model: Compiled, items: Sequence[str]) -> dict[str, float]:
    """`--weight VALUE=W` as id → weight, each ≥ 0 (weights are relative)."""
    weights = {}
    for item, value_id, weight in _assignments(
        items, "--weight", "VALUE=WEIGHT", "value", model.value_ids
    ):
        if weight < 0:
            raise BadArgument(f"--weight {item!r}: a weight must be ≥ 0 (weights are relative)")
        weights[value_id] = weight
    return weights


def subject(model: Compiled, text: str) -> tuple[str, str]:
    """`--explain ID` as (kind, id): `overall`, or a value, interest or resource id.

    `kind:ID` picks the kind when several kinds share an id.
    """
    if text == "overall":
        return "overall", "overall"
    ids = {kind: model.index[f"{kind}s"] for kind in SUBJECT_KINDS}
    kind, sep, name = text.partition(":")
    if sep and kind in ids:
        if name not in ids[kind]:
            raise BadArgument(f"--explain: {unknown(kind, name, ids[kind])}")
        return kind, name
    matches = [kind for kind in SUBJECT_KINDS if text in ids[kind]]
    if len(matches) > 1:
        options = " or ".join(f"{kind}:{text}" for kind in matches)
        raise BadArgument(f"--explain {text!r} is ambiguous: use {options}")
    if not matches:
        known = {"overall"}.union(*ids.values())
        raise BadArgument(f"--explain: {unknown('value, interest or resource', text, known)}")
    return matches[0], text
