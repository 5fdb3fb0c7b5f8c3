"""The line under the header that says the package cannot be carried out: what is over."""

from __future__ import annotations

from rich.text import Text
from textual.widgets import Static

from integrate_tui.engine import Score
from integrate_tui.model import Scenario
from integrate_tui.tui import format as fmt


class CapacityAlert(Static):
    """Hidden while every resource fits; else names each one over capacity, by how much.

    It spans the screen so that it is on the first screen at 80×24, where the score panel's
    resource gauges are below the fold.
    """

    DEFAULT_CSS = """
    CapacityAlert {
        height: 1;
        padding: 0 1;
        background: $error 20%;
        color: $text-error;
        text-style: bold;
        display: none;
    }
    CapacityAlert.-over { display: block; }
    """

    def show(self, scenario: Scenario, score: Score) -> None:
        """Say which resources the funding overruns, or hide."""
        over = [
            (r, float(score.used[j]), float(score.over[j]))
            for j, r in enumerate(scenario.resources)
            if score.over[j] > 0
        ]
        self.set_class(bool(over) and not score.feasible, "-over")
        if not self.has_class("-over"):
            return
        parts = [
            f"{r.name} {fmt.percent(used / r.capacity)} (+{fmt.amount(extra)} {r.unit})"
            if r.capacity
            else f"{r.name} +{fmt.amount(extra)} {r.unit}"
            for r, used, extra in over
        ]
        self.update(Text(f"⚠ Over capacity: {', '.join(parts)}"))
        self.tooltip = "This funding cannot be carried out: cut or move funding until it fits."
