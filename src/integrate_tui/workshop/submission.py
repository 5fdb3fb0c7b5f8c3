"""One remote participant's submission: its TOML form, its validation, and applying it.

A submission file, one per input (UTF-8 TOML, at most 16 KB):

    participant = "ana"                  # a participant id
    token = "k3vq-8x2m-p7ha"             # that participant's token (see `inbox`)
    kind = "points"                      # points | pairwise | dots | ranking
    submitted = 2026-03-05T10:42:00+01:00   # optional

    [points]                             # kind = "points": value id → points, summing to 100
    prosperity = 60
    openness = 40

    [[judgements]]                       # kind = "pairwise": every pair of values once
    a = "prosperity"                     # a is `ratio` times as important as b (1/9 … 9)
    b = "openness"
    ratio = 3

    [dots]                               # kind = "dots": option name → dots (whole numbers)
    "Option A" = 2

    ranking = ["Option B", "Option A"]   # kind = "ranking": options, first preference first

Exactly one payload, matching `kind`. Dots and rankings need a vote to be open; they are
checked against its ballot (its options and dots). Points and judgements are applied to
the participant's weights, and recorded in the open round when it is a points or pairwise
round.
"""

from __future__ import annotations

import datetime
import math
import tomllib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from integrate_tui.model import Scenario
from integrate_tui.model.limits import cut, preview
from integrate_tui.model.nesting import text_too_deep, too_deep_message
from integrate_tui.workshop.ahp import priorities
from integrate_tui.workshop.base import open_round, workshop_of
from integrate_tui.workshop.errors import WorkshopError
from integrate_tui.workshop.participants import set_judgements, set_points
from integrate_tui.workshop.points import points_problems
from integrate_tui.workshop.rounds import (
    ROUND_KINDS,
    ballot_options,
    cast_dots,
    cast_ranking,
    dot_budget,
)
from integrate_tui.workshop.voting import dot_problems, ranking_problems

PAYLOAD = {"points": "points", "pairwise": "judgements", "dots": "dots", "ranking": "ranking"}
"""Each kind of submission and the key that holds its payload."""

Payload = dict[str, float] | dict[tuple[str, str], float] | list[str]


@dataclass(frozen=True)
class Submission:
    """A validated input from one participant, and the file it came from."""

    participant: str
    kind: str
    payload: Payload
    submitted: datetime.datetime | None = None
    path: Path | None = None


def _string(text: str) -> str:
    """A TOML basic string: quotes, backslashes and control characters escaped."""
    escaped = "".join(
        "\\" + ch if ch in '"\\' else f"\\u{ord(ch):04x}" if ord(ch) < 0x20 or ch == "\x7f" else ch
        for ch in text
    )
    return f'"{escaped}"'


def _number(x: float) -> str:
    if isinstance(x, bool) or not isinstance(x, int | float) or not math.isfinite(x):
        raise WorkshopError(f"not a finite number: {x!r}")
    return str(int(x)) if float(x).is_integer() and abs(x) < 1e15 else repr(float(x))


def to_toml(
    participant: str,
    token: str,
    kind: str,
    payload: Mapping[Any, float] | Sequence[str],
    submitted: datetime.datetime | None = None,
) -> str:
    """A submission as TOML text, in the form `parse` reads."""
    if kind not in PAYLOAD:
        raise WorkshopError(f"unknown submission kind {kind!r} (use {', '.join(PAYLOAD)})")
    lines = [f"participant = {_string(participant)}", f"token = {_string(token)}"]
    lines.append(f"kind = {_string(kind)}")
    if submitted is not None:
        lines.append(f"submitted = {submitted.isoformat()}")
    if kind == "ranking":
        lines.append(f"ranking = [{', '.join(_string(o) for o in payload)}]")
    elif kind == "pairwise":
        for (a, b), ratio in payload.items():  # type: ignore[union-attr]
            lines += ["", "[[judgements]]", f"a = {_string(a)}", f"b = {_string(b)}"]
            lines.append(f"ratio = {_number(ratio)}")
    else:
        lines += ["", f"[{PAYLOAD[kind]}]"]
        lines += [f"{_string(k)} = {_number(v)}" for k, v in payload.items()]  # type: ignore[union-attr]
    return "\n".join(lines) + "\n"


