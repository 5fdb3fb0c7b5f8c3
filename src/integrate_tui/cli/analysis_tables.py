"""Rich tables for the analysis commands: what a facilitator reads after "so what should we do?"."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

import numpy as np
from rich.console import RenderableType
from rich.text import Text

from integrate_tui.cli.analysis_report import TOP_PACKAGES
from integrate_tui.cli.scoring_tables import ledger_tables, signed_text, titled_table
from integrate_tui.session.analyses import INTEGRATED

if TYPE_CHECKING:
    from integrate_tui.engine import Compiled
    from integrate_tui.engine.optimise import (
        Dividend,
        Flip,
        Frontier,
        GreedyResult,
        LeastChange,
        Result,
        Robustness,
        Tornado,
        WhatItTakes,
    )


def _gap(gap: float) -> str:
    return f"within {100 * gap:.2g} %" if gap > 0 else "gap 0"


def _moves(model: Compiled, funding: np.ndarray, base: np.ndarray, n: int = 4) -> str:
    """'a 0.5 → 1, b 1 → 0 and 3 more' for activities whose funding differs from `base`."""
    moved = np.flatnonzero(np.abs(funding - base) > 1e-9)
    parts = [f"{model.activity_ids[i]} {base[i]:g} → {funding[i]:g}" for i in moved[:n]]
    more = f" and {len(moved) - n} more" if len(moved) > n else ""
    return (", ".join(parts) + more) or "same package"


def optimise_tables(
    r: Result, quick: GreedyResult | None, written: str | None
) -> Iterator[RenderableType]:
    """Status line, the package, then the ledger against the current funding."""
    m = r.score.model
    now = r.ledger.overall.before if r.objective == INTEGRATED else None
    yield Text.assemble(
        (f"Optimised for {r.objective}", "bold"),
        f": {r.status} ({_gap(r.gap)}) in {r.seconds:.2f} s — {r.value:.1f}",
        f" (the current funding scores {now:.1f})" if now is not None else "",
        f"; MILP and engine agree to {r.approximation_error:.1e}",
    )
    if quick is not None:
        behind = r.value - quick.value
        note = "" if quick.feasible else " (misses a min_share or the floor)"
        yield Text(
            f"Greedy value-for-money answer: {quick.value:.1f}{note}, {behind:.2f} below the "
            f"optimum, in {1000 * quick.seconds:.0f} ms"
        )
    package = titled_table("Package", "activity", "silo", "now", "optimal", "change", text=2)
    current = m.funding  # a property that rebuilds the vector: read it once, not per row
    for i, a in enumerate(m.scenario.activities):
        delta = r.funding[i] - current[i]
        style = "bold" if abs(delta) > 1e-9 else "dim"
        cells = (f"{current[i]:g}", f"{r.funding[i]:g}", f"{delta:+g}" if delta else "")
        package.add_row(a.name + (" (locked)" if a.locked else ""), a.silo, *cells, style=style)
    yield package
    yield from ledger_tables(r.ledger)
    if written:
        yield Text(f"wrote {written} with the optimised funding")


def least_change_tables(r: LeastChange, written: str | None) -> Iterator[RenderableType]:
    """Status line, the cut per resource, the activities moved, then the engine's ledger."""
    from integrate_tui.session.analyses import least_change_lines

    m = r.score.model
    cuts = ", ".join(c.label(_unit(m, c.resource)) for c in r.cuts) or "no cut"
    before, after = r.ledger.overall.before, r.score.overall
    yield Text.assemble(
        (f"Least change ({cuts})", "bold"),
        f": {r.status} ({_gap(r.gap)}) in {r.seconds:.2f} s — integrated score "
        f"{before:.1f} → {after:.1f}; MILP and engine agree to {r.score_error:.1e}",
    )
    for line in least_change_lines(r):
        yield Text(line)
    table = titled_table(
        "Resources", "resource", "capacity", "after cut", "used now", "used after", "moved"
    )
    for x in r.resources:
        cells = (x.capacity_before, x.capacity_after, x.used_before, x.used_after, x.moved)
        table.add_row(f"{x.name} ({x.unit})", *(f"{v:,.6g}" for v in cells))
    yield table
    now, moved = m.funding, r.moved
    changed = np.flatnonzero(np.abs(r.funding - now) > 1e-9)
    columns = [f"Δ {rid}" for rid in m.resource_ids]
    package = titled_table(
        "What moved", "activity", "silo", "now", "after", "change", *columns, text=2
    )
    for i in changed:
        a = m.scenario.activities[i]
        uses = (f"{d:+,.6g}" if abs(d) > 1e-9 else "" for d in moved[i])
        levels = (f"{now[i]:g}", f"{r.funding[i]:g}", f"{r.funding[i] - now[i]:+g}", *uses)
        package.add_row(a.name, a.silo, *levels)
    if len(changed):
        yield package
    yield from ledger_tables(r.ledger)
    if written:
        yield Text(f"wrote {written} with the least-change funding")


def _unit(model: Compiled, resource: str) -> str:
    return model.scenario.resources[model.index["resources"][resource]].unit


