"""Random damage to scenario files, and the CLI run on them in-process: for the fuzz tests.

`mutate` takes a `random.Random`, so the property test (with hypothesis's `st.randoms()`)
and `benchmarks/bench_fuzz.py` (with a seed) share every kind of damage: lines deleted,
duplicated or swapped, tokens and table headers inserted, values replaced by wrong types,
huge numbers, deep brackets or long text, and the file cut short.
"""

from __future__ import annotations

import contextlib
import io
import random
import re
import traceback
from dataclasses import dataclass
from pathlib import Path

from integrate_tui.bundled import TEMPLATES, bundled_text
from integrate_tui.cli import main

TOKENS = (
    "[", "]", "{", "}", "[[", "]]", '"', "'", '"""', "'''", "=", ",", ".", "#", "\\", "\n",
    " = ", "\x00", "\t", "é", "\udc80", "[/]", "[b]",
)  # fmt: skip
"""Stray characters: half a bracket, a quote, a control character, a byte that is not UTF-8."""

HEADERS = (
    "[[activities]]", "[[resources]]", "[[silos]]", "[[values]]", "[[interests]]",
    "[[interactions]]", "[meta]", "[values.0]", "[activities.cost]", "[workshop]",
    "[[workshop.participants]]", "[[workshop.rounds]]", "[[workshop.log]]",
    "[[workshop.snapshots]]", "[silos.0.envelope]",
)  # fmt: skip
"""Table headers, right and wrong, to insert as whole lines."""

LINES = (
    'id = "x"', 'name = "X"', "funding = 0.5", "step = 5e-324", "step = 1e-9",
    "max_funding = 3", "min_funding = 2.9", "capacity = -1", "weight = 1e308",
    'response = [[0, 0], "x", [1, 1]]', "response = [[0, 0], [0.5]]", "response = [[1, 1]]",
    'between = ["a", "a"]', 'started = 2026-03-05T10:00:00+01:00',
    "closed = 2026-03-05T08:00:00", "at = 2026-03-05T10:00:00", 'text = "t"',
    "round = 99", "dots = 0", 'kind = "vote"', 'options = ["A", "A"]',
    'inputs = { x = { weights = { y = 1 } } }', 'votes = { x = { ranking = ["Z"] } }',
    "schema_version = 2", "schema_version = 0", "cares = { a = 1 }", "x.y.z = 1",
)  # fmt: skip
"""Whole key/value lines that break one rule each, or none."""

VALUES = (
    "1e309", "-1e309", "nan", "inf", "-0", "0x7fffffffffffffff", "9" * 400, "1" + "0" * 4400,
    "5e-324", "1e-9", "true", '""', '" "', "'x'", '"x"', "[]", "{}", "[1, 2]", "[[0, 0]]",
    "{ a = 1 }", "1979-05-27", "07:32:00", "1979-05-27T07:32:00Z", '"[/] [b]"',
    '"\\u0000"', "[" * 600 + "]" * 600, "{ a = " * 50 + "1" + " }" * 50, "[" * 5000,
    '"' + "x" * 20_000 + '"', "[" + ", ".join(["1"] * 2000) + "]",
    "[" + ", ".join(f"[{i / 500}, {i / 500}]" for i in range(501)) + "]",
)  # fmt: skip
"""Values of every wrong kind: too big, too deep, too long, not numbers, not finite."""

GENTLE = ("0", "0.5", "1", "3", "0.001", "1800", "-0.5", "2.5", '"linear"', '"threshold"')
"""Values that may well be right, so that damaged files still reach `score`."""


def base_texts() -> list[str]:
    """The bundled scenarios, the starting points of every mutation."""
    return [bundled_text(name) for name in TEMPLATES]


def mutate(text: str, rng: random.Random, rounds: int = 3) -> str:
    """`text` with 1 to `rounds` random kinds of damage done to it (one, most often)."""
    lines = text.splitlines()
    for _ in range(min(rounds, rng.choice((1, 1, 1, 2, 3)))):
        lines = rng.choice(_DAMAGE)(lines, rng) or [""]
    joined = "\n".join(lines) + "\n"
    if rng.random() < 0.05:
        joined = joined[: rng.randrange(len(joined) + 1)]
    return joined


