"""One remote participant's submission: its TOML form, its validation, and applying it.

A submission file, one per input (UTF-8 TOML, at most 16 KB):

    participant = "ana"                  # a participant id
    token = "k3vq-8x2m-p7ha"             # that participant's token (see `inbox`)
    nonce = "3f9c0a7e51d2b846"           # the round it was sent for (see `nonce`)
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

Exactly one payload, matching `kind`; the shape is checked by pydantic models (one per
kind, unknown keys refused), the contents against the scenario. A submission is taken only
while the round it names by its nonce is open and takes its kind (`ROUND_TAKES`, the one
rule of what each round accepts); votes are checked against that round's ballot. Points
and judgements become the participant's weights and are recorded in the open round.
"""

from __future__ import annotations

import datetime
import tomllib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Any, Literal, assert_never

import tomli_w
from pydantic import Field, TypeAdapter, ValidationError

from integrate_tui.model import Round, Scenario
from integrate_tui.model.base import StrictModel
from integrate_tui.model.limits import cut, preview
from integrate_tui.model.nesting import text_too_deep, too_deep_message
from integrate_tui.workshop.ahp import priorities
from integrate_tui.workshop.base import open_round, workshop_of
from integrate_tui.workshop.errors import WorkshopError
from integrate_tui.workshop.nonce import nonce_matches
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

ROUND_TAKES: dict[str, tuple[str, ...]] = {
    "discussion": (),
    "points": ("points", "pairwise"),
    "pairwise": ("pairwise", "points"),
    "vote": ("dots", "ranking"),
}
"""What each kind of round takes, its own form first: a priorities round takes weights
either way (points or judgements), a vote takes dots and a ranking, a discussion nothing."""

PAYLOAD = {"points": "points", "pairwise": "judgements", "dots": "dots", "ranking": "ranking"}
"""Each kind of submission and the key that holds its payload."""

_TEXT_KEYS = ("participant", "token", "nonce")

Number = int | float
"""A number as written: whole numbers stay whole when a submission is written back."""

_NUMBER_ERRORS = ("int_type", "float_type", "finite_number")


class _Sent(StrictModel):
    """What every submission says: who, their token, the round's nonce, and when."""

    participant: str
    token: str
    nonce: str
    submitted: datetime.datetime | None = None


class PointsSent(_Sent):
    """Points over the values, summing to 100."""

    kind: Literal["points"] = "points"
    points: dict[str, Number]


class JudgementSent(StrictModel):
    """One pairwise comparison as written: `a` is `ratio` times as important as `b`."""

    a: str
    b: str
    ratio: Number


class PairwiseSent(_Sent):
    """A judgement for every pair of values."""

    kind: Literal["pairwise"] = "pairwise"
    judgements: list[JudgementSent]

    def table(self) -> dict[tuple[str, str], float]:
        """The judgements as (a, b) → ratio, as `ahp` takes them."""
        return {(j.a, j.b): j.ratio for j in self.judgements}


class DotsSent(_Sent):
    """Whole dots per option of the open vote."""

    kind: Literal["dots"] = "dots"
    dots: dict[str, int]


class RankingSent(_Sent):
    """Options of the open vote, first preference first."""

    kind: Literal["ranking"] = "ranking"
    ranking: list[str] = Field(min_length=1)


Sent = Annotated[PointsSent | PairwiseSent | DotsSent | RankingSent, Field(discriminator="kind")]
"""A submission's content, shape-checked; which one is told by `kind`."""

_SENT: TypeAdapter[PointsSent | PairwiseSent | DotsSent | RankingSent] = TypeAdapter(Sent)

Payload = dict[str, Number] | dict[tuple[str, str], float] | list[str]


@dataclass(frozen=True)
class Submission:
    """A validated input from one participant, and the file it came from."""

    sent: PointsSent | PairwiseSent | DotsSent | RankingSent
    path: Path | None = None

    @property
    def participant(self) -> str:
        return self.sent.participant

    @property
    def kind(self) -> str:
        return self.sent.kind

    @property
    def submitted(self) -> datetime.datetime | None:
        return self.sent.submitted

    @property
    def payload(self) -> Payload:
        """The answers as the forms give them: a table, judgements by pair, or a list."""
        sent = self.sent
        if isinstance(sent, PairwiseSent):
            return sent.table()
        if isinstance(sent, RankingSent):
            return list(sent.ranking)
        return dict(sent.points if isinstance(sent, PointsSent) else sent.dots)


def _fail(problems: str | list[str]) -> WorkshopError:
    return WorkshopError(problems, title="Submission rejected")


def compose(
    participant: str,
    token: str,
    nonce: str,
    kind: str,
    payload: Mapping[Any, float] | Sequence[str],
    submitted: datetime.datetime | None = None,
) -> PointsSent | PairwiseSent | DotsSent | RankingSent:
    """A submission from a form's answers, shape-checked as a file of it would be."""
    data: dict[str, Any] = {"participant": participant, "token": token, "nonce": nonce}
    data["kind"] = kind
    if submitted is not None:
        data["submitted"] = submitted
    if kind == "pairwise" and isinstance(payload, Mapping):
        data["judgements"] = [{"a": a, "b": b, "ratio": r} for (a, b), r in payload.items()]
    elif kind in PAYLOAD:
        data[PAYLOAD[kind]] = dict(payload) if isinstance(payload, Mapping) else list(payload)
    return validated(data)


def to_toml(sent: PointsSent | PairwiseSent | DotsSent | RankingSent) -> str:
    """A submission as TOML text, in the form `read` reads."""
    return tomli_w.dumps(sent.model_dump(exclude_none=True))


