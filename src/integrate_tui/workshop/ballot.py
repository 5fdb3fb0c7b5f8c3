"""What each option on a ballot funds, so nobody votes blind: levels, changes, scores.

Every option is scored with the same weights, the group's (the value weights in force in
the scenario now), so the options differ only in what they fund; an option's own stored
weights are not used. Changes are against the baseline (`options.baseline`), when there is
one. The participant page shows this beside each option; the projector and the report can
show the same.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from integrate_tui.engine import compile_scenario, score
from integrate_tui.model import Scenario
from integrate_tui.workshop.options import baseline, current_state, snapshot

_SAME = 1e-9
"""Funding levels closer than this count as unchanged."""


@dataclass(frozen=True)
class Funded:
    """One activity in an option: its level, and the baseline's (None without a baseline)."""

    activity: str
    name: str
    level: float
    before: float | None

    @property
    def change(self) -> float:
        """The level minus the baseline's (0 without a baseline)."""
        return 0.0 if self.before is None else self.level - self.before

    @property
    def changed(self) -> bool:
        return abs(self.change) > _SAME


@dataclass(frozen=True)
class Contents:
    """An option as a voter needs it: what it funds and how it scores under the group's weights."""

    name: str
    funded: tuple[Funded, ...]
    overall: float
    values: tuple[tuple[str, float], ...]  # (value name, score)
    interests: tuple[tuple[str, float], ...]  # (interest name, score)
    feasible: bool

    @property
    def compared(self) -> bool:
        """Whether there is a baseline to compare with."""
        return any(f.before is not None for f in self.funded)

    @property
    def changes(self) -> tuple[Funded, ...]:
        """The activities whose level differs from the baseline's."""
        return tuple(f for f in self.funded if f.changed)


def ballot_contents(scenario: Scenario, options: Sequence[str]) -> list[Contents]:
    """Each option's contents, in ballot order, all scored with the group's weights."""
    model = compile_scenario(scenario)
    weights = model.weights_from(current_state(scenario).weights)
    base = baseline(scenario)
    shown = []
    for name in options:
        snap = snapshot(scenario, name)
        scored = score(model, model.funding_from(dict(snap.funding)), weights)
        funded = tuple(
            Funded(
                a.id,
                a.name,
                float(scored.funding[i]),
                None if base is None else float(base.funding.get(a.id, a.funding)),
            )
            for i, a in enumerate(scenario.activities)
        )
        shown.append(
            Contents(
                name,
                funded,
                float(scored.overall),
                tuple((v.name, float(scored.values[i])) for i, v in enumerate(scenario.values)),
                tuple(
                    (k.name, float(scored.interests[i])) for i, k in enumerate(scenario.interests)
                ),
                scored.feasible,
            )
        )
    return shown
