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


def amount_text(x: float) -> str:
    """An amount in a resource's unit: thousands separated, six significant digits."""
    return f"{x:,.6g}"


def signed_text(x: float, digits: int = 1) -> Text:
    """A change with its sign: green when it rounds up, red when it rounds down."""
    limit = 0.5 * 10**-digits
    return Text(f"{x:+.{digits}f}", style="green" if x > limit else "red" if x < -limit else "")


def titled_table(title: str, *columns: str, text: int = 1) -> Table:
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
    values = titled_table("Values", "value", "weight", "score", "in overall")
    for v, value in enumerate(sc.values):
        w = s.weights[v]
        values.add_row(value.name, f"{100 * w:.0f}%", _pts(s.values[v]), _pts(w * s.values[v]))
    yield values
    if sc.interests:
        interests = titled_table("Interests", "interest", "influence", "satisfaction")
        for k, interest in enumerate(sc.interests):
            interests.add_row(interest.name, f"{interest.influence:g}", _pts(s.interests[k]))
        yield interests
    yield _resources(s)
    silos = titled_table("Silos", "silo", "in overall", *(f"{r.id} share" for r in sc.resources))
    for x, silo in enumerate(sc.silos):
        shares = (f"{100 * share:.0f}%" for share in s.silo_share[x])
        silos.add_row(silo.name, _pts(s.silo_overall[x]), *shares)
    yield silos
    if sc.interests:
        f = s.fairness
        worst = ", ".join(
            sc.interests[m.index["interests"][k]].name for k in (f.worst_off, *f.tied) if k
        )
        worst = f"{worst} (tied)" if f.tied else worst or "—"
        fairness = titled_table("Fairness", "worst off", "minimum", "weighted mean", "spread")
        fairness.add_row(worst, _pts(f.minimum), _pts(f.weighted_mean), _pts(f.spread))
        yield fairness
    positive, negative = explain_overall(s).top(TOP_DRIVERS)
    yield _drivers("Top drivers of the overall score", [*positive, *negative], sc)
    i = s.integration
    integration = titled_table("Integration (points of the overall score)", "", "within", "across")
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
        f"{r.name} over by {amount_text(s.over[k])} {r.unit}".rstrip()
        for k, r in enumerate(s.model.scenario.resources)
        if s.over[k] > 0
    ]
    return Text(f"INFEASIBLE ({'; '.join(over)})", style="bold red")


def _resources(s: Score) -> Table:
    table = titled_table("Resources", "resource", "used", "capacity", "%", "slack / over", "unit")
    for r, resource in enumerate(s.model.scenario.resources):
        used, cap, over = float(s.used[r]), float(s.capacity[r]), float(s.over[r])
        share = f"{100 * used / cap:.0f}%" if cap > 0 else "—"
        room = f"over by {amount_text(over)}" if over > 0 else amount_text(cap - used)
        style = "red" if over > 0 else ""
        row = (resource.name, amount_text(used), amount_text(cap), share, room, resource.unit)
        table.add_row(*row, style=style)
    return table


def _drivers(title: str, drivers: list[Driver], sc: Scenario) -> Table:
    names = {a.id: a.name for a in sc.activities}
    table = titled_table(title, "activity", "via", "points", text=2)
    for d in drivers:
        table.add_row(names[d.activity], d.via, signed_text(d.points))
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
        total = amount_text(e.total) + unit if resource else _pts(e.total)
        yield Text.assemble(f"Why is {kind} ", (entity.name, "bold"), f" at {total}?")
    if e.meaning:
        yield Text(e.meaning, style="dim")
    for note in e.notes:
        yield Text(f"⚠ {note}", style="yellow")
    table = titled_table("Drivers", "activity", "via", "amount" if resource else "points", text=2)
    names = {a.id: a.name for a in sc.activities}
    for d in e.drivers:
        table.add_row(
            names[d.activity], d.via, amount_text(d.points) if resource else signed_text(d.points)
        )
    yield table
    if e.interactions:
        pairs = titled_table("Interactions inside these drivers", "between", "points")
        for a, b, points in e.interactions:
            pairs.add_row(f"{names[a]} + {names[b]}", signed_text(points))
        yield pairs


def _changes(title: str, changes: list[Change], amount: bool = False) -> Table:
    table = titled_table(title, "", "before", "after", "change")
    show = amount_text if amount else _pts
    for c in changes:
        delta = Text(f"{c.delta:+,.6g}") if amount else signed_text(c.delta)
        table.add_row(c.name, show(c.before), show(c.after), delta)
    return table


def ledger_tables(ledger: Ledger) -> Iterator[RenderableType]:
    """The tradeoff ledger: headline, then every quantity before and after."""
    yield Text(ledger.headline(), style="bold")
    yield _changes("Overall", [ledger.overall])
    yield _changes("Values", ledger.values)
    if ledger.interests:
        yield _changes("Interests", ledger.interests)
    resources = titled_table("Resources", "", "before", "after", "change", "capacity", "over")
    for r in ledger.resources:
        over = f"over by {amount_text(r.over)} {r.unit}".rstrip() if r.over > 0 else ""
        cells = (
            amount_text(r.before),
            amount_text(r.after),
            f"{r.delta:+,.6g}",
            amount_text(r.capacity),
        )
        resources.add_row(r.name, *cells, over, style="red" if r.over > 0 else "")
    yield resources
    yield _changes("Silos (part of the overall score)", ledger.silos)
    for title, changes, amount in (
        ("Funding changes", ledger.funding, True),
        ("Weights changed", ledger.weights_changed, True),
        ("Activities' part of overall (moved)", ledger.activity_effect, False),
        ("Interactions that moved", ledger.interactions, False),
        ("Rescaled (what counts as 100)", ledger.rescaled, True),
    ):
        if changes:
            yield _changes(title, changes, amount)
