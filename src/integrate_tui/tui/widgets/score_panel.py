"""The live score: integrated score, fairness, each value and interest, resource gauges."""

from __future__ import annotations

from rich.text import Text

from integrate_tui.engine import Change, Ledger
from integrate_tui.session import Session
from integrate_tui.tui import format as fmt
from integrate_tui.tui.widgets.grid import Cell, Grid

OVERALL, FAIRNESS = "overall", "fairness"
BAR = 7
NUMBERS = BAR + 1 + 6 + 6 + 2
"""Columns beside the name: bar and a space, number, change, and the scrollbar and border."""


class ScorePanel(Grid):
    """Every number of the score as a row: name, bar, number and change since the last edit.

    Row keys name what a row explains: "overall", "value:ID", "interest:ID", "resource:ID".
    """

    DEFAULT_CSS = """
    ScorePanel { height: 1fr; overflow-x: hidden; scrollbar-size-vertical: 1; }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id, cell_padding=0)

    def show(self, session: Session, palette: fmt.Palette, width: int) -> None:
        """Build every row (on open, on structural edits and when the layout changes)."""
        self._name_width = max(width - NUMBERS, 10)
        self.reset(
            [
                ("name", "Score", self._name_width),
                ("bar", "", BAR + 1),
                ("number", "", 6),
                ("delta", "    Δ", 6),
            ]
        )
        rows = self._rows(session, palette)
        s = session.scenario
        order = [OVERALL, FAIRNESS, "h:values", *(f"value:{v.id}" for v in s.values)]
        order += ["h:interests", *(f"interest:{k.id}" for k in s.interests)]
        order += ["h:resources", *(f"resource:{r.id}" for r in s.resources)]
        for key in order:
            if key.startswith("h:"):
                self.add(key, {"name": Text(key[2:].capitalize(), style="bold underline")})
            elif key in rows:
                self.add(key, rows[key], height=2 if key.startswith("resource:") else 1)

    def sync(self, session: Session, palette: fmt.Palette) -> None:
        """Update the cells whose numbers changed."""
        for key, cells in self._rows(session, palette).items():
            self.put(key, cells)

    def _rows(self, session: Session, palette: fmt.Palette) -> dict[str, dict[str, Cell]]:
        s, score, ledger = session.scenario, session.score, session.ledger
        moved = _changes(ledger)
        rows = {OVERALL: self._row("Integrated score", score.overall, moved.get(OVERALL), palette)}
        fair = score.fairness
        if fair.worst_off is not None:
            name = next(k.name for k in s.interests if k.id == fair.worst_off)
            if fair.tied:
                name += f" (tied with {len(fair.tied)})"
            key = f"interest:{fair.worst_off}"
            rows[FAIRNESS] = self._row(f"Worst off: {name}", fair.minimum, moved.get(key), palette)
        for v, value in zip(s.values, score.values, strict=True):
            key = f"value:{v.id}"
            rows[key] = self._row(v.name, value, moved.get(key), palette)
        for k, value in zip(s.interests, score.interests, strict=True):
            key = f"interest:{k.id}"
            rows[key] = self._row(k.name, value, moved.get(key), palette)
        for j, r in enumerate(s.resources):
            used, over = float(score.used[j]), float(score.over[j])
            share = used / r.capacity if r.capacity else (1.0 if used else 0.0)
            style = palette.bad if over > 0 else palette.bar
            note = (
                Text(f"over by {fmt.amount(over)} {r.unit}", style=f"bold {palette.bad}")
                if over > 0
                else Text(f"{fmt.amount(used)} of {fmt.amount(r.capacity)} {r.unit}", palette.dim)
            )
            change = moved.get(f"resource:{r.id}")
            d = change.delta if change is not None else 0.0
            rows[f"resource:{r.id}"] = {
                "name": Text(fmt.clip(r.name, self._name_width)) + Text("\n") + note,
                "bar": fmt.bar(share, BAR, style),
                "number": Text(fmt.percent(share), style=style, justify="right"),
                "delta": fmt.signed(fmt.amount_change(d), d, palette, justify="right"),
            }
        return rows

    def _row(
        self, name: str, value: float, change: Change | None, palette: fmt.Palette
    ) -> dict[str, Cell]:
        d = change.delta if change is not None else 0.0
        return {
            "name": Text(fmt.clip(name, self._name_width)),
            "bar": fmt.bar(value / 100, BAR, palette.bar if value >= 0 else palette.bad),
            "number": Text(fmt.points(value), justify="right"),
            "delta": fmt.signed(fmt.delta(d), d, palette, justify="right"),
        }


def _changes(ledger: Ledger | None) -> dict[str, Change]:
    """What the last change did to each number, by row key."""
    if ledger is None:
        return {}
    changes: dict[str, Change] = {OVERALL: ledger.overall}
    for prefix, group in (
        ("value:", ledger.values),
        ("interest:", ledger.interests),
        ("resource:", ledger.resources),
    ):
        changes.update({f"{prefix}{c.id}": c for c in group})
    return changes
