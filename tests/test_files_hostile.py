"""Hostile and mistaken files: each is refused with a short message naming its place.

Every case here once crashed, hung or flooded a command: 600 nested brackets, steps too fine
for the optimiser's grid, 100,000 response points, an empty refusal, a 1 MB echoed value,
`[values.0]` tables without a line, integers too long to read, mixed-offset datetimes.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import EXAMPLE_TOML
from integrate_tui.cli import main
from integrate_tui.files import ScenarioFileError, load, loads
from integrate_tui.model import Scenario, ScenarioInvalid, validate_scenario
from integrate_tui.model.limits import MAX_DEPTH, MAX_RESPONSE_POINTS, MAX_STEPS

RESPONSE = "response = [[0, 0], [0.3, 0.1], [0.6, 0.7], [1, 1]]"
DEEP = "[" * 600 + "]" * 600


def line_of(text: str, snippet: str) -> int:
    return text[: text.index(snippet)].count("\n") + 1


def load_text(text: str) -> Scenario:
    return loads(text, "f.toml")


def refusal(text: str) -> list[str]:
    """The problems `loads` gives for a text that must be refused."""
    with pytest.raises(ScenarioFileError) as caught:
        loads(text, "f.toml")
    lines = [str(problem) for problem in caught.value.problems]
    assert lines and all(lines), "a refusal must say something"
    return lines


@pytest.mark.parametrize("command", ["validate", "fmt", "score", "optimise", None])
def test_deep_nesting_is_refused_with_its_line_by_every_command(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], command: str | None
) -> None:
    text = EXAMPLE_TOML.replace(RESPONSE, f"response = {DEEP}")
    path = tmp_path / "deep.toml"
    path.write_text(text)
    args = [command, str(path)] if command else [str(path)]  # None: open the app
    assert main(args) == 2
    err = capsys.readouterr().err
    line = line_of(text, "response = [[[")
    assert err.strip() == f"{path}:{line}: nesting deeper than {MAX_DEPTH} " + (
        "(arrays and tables inside one another)"
    )


@pytest.mark.parametrize(
    "deep",
    [
        "{ a = " * 40 + "1" + " }" * 40,  # inline tables
        "[" * (MAX_DEPTH + 1) + "]" * (MAX_DEPTH + 1),  # just over the limit
        "[" * 100_000,  # unclosed: refused before the parser could recurse
    ],
    ids=["inline tables", "just over", "unclosed"],
)
def test_nesting_of_any_kind_is_refused(deep: str) -> None:
    text = EXAMPLE_TOML.replace('kind = "sister cities"', f"kind = {deep}")
    assert refusal(text) == [
        f"f.toml:{line_of(text, 'kind = ' + deep[:2])}: nesting deeper than {MAX_DEPTH} "
        "(arrays and tables inside one another)"
    ]


def test_the_limit_counts_every_table_and_array_from_the_top() -> None:
    """`kind` sits in the document, `activities` and an activity: three levels already."""
    for depth, fault in (
        (MAX_DEPTH - 3, "kind: must be text in quotes"),
        (MAX_DEPTH - 2, "nesting"),
    ):
        deep = "[" * depth + "]" * depth
        [line] = refusal(EXAMPLE_TOML.replace('kind = "sister cities"', f"kind = {deep}"))
        assert fault in line


def test_brackets_in_strings_and_comments_are_not_nesting() -> None:
    brackets = "[" * 100
    text = EXAMPLE_TOML.replace(
        'kind = "sister cities"', f'kind = "{brackets}" # {brackets}\nnotes = """{brackets}"""'
    )
    assert load_text(text).activities[1].kind == brackets


def test_deep_data_without_brackets_is_refused_by_the_model() -> None:
    data = loads(EXAMPLE_TOML).model_dump()
    node: dict = {}
    data["activities"][0]["cost"] = node
    for _ in range(5000):  # what dotted keys or a program could build
        node["a"] = {}
        node = node["a"]
    with pytest.raises(ScenarioInvalid) as caught:
        validate_scenario(data)
    [problem] = caught.value.problems
    assert problem.loc == ("activities", 0, "cost", "a")
    assert problem.message.startswith(f"nesting deeper than {MAX_DEPTH}")


def test_dotted_keys_nesting_deep_are_refused_with_a_line() -> None:
    text = "x" + ".x" * 3000 + " = 1\n" + EXAMPLE_TOML
    [line] = refusal(text)
    assert line.startswith(f"f.toml:{line_of(text, 'x.x.x')}: x.x.x.x: nesting deeper than")


@pytest.mark.parametrize(
    ("step", "max_funding", "smallest"),
    [
        ("5e-324", "3", "0.003"),
        ("1e-4", "3", "0.003"),
        ("1e-9", "1", "0.001"),
        ("1e-9", "0.999", "0.000999"),
    ],
)
def test_a_step_too_fine_for_the_grid_is_refused_naming_activity_and_field(
    step: str, max_funding: str, smallest: str
) -> None:
    text = EXAMPLE_TOML.replace(
        "funding = 0.8", f"funding = 0.8\nstep = {step}\nmax_funding = {max_funding}"
    )
    [line] = refusal(text)
    assert line == (
        f'f.toml:{line_of(text, "step = ")}: activities[0] "trade-missions" → step: '
        f"step {float(step):g} makes more than {MAX_STEPS:,} steps from min_funding 0 to "
        f"max_funding {max_funding}; use a step of at least {smallest}"
    )


def test_a_step_too_fine_over_a_span_of_denormals_is_still_answered() -> None:
    text = EXAMPLE_TOML.replace("funding = 0.8", "funding = 0\nstep = 5e-324\nmax_funding = 5e-321")
    [line] = refusal(text)
    assert "makes more than 1,000 steps" in line and "use a step of at least" in line


def test_the_finest_allowed_step_validates_and_optimises(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "fine.toml"
    path.write_text(EXAMPLE_TOML.replace("funding = 0.8", "funding = 0.8\nstep = 0.001"))
    assert main(["optimise", str(path), "--json"]) == 0
    capsys.readouterr()


def test_too_many_response_points_are_refused() -> None:
    points = ", ".join(f"[{i / 10_000}, {i / 10_000}]" for i in range(10_001))
    text = EXAMPLE_TOML.replace(RESPONSE, f"response = [{points}]")
    [line] = refusal(text)
    assert line.endswith(
        f'activities[1] "sister-cities" → response: a response point list takes at most '
        f"{MAX_RESPONSE_POINTS} points, not 10,001"
    )
    assert len(line) < 200


def test_the_most_response_points_allowed_validate() -> None:
    n = MAX_RESPONSE_POINTS - 1
    points = ", ".join(f"[{i / n}, {i / n}]" for i in range(n + 1))
    assert len(load_text(EXAMPLE_TOML.replace(RESPONSE, f"response = [{points}]")).activities)


@pytest.mark.parametrize(
    ("response", "expected"),
    [
        ('[[0, 0], "x", [1, 1]]', "response[1]: must be a list [...], not text 'x'"),
        ("[[0, 0], 5, [1, 1]]", "response[1]: must be a list [...], not 5"),
        ('[[0, 0], [0.5, "x"], [1, 1]]', "response[1][1]: must be a number, not text 'x'"),
        ("5", "response: must be a list [...], not 5"),
        ('"cubic"', "response: must be 'linear', 'diminishing' or 'threshold', or a list"),
    ],
)
def test_every_refusal_of_a_response_names_the_place_and_the_fault(
    response: str, expected: str
) -> None:
    lines = refusal(EXAMPLE_TOML.replace(RESPONSE, f"response = {response}"))
    assert len(lines) == 1 and expected in lines[0]


@pytest.mark.parametrize(
    ("extra", "expected"),
    [
        ("int = 1\n", "int: unknown key 'int'"),
        ('"x[y]" = 1\n', "x[y]: unknown key 'x[y]'"),
        ("", ""),
    ],
    ids=["int", "brackets", "in an activity"],
)
def test_keys_spelt_like_pydantic_union_members_are_named(extra: str, expected: str) -> None:
    """pydantic names union members in locations (`str`, `list[...]`): keys may look alike."""
    if not extra:
        text = EXAMPLE_TOML.replace("funding = 0.8", "funding = 0.8\nstr = 1")
        expected = "\"trade-missions\" → str: unknown key 'str'"
    else:
        text = extra + EXAMPLE_TOML
    [line] = refusal(text)
    assert expected in line


def test_the_cli_never_prints_an_empty_refusal(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "x.toml"
    path.write_text(EXAMPLE_TOML.replace(RESPONSE, 'response = [[0, 0], "x", [1, 1]]'))
    assert main(["validate", str(path)]) == 2
    assert "response[1]: must be a list" in capsys.readouterr().err


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("capacity = 1800", 'capacity = "{big}"'),
        ('id = "budget"', 'id = "{big}"'),
        ("cost = { budget = 420", 'cost = {{ "{big}" = 1, budget = 420'),
        ('silo = "econ"', 'silo = "{slug}"'),
        ("capacity = 1800", "capacity = [{numbers}]"),
        ('["trade-missions", "sister-cities"]', '["trade-missions", "{slug}"]'),
        ("[[silos]]", '[[silos]]\n"{big}" = 1\n\n[[silos]]'),
        ("[[silos]]", "[[silos]]\n[silos.{slug}]\n\n[[silos]]"),
    ],
)
def test_echoed_values_are_cut_to_a_short_preview(old: str, new: str) -> None:
    big, slug = "x" * 1_000_000, "a" * 1_000_000
    numbers = ", ".join(["1"] * 100_000)
    text = EXAMPLE_TOML.replace(old, new.format(big=big, slug=slug, numbers=numbers), 1)
    lines = refusal(text)
    assert all(len(line) < 400 for line in lines), [line[:500] for line in lines]
    assert any("…" in line or "..." in line for line in lines)


@pytest.mark.parametrize(
    "twice",
    ['[meta."{key}"]\n[meta."{key}"]\n', 'x = {{ "{key}" = 1, "{key}" = 2 }}\n'],
    ids=["header", "inline table"],
)
def test_a_tomllib_message_echoing_a_huge_key_is_cut(twice: str) -> None:
    [line] = refusal(EXAMPLE_TOML + "\n" + twice.format(key="k" * 1_000_000))
    assert "kkk" in line and "…" in line and len(line) < 300


def test_values_written_as_numbered_tables_get_a_line() -> None:
    text = EXAMPLE_TOML.replace("[[values]]", "[values.X]").replace("[values.X]", "[values.0]", 1)
    text = text.replace("[values.X]", "[values.1]")
    [line] = refusal(text)
    assert (
        line == f"f.toml:{line_of(text, '[values.0]')}: values: must be a list [...], not a table"
    )


def test_an_integer_too_long_to_read_is_refused_with_its_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    text = EXAMPLE_TOML.replace("capacity = 1800", "capacity = " + "9" * 5000)
    path = tmp_path / "long.toml"
    path.write_text(text)
    assert main(["validate", str(path)]) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"{path}:{line_of(text, 'capacity = 999')}: a number is too long")
    assert len(err) < 200


def test_rounds_with_and_without_utc_offsets_are_compared_not_crashed() -> None:
    text = EXAMPLE_TOML + (
        '\n[workshop]\n[[workshop.rounds]]\ntitle = "A"\n'
        "started = 2026-03-05T10:00:00+01:00\nclosed = 2026-03-05T08:00:00\n"
    )
    [line] = refusal(text)
    assert line.endswith("workshop.rounds[0] → closed: a round cannot close before it started")
    fine = text.replace("T08:00:00", "T09:30:00")
    assert load_text(fine).workshop is not None


@pytest.mark.parametrize("command", ["score", "optimise"])
def test_names_that_look_like_markup_are_printed_as_written(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], command: str
) -> None:
    path = tmp_path / "markup.toml"
    path.write_text(EXAMPLE_TOML.replace('"Economic prosperity"', '"[/] [b]prosperity :smile:"'))
    assert main([command, str(path)]) == 0
    assert "[/] [b]prosperity :smile:" in capsys.readouterr().out


def test_a_bad_file_loaded_from_disk_is_refused_the_same(tmp_path: Path) -> None:
    path = tmp_path / "deep.toml"
    path.write_text(EXAMPLE_TOML.replace(RESPONSE, f"response = {DEEP}"))
    with pytest.raises(ScenarioFileError, match="nesting deeper than"):
        load(path)
