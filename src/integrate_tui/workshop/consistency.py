"""How a set of pairwise answers is judged in words, wherever the facilitator or a
participant reads it: the live form, the Priorities pane's hint."""

from __future__ import annotations

from collections.abc import Mapping

from integrate_tui.workshop.ahp import CR_LIMIT, Priorities

HINT = f"CR above {CR_LIMIT:.2f} means some answers contradict others."
"""What the consistency ratio's limit means, in one line."""


def verdict(result: Priorities) -> str:
    """ "Consistency ratio 0.003: consistent (at most 0.10)", or above the limit."""
    judged = (
        f"consistent (at most {CR_LIMIT:.2f})"
        if result.consistent
        else f"above {CR_LIMIT:.2f}: some answers contradict others"
    )
    return f"Consistency ratio {result.cr:.3f}: {judged}"


def worst(result: Priorities, names: Mapping[str, str]) -> str | None:
    """The answer that contradicts the others most, in words (None when none does)."""
    if result.worst is None:
        return None
    return f"Most inconsistent answer: {result.worst.explain(names)}"
