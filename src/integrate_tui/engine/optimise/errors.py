"""The optimiser's errors: what cannot be solved, in words a facilitator can act on."""

from __future__ import annotations

from integrate_tui.errors import IntegrateError


class OptimiseError(IntegrateError):
    """An optimisation request that cannot be answered (unknown id, bad option, no solution)."""

    title = "Cannot optimise"


class Infeasible(OptimiseError):
    """No package meets every constraint; `conflicts` names the ones that cannot all hold."""

    title = "No package meets the constraints"

    def __init__(self, conflicts: list[str]) -> None:
        self.conflicts = conflicts
        lines = "\n".join(f"  - {c}" for c in conflicts)
        super().__init__(f"no funding package meets these constraints together:\n{lines}")
