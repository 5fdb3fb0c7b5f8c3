"""Participant commands: add, change, remove, enter priorities; aggregate and apply."""

from __future__ import annotations

from typing import TYPE_CHECKING

from integrate_tui.tui.screens.dialogs import Choose, Confirm
from integrate_tui.tui.workshop.focus import names
from integrate_tui.tui.workshop.forms import ParticipantForm
from integrate_tui.tui.workshop.group_pane import LABELS, GroupPane, group
from integrate_tui.tui.workshop.pairwise_form import PairwiseForm
from integrate_tui.tui.workshop.points_form import PointsForm
from integrate_tui.tui.workshop.recorder import Recorder
from integrate_tui.workshop import (
    ROUND_KINDS,
    apply_weights,
    edit_round,
    judgement_map,
    open_round,
    remove_participant,
    workshop_of,
)

if TYPE_CHECKING:
    from integrate_tui.tui.workshop.pane import Pane

PEOPLE_PANES = ("people", "priorities", "vote")
"""Panes whose rows are participants: commands for someone act on the selected row."""


class PeopleActions(Recorder):
    """Commands about participants and their priorities (the screen provides `pane`)."""

    if TYPE_CHECKING:

        def pane(self, name: str) -> Pane: ...
        @property
        def active(self) -> str: ...

    async def participant(self, doing: str) -> str | None:
        """The participant selected on this pane, else the one the facilitator picks."""
        people = names(self.session.scenario)
        if not people:
            self.notify("Add participants first (a on the People pane).", title="Participants")
            return None
        if self.active in PEOPLE_PANES:
            key = self.pane(self.active).current
            if key in people:
                return key
        labels = {f"{name} ({pid})": pid for pid, name in people.items()}
        chosen = await self.app.push_screen_wait(Choose(f"{doing} for whom?", list(labels)))
        return None if chosen is None else labels[chosen]

    async def add_participant(self) -> None:
        """Add someone to the room."""
        await self.run_form(ParticipantForm(self.session), "Add a participant")

    async def edit_participant(self) -> None:
        """Rename the selected participant or change whom they speak for."""
        key = self.pane("people").current
        if key is not None:
            await self.run_form(ParticipantForm(self.session, key), f"Change {key}")

    async def remove_participant(self) -> None:
        """Remove the selected participant, after asking (refused once they are on record)."""
        key = self.pane("people").current
        if key is None:
            return
        name = names(self.session.scenario)[key]
        answer = await self.app.push_screen_wait(
            Confirm(
                "Remove participant?",
                f"Remove {name} from the participants?",
                [("remove", "Remove", "warning"), ("cancel", "Cancel", "default")],
            )
        )
        if answer == "remove":
            new = self.attempt(lambda s: remove_participant(s, key))
            await self.record(new, f"Remove {name}")

    async def enter_priorities(self) -> None:
        """Points or pairwise as the open round asks; with none open, the facilitator picks."""
        pid = await self.participant("Priorities")
        if pid is None:
            return
        s = self.session.scenario
        workshop = workshop_of(s)
        index = open_round(workshop)
        kind = workshop.rounds[index].kind if index is not None else ""
        if kind not in ("points", "pairwise"):
            picked = await self.app.push_screen_wait(
                Choose("Which way?", [ROUND_KINDS["points"], ROUND_KINDS["pairwise"]])
            )
            if picked is None:
                return
            kind = "points" if picked == ROUND_KINDS["points"] else "pairwise"
        given = workshop.rounds[index].inputs.get(pid) if index is not None else None
        name = names(s)[pid]
        if kind == "points":
            person = next(p for p in workshop.participants if p.id == pid)
            start = dict(given.weights) if given else dict(person.weights)
            await self.run_form(PointsForm(self.session, pid, start), f"{name}'s points")
        else:
            judged = judgement_map(given.judgements) if given else {}
            await self.run_form(PairwiseForm(self.session, pid, judged), f"{name}'s comparisons")

    def action_method(self) -> None:
        pane = self.pane("group")
        if isinstance(pane, GroupPane):
            now = pane.method(self.session.scenario)
            cycle = list(LABELS)  # geometric, arithmetic, median
            pane.choice = cycle[(cycle.index(now) + 1) % len(cycle)]
            pane.show(self.session)
            self.notify(f"Aggregation: {LABELS[pane.choice]}", title="Group weights", timeout=2)

    async def apply_group(self) -> None:
        """The chosen aggregate becomes the scenario's weights, as one undoable step."""
        pane = self.pane("group")
        method = pane.method(self.session.scenario) if isinstance(pane, GroupPane) else "geometric"
        s = self.session.scenario
        result = group(s, method)
        if result is None:
            self.notify("Nobody has given priorities yet.", title="Group weights")
            return
        index = open_round(workshop_of(s))
        if index is not None and workshop_of(s).rounds[index].kind in ("points", "pairwise"):
            s = edit_round(s, index, aggregation=method)
        label = f"Group weights ({LABELS[method]})"
        if await self.record(apply_weights(s, result.as_points()), label):
            self.notify(f"Applied: {label}. ctrl+z takes it back.", title="Group weights")
