"""Apply a batch of collected submissions to a scenario, each on its own, as one change.

The facilitator's app and `integrate-tui inbox --apply` both take the inbox this way: the
submissions in send order, each applied to its own participant; one that no longer applies
(its round closed meanwhile, its participant removed) is refused with the reason and the
rest go on. The result is then checked whole against the model's rules, as every change
to a scenario is; should it break one, nothing is applied.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from integrate_tui.errors import IntegrateError
from integrate_tui.model import Scenario, ScenarioInvalid, validate_scenario
from integrate_tui.workshop.submission import Submission, apply


@dataclass(frozen=True)
class Intake:
    """The scenario with the submissions applied, the ones applied, and the ones refused."""

    scenario: Scenario
    applied: list[Submission]
    refused: list[tuple[Submission, str]]


def apply_all(scenario: Scenario, submissions: Iterable[Submission]) -> Intake:
    """Apply each submission in turn; a refused one is listed with its reason, not raised."""
    current, applied, refused = scenario, [], []
    for submission in submissions:
        try:
            current = apply(current, submission)
        except IntegrateError as error:
            refused.append((submission, error.message))
        else:
            applied.append(submission)
    if not applied:
        return Intake(scenario, [], refused)
    try:
        checked = validate_scenario(current.model_dump())
    except ScenarioInvalid as error:
        return Intake(scenario, [], refused + [(s, error.message) for s in applied])
    return Intake(checked, applied, refused)