def read(text: str) -> dict[str, Any]:
    """A submission file's TOML as data; raises on syntax or nesting past the limit."""
    deep = text_too_deep(text)
    if deep is not None:
        raise _fail(f"line {deep}: {too_deep_message()}")
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise _fail(f"not valid TOML: {error}") from None
    except ValueError:  # an integer with more digits than Python converts
        raise _fail("not valid TOML: a number is too long to read") from None


def validated(data: Mapping[str, Any]) -> PointsSent | PairwiseSent | DotsSent | RankingSent:
    """The submission's shape checked: one kind, its payload, no unknown keys; raises if not."""
    try:
        return _SENT.validate_python(data)
    except ValidationError as error:
        raise _fail(_problems(error, data)) from None


def _problems(error: ValidationError, data: Mapping[str, Any]) -> list[str]:
    """pydantic's refusals in the file's words, each said once."""
    kind = data.get("kind")
    found: list[str] = []
    unknown: list[str] = []
    for detail in error.errors(include_url=False):
        loc = detail["loc"][1:]  # the first element is the union's tag
        if detail["type"] in _NUMBER_ERRORS and loc and loc[-1] in ("int", "float"):
            loc = loc[:-1]  # which member of `Number` refused it says nothing more
        if detail["type"] == "extra_forbidden" and len(loc) == 1:
            unknown.append(str(loc[0]))
        else:
            found.append(_problem(detail["type"], loc, detail.get("input"), kind))
    if unknown:
        found.append(f"unknown key(s) for kind {kind!r}: {cut(', '.join(unknown))}")
    return list(dict.fromkeys(found))


def _problem(error: str, loc: tuple[Any, ...], given: object, kind: object) -> str:
    """One refusal: a bad kind, a missing or mistyped key, or a bad payload entry."""
    if error == "union_tag_invalid" and isinstance(kind, str):
        return f"unknown kind {preview(kind)} (use {', '.join(PAYLOAD)})"
    if error in ("union_tag_invalid", "union_tag_not_found"):
        return "`kind` must be given as text"
    key = str(loc[0])
    if key in _TEXT_KEYS:
        return f"`{key}` must be given as text"
    if key == "submitted":
        return "`submitted` must be a date and time"
    if error == "missing" and len(loc) == 1:
        return f"kind {kind!r} needs `{key}`"
    if key == "judgements":
        if error in ("string_type",) and len(loc) == 3 and loc[2] in ("a", "b"):
            return "`a` and `b` must be value ids as text"
        if len(loc) == 3 and loc[2] == "ratio":
            return f"`ratio` must be a finite number, not {preview(given)}"
        return "`judgements` must be a list of tables with a, b and ratio"
    if key == "ranking":
        return "`ranking` must be a non-empty list of options, as text"
    if len(loc) == 1:
        what = "value = points" if key == "points" else "option = dots"
        return f"`{key}` must be a table of {what}"
    entry = preview(loc[-1])
    if key == "dots":
        return f"{entry}: dots must be a whole number, not {preview(given)}"
    return f"{entry}: points must be a finite number, not {preview(given)}"


def refusal(round_: Round | None, kind: str) -> str | None:
    """Why the round open now does not take a submission of `kind`, or None when it does."""
    if round_ is None:
        return "no round is open, so nothing can be taken"
    if kind not in ROUND_TAKES[round_.kind]:
        taken = " or ".join(ROUND_TAKES[round_.kind]) or "nothing"
        return (
            f"the open round {round_.title!r} is a {ROUND_KINDS[round_.kind]}: "
            f"it takes {taken}, and does not take {kind}"
        )
    return None


def payload_of(
    sent: PointsSent | PairwiseSent | DotsSent | RankingSent, scenario: Scenario, key: bytes
) -> Submission:
    """The submission, checked against the open round and the scenario; raises with every problem.

    The round must be open, take the submission's kind, and be the round its nonce names.
    """
    workshop = workshop_of(scenario)
    index = open_round(workshop)
    round_ = None if index is None else workshop.rounds[index]
    reason = refusal(round_, sent.kind)
    if reason is not None:
        raise _fail(reason)
    assert index is not None and round_ is not None  # `refusal` said the round is open
    if not nonce_matches(key, scenario, sent.nonce):
        raise _fail(
            f"this was sent for another round (or an earlier session), not for the open round "
            f"{round_.title!r}: send it again from the page"
        )
    values = [v.id for v in scenario.values]
    match sent:
        case PointsSent():
            problems = points_problems(sent.points, values)
        case DotsSent():
            problems = dot_problems(sent.dots, ballot_options(scenario, index), dot_budget(round_))
        case RankingSent():
            problems = ranking_problems(sent.ranking, ballot_options(scenario, index))
        case PairwiseSent():
            try:
                priorities(values, sent.table())
                problems = []
            except WorkshopError as error:
                problems = error.problems
        case _:
            assert_never(sent)
    if problems:
        raise _fail(problems)
    return Submission(sent)


def apply(scenario: Scenario, submission: Submission) -> Scenario:
    """The scenario with a submission applied to its own participant only."""
    sent = submission.sent
    match sent:
        case PointsSent():
            return set_points(scenario, sent.participant, sent.points)
        case PairwiseSent():
            return set_judgements(scenario, sent.participant, sent.table())
        case DotsSent():
            return cast_dots(scenario, sent.participant, sent.dots)
        case RankingSent():
            return cast_ranking(scenario, sent.participant, sent.ranking)
        case _:
            assert_never(sent)
