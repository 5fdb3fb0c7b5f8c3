"""The tradeoff ledger of the last change, in words: who gained, who lost, what gave way."""

from __future__ import annotations

from rich.text import Text
from textual.widgets import Static

from integrate_tui.engine import Change, Ledger
from integrate_tui.tui import format as fmt

_SHOWN = 4


class LedgerView(Static):
    """The engine's headline, then gainers, losers, displaced activities and interactions."""

    DEFAULT_CSS = """
    LedgerView {
        height: 8;
        border-top: solid $primary;
        padding: 0 1;
    }
    """

    def show(
        self, ledger: Ledger | None, label: str, names: dict[str, str], palette: fmt.Palette
    ) -> None:
        """Describe `ledger`, the effect of the change called `label` (`names`: activity ids)."""
        self.update(describe(ledger, label, names, palette), layout=False)


def _names(changes: list[Change], palette: fmt.Palette, what: str = "delta") -> Text:
    text = Text()
    for i, c in enumerate(changes[:_SHOWN]):
        if i:
            text.append(", ")
        text.append(c.name)
        if what == "delta":
            text.append(f" {fmt.delta(c.delta) or '±0'}", style=_tone(c.delta, palette))
        else:
            text.append(f" {c.before:g} → {c.after:g}", style=palette.bad)
    if len(changes) > _SHOWN:
        text.append(f" and {len(changes) - _SHOWN} more")
    return text


def _tone(d: float, palette: fmt.Palette) -> str:
    return palette.good if d > 0 else palette.bad


def describe(
    ledger: Ledger | None, label: str, names: dict[str, str], palette: fmt.Palette
) -> Text:
    """The ledger as a few lines of text."""
    if ledger is None:
        return Text(
            label
            or "No change yet. Select an activity and press ← → to rebalance; "
            "Enter explains any number.",
            style=palette.dim,
        )
    text = Text()
    headline = ledger.headline()
    if label and not headline.startswith(label):
        text.append(f"{label}\n", style="bold")
    text.append(headline)
    lines = [
        ("Gained", _names(ledger.gainers(), palette)),
        ("Lost", _names(ledger.losers(), palette)),
        ("Displaced", _names(ledger.displaced(), palette, "funding")),
        ("Interactions", _names([fmt.interaction(c, names) for c in ledger.interactions], palette)),
    ]
    for title, listed in lines:
        if listed.plain:
            text.append(f"\n{title}: ", style="bold")
            text.append_text(listed)
    return text
