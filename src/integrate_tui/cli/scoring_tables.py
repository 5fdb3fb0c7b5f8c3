"""Rich tables for `integrate-tui score` and `diff`: what a facilitator reads in a terminal."""

from __future__ import annotations

from collections.abc import Iterator

from rich.console import RenderableType
from rich.table import Table
from rich.text import Text

from integrate_tui.cli.scoring_report import TOP_DRIVERS
from integrate_tui.engine import Change, Driver, Explanation, Ledger, Score, explain_overall
from integrate_tui.model import Scenario


def _pts(x: float) -> str:
    return f"{x:.1f}"


def _amount(x: float) -> str:
    return f"{x:,.6g}"


def _signed(x: float) -> Text:
    return Text(f"{x:+.1f}", style="green" if x > 0.05 else "red" if x < -0.05 else "")


def _table(title: str, *columns: str, text: int = 1) -> Table:
    """A table whose first `text` columns are words and the rest right-aligned numbers."""
    table = Table(title=title, title_justify="left", title_style="bold")
    for i, column in enumerate(columns):
        table.add_column(column, justify="left" if i < text else "right")
    return table


def score_tables(s: Score) -> Iterator[RenderableType]:
    """The whole report, top to bottom."""
    m, sc = s.model, s.model.scenario
    yield Text.assemble(
        (sc.meta.title, "bold"), f" — overall {_pts(s.overall)} · ", _status(s),
        f" · integration index {s.integration.index:.2f}",
    )  # fmt: skip
    values = _table("Values", "value", "weight", "score", "in overall")
    for v, value in enumerate(sc.values):
        w = s.weights[v]
        values.add_row(value.name, f"{100 * w:.0f}%", _pts(s.values[v]), _pts(w * s.values[v]))
    yield values
    if sc.interests:
        interests = _table("Interests", "interest", "influence", "satisfaction")
        for k, interest in enumerate(sc.interests):
            interests.add_row(interest.name, f"{interest.influence:g}", _pts(s.interests[k]))
        yield interests
    yield _resources(s)
    silos = _table("Silos", "silo", "in overall", *(f"{r.id} share" for r in sc.resources))
    for x, silo in enumerate(sc.silos):
        shares = (f"{100 * share:.0f}%" for share in s.silo_share[x])
        silos.add_row(silo.name, _pts(s.silo_overall[x]), *shares)
    yield silos
    if sc.interests:
        f = s.fairness
        worst = sc.interests[m.index["interests"][f.worst_off]].name if f.worst_off else "—"
        fairness = _table("Fairness", "worst off", "minimum", "weighted mean", "spread")
        fairness.add_row(worst, _pts(f.minimum), _pts(f.weighted_mean), _pts(f.spread))
        yield fairness
    positive, negative = explain_overall(s).top(TOP_DRIVERS)
    yield _drivers("Top drivers of the overall score", [*positive, *negative], sc)
    i = s.integration
    integration = _table("Integration (points of the overall score)", "", "within", "across")
    integration.add_row("synergy", _pts(i.synergy_within), _pts(i.synergy_across))
    integration.add_row("interference", _pts(i.interference_within), _pts(i.interference_across))
    yield integration
    yield Text(
        f"Integration index {i.index:.2f}: the share of realised synergy that crosses silos."
    )


def _status(s: Score) -> Text:
    """'feasible', or 'INFEASIBLE' with each resource over capacity and by how much."""
    if s.feasible:
        return Text("feasible", style="green")
    over = [
        f"{r.name} over by {_amount(s.over[k])} {r.unit}".rstrip()
        for k, r in enumerate(s.model.scenario.resources)
        if s.over[k] > 0
    ]
    return Text(f"INFEASIBLE ({'; '.join(over)})", style="bold red")


def _resources(s: Score) -> Table:
    table = _table("Resources", "resource", "used", "capacity", "%", "slack / over", "unit")
    for r, resource in enumerate(s.model.scenario.resources):
        used, cap, over = float(s.used[r]), float(s.capacity[r]), float(s.over[r])
        share = f"{100 * used / cap:.0f}%" if cap > 0 else "—"
        room = f"over by {_amount(over)}" if over > 0 else _amount(cap - used)
        style = "red" if over > 0 else ""
        row = (resource.name, _amount(used), _amount(cap), share, room, resource.unit)
        table.add_row(*row, style=style)
    return table


def _drivers(title: str, drivers: list[Driver], sc: Scenario) -> Table:
    names = {a.id: a.name for a in sc.activities}
    table = _table(title, "activity", "via", "points", text=2)
    for d in drivers:
        table.add_row(names[d.activity], d.via, _signed(d.points))
    return table


def explanation_tables(e: Explanation, s: Score) -> Iterator[RenderableType]:
    """Why a number is what it is: its drivers, then the interactions inside them."""
    sc = s.model.scenario
    kind, _, ident = e.subject.partition(":")
    resource = kind == "resource"
    if kind == "overall":
        yield Text.assemble("Why is the ", ("overall score", "bold"), f" at {_pts(e.total)}?")
    else:
        entity = getattr(sc, f"{kind}s")[s.model.index[f"{kind}s"][ident]]
        unit = f" {entity.unit}".rstrip() if resource else ""
        total = _amount(e.total) + unit if resource else _pts(e.total)
        yield Text.assemble(f"Why is {kind} ", (entity.name, "bold"), f" at {total}?")
    table = _table("Drivers", "activity", "via", "amount" if resource else "points", text=2)
    names = {a.id: a.name for a in sc.activities}
    for d in e.drivers:
        table.add_row(
            names[d.activity], d.via, _amount(d.points) if resource else _signed(d.points)
        )
    yield table
    if e.interactions:
        pairs = _table("Interactions inside these drivers", "between", "points")
        for a, b, points in e.interactions:
            pairs.add_row(f"{names[a]} + {names[b]}", _signed(points))
        yield pairs


def _changes(title: str, changes: list[Change], amount: bool = False) -> Table:
    table = _table(title, "", "before", "after", "change")
    show = _amount if amount else _pts
    for c in changes:
        delta = Text(f"{c.delta:+,.6g}") if amount else _signed(c.delta)
        table.add_row(c.name, show(c.before), show(c.after), delta)
    return table


def ledger_tables(ledger: Ledger) -> Iterator[RenderableType]:
    """The tradeoff ledger: headline, then every quantity before and after."""
    yield Text(ledger.headline(), style="bold")
    yield _changes("Overall", [ledger.overall])
    yield _changes("Values", ledger.values)
    if ledger.interests:
        yield _changes("Interests", ledger.interests)
    resources = _table("Resources", "", "before", "after", "change", "capacity", "over")
    for r in ledger.resources:
        over = f"over by {_amount(r.over)} {r.unit}".rstrip() if r.over > 0 else ""
        cells = (_amount(r.before), _amount(r.after), f"{r.delta:+,.6g}", _amount(r.capacity))
        resources.add_row(r.name, *cells, over, style="red" if r.over > 0 else "")
    yield resources
    yield _changes("Silos (part of the overall score)", ledger.silos)
    for title, changes, amount in (
        ("Funding changes", ledger.funding, True),
        ("Weights changed", ledger.weights_changed, True),
        ("Activities' part of overall (moved)", ledger.activity_effect, False),
        ("Interactions that moved", ledger.interactions, False),
    ):
        if changes:
            yield _changes(title, changes, amount)
