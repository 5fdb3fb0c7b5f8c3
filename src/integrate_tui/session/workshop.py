"""Workshop steps through the session: each command names its step, commits it, saves it.

A command builds the step on the current scenario and names it (its undo label); a rule it
breaks raises `IntegrateError` (a `WorkshopError` lists every problem), so a form can show
why before anything changes. `commit` makes the step one undoable change.

The save policy: with a file, every workshop step saves the workshop record to it at once
(atomically, through `Session.save_workshop`), so the participant page sees the open round
and an unexpected exit loses nothing recorded. Only the record is written, on top of what
the file holds: unsaved changes made in the workbench stay unsaved until a full save. When
the file changed on disk, was opened read-only, or the record needs unsaved work, `keep`
answers ASK: the UI asks as a full save would. Without a file, only the steps that ask
(closing a round, a log entry) ask once for a path; until there is one, the recovery file
keeps the work. Saving given up (`give_up`) is asked again only after the file changes.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from integrate_tui.errors import IntegrateError
from integrate_tui.model import Scenario
from integrate_tui.session.disk import WorkshopNeedsWork
from integrate_tui.session.files import ReadOnly
from integrate_tui.workshop import (
    BASELINE,
    METHODS,
    add_entry,
    add_participant,
    add_round,
    add_snapshot,
    apply_weights,
    cast_dots,
    cast_ranking,
    close_round,
    edit_participant,
    edit_round,
    judgement_map,
    open_round,
    option_names,
    remove_participant,
    remove_round,
    set_judgements,
    set_points,
    start_round,
    timestamp,
    workshop_of,
)
from integrate_tui.workshop.aggregate import Method
from integrate_tui.workshop.errors import WorkshopError
from integrate_tui.workshop.focus import PRIORITY_KINDS, group, names, priority_round
from integrate_tui.workshop.history import keep_replaced
from integrate_tui.workshop.ids import slug
from integrate_tui.workshop.inbox import Rejected, archive, reject
from integrate_tui.workshop.log import current_round
from integrate_tui.workshop.submission import Submission, apply

if TYPE_CHECKING:
    from integrate_tui.session.session import Session

SAVED, UNCHANGED, ASK, FAILED = "saved", "unchanged", "ask", "failed"
"""What `keep` did: saved the record; had nothing to save; needs a question; failed."""

LEAST_REGRET = "Least regret"
"""The name suggested for the consensus package as an option to vote on."""

NOT_SAVED = (
    "Workshop steps are not being saved to a file; the recovery file keeps them every 30 s. "
    "Press ctrl+s to save."
)
"""What to tell the facilitator when saving the workshop record was given up."""


@dataclass(frozen=True)
class Step:
    """A workshop step ready to commit: the scenario it makes and its undo label."""

    scenario: Scenario
    label: str


@dataclass(frozen=True)
class Kept:
    """What saving the workshop record did (SAVED, UNCHANGED, ASK or FAILED) and why."""

    outcome: str
    message: str = ""


@dataclass(frozen=True)
class Taken:
    """Inbox submissions applied as one step, those set aside, and the applied in words."""

    applied: list[Submission]
    rejected: list[Rejected]
    done: str


class WorkshopSteps:
    """The session's workshop commands, its commit, and the save policy (see the module)."""

    def __init__(self, session: Session) -> None:
        self._session = session
        self._gave_up: object = None

    @property
    def _scenario(self) -> Scenario:
        return self._session.scenario

    def _name(self, participant_id: str) -> str:
        return names(self._scenario).get(participant_id, participant_id)

    def add_round(self, title: str, **fields: Any) -> Step:
        """Plan a round at the end of the agenda."""
        return Step(add_round(self._scenario, title, **fields), "Add a round")

    def edit_round(self, index: int, **fields: Any) -> Step:
        """Change round `index` (its kind and ballot only until it starts)."""
        return Step(edit_round(self._scenario, index, **fields), f"Change round {index + 1}")

    def remove_round(self, index: int) -> Step:
        """Drop round `index` from the agenda (refused once it started)."""
        return Step(remove_round(self._scenario, index), f"Remove round {index + 1}")

    def start_round(self, index: int) -> Step:
        """Open round `index` now."""
        title = workshop_of(self._scenario).rounds[index].title
        new = start_round(self._scenario, index, timestamp())
        return Step(new, f"Start round {index + 1}: {title}")

    def close_round(self, decision: str = "") -> Step:
        """Close the open round with the facilitator's decision."""
        index = open_round(workshop_of(self._scenario))
        new = close_round(self._scenario, timestamp(), decision=decision)
        return Step(new, f"Close round {(index or 0) + 1}")

    def add_participant(
        self, name: str, participant_id: str = "", interest: str | None = None
    ) -> Step:
        """Add someone to the room (their id made from the name when not given)."""
        pid = participant_id or slug(name)
        return Step(add_participant(self._scenario, pid, name, interest), "Add a participant")

    def edit_participant(self, participant_id: str, name: str | None, interest: str | None) -> Step:
        """Rename a participant or change whom they speak for."""
        new = edit_participant(self._scenario, participant_id, name=name, interest=interest)
        return Step(new, f"Change {participant_id}")

    def remove_participant(self, participant_id: str) -> Step:
        """Remove a participant (refused once they are on record)."""
        label = f"Remove {self._name(participant_id)}"
        return Step(remove_participant(self._scenario, participant_id), label)

    def _replacing(self, new: Scenario, label: str) -> Step:
        """A step that may replace someone's input, what it replaces kept in the history."""
        return Step(keep_replaced(self._scenario, new, timestamp()), label)

    def set_points(self, participant_id: str, points: Mapping[str, float]) -> Step:
        """Someone's points over the values, in the open round (or as their own weights)."""
        label = f"{self._name(participant_id)}'s points"
        return self._replacing(set_points(self._scenario, participant_id, points), label)

    def set_judgements(self, participant_id: str, judged: Mapping[tuple[str, str], float]) -> Step:
        """Someone's pairwise judgements, in the open round (or as their own weights)."""
        label = f"{self._name(participant_id)}'s comparisons"
        return self._replacing(set_judgements(self._scenario, participant_id, judged), label)

    def cast_dots(self, participant_id: str, dots: Mapping[str, int]) -> Step:
        """Someone's dots in the open vote."""
        label = f"{self._name(participant_id)}'s dots"
        return self._replacing(cast_dots(self._scenario, participant_id, dots), label)

    def cast_ranking(self, participant_id: str, ranking: Sequence[str]) -> Step:
        """Someone's ranking of the options in the open vote."""
        label = f"{self._name(participant_id)}'s ranking"
        return self._replacing(cast_ranking(self._scenario, participant_id, ranking), label)

    def count(self, participant_id: str, share: float, reason: str) -> Step:
        """How much someone's priorities count in the group weights of the priorities round
        in focus (0 leaves them out, 1 counts them fully), with the reason in the log."""
        s, index = self._scenario, priority_round(self._scenario)
        if index is None:
            raise WorkshopError("no points or pairwise round has run yet")
        if not reason.strip():
            raise WorkshopError("say why, for the log")
        round_ = workshop_of(s).rounds[index]
        counts = {**round_.counts, participant_id: share}
        if share == 1:
            del counts[participant_id]
        who = self._name(participant_id)
        if share == 0:
            done = f"{who} left out of round {index + 1}'s group weights"
        elif share == 1:
            done = f"{who} counted fully in round {index + 1}'s group weights"
        else:
            done = f"{who} counted at {share:.0%} in round {index + 1}'s group weights"
        s = edit_round(s, index, counts=counts)
        s = add_entry(s, "note", f"{done}: {reason.strip()}", timestamp(), by=[participant_id])
        return Step(s, done[0].upper() + done[1:])

    def show_results(self, revealed: bool | None = None, named: bool | None = None) -> Step:
        """Whether the room sees the results of the round in focus (the open one, else the
        last run), and whether with names."""
        index = current_round(self._scenario)
        if index is None:
            raise WorkshopError("no round has started yet: there are no results to show")
        new = edit_round(self._scenario, index, revealed=revealed, named=named)
        round_ = workshop_of(new).rounds[index]
        shown = "shown to the room" if round_.revealed else "hidden from the room"
        how = "named" if round_.named else "anonymous"
        return Step(new, f"Round {index + 1}'s results {shown} ({how})")

    def add_option(self, name: str) -> Step:
        """Keep the current funding and weights as an option to vote on."""
        return Step(add_snapshot(self._scenario, name), f"Option “{name}”")

    def add_package_option(self, name: str, package: Mapping[str, float]) -> Step:
        """Keep a package the optimiser found (activity id → level) as an option to vote on,
        with the weights in force (levels rounded to 9 decimals: no float noise in the file)."""
        funding = {a: round(float(level), 9) for a, level in package.items()}
        return Step(add_snapshot(self._scenario, name, funding=funding), f"Option “{name}”")

    def suggest_package_option(self) -> str:
        """A name for the consensus package as an option: "Least regret", then "… 2", …"""
        taken = {n.casefold() for n in option_names(self._scenario)}
        number = 1
        while (LEAST_REGRET if number == 1 else f"{LEAST_REGRET} {number}").casefold() in taken:
            number += 1
        return LEAST_REGRET if number == 1 else f"{LEAST_REGRET} {number}"

    def add_entry(self, kind: str, text: str, by: Sequence[str] = ()) -> Step:
        """A timestamped entry in the decision log."""
        return Step(add_entry(self._scenario, kind, text, timestamp(), by=list(by)), "Log entry")

    def apply_group(self, method: Method) -> Step | None:
        """The round in focus aggregated by `method` as the scenario's weights, the method
        kept on the open priorities round; None while nobody has given priorities."""
        s = self._scenario
        result = group(s, method)
        if result is None:
            return None
        index = open_round(workshop_of(s))
        if index is not None and workshop_of(s).rounds[index].kind in PRIORITY_KINDS:
            s = edit_round(s, index, aggregation=method)
        return Step(apply_weights(s, result.as_points()), f"Group weights ({METHODS[method]})")

    def open_kind(self) -> str | None:
        """The kind of the open round, None when none is open."""
        workshop = workshop_of(self._scenario)
        index = open_round(workshop)
        return None if index is None else workshop.rounds[index].kind

    def open_vote(self) -> int | None:
        """The open round when it is a vote, else None."""
        index = open_round(workshop_of(self._scenario))
        return index if self.open_kind() == "vote" else None

    def points_given(self, participant_id: str) -> dict[str, float]:
        """Someone's weights in the open round, else their own: where a points form starts."""
        workshop = workshop_of(self._scenario)
        index = open_round(workshop)
        given = workshop.rounds[index].inputs.get(participant_id) if index is not None else None
        if given is not None:
            return dict(given.weights)
        person = next(p for p in workshop.participants if p.id == participant_id)
        return dict(person.weights)

    def judgements_given(self, participant_id: str) -> dict[tuple[str, str], float]:
        """Someone's judgements in the open round: where a pairwise form starts."""
        workshop = workshop_of(self._scenario)
        index = open_round(workshop)
        given = workshop.rounds[index].inputs.get(participant_id) if index is not None else None
        return judgement_map(given.judgements) if given else {}

    def suggest_option(self) -> str:
        """A name for the next option: "Baseline" first, then "Option A", "Option B", …"""
        taken = option_names(self._scenario)
        if not taken:
            return BASELINE
        letter = 0
        while f"Option {chr(ord('A') + letter)}" in taken and letter < 25:
            letter += 1
        return f"Option {chr(ord('A') + letter)}"

    def commit(self, step: Step) -> bool:
        """Make the step current as one undoable change; True when something changed.

        Raises `ScenarioInvalid` (and changes nothing) when it breaks one of the model's rules.
        """
        return self._session.apply(step.scenario, step.label) is not None

    def take(self, accepted: Sequence[Submission], rejected: Sequence[Rejected]) -> Taken:
        """Apply the inbox's valid submissions to the current scenario as one step; those no
        longer valid are set aside with their reason."""
        scenario, applied, refused = self._scenario, [], list(rejected)
        for submission in accepted:
            try:
                scenario = keep_replaced(
                    scenario, apply(scenario, submission), submission.submitted
                )
                applied.append(submission)
            except IntegrateError as error:
                refused.append(_set_aside(submission, error.message))
        who = names(scenario)
        done = ", ".join(f"{who.get(s.participant, s.participant)} ({s.kind})" for s in applied)
        try:
            if applied:
                self._session.apply(scenario, f"Inbox: {done}")
        except IntegrateError as error:
            refused += [_set_aside(s, error.message) for s in applied]
            applied = []
        return Taken(applied, refused, done)

    def archive(self, taken: Taken) -> list[str]:
        """Move the applied submissions to the archive; why any could not be moved."""
        problems = []
        for submission in taken.applied:
            try:
                archive(submission)
            except (IntegrateError, OSError) as error:
                problems.append(str(error))
        return problems

    def save_quietly(self) -> Kept:
        """Save the workshop record into the open file if that needs no question."""
        from integrate_tui.files import ChangedOnDisk

        s = self._session
        if s.path is None:
            return Kept(ASK)
        try:
            written = s.save_workshop()
        except (ChangedOnDisk, ReadOnly, WorkshopNeedsWork):
            return Kept(ASK)
        except IntegrateError as error:
            return Kept(FAILED, error.message)
        return Kept(SAVED if written else UNCHANGED)

    def keep(self, *, ask: bool = False) -> Kept:
        """Save the workshop record just changed by the save policy (see the module): ASK
        when there is no file (only if `ask`) or saving needs a question first."""
        s = self._session
        if not s.workshop_unsaved or self._gave_up == (s.path, s.disk):
            return Kept(UNCHANGED)
        if s.path is None and not ask:
            return Kept(UNCHANGED)
        return self.save_quietly()

    def give_up(self) -> str:
        """The facilitator declined to save: do not ask again until the file changes."""
        self._gave_up = (self._session.path, self._session.disk)
        return NOT_SAVED


def _set_aside(submission: Submission, reason: str) -> Rejected:
    """Reject a submission that was valid when read but no longer applies."""
    if submission.path is None:
        raise IntegrateError("a submission without a file cannot be set aside")
    return reject(submission.path, reason)
