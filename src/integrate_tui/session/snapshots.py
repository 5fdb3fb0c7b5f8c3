"""Named snapshots of funding and weights ("Baseline", "Option A"), kept in the workshop section.

Taking or deleting one is not an undo step: the undo history is of funding, weights and
structure, and undo and redo carry the current snapshots along (`Session._carried`)."""

from __future__ import annotations

from collections.abc import Callable, Mapping

from integrate_tui.engine import Compiled, Ledger, Score, diff
from integrate_tui.engine import score as score_of
from integrate_tui.errors import IntegrateError
from integrate_tui.model import Scenario, Snapshot
from integrate_tui.session import edits


class SnapshotsMixin:
    """Snapshot, restore and compare for `Session` (which provides the state used here)."""

    _outside_history: Callable[[Scenario, str], bool]
    set_levels: Callable[[Mapping[str, float] | None, Mapping[str, float] | None, str], bool]

    @property
    def scenario(self) -> Scenario:
        """The session's scenario now (provided by `Session`)."""
        raise NotImplementedError

    @property
    def model(self) -> Compiled:
        """The compiled model now (provided by `Session`)."""
        raise NotImplementedError

    @property
    def score(self) -> Score:
        """The session's score now (provided by `Session`)."""
        raise NotImplementedError

    @property
    def snapshots(self) -> list[Snapshot]:
        """The named funding and weight sets kept in the scenario's workshop section."""
        return list(self.scenario.workshop.snapshots) if self.scenario.workshop else []

    def snapshot(self, name: str) -> bool:
        """Keep the current funding and weights as snapshot `name` (replacing one so named).

        Not an undo step (issue 15): undo takes back the last funding change, not the
        snapshot, and undo and redo keep every snapshot."""
        name = name.strip()
        if not name:
            raise IntegrateError("a snapshot needs a name, e.g. “Baseline”", title="No name")
        return self._outside_history(edits.with_snapshot(self.scenario, name), f"Snapshot “{name}”")

    def delete_snapshot(self, name: str) -> bool:
        """Forget snapshot `name` (not an undo step either)."""
        self.find_snapshot(name)
        return self._outside_history(
            edits.without_snapshot(self.scenario, name), f"Delete “{name}”"
        )

    def find_snapshot(self, name: str) -> Snapshot:
        """The snapshot called `name` (KeyError if there is none)."""
        for snap in self.snapshots:
            if snap.name == name:
                return snap
        raise KeyError(name)

    def restore_snapshot(self, name: str) -> bool:
        """Bring back a snapshot's funding and weights as one undoable step."""
        snap = self.find_snapshot(name)
        return self.set_levels(snap.funding, snap.weights, f"Restore “{name}”")

    def score_for(self, name: str | None) -> Score:
        """The score of snapshot `name` on the current model (None: the current state)."""
        if name is None:
            return self.score
        snap, m = self.find_snapshot(name), self.model
        return score_of(m, m.funding_from(snap.funding), m.weights_from(snap.weights))

    def compare(self, before: str | None, after: str | None) -> Ledger:
        """The full ledger from snapshot `before` to snapshot `after` (None: current state)."""
        return diff(self.score_for(before), self.score_for(after))