def _fail(problems: str | list[str]) -> WorkshopError:
    return WorkshopError(problems, title="Submission rejected")


def read_header(text: str) -> tuple[dict[str, Any], str, str]:
    """The parsed document, its participant and its token; raises on syntax or missing keys."""
    deep = text_too_deep(text)
    if deep is not None:
        raise _fail(f"line {deep}: {too_deep_message()}")
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise _fail(f"not valid TOML: {error}") from None
    except ValueError:  # an integer with more digits than Python converts
        raise _fail("not valid TOML: a number is too long to read") from None
    for key in ("participant", "token", "kind"):
        if not isinstance(data.get(key), str):
            raise _fail(f"`{key}` must be given as text")
    kind = data["kind"]
    if kind not in PAYLOAD:
        raise _fail(f"unknown kind {preview(kind)} (use {', '.join(PAYLOAD)})")
    allowed = {"participant", "token", "kind", "submitted", PAYLOAD[kind]}
    unknown = sorted(set(data) - allowed)
    if unknown:
        raise _fail(f"unknown key(s) for kind {kind!r}: {cut(', '.join(unknown))}")
    if PAYLOAD[kind] not in data:
        raise _fail(f"kind {kind!r} needs `{PAYLOAD[kind]}`")
    if "submitted" in data and not isinstance(data["submitted"], datetime.datetime):
        raise _fail("`submitted` must be a date and time")
    return data, data["participant"], data["token"]


def payload_of(data: Mapping[str, Any], scenario: Scenario) -> Submission:
    """The submission, with its payload checked against the scenario; raises with every problem."""
    kind = data["kind"]
    raw = data[PAYLOAD[kind]]
    values = [v.id for v in scenario.values]
    options: list[str] = []
    dots = 0
    if kind in ("dots", "ranking"):
        workshop = workshop_of(scenario)
        index = open_round(workshop)
        if index is None:
            raise _fail("no round is open, so no vote can be taken")
        round_ = workshop.rounds[index]
        if round_.kind != "vote":
            raise _fail(f"the open round is a {ROUND_KINDS[round_.kind]}, not a vote")
        options, dots = ballot_options(scenario, index), dot_budget(round_)
    payload: Payload
    if kind == "points":
        if not isinstance(raw, dict):
            raise _fail("`points` must be a table of value = points")
        problems, payload = points_problems(raw, values), raw
    elif kind == "dots":
        if not isinstance(raw, dict):
            raise _fail("`dots` must be a table of option = dots")
        problems, payload = dot_problems(raw, options, dots), raw
    elif kind == "ranking":
        if not isinstance(raw, list) or not raw:
            raise _fail("`ranking` must be a non-empty list of options")
        problems, payload = ranking_problems(raw, options), raw
    else:
        payload = _judgements(raw)
        try:
            priorities(values, payload)
            problems = []
        except WorkshopError as error:
            problems = error.problems
    if problems:
        raise _fail(problems)
    submitted = data.get("submitted")
    return Submission(data["participant"], kind, payload, submitted)


def _judgements(raw: object) -> dict[tuple[str, str], float]:
    shape = "`judgements` must be a list of tables with a, b and ratio"
    if not isinstance(raw, list):
        raise _fail(shape)
    judgements = {}
    for item in raw:
        if not isinstance(item, dict) or set(item) != {"a", "b", "ratio"}:
            raise _fail(shape)
        if not (isinstance(item["a"], str) and isinstance(item["b"], str)):
            raise _fail("`a` and `b` must be value ids as text")
        judgements[item["a"], item["b"]] = item["ratio"]
    return judgements


def apply(scenario: Scenario, submission: Submission) -> Scenario:
    """The scenario with a submission applied to its own participant only."""
    who, payload = submission.participant, submission.payload
    if submission.kind == "points":
        return set_points(scenario, who, payload)  # type: ignore[arg-type]
    if submission.kind == "pairwise":
        return set_judgements(scenario, who, payload)  # type: ignore[arg-type]
    if submission.kind == "dots":
        return cast_dots(scenario, who, payload)  # type: ignore[arg-type]
    return cast_ranking(scenario, who, payload)  # type: ignore[arg-type]
