"""The one object the UI talks to: the scenario, its score, undo history, file and recovery.

Commands go in as method calls; every change becomes one undoable step and is announced to
listeners as an `Event`. Funding and weight edits only re-score the compiled model; any other
change recompiles it. Nothing here imports Textual.

A funding key costs what it touches, not the size of the scenario: the compiled model's
arrays and a `LiveScore` are the working state and are updated in place (one activity's rows
and its interactions'); the undo history keeps a `Levels` record of the move; the scenario,
the model carrying it and the `Score` are built from the working state when first read after a
change (and then kept until the next one). Snapshots are kept outside the undo history:
undo and redo carry the current snapshots along.
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
from integrate_tui.engine.rescore import LiveScore
from integrate_tui.errors import IntegrateError
from integrate_tui.model import Activity, Scenario, Workshop, validate_scenario
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
from integrate_tui.session.history import History, Levels
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


@dataclasses.dataclass(frozen=True)
class _Revert:
    """The state before the last change, as the levels to put back (built only if asked)."""

    funding: dict[str, float]
    weights: dict[str, float]


REBUILD_SHARE = 0.05
"""A whole-scenario step that moves only the levels of fewer than this share of the
activities is re-scored move by move; more, in full."""


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
        self._levels_lock = threading.RLock()  # the scenario is built on read, e.g. by autosave
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
        self._scenario = scenario  # the scenario last built, apart from the levels pending
        self._pending: dict[str, float] = {}  # activity id → funding moved since
        self._pending_weights: dict[str, float] = {}  # value id → weight moved since
        self._structure: Compiled = compile_scenario(scenario)  # its arrays, ids and scales
        self._live = LiveScore(self._structure)
        self._model: Compiled | None = self._structure
        self._score: Score | None = None
        self._previous: Score | _Revert | None = None
        self._ledger: Ledger | None = None
        self._history = History()
        self._saved = scenario
        self.version = 0
        self._autosaved = 0

    @property
    def scenario(self) -> Scenario:
        """The scenario now (built from the last one and the levels moved since, on read)."""
        with self._levels_lock:
            if self._pending or self._pending_weights:
                index = self._structure.index
                self._scenario = edits.with_levels_at(
                    self._scenario, self._pending, self._pending_weights, index
                )
                self._pending, self._pending_weights = {}, {}
            return self._scenario

    @property
    def model(self) -> Compiled:
        """The compiled model, carrying the current scenario (one object until the next change:
        results computed from it can be matched with `is`)."""
        if self._model is None:
            s = self.scenario
            if s is self._structure.scenario:
                self._model = self._structure
            else:
                weights = self._live.raw_weights.copy()
                self._model = dataclasses.replace(
                    self._structure, scenario=s, default_weights=weights
                )
        return self._model

    @property
    def score(self) -> Score:
        """The score now, on `model` (one object until the next change)."""
        if self._score is None:
            self._score = self._live.score(self.model)
        return self._score

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
            before = self._previous
            if isinstance(before, _Revert):
                before = self._reverted(before)
            try:
                self._ledger = diff(before, self.score)
            except NotComparable:
                self._previous = None
        return self._ledger

    def _reverted(self, revert: _Revert) -> Score:
        """The score of the state before the last levels move, rebuilt from the working state."""
        index, live = self._structure.index, self._live.copy()
        for key, level in revert.funding.items():
            live.fund(index["activities"][key], level)
        if revert.weights:
            live.weigh(self._weights_with(live.raw_weights, revert.weights))
        return live.score(self._structure)

    def _weights_with(self, raw: np.ndarray, weights: Mapping[str, float]) -> np.ndarray:
        out = raw.copy()
        for key, weight in weights.items():
            out[self._structure.index["values"][key]] = weight
        return out

    @property
    def weight_step(self) -> float:
        """How far one weight nudge moves a value's weight."""
        return grid.weight_step(self._live.raw_weights.tolist())

    def activity(self, activity_id: str) -> Activity:
        """The current activity with this id (KeyError if there is none)."""
        position = self._structure.index["activities"][activity_id]
        with self._levels_lock:
            found, level = self._scenario.activities[position], self._pending.get(activity_id)
        return found if level is None else found.model_copy(update={"funding": level})

    def _value(self, value_id: str) -> tuple[str, float]:
        """The name and current weight of a value (KeyError if there is none)."""
        position = self._structure.index["values"][value_id]
        return self._scenario.values[position].name, float(self._live.raw_weights[position])

    def _commit(self, new: Scenario, label: str) -> bool:
        """Make `new` current as one undoable step; False when nothing changed."""
        if new is self.scenario:
            return False
        self._history.push(self.scenario, label)
        self._install(new, label)
        return True

    def _install(self, new: Scenario, label: str) -> None:
        """Make a whole scenario current (recompiling when its structure differs)."""
        old, before = self.scenario, self.score
        structural = not same_structure(old, new)
        funding = np.array([a.funding for a in new.activities], dtype=float)
        moved = [] if structural else np.flatnonzero(funding != self._live.funding).tolist()
        # A locked activity's funding is its top, which the scales count (docs/scoring.md §3).
        structural = structural or bool(self._structure.locked[moved].any())
        with self._levels_lock:
            self._scenario, self._pending, self._pending_weights = new, {}, {}
        if structural:
            self._structure = compile_scenario(new)
            self._live = LiveScore(self._structure)
        else:
            weights = np.array([v.weight for v in new.values], dtype=float)
            self._structure = dataclasses.replace(
                self._structure, scenario=new, default_weights=weights
            )
            if len(moved) > REBUILD_SHARE * len(funding):
                self._live = LiveScore(self._structure)
            else:
                for i in moved:
                    self._live.fund(i, float(funding[i]))
                self._live.weigh(weights)
        self._model = self._score = None
        self._previous, self._ledger = before, None
        self.version += 1
        kind = STRUCTURE if structural or old.meta != new.meta else SCORE
        self._emit(Event(kind, label))

    def _move(self, step: Levels, after: bool, label: str) -> None:
        """Make one side of a funding and weight move current, re-scoring only what it
        touches; the scenario is rebuilt when next read."""
        funding, weights = step.levels(after)
        others = step.levels(not after)
        index = self._structure.index
        with self._levels_lock:
            built = not (self._pending or self._pending_weights)
            step.remember(not after, self._scenario if built else None)
            for key, level in funding.items():
                self._live.fund(index["activities"][key], level)
            if weights:
                self._live.weigh(self._weights_with(self._live.raw_weights, weights))
            known = step.scenario(after)
            if known is not None and _same_workshop(known, self._scenario):
                self._scenario, self._pending, self._pending_weights = known, {}, {}
            else:
                self._pending.update(funding)
                self._pending_weights.update(weights)
        before = self._score
        self._model = self._score = None
        self._previous = before if before is not None else _Revert(*others)
        self._ledger = None
        self.version += 1
        self._emit(Event(SCORE, label))

    def _levels_step(self, step: Levels, label: str) -> bool:
        """Make a funding or weight move one undoable step."""
        self._history.push(step, label)
        self._move(step, True, label)
        return True

    def _outside_history(self, new: Scenario, label: str) -> bool:
        """Make `new` — the scenario with other snapshots — current without an undo step."""
        before = self.score
        with self._levels_lock:
            self._scenario = new
        self._model = self._score = None
        self._previous, self._ledger = before, None
        self.version += 1
        self._emit(Event(SCORE, label))
        return True

    def _carried(self, s: Scenario) -> Scenario:
        """`s` with the current snapshots (those of its ids it has): undo and redo leave
        snapshots alone."""
        now = self.scenario.workshop.snapshots if self.scenario.workshop else []
        workshop = s.workshop or Workshop()
        if workshop.snapshots == now:
            return s
        activities, values = {a.id for a in s.activities}, {v.id for v in s.values}
        kept = [
            snap.model_copy(
                update={
                    "funding": {k: x for k, x in snap.funding.items() if k in activities},
                    "weights": {k: x for k, x in snap.weights.items() if k in values},
                }
            )
            for snap in now
        ]
        return s.model_copy(update={"workshop": workshop.model_copy(update={"snapshots": kept})})

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
        return self._levels_step(Levels({activity.id: (activity.funding, level)}, {}), label)

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
        activities = list(self.scenario.activities)
        activities[self._structure.index["activities"][a.id]] = new
        return bool(self.apply(self.scenario.model_copy(update={"activities": activities}), label))

    def set_weight(self, value_id: str, weight: float) -> bool:
        """Set a value's weight (relative; never below 0)."""
        name, old = self._value(value_id)
        new = grid.clean(max(weight, 0.0))
        if new == old:
            return False
        label = f"{name} weight {old:g} → {new:g}"
        return self._levels_step(Levels({}, {value_id: (old, new)}), label)

    def nudge_weight(self, value_id: str, steps: int) -> bool:
        """Move a value's weight by `steps` weight steps."""
        _, old = self._value(value_id)
        return self.set_weight(value_id, grid.nudge_weight(old, self.weight_step, steps))

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
        step = self._history.next_undo()
        if step is None:
            return None
        before, label = self._history.undo(None if isinstance(step, Levels) else self.scenario)
        if isinstance(before, Levels):
            self._move(before, False, f"Undo: {label}")
        else:
            self._install(self._carried(before), f"Undo: {label}")
        return label

    def redo(self) -> str | None:
        """Do the last undone change again; returns its label (None when there was nothing)."""
        step = self._history.next_redo()
        if step is None:
            return None
        after, label = self._history.redo(None if isinstance(step, Levels) else self.scenario)
        if isinstance(after, Levels):
            self._move(after, True, f"Redo: {label}")
        else:
            self._install(self._carried(after), f"Redo: {label}")
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


def _same_workshop(a: Scenario, b: Scenario) -> bool:
    """Whether two scenarios hold the same workshop record (snapshots included)."""
    return a.workshop is b.workshop or a.workshop == b.workshop
