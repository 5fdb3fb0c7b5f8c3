"""The web page's forms: what each round's form shows, and reading a posted form back.

Field names are the contract scripts rely on: a points round has one number field per
value, named by the value's id; a pairwise round one `<select>` per pair named `a:b` (ids
never hold a colon) whose 17 steps are Saaty's scale from "a extremely more" to "b
extremely more"; a vote a number field `dots-N` and a `<select>` `rank-N` per option, N
being the option's place on the ballot (names are free text; places are not). Reading a
form only turns text into numbers: every rule on the answers is the workshop layer's,
checked when the submission is made.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from integrate_tui.model import Ballot, Inputs
from integrate_tui.workshop import SCALE, SCALE_VALUES, judgement_map, pairs
from integrate_tui.workshop.points import weights_to_points

EQUAL = SCALE_VALUES.index(1.0)
"""The step of the scale that says "equally important"."""


@dataclass(frozen=True)
class Entry:
    """One field as the page shows it: its name, label and the text it holds."""

    name: str
    label: str
    text: str


@dataclass(frozen=True)
class Pair:
    """One pairwise question: the field, both values' names, and the step chosen ("" none)."""

    name: str
    a: str
    b: str
    chosen: str
    steps: tuple[tuple[str, str], ...]  # (field value, words), "a extremely more" first


@dataclass(frozen=True)
class Choice:
    """One option of a vote: its place, name, dots placed and rank given (text, "" none)."""

    place: int
    name: str
    dots: str
    rank: str


class FormProblem(ValueError):
    """A posted field that is not a number at all; the workshop layer checks everything else."""


def _number(text: str, label: str) -> float | int:
    """A typed number (blank is 0); whole numbers stay whole so the file reads as typed."""
    text = text.strip().replace(",", ".")
    if not text:
        return 0
    try:
        value = float(text)
    except ValueError:
        raise FormProblem(f"{label}: {text[:40]!r} is not a number") from None
    if not math.isfinite(value):
        raise FormProblem(f"{label}: {text[:40]!r} is not a number")
    return int(value) if value.is_integer() and abs(value) < 1e15 else value


def _shown(value: float) -> str:
    return f"{value:g}"


def points_entries(
    values: Sequence[tuple[str, str]], form: Mapping[str, str] | None, given: Inputs | None
) -> list[Entry]:
    """One number field per value: as posted, else the participant's last points, else blank."""
    ids = [vid for vid, _ in values]
    earlier = weights_to_points(given.weights, ids) if given and given.weights else {}
    return [
        Entry(
            vid,
            name,
            form.get(vid, "") if form is not None else _shown(earlier[vid]) if earlier else "",
        )
        for vid, name in values
    ]


def read_points(values: Sequence[tuple[str, str]], form: Mapping[str, str]) -> dict[str, Any]:
    """The posted points by value id (blank counts as 0)."""
    return {vid: _number(form.get(vid, ""), name) for vid, name in values}


def _steps(a: str, b: str) -> tuple[tuple[str, str], ...]:
    """The 17 steps of one pair, from `a` extremely more important to `b` extremely more."""
    steps = []
    for index in reversed(range(len(SCALE_VALUES))):
        ratio = SCALE_VALUES[index]
        if index == EQUAL:
            words = "Both equally important"
        else:
            more, times = (a, round(ratio)) if ratio > 1 else (b, round(1 / ratio))
            words = f"{more}: {SCALE[times]} ({times}×)"
        steps.append((str(index), words))
    return tuple(steps)


def _step_of(ratio: float) -> str:
    """The step nearest a recorded ratio (on a log scale)."""
    return str(min(range(len(SCALE_VALUES)), key=lambda i: abs(math.log(SCALE_VALUES[i] / ratio))))


def pair_questions(
    values: Sequence[tuple[str, str]], form: Mapping[str, str] | None, given: Inputs | None
) -> list[Pair]:
    """Every pair of values, with the step posted or last given ("" when none yet)."""
    names = dict(values)
    earlier = judgement_map(given.judgements) if given else {}
    questions = []
    for a, b in pairs([vid for vid, _ in values]):
        field = f"{a}:{b}"
        if form is not None:
            chosen = form.get(field, "")
        elif (a, b) in earlier:
            chosen = _step_of(earlier[a, b])
        elif (b, a) in earlier:
            chosen = _step_of(1 / earlier[b, a])
        else:
            chosen = ""
        questions.append(Pair(field, names[a], names[b], chosen, _steps(names[a], names[b])))
    return questions


def read_pairwise(values: Sequence[tuple[str, str]], form: Mapping[str, str]) -> dict[Any, float]:
    """The posted judgements by (a, b); an unanswered pair is left out (and so reported)."""
    judgements: dict[Any, float] = {}
    for a, b in pairs([vid for vid, _ in values]):
        step = form.get(f"{a}:{b}", "")
        if step.isdigit() and int(step) < len(SCALE_VALUES):
            judgements[a, b] = SCALE_VALUES[int(step)]
    return judgements


def vote_choices(
    options: Sequence[str], form: Mapping[str, str] | None, ballot: Ballot | None
) -> list[Choice]:
    """Each option with the dots and rank posted, or last recorded."""
    ranking = list(ballot.ranking) if ballot else []
    choices = []
    for place, name in enumerate(options):
        if form is not None:
            dots, rank = form.get(f"dots-{place}", ""), form.get(f"rank-{place}", "")
        else:
            placed = ballot.dots.get(name, 0) if ballot else 0
            dots = _shown(placed) if placed else ""
            rank = str(ranking.index(name) + 1) if name in ranking else ""
        choices.append(Choice(place, name, dots, rank))
    return choices


def read_vote(options: Sequence[str], form: Mapping[str, str]) -> tuple[dict[str, Any], list[str]]:
    """The posted dots by option, and the ranking (the options given a rank, by rank)."""
    dots = {name: _number(form.get(f"dots-{i}", ""), name) for i, name in enumerate(options)}
    ranked: dict[int, str] = {}
    for place, name in enumerate(options):
        rank = form.get(f"rank-{place}", "").strip()
        if not rank.isdigit():
            continue
        if int(rank) in ranked:
            raise FormProblem(
                f"{ranked[int(rank)]} and {name} are both ranked {rank}: give each its own rank"
            )
        ranked[int(rank)] = name
    return dots, [ranked[rank] for rank in sorted(ranked)]
