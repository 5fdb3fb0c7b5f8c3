"""The full ledger as a table: every value, interest, resource, silo, funding and interaction.

Shared by the compare, auto-balance and dividend screens, so a change reads the same way
wherever it is shown.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import replace

from rich.text import Text
from textual.widgets import DataTable

from integrate_tui.engine import Change, Ledger
from integrate_tui.tui import format as fmt

_CHANGE: dict[Callable[[float], str], Callable[[float], str]] = {
    fmt.points: fmt.delta,
    fmt.amount: fmt.amount_change,
    fmt.level: lambda d: f"{d:+.2f}",
    fmt.weight: lambda d: f"{d:+g}",
}
"""How a change is written for each way of writing the number itself."""
RESOURCES = "Resources used"


class LedgerTable(DataTable):
    """Name, A, B and Δ columns; one section per part of the ledger that moved."""

    def __init__(
        self,
        *,
        id: str | None = None,
        name_width: int = 36,
        headers: tuple[str, str] = ("A", "B"),
    ) -> None:
        super().__init__(cursor_type="row", zebra_stripes=True, id=id)
        self._name_width = name_width
        self._headers = headers

    def on_mount(self) -> None:
        self.add_column("", width=self._name_width, key="name")
        for label, key in zip((*self._headers, "Δ"), ("A", "B", "Δ"), strict=True):
            self.add_column(label, width=10, key=key)

    def show(
        self,
        ledger: Ledger,
        names: Mapping[str, str],
        palette: fmt.Palette,
        interactions_title: str = "Interactions that moved",
        *,
        package_first: bool = False,
    ) -> None:
        """Fill the table from `ledger` (`names`: activity names by id, for interactions);
        `package_first` puts every funding change first, where a proposed package is read."""
        self.clear()
        units = {r.id: r.unit for r in ledger.resources}
        interactions = [fmt.interaction(c, names) for c in ledger.interactions]
        resources = [replace(r, name=f"{r.name} ({units[r.id]})") for r in ledger.resources]
        funding: tuple[str, Sequence[Change], Callable[[float], str]] = (
            "Funding changed",
            ledger.funding,
            fmt.level,
        )
        sections: list[tuple[str, Sequence[Change], Callable[[float], str]]] = [
            *([funding] if package_first else []),
            ("Values", ledger.values, fmt.points),
            ("Interests", ledger.interests, fmt.points),
            (RESOURCES, resources, fmt.amount),
            ("Silos' part of the score", ledger.silos, fmt.points),
            *([] if package_first else [funding]),
            ("Weights changed", ledger.weights_changed, fmt.weight),
            (interactions_title, interactions, fmt.points),
        ]
        self.add_row(*self._row(ledger.overall, fmt.points, palette, "bold"))
        for heading, changes, show in sections:
            if changes:
                self.add_row(Text(heading, style="bold underline"), "", "", "")
                better = -1 if heading == RESOURCES else 1  # using less of a resource is good
                for change in changes:
                    self.add_row(*self._row(change, show, palette, better=better))

    def _row(
        self,
        change: Change,
        show: Callable[[float], str],
        palette: fmt.Palette,
        style: str = "",
        better: int = 1,
    ) -> tuple[Text, Text, Text, Text]:
        """Name, before, after, and the change coloured by whether it is good (`better`: the
        sign of a good change)."""
        d = change.delta
        delta = _CHANGE[show](d) if abs(d) > 1e-9 else ""
        name = change.name if style else "  " + fmt.clip(change.name, self._name_width - 2)
        return (
            Text(name, style=style),
            Text(show(change.before), style=style, justify="right"),
            Text(show(change.after), style=style, justify="right"),
            fmt.signed(delta, better * d, palette),
        )
