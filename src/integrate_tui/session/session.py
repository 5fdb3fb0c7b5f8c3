"""The one object the UI talks to: the scenario, its score, undo history, file and recovery.

Commands go in as method calls; every change becomes one undoable step and is announced to
listeners as an `Event`. Funding and weight edits only re-score the compiled model; any other
change recompiles it. Nothing here imports Textual.
"""

from __future__ import annotations

import dataclasses
import os
import threading
from collections.abc import Callable, Mapping
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

from integrate_tui.bundled import DEFAULT, bundled_path
from integrate_tui.engine import (
    Compiled,
    Explanation,
    Ledger,
    NotComparable,
    Score,
    compile_scenario,
    diff,
    explain_interest,
    explain_overall,
    explain_resource,
    explain_value,
)
from integrate_tui.engine import score as score_of
from integrate_tui.errors import IntegrateError
from integrate_tui.model import Activity, Scenario, validate_scenario
from integrate_tui.session import edits, grid
from integrate_tui.session.events import (
    FILE,
    SAVED,
    SCORE,
    STRUCTURE,
    Event,
    Listener,
    same_structure,
)
from integrate_tui.session.files import FilesMixin
from integrate_tui.session.history import History
from integrate_tui.session.place import new_instance
from integrate_tui.session.snapshots import SnapshotsMixin

if TYPE_CHECKING:
    from integrate_tui.files import Fingerprint
    from integrate_tui.session.workshop import WorkshopSteps


class ActivityLocked(IntegrateError):
    """A locked activity's funding was to be moved by hand: unlock it first (in Edit)."""

    title = "Locked"

    def __init__(self, name: str, funding: float) -> None:
        super().__init__(f"{name} is locked at {funding:g}: unlock it in Edit (e) to move it")


