"""How the silo view words a move: its status, remainders, ledger, cross-silo interactions."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text

from integrate_tui.tui import format as fmt
from integrate_tui.tui.analysis_text import proof

if TYPE_CHECKING:
    from integrate_tui.engine.optimise import Marginals
    from integrate_tui.engine.rebalance import CrossSilo, RebalanceResult

_SHOWN = 3
HINT = (
    "Choose a resource, a silo to move it from (f) and one to move it to (t), type an amount "
    "(or a share such as 25%), and pick the fill; b switches it."
)


def move_summary(result: RebalanceResult, names: dict[str, str], palette: fmt.Palette) -> Text:
    """The move, how it was filled, what is left unused, the ledger's headline, who gains and
    who loses, and the cross-silo interactions that moved."""
    m, ledger = result.model, result.ledger
    unit = m.scenario.resources[m.index["resources"][result.move.resource]].unit
    how = proof(result.status, result.gap) if result.fill == "best" else "each silo's mix kept"
    text = Text(result.label(), style="bold")
    left = ", ".join(f"{s} {fmt.amount(x)} {unit}".rstrip() for s, x in result.remainders.items())
    text.append(f" — {how}. Unused after the fill: {left}.\n")
    text.append(ledger.headline())
    for title, changes in (("Gain", ledger.gainers()), ("Lose", ledger.losers())):
        if changes:
            text.append(f"\n{title}: ", style="bold")
            _changes(text, [(c.name, c.delta, "") for c in changes], palette)
    if result.cross_silo:
        text.append("\nCross-silo: ", style="bold")
        _changes(text, [_cross(c, names) for c in result.cross_silo], palette)
    text.append("\na applies it as one step (ctrl+z undoes).", style="dim")
    return text


def _cross(c: CrossSilo, names: dict[str, str]) -> tuple[str, float, str]:
    kind = "synergy" if c.synergy else "interference"
    verb = "strengthens" if c.strengthens else "weakens"
    return fmt.interaction(c.change, names).name, c.change.delta, f" ({kind} {verb})"


def _changes(text: Text, items: list[tuple[str, float, str]], palette: fmt.Palette) -> None:
    """`name +1.2 (note), …` for the first few, then how many more."""
    for i, (name, delta, note) in enumerate(items[:_SHOWN]):
        text.append(f"{', ' if i else ''}{name} ")
        text.append(f"{delta:+.1f}", style=palette.good if delta > 0 else palette.bad)
        text.append(note)
    if len(items) > _SHOWN:
        text.append(f" and {len(items) - _SHOWN} more")


def marginal_note(marginals: Marginals | None, palette: fmt.Palette) -> Text:
    """What the grid's last number means, or that it is being computed."""
    if marginals is None:
        return Text("Computing marginal values with the optimiser…", style="dim")
    res = marginals.model.scenario.resources
    steps = ", ".join(f"{r.name} {marginals.steps[r.id]:g} {r.unit}".rstrip() for r in res)
    return Text(
        f"Last number in each cell: integrated-score points that δ more would add, filled at "
        f"best (δ: {steps}) — exact finite differences, {marginals.solves} solves in "
        f"{marginals.seconds:.1f} s. Bold: where δ does the most good.",
        style="dim",
    )


def priorities_note(priorities: list[str]) -> str:
    """The silo priorities best-use fills break ties by, in words (empty when none)."""
    return f"Ties in best-use fills go to: {' → '.join(priorities)}. " if priorities else ""
