"""Participant commands: add, change, remove, enter priorities; aggregate and apply.

Each acts now (shows its first dialog, commits its step) and hands back an awaitable of the
rest, so the keys typed after the one that opened a dialog go to it.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable

from integrate_tui.tui.dialog_answer import after, answered
from integrate_tui.tui.forms.pairwise import PairwiseForm
from integrate_tui.tui.forms.points import PointsForm
from integrate_tui.tui.screens.dialogs import Choose, Confirm, Prompt
from integrate_tui.tui.workshop.forms import ParticipantForm
from integrate_tui.tui.workshop.group_pane import GroupPane
from integrate_tui.tui.workshop.input_dialog import RECORD, InputDialog
from integrate_tui.tui.workshop.recorder import Recorder
from integrate_tui.workshop import METHODS, ROUND_KINDS, TOTAL
from integrate_tui.workshop.aggregate import Method
from integrate_tui.workshop.focus import PRIORITY_KINDS, names

COUNTS = (
    ("Count {name} fully", 1.0),
    ("Count {name} at half weight", 0.5),
    ("Leave {name} out", 0.0),
)
"""What the facilitator may choose for someone's share in the group weights."""
PEOPLE_PANES = ("people", "priorities", "vote")
"""Panes whose rows are participants: commands for someone act on the selected row."""


class PeopleCommands:
    """Commands about participants and their priorities.

    `active` names the pane shown and `selected(pane)` is that pane's row key; `group` is
    the Group pane, whose method `A` applies.
    """

    def __init__(
        self,
        recorder: Recorder,
        active: Callable[[], str],
        selected: Callable[[str], str | None],
        group: Callable[[], GroupPane],
    ) -> None:
        self.recorder = recorder
        self._active, self._selected, self._group = active, selected, group

    def participant(self, doing: str) -> Awaitable[str | None]:
        """The participant selected on this pane, else the one the facilitator picks."""
        r = self.recorder
        people = names(r.session.scenario)
        if not people:
            r.notify("Add participants first (a on the People pane).", title="Participants")
            return answered(None)
        if self._active() in PEOPLE_PANES:
            key = self._selected(self._active())
            if key in people:
                return answered(key)
        labels = {f"{name} ({pid})": pid for pid, name in people.items()}
        chosen = r.ask(Choose(f"{doing} for whom?", list(labels)))
        return after(chosen, lambda label: answered(None if label is None else labels[label]))

    def add(self) -> Awaitable[bool]:
        """Add someone to the room."""
        return self.recorder.run_form(ParticipantForm(self.recorder.session))

    def edit(self) -> Awaitable[bool]:
        """Rename the selected participant or change whom they speak for."""
        key = self._selected("people")
        if key is None:
            return answered(False)
        return self.recorder.run_form(ParticipantForm(self.recorder.session, key))

    def remove(self) -> Awaitable[bool]:
        """Remove the selected participant, after asking (refused once they are on record)."""
        r, key = self.recorder, self._selected("people")
        if key is None:
            return answered(False)
        name = names(r.session.scenario)[key]
        asked = r.ask(
            Confirm(
                "Remove participant?",
                f"Remove {name} from the participants?",
                [("remove", "Remove", "warning"), ("cancel", "Cancel", "default")],
            )
        )

        def removed(answer: str | None) -> Awaitable[bool]:
            if answer != "remove":
                return answered(False)
            return r.record(r.attempt(lambda: r.session.workshop.remove_participant(key)))

        return after(asked, removed)

    def enter_priorities(self) -> Awaitable[bool]:
        """Points or pairwise as the open round asks; with none open, the facilitator picks."""
        return after(self.participant("Priorities"), self._priorities_of)

    def _priorities_of(self, pid: str | None) -> Awaitable[bool]:
        """The open round's form for `pid`, after asking which way when none is open."""
        if pid is None:
            return answered(False)
        kind = self.recorder.session.workshop.open_kind()
        if kind in PRIORITY_KINDS:
            return self._priorities_form(pid, kind)
        choices = {ROUND_KINDS[k]: k for k in PRIORITY_KINDS}
        picked = self.recorder.ask(Choose("Which way?", list(choices)))
        return after(
            picked,
            lambda way: (
                answered(False) if way is None else self._priorities_form(pid, choices[way])
            ),
        )

    def _priorities_form(self, pid: str, kind: str) -> Awaitable[bool]:
        """Someone's points or pairwise judgements, in the form participants use."""
        r = self.recorder
        steps = r.session.workshop
        name = names(r.session.scenario)[pid]
        values = [(v.id, v.name) for v in r.session.scenario.values]
        if kind == "points":
            points = PointsForm(values, steps.points_given(pid), send=RECORD)
            title = f"{name}: spread {TOTAL} points over the values"
            return r.run_form(
                InputDialog(title, points, lambda: steps.set_points(pid, points.points()))
            )
        pairs = PairwiseForm(values, steps.judgements_given(pid), send=RECORD)
        title = f"{name}: which value matters more, and how much?"
        return r.run_form(
            InputDialog(title, pairs, lambda: steps.set_judgements(pid, pairs.judgements()))
        )

    def next_method(self) -> None:
        """Show the group weights by the next aggregation method."""
        pane, scenario = self._group(), self.recorder.session.scenario
        now = pane.method(scenario)
        cycle: list[Method] = list(METHODS)  # geometric, arithmetic, median
        chosen = cycle[(cycle.index(now) + 1) % len(cycle)]
        pane.choose(scenario, chosen)
        pane.show(self.recorder.session)
        self.recorder.notify(f"Aggregation: {METHODS[chosen]}", title="Group weights", timeout=2)

    def count(self) -> Awaitable[None]:
        """How much someone counts in the group weights (fully, half, left out), and why."""
        return after(self.participant("Count in the group weights"), self._count_of)

    def _count_of(self, pid: str | None) -> Awaitable[None]:
        if pid is None:
            return answered(None)
        name = names(self.recorder.session.scenario)[pid]
        shares = {label.format(name=name): share for label, share in COUNTS}
        picked = self.recorder.ask(Choose(f"How much does {name} count?", list(shares)))
        return self._counted(pid, shares, picked)

    async def _counted(
        self, pid: str, shares: dict[str, float], asked: Awaitable[str | None]
    ) -> None:
        """Ask why, then record the share picked (one undoable, logged step)."""
        r = self.recorder
        picked = await asked
        if picked is None:
            return
        reason = await r.ask(Prompt(f"Why? (for the log: {picked})", "e.g. CR 0.46, came late"))
        if reason is not None and await r.record(
            r.attempt(lambda: r.session.workshop.count(pid, shares[picked], reason))
        ):
            r.notify(f"{picked}. Logged; ctrl+z takes it back.", title="Group weights")

    def apply_group(self) -> Awaitable[None]:
        """The chosen aggregate becomes the scenario's weights, as one undoable step."""
        r = self.recorder
        step = r.session.workshop.apply_group(self._group().method(r.session.scenario))
        if step is None:
            r.notify("Nobody has given priorities yet.", title="Group weights")
            return answered(None)
        applied = r.record(step)
        return r.said(
            applied, f"Applied: {step.label}. ctrl+z takes it back.", title="Group weights"
        )