class Session(FilesMixin, SnapshotsMixin):
    """Current scenario + compiled model + score, with undo/redo, snapshots and autosave."""

    def __init__(
        self,
        scenario: Scenario,
        *,
        path: Path | None = None,
        origin: Path | None = None,
        recovery_folder: str | os.PathLike[str] | None = None,
        disk: Fingerprint | None = None,
    ) -> None:
        """`disk`: the fingerprint of what was read from `path` (taken now when not given)."""
        from integrate_tui.files import ABSENT, fingerprint

        self.path = path
        self.origin = origin if origin is not None else path
        self.recovery_folder = Path(recovery_folder) if recovery_folder is not None else None
        self.instance = new_instance()
        self.read_only = False
        self._claimed = False
        if disk is None and path is not None:
            disk = fingerprint(path) or ABSENT
        self._disk, self._external, self._noticed = disk, False, None
        self._listeners: list[Listener] = []
        self._lock = threading.Lock()
        self._reset(scenario)

    @classmethod
    def from_file(cls, path: str | os.PathLike[str], **options: Any) -> Session:
        """A session on a scenario file (raises `ScenarioFileError` when it cannot be loaded)."""
        from integrate_tui.files import load_tracked

        target = Path(path).expanduser()
        scenario, disk = load_tracked(target)
        return cls(scenario, path=target, disk=disk, **options)

    @classmethod
    def bundled(cls, name: str = DEFAULT, **options: Any) -> Session:
        """A session on a bundled scenario, with no file of its own: saving asks for a path."""
        from integrate_tui.files import load

        origin = bundled_path(name)
        return cls(load(origin), origin=origin, **options)

    def _reset(self, scenario: Scenario) -> None:
        self.scenario = scenario
        self.model: Compiled = compile_scenario(scenario)
        self.score: Score = score_of(self.model)
        self._previous: Score | None = None
        self._ledger: Ledger | None = None
        self._history = History()
        self._saved = scenario
        self.version = 0
        self._autosaved = 0

    @cached_property
    def workshop(self) -> WorkshopSteps:
        """The workshop commands, their commit and save policy (`session.workshop`)."""
        from integrate_tui.session.workshop import WorkshopSteps

        return WorkshopSteps(self)

    def subscribe(self, listener: Listener) -> Callable[[], None]:
        """Call `listener(event)` after every change; returns a function that unsubscribes."""
        self._listeners.append(listener)
        return lambda: self._listeners.remove(listener)

    def _emit(self, event: Event) -> None:
        for listener in list(self._listeners):
            listener(event)

    @property
    def undo_label(self) -> str | None:
        """What undo would take back (None: nothing to undo)."""
        return self._history.undo_label

    @property
    def redo_label(self) -> str | None:
        """What redo would do again (None: nothing to redo)."""
        return self._history.redo_label

    @property
    def ledger(self) -> Ledger | None:
        """What the last change did (None before any change, or when ids changed)."""
        if self._ledger is None and self._previous is not None:
            try:
                self._ledger = diff(self._previous, self.score)
            except NotComparable:
                self._previous = None
        return self._ledger

    @property
    def weight_step(self) -> float:
        """How far one weight nudge moves a value's weight."""
        return grid.weight_step(v.weight for v in self.scenario.values)

    def activity(self, activity_id: str) -> Activity:
        """The current activity with this id (KeyError if there is none)."""
        return self.scenario.activity(activity_id)

    def _commit(self, new: Scenario, label: str) -> bool:
        """Make `new` current as one undoable step; False when nothing changed."""
        if new is self.scenario:
            return False
        self._history.push(self.scenario, label)
        self._install(new, label)
        return True

    def _install(self, new: Scenario, label: str) -> None:
        old, before = self.scenario, self.score
        structural = not same_structure(old, new)
        self.scenario = new
        if structural:
            self.model = compile_scenario(new)
        else:
            weights = np.array([v.weight for v in new.values], dtype=float)
            self.model = dataclasses.replace(self.model, scenario=new, default_weights=weights)
        self.score = score_of(self.model)
        self._previous, self._ledger = before, None
        self.version += 1
        kind = STRUCTURE if structural or old.meta != new.meta else SCORE
        self._emit(Event(kind, label))

    def set_funding(self, activity_id: str, level: float) -> bool:
        """Fund an activity at `level`, snapped to its step grid within its bounds (a locked
        one raises `ActivityLocked`)."""
        activity = self.activity(activity_id)
        return self._fund(activity, grid.snap(activity, level))

    def nudge(self, activity_id: str, steps: int) -> bool:
        """Move an activity's funding by `steps` of its step (negative to cut; a locked one
        raises `ActivityLocked`)."""
        activity = self.activity(activity_id)
        return self._fund(activity, grid.nudge(activity, steps))

    def _fund(self, activity: Activity, level: float) -> bool:
        """Fund one activity by hand; a locked one refuses (`ActivityLocked`) and stays put."""
        if level == activity.funding:
            return False
        if activity.locked:
            raise ActivityLocked(activity.name, activity.funding)
        label = f"{activity.name} {activity.funding:g} → {level:g}"
        return self._commit(edits.with_levels(self.scenario, {activity.id: level}), label)

    def set_levels(
        self,
        funding: Mapping[str, float] | None = None,
        weights: Mapping[str, float] | None = None,
        label: str = "Change funding",
    ) -> bool:
        """Set many activities' funding and values' weights as one step (e.g. auto-balance)."""
        return bool(self.apply(edits.with_levels(self.scenario, funding, weights), label))

    def set_min(self, activity_id: str, level: float) -> bool:
        """Change an activity's minimum funding, raising its funding to it if below."""
        a = self.activity(activity_id)
        low = grid.clean(min(max(level, 0.0), a.max_funding))
        update = {"min_funding": low, "funding": max(a.funding, low)}
        return self._replace_activity(a, update, f"{a.name} minimum {a.min_funding:g} → {low:g}")

    def set_max(self, activity_id: str, level: float) -> bool:
        """Change an activity's maximum funding, lowering its funding to it if above."""
        a = self.activity(activity_id)
        high = grid.clean(max(level, a.min_funding, a.step))
        update = {"max_funding": high, "funding": min(a.funding, high)}
        return self._replace_activity(a, update, f"{a.name} maximum {a.max_funding:g} → {high:g}")

    def _replace_activity(self, a: Activity, update: dict[str, Any], label: str) -> bool:
        new = a.model_copy(update=update)
        if new == a:
            return False
        activities = [new if x is a else x for x in self.scenario.activities]
        return bool(self.apply(self.scenario.model_copy(update={"activities": activities}), label))

    def set_weight(self, value_id: str, weight: float) -> bool:
        """Set a value's weight (relative; never below 0)."""
        value = next(v for v in self.scenario.values if v.id == value_id)
        new = grid.clean(max(weight, 0.0))
        if new == value.weight:
            return False
        label = f"{value.name} weight {value.weight:g} → {new:g}"
        return self._commit(edits.with_levels(self.scenario, weights={value_id: new}), label)

    def nudge_weight(self, value_id: str, steps: int) -> bool:
        """Move a value's weight by `steps` weight steps."""
        value = next(v for v in self.scenario.values if v.id == value_id)
        return self.set_weight(value_id, grid.nudge_weight(value.weight, self.weight_step, steps))

    def apply(self, new: Scenario | Mapping[str, Any], label: str) -> Scenario | None:
        """Validate a whole new scenario with the model's rules and make it one undoable step.

        Raises `ScenarioInvalid` (listing every problem) and changes nothing when it breaks a
        rule. Returns the scenario now current, or None when it equals the current one.
        """
        data = new.model_dump() if isinstance(new, Scenario) else new
        checked = validate_scenario(data)
        if checked == self.scenario:
            return None
        self._commit(checked, label)
        return checked

    def undo(self) -> str | None:
        """Take back the last change; returns its label (None when there was nothing)."""
        if self._history.undo_label is None:
            return None
        before, label = self._history.undo(self.scenario)
        self._install(before, f"Undo: {label}")
        return label

    def redo(self) -> str | None:
        """Do the last undone change again; returns its label (None when there was nothing)."""
        if self._history.redo_label is None:
            return None
        after, label = self._history.redo(self.scenario)
        self._install(after, f"Redo: {label}")
        return label

    def explain(self, subject: str) -> Explanation:
        """Why a number is what it is: "overall", "value:ID", "interest:ID", "resource:ID", or
        "activity:ID" (that activity's part of the integrated score, by value)."""
        kind, _, key = subject.partition(":")
        if kind == "overall":
            return explain_overall(self.score)
        if kind == "activity":
            overall = explain_overall(self.score)
            return Explanation(
                subject,
                float(self.score.activity_overall[self.model.index["activities"][key]]),
                [d for d in overall.drivers if d.activity == key],
                [x for x in overall.interactions if key in x[:2]],
            )
        explainers = {"value": explain_value, "interest": explain_interest}
        explainers["resource"] = explain_resource
        return explainers[kind](self.score, key)

    @property
    def display_name(self) -> str:
        """The file name, or the bundled scenario's name marked as not saved to a file yet."""
        if self.path is not None:
            return self.path.name
        return f"{self.origin.stem} (no file yet)" if self.origin else "untitled (no file yet)"

    def _after_load(self, scenario: Scenario, path: Path) -> None:
        self.path = self.origin = path
        self._reset(scenario)
        self._emit(Event(FILE, f"Opened {path.name}"))

    def _after_save(self, scenario: Scenario, path: Path) -> None:
        self.path = self.origin = path
        self._saved = scenario
        self._emit(Event(SAVED, f"Saved {path.name}"))