def _delete(lines: list[str], rng: random.Random) -> list[str]:
    i = rng.randrange(len(lines))
    return lines[:i] + lines[i + rng.randint(1, 3) :]


def _duplicate(lines: list[str], rng: random.Random) -> list[str]:
    i = rng.randrange(len(lines))
    return lines[: i + 1] + lines[i : i + rng.randint(1, 8)] + lines[i + 1 :]


def _swap(lines: list[str], rng: random.Random) -> list[str]:
    i, j = rng.randrange(len(lines)), rng.randrange(len(lines))
    lines = list(lines)
    lines[i], lines[j] = lines[j], lines[i]
    return lines


def _token(lines: list[str], rng: random.Random) -> list[str]:
    i = rng.randrange(len(lines))
    at = rng.randint(0, len(lines[i]))
    lines = list(lines)
    lines[i] = lines[i][:at] + rng.choice(TOKENS) + lines[i][at:]
    return lines


def _line(lines: list[str], rng: random.Random) -> list[str]:
    i = rng.randrange(len(lines) + 1)
    extra = rng.choice((HEADERS, LINES))
    return [*lines[:i], rng.choice(extra), *lines[i:]]


def _value(lines: list[str], rng: random.Random) -> list[str]:
    candidates = [i for i, line in enumerate(lines) if " = " in line]
    if not candidates:
        return lines
    i = rng.choice(candidates)
    lines = list(lines)
    lines[i] = lines[i].split(" = ", 1)[0] + " = " + rng.choice(rng.choice((VALUES, GENTLE)))
    return lines


def _number(lines: list[str], rng: random.Random) -> list[str]:
    """A number changed to another that may still be in range: scores of odd but valid files."""
    candidates = [i for i, line in enumerate(lines) if _NUMBER.search(line)]
    if not candidates:
        return lines
    i = rng.choice(candidates)
    found = rng.choice(list(_NUMBER.finditer(lines[i])))
    new = rng.choice(("0", "1", "0.001", "0.999", "2", "3", "1e-6", "1e6", "5", "-5", "0.3"))
    lines = list(lines)
    lines[i] = lines[i][: found.start()] + new + lines[i][found.end() :]
    return lines


_NUMBER = re.compile(r"(?<![\w.\"-])\d+(?:\.\d+)?(?![\w.\"-])")
_DAMAGE = (
    *(_delete, _duplicate, _swap, _token, _token, _line, _line, _value, _value, _value),
    *(_number, _number, _number, _number),
)


@dataclass(frozen=True)
class Outcome:
    """What one CLI command did with a file: exit code, output, and any traceback."""

    code: int | None
    out: str
    err: str
    traceback: str = ""


def run_cli(*args: str) -> Outcome:
    """`integrate-tui ARGS` in this process, capturing output; an escaped exception is kept."""
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            code = main(list(args))
        except SystemExit as exit_:
            code = exit_.code if isinstance(exit_.code, int) else 2
        except BaseException:  # the very thing being looked for
            return Outcome(None, out.getvalue(), err.getvalue(), traceback.format_exc())
    return Outcome(code, out.getvalue(), err.getvalue())


def problems(outcome: Outcome, exits: tuple[int, ...] = (0, 2), limit: int = 2000) -> list[str]:
    """What is wrong with an outcome: a traceback, an odd exit, an empty or too-long refusal."""
    found = []
    if outcome.traceback:
        found.append(f"traceback:\n{outcome.traceback}")
    elif outcome.code not in exits:
        found.append(f"exit code {outcome.code}")
    elif outcome.code == 2 and not outcome.err.strip():
        found.append("refused with an empty message")
    long = [line for line in outcome.err.splitlines() if len(line) >= limit]
    if long:
        found.append(f"a line of {len(long[0])} characters: {long[0][:200]}…")
    return found


def write(folder: Path, text: str) -> Path:
    """The text as `fuzzed.toml` in `folder`; a lone surrogate becomes bytes that are not UTF-8."""
    path = folder / "fuzzed.toml"
    path.write_text(text, encoding="utf-8", errors="surrogatepass")
    return path