def frontier_tables(f: Frontier) -> Iterator[RenderableType]:
    """The efficient points and the current funding's place among them."""
    m = f.model
    yield Text.assemble(
        (f"Pareto frontier: {f.x.name} against {f.y.name}", "bold"),
        f" — {len(f.points)} efficient packages ({_gap(f.gap)}) in {f.seconds:.2f} s",
    )
    table = titled_table("Frontier", "#", f.x.name, f.y.name, "changes from now", text=1)
    table.columns[-1].justify = "left"
    now = m.funding
    for k, p in enumerate(f.points, 1):
        table.add_row(str(k), f"{p.x:.1f}", f"{p.y:.1f}", _moves(m, p.funding, now))
    yield table
    x, y = f.current
    where = f"Current funding: {f.x.name} {x:.1f}, {f.y.name} {y:.1f} — "
    if np.isnan(f.margin):
        where += "no package found in time to compare it with"
    elif f.dominated and f.better is not None:
        bound = "" if f.margin_proven else " at least"
        where += (
            f"dominated: a package gives both{bound} {f.margin:+.1f} "
            f"({f.better.x:.1f}, {f.better.y:.1f})"
        )
    elif not f.current_allowed:
        where += "beyond the frontier only because it breaks a rule (capacity or share)"
    else:
        where += "on the frontier"
    yield Text(where)


def sensitivity_tables(
    t: Tornado, mc: Robustness, flip: WhatItTakes | None
) -> Iterator[RenderableType]:
    """Tornado, funding probabilities, rank acceptability, validation, what it would take."""
    m = t.model
    yield Text.assemble(
        ("Weight sensitivity", "bold"), f" — the optimum scores {t.base:.1f} at the stated weights"
    )
    tornado = titled_table(
        "Tornado: each weight ×0.5 and ×1.5", "value", "weight", "×0.5", "moves", "×1.5", "moves"
    )
    for b in t.bars:
        tornado.add_row(
            b.name,
            f"{b.weight:g}",
            signed_text(b.optimum[0] - t.base),
            str(len(b.changed[0])) if b.changed[0] else "—",
            signed_text(b.optimum[1] - t.base),
            str(len(b.changed[1])) if b.changed[1] else "—",
        )
    yield tornado
    title = (
        f"Funded in the optimal package ({mc.samples:,} weight samples, seed {mc.seed}, "
        f"concentration {mc.concentration:g})"
    )
    funded = titled_table(title, "activity", "now", "optimum", "P(funded)", "mean funding")
    now = m.funding
    for i, a in enumerate(m.scenario.activities):
        p = mc.funded[i]
        style = "" if 0.05 < p < 0.95 else "dim"
        cells = (f"{now[i]:g}", f"{t.funding[i]:g}", f"{p:.0%}", f"{mc.mean_funding[i]:.2f}")
        funded.add_row(a.name, *cells, style=style)
    yield funded
    ranks = mc.acceptability.shape[1]
    accept = titled_table(
        f"Rank acceptability among {len(mc.packages)} candidate packages",
        "#",
        *(f"rank {r + 1}" for r in range(ranks)),
        "differs from the stated optimum",
    )
    accept.columns[-1].justify = "left"
    for k in range(min(TOP_PACKAGES, len(mc.packages))):
        shares = (f"{x:.0%}" for x in mc.acceptability[k])
        accept.add_row(str(k + 1), *shares, _moves(m, mc.packages[k], t.funding, 3))
    yield accept
    check = mc.validation
    if check is not None:
        yield Text(
            f"Checked against {check.count} exact solves: same funded activities in "
            f"{check.agreement:.0%} ({check.activity_agreement:.1%} of activity decisions); "
            f"optimal package in {check.optimal:.0%}; score lost on average "
            f"{check.regret[0]:.3f}, at most {check.regret[1]:.3f}"
        )
    if flip is not None:
        yield Text(_flip_text(flip))


def _flip_text(w: WhatItTakes) -> str:
    status = "in" if w.funded else "out of"
    head = f"{w.activity} is {status} the optimal package (funding {w.funding:g})."

    def say(f: Flip | None, verb: str) -> str:
        if f is None:
            return f" {verb.capitalize()} the {w.value} weight alone never flips it."
        factor = f"×{f.factor:.2f}" if np.isfinite(f.factor) else "from 0"
        return (
            f" {verb.capitalize()} the {w.value} weight from {w.weight:g} to {f.weight:.3g} "
            f"({factor}) and it goes to funding {f.funding:g}."
        )

    return head + say(w.raise_to, "raise") + (say(w.lower_to, "lower") if w.weight > 0 else "")


def dividend_tables(d: Dividend) -> Iterator[RenderableType]:
    """Siloed and integrated side by side, and what makes the difference."""
    m = d.integrated.model
    yield Text.assemble(
        ("Integration dividend", "bold"),
        f": {d.overall:+.1f} (siloed {d.siloed.overall:.1f} → integrated "
        f"{d.integrated.overall:.1f}); {d.reallocation:+.1f} from moving resources, "
        f"{d.interactions:+.1f} from interactions",
    )
    for title, changes in (("Values", d.ledger.values), ("Interests", d.ledger.interests)):
        if changes:
            table = titled_table(title, "", "siloed", "integrated", "dividend")
            for c in changes:
                table.add_row(c.name, f"{c.before:.1f}", f"{c.after:.1f}", signed_text(c.delta))
            yield table
    if d.cross_silo:
        table = titled_table(
            "Cross-silo interactions that moved", "", "siloed", "integrated", "change"
        )
        for c in d.cross_silo:
            table.add_row(c.id, f"{c.before:.2f}", f"{c.after:.2f}", signed_text(c.delta, 2))
        yield table
    columns = [f"{rid} {kind}" for rid in m.resource_ids for kind in ("allowed", "integrated")]
    silos = titled_table("Silos: resources allowed alone and used when integrated", "", *columns)
    for s, silo in enumerate(m.scenario.silos):
        cells = []
        for r in range(len(m.resource_ids)):
            cells += [f"{d.allowance[s, r]:,.4g}", f"{d.integrated.silo_used[s, r]:,.4g}"]
        silos.add_row(silo.name, *cells)
    yield silos
    yield Text(f"Solved within {100 * d.gap:.2g} % in {d.seconds:.2f} s")
