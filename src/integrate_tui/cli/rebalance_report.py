"""JSON and rich tables for `integrate-tui rebalance`: every number from the engine's result."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from rich.console import RenderableType
from rich.table import Table
from rich.text import Text

from integrate_tui.cli.scoring_report import ledger_json
from integrate_tui.cli.scoring_tables import amount_text, ledger_tables, titled_table

if TYPE_CHECKING:
    from integrate_tui.engine.optimise import Marginals
    from integrate_tui.engine.rebalance import RebalanceResult


def _by_silo(result: RebalanceResult) -> dict[str, dict[str, dict[str, float]]]:
    """Envelopes before and after, and use after, by silo and resource."""
    m = result.model
    return {
        silo: {
            rid: {
                "before": float(result.envelopes_before[s, r]),
                "after": float(result.envelopes_after[s, r]),
                "used": float(result.after.silo_used[s, r]),
            }
            for r, rid in enumerate(m.resource_ids)
        }
        for s, silo in enumerate(m.silo_ids)
    }


def marginal_json(marginals: Marginals) -> dict[str, Any]:
    """Marginal values by silo and resource, with the method and the steps."""
    m = marginals.model
    values: dict[str, dict[str, Any]] = {}
    for (silo, rid), x in marginals.values.items():
        values.setdefault(silo, {})[rid] = {
            "step": x.step,
            "unit": x.unit,
            "overall": x.overall,
            "per_unit": x.per_unit,
            "text": x.describe(2),
            "interests": dict(zip(m.interest_ids, x.interests.tolist(), strict=True)),
        }
    return {
        "method": "exact finite differences with the optimiser (best fill with and without δ)",
        "steps": marginals.steps,
        "seconds": marginals.seconds,
        "solves": marginals.solves,
        "values": values,
    }


def rebalance_json(
    result: RebalanceResult, marginals: Marginals | None, written: str | None
) -> dict[str, Any]:
    """`integrate-tui rebalance --json`."""
    m, move = result.model, result.move
    unit = m.scenario.resources[m.index["resources"][move.resource]].unit
    data: dict[str, Any] = {
        "move": {
            "resource": move.resource,
            "amount": move.amount,
            "unit": unit,
            "from": move.source,
            "to": move.target,
        },
        "fill": result.fill,
        "priorities": list(result.priorities),
        "status": result.status,
        "gap": result.gap,
        "seconds": result.seconds,
        "label": result.label(),
        "package": dict(zip(m.activity_ids, result.funding.tolist(), strict=True)),
        "envelopes": _by_silo(result),
        "remainders": result.remainders,
        "ledger": ledger_json(result.ledger),
        "gainers": [c.id for c in result.ledger.gainers()],
        "losers": [c.id for c in result.ledger.losers()],
        "cross_silo": [
            {
                "between": c.change.id,
                "silos": list(c.silos),
                "kind": "synergy" if c.synergy else "interference",
                "before": c.change.before,
                "after": c.change.after,
                "delta": c.change.delta,
                "strengthens": c.strengthens,
            }
            for c in result.cross_silo
        ],
        "written": written,
    }
    if marginals is not None:
        data["marginal"] = marginal_json(marginals)
    return data


def _envelopes(result: RebalanceResult) -> Table:
    """Silos × resources: envelope before → after; the two moved silos in bold."""
    m, move = result.model, result.move
    units = [f"{r.id} ({r.unit})" if r.unit else r.id for r in m.scenario.resources]
    table = titled_table("Envelopes (before → after)", "silo", *units, "unused after")
    for s, silo in enumerate(m.scenario.silos):
        cells = []
        for r in range(len(m.resource_ids)):
            before, after = result.envelopes_before[s, r], result.envelopes_after[s, r]
            same = abs(after - before) < 1e-9
            cells.append(
                amount_text(before) if same else f"{amount_text(before)} → {amount_text(after)}"
            )
        moved = silo.id in (move.source, move.target)
        spare = amount_text(result.remainders[silo.id]) if moved else ""
        table.add_row(silo.id, *cells, spare, style="bold" if moved else "dim")
    return table


def _cross(result: RebalanceResult) -> Table:
    table = titled_table("Cross-silo interactions", "between", "silos", "change", "", text=2)
    for c in result.cross_silo:
        d = c.change.delta
        kind = "synergy" if c.synergy else "interference"
        table.add_row(
            c.change.id.replace(" + ", " +\n"),
            " +\n".join(c.silos),
            Text(f"{d:+.2f}", style="green" if d > 0 else "red"),
            f"{kind} {'strengthens' if c.strengthens else 'weakens'}",
        )
    return table


def marginal_table(marginals: Marginals) -> Table:
    """Silos × resources: integrated-score points for δ more, the best per resource in bold."""
    m = marginals.model
    heads = [
        f"{r.id} per {marginals.steps[r.id]:g} {r.unit}".rstrip() for r in m.scenario.resources
    ]
    table = titled_table("Marginal value of each envelope (points for δ more, filled at best)",
                   "silo", *heads)  # fmt: skip
    best = {r: marginals.best(r) for r in m.resource_ids}
    for silo in m.scenario.silos:
        cells = []
        for rid in m.resource_ids:
            x = marginals.values.get((silo.id, rid))
            top = x is not None and best[rid] is x
            cells.append(Text("—" if x is None else f"{x.overall:+.2f}", "bold" if top else ""))
        table.add_row(silo.id, *cells)
    return table


def rebalance_tables(
    result: RebalanceResult, marginals: Marginals | None, written: str | None
) -> Iterator[RenderableType]:
    """The move, the envelopes, the engine's ledger, cross-silo interactions, marginal values."""
    how = f"{result.status}, gap {result.gap:.2g}, " if result.fill == "best" else ""
    yield Text.assemble((result.label(), "bold"), f" — {how}{result.seconds:.2f} s")
    if result.priorities:
        yield Text(f"Silo priorities (ties): {' → '.join(result.priorities)}")
    yield _envelopes(result)
    yield from ledger_tables(result.ledger)
    if result.cross_silo:
        yield _cross(result)
    if marginals is not None:
        yield marginal_table(marginals)
        yield Text(
            f"Exact finite differences with the optimiser: {marginals.solves} solves in "
            f"{marginals.seconds:.2f} s. Bold: where δ more would do the most good."
        )
    if written:
        yield Text(f"wrote {written} with the new funding and envelopes")
