"""The web page's HTML: Jinja2 templates with autoescaping, and what each page shows.

Jinja2 (already installed with textual-serve, through aiohttp-jinja2) escapes every value
put into a template, so a participant's or an option's name with markup in it shows as
text. Templates live in `templates/`; this module builds what they show from the
workshop layer's answers, and formats numbers the one way the page uses.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from typing import Any

import jinja2

from integrate_tui.model import Ballot, Scenario
from integrate_tui.web import forms
from integrate_tui.web.live import Receipt
from integrate_tui.workshop import ROUND_KINDS, describe, dot_budget, workshop_of
from integrate_tui.workshop.ballot import Contents, ballot_contents
from integrate_tui.workshop.results import revealed_round, round_results, weight_line
from integrate_tui.workshop.room import OpenRound, Seat, value_names

_ENV = jinja2.Environment(
    loader=jinja2.PackageLoader("integrate_tui.web", "templates"),
    autoescape=True,
    undefined=jinja2.StrictUndefined,
    trim_blocks=True,
    lstrip_blocks=True,
)


def level(funding: float) -> str:
    """A funding level as a percentage of full funding."""
    return f"{100 * funding:.0f}\u00a0%"  # never wrapped apart


def change(delta: float) -> str:
    """A change in funding in percentage points, signed."""
    return f"{100 * delta:+.0f}\u00a0pts"


def points(score: float) -> str:
    """A score, to one decimal."""
    return f"{score:.1f}"


_ENV.filters.update(level=level, change=change, points=points)


def render(template: str, **context: Any) -> str:
    """One page as HTML."""
    return _ENV.get_template(template).render(**context)


def percent(share: float) -> str:
    """A share as a whole percentage with a no-break space: `36 %` never wraps."""
    return f"{100 * share:.0f}\u00a0%"


def join_page(title: str, code: str = "", problem: str = "") -> str:
    """The join form: one text field, `code`."""
    return render("join.html", title=title, seat=None, code=code, problem=problem)


def receipt_lines(scenario: Scenario, sent: Sequence[tuple[str, Any]]) -> tuple[str, ...]:
    """What was sent, in words, for the "received" box."""
    names = dict(value_names(scenario))
    lines: list[str] = []
    for kind, payload in sent:
        if kind == "points":
            lines += [f"{names[v]}: {n:g} points" for v, n in payload.items()]
        elif kind == "pairwise":
            lines += [describe(names[a], names[b], r) for (a, b), r in payload.items()]
        elif kind == "dots":
            placed = [f"{o}: {n:g} dot{'' if n == 1 else 's'}" for o, n in payload.items() if n]
            lines += placed or ["No dots placed"]
        else:
            lines.append("Ranking: " + ", ".join(f"{i}. {o}" for i, o in enumerate(payload, 1)))
    return tuple(lines)


def round_page(
    scenario: Scenario,
    seat: Seat,
    current: OpenRound | None,
    nonce: str | None,
    receipt: Receipt | None,
    form: Mapping[str, str] | None = None,
    problems: Sequence[str] = (),
) -> str:
    """The joined participant's page: the open round and their own form, or a calm wait.

    `form` is what they posted when a send was refused (kept, so nothing typed is lost);
    otherwise the form shows what they last sent, else what is on record for them.
    """
    if form is None and receipt is not None:
        form = receipt.form
    context: dict[str, Any] = {
        "title": scenario.meta.title,
        "seat": seat,
        "current": current,
        "nonce": nonce or "",
        "receipt": receipt,
        "problems": list(problems),
        "kind": current.round.kind if current else "",
        "kind_name": ROUND_KINDS[current.round.kind].capitalize() if current else "",
    }
    if current is not None and nonce is not None:
        context.update(_form(scenario, seat, current, form))
    context["results"] = shown_results(scenario)
    context["shown"] = results_mark(scenario)
    return render("round.html", **context)


LINE = 40
"""Characters of a value's weight line on the page (0 … 100 %)."""


def results_mark(scenario: Scenario) -> str:
    """Which results the room is shown ("" none): the page reloads when this changes."""
    index = revealed_round(scenario)
    if index is None:
        return ""
    return f"{index + 1}-{'named' if workshop_of(scenario).rounds[index].named else 'anonymous'}"


def shown_results(scenario: Scenario) -> dict[str, Any] | None:
    """The results the facilitator revealed (the latest such round), ready for the page."""
    index = revealed_round(scenario)
    if index is None:
        return None
    results = round_results(scenario, index)
    spreads = [
        {
            "value": sp.value,
            "group": percent(sp.group),
            "line": weight_line([w for _, w in sp.weights], sp.group, LINE),
            "each": ", ".join(
                f"{who} {percent(w)}" if who else percent(w) for who, w in sp.weights
            ),
        }
        for sp in results.spreads
    ]
    votes = []
    if results.dots is not None:
        votes.append(
            ("Dot vote", [(t.option, t.votes, percent(t.share)) for t in results.dots.tallies])
        )
    if results.ranked is not None:
        for count in results.ranked.rounds:
            title = f"Ranked choice, count {count.number}"
            votes.append((title, [(o, n, "") for o, n in count.counts.items()]))
    return {
        "results": results,
        "how": "with names" if results.named else "anonymous",
        "spreads": spreads,
        "votes": votes,
        "summary": results.ranked.summary() if results.ranked else "",
    }


def _form(
    scenario: Scenario, seat: Seat, current: OpenRound, form: Mapping[str, str] | None
) -> dict[str, Any]:
    """What the round's form shows: its fields, filled as posted or as given before."""
    r = current.round
    values = value_names(scenario)
    given = r.inputs.get(seat.participant)
    if r.kind == "points":
        entries = forms.points_entries(values, form, given)
        total = sum(_as_number(e.text) for e in entries)
        return {"entries": entries, "total": f"{total:g}"}
    if r.kind == "pairwise":
        questions = forms.pair_questions(values, form, given)
        return {"questions": questions, "answered": sum(1 for q in questions if q.chosen)}
    if r.kind == "vote":
        ballot = r.votes.get(seat.participant, Ballot())
        choices = forms.vote_choices(current.options, form, ballot)
        contents: list[Contents] = ballot_contents(scenario, current.options)
        placed = sum(_as_number(c.dots) for c in choices)
        return {
            "choices": list(zip(choices, contents, strict=True)),
            "dots": dot_budget(r),
            "placed": f"{placed:g}",
            "ranks": range(1, len(choices) + 1),
        }
    return {}


def _as_number(text: str) -> float:
    """A field's text as a number for a running total (anything else counts 0)."""
    try:
        number = float(text.replace(",", "."))
    except ValueError:
        return 0.0
    return number if math.isfinite(number) else 0.0
