"""Comments are user data: a save over a commented file changes only what changed, and `fmt`
lays the file out canonically with every comment kept (issue 12, item 4)."""

from __future__ import annotations

import datetime
import difflib
import importlib
import re
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from integrate_tui.bundled import bundled_path
from integrate_tui.files import (
    ScenarioSaveError,
    dumps,
    fingerprint,
    format_text,
    load,
    load_tracked,
    loads,
    save,
)
from integrate_tui.model import Activity, LogEntry, Participant, Round, Scenario, Workshop

save_module = importlib.import_module("integrate_tui.files.save")
in_place = importlib.import_module("integrate_tui.files.in_place")
BLANK_TEMPLATE = bundled_path("blank").read_text(encoding="utf-8")


def commented(text: str) -> str:
    """A canonical file with comments everywhere a user puts them."""
    text = "# Riverton, as the council saw it\n\n" + text
    text = text.replace("weight = 3\n", "weight = 3  # the mayor's priority\n")
    text = text.replace(
        '[[activities]]\nid = "sister-cities"',
        '# Sister cities: the council\'s pet\n[[activities]]\nid = "sister-cities"',
    )
    text = text.replace("min_funding = 0.2\n", "min_funding = 0.2\n# treaty floor, do not cut\n", 1)
    text = text.replace("[[interactions]]", "# ---- interactions ----\n\n[[interactions]]")
    return text + "\n# end of file\n"


@pytest.fixture
def commented_path(tmp_path: Path, example_toml: str) -> Path:
    path = tmp_path / "riverton.toml"
    path.write_text(commented(dumps(loads(example_toml))), encoding="utf-8")
    return path


def changed_lines(before: str, after: str) -> list[str]:
    """The lines removed and added between two texts, as `-line` / `+line`."""
    diff = difflib.ndiff(before.splitlines(), after.splitlines())
    return [line[:1] + line[2:] for line in diff if line[:1] in "-+"]


def comment_lines(text: str) -> list[str]:
    return [m[0] for m in re.finditer(r"#[^\n]*", text)]


def test_a_changed_value_changes_its_line_and_nothing_else(commented_path: Path) -> None:
    before = commented_path.read_text()
    scenario, seen = load_tracked(commented_path)
    scenario.activities[0].funding = 0.6
    scenario.values[0].weight = 4
    save(scenario, commented_path, expect=seen)
    after = commented_path.read_text()
    assert changed_lines(before, after) == [
        "-weight = 3  # the mayor's priority",
        "+weight = 4  # the mayor's priority",
        "-funding = 0.8",
        "+funding = 0.6",
    ]
    assert load(commented_path) == scenario


def test_an_unchanged_save_rewrites_nothing(commented_path: Path) -> None:
    before = commented_path.read_bytes()
    save(load(commented_path), commented_path)
    assert commented_path.read_bytes() == before


def test_keys_added_and_maps_edited_in_place(commented_path: Path) -> None:
    before = commented_path.read_text()
    scenario = load(commented_path)
    scenario.activities[0].locked = True
    scenario.activities[0].cost["budget"] = 500
    save(scenario, commented_path)
    assert changed_lines(before, commented_path.read_text()) == [
        "-cost = { budget = 420, staff = 1.5 }",
        "+cost = { budget = 500, staff = 1.5 }",
        "+locked = true",
    ]
    assert load(commented_path) == scenario


def test_a_removed_entry_takes_its_lead_comment_and_free_comments_stay(
    commented_path: Path,
) -> None:
    scenario = load(commented_path)
    del scenario.activities[1]
    scenario.interactions = []
    save(scenario, commented_path)
    after = commented_path.read_text()
    assert "council's pet" not in after and "treaty floor" not in after
    assert "# ---- interactions ----" in after and after.endswith("# end of file\n")
    assert "\n\n\n" not in after
    assert load(commented_path) == scenario


def test_new_entries_are_canonical_and_go_after_their_kind(commented_path: Path) -> None:
    scenario = load(commented_path)
    scenario.activities.append(Activity(id="new-one", name="New", silo="econ", funding=0.1))
    when = datetime.datetime(2027, 3, 1, 9, 30, tzinfo=datetime.UTC)
    scenario.workshop = Workshop(
        participants=[Participant(id="ana", name="Ana")],
        log=[LogEntry(at=when, text="Opened")],
    )
    save(scenario, commented_path)
    after = commented_path.read_text()
    new_block = '\n\n[[activities]]\nid = "new-one"\nname = "New"\nsilo = "econ"\nfunding = 0.1\n\n'
    assert "# treaty floor, do not cut" + new_block + "# ---- interactions ----" in after
    assert '[[workshop.participants]]\nid = "ana"\nname = "Ana"\n' in after
    assert comment_lines(after) == comment_lines(commented(dumps(loads(dumps(scenario)))))
    assert load(commented_path) == scenario


def test_workshop_steps_append_and_keep_earlier_rounds(commented_path: Path) -> None:
    scenario = load(commented_path)
    scenario.workshop = Workshop(rounds=[Round(title="Warm-up")])
    save(scenario, commented_path)
    text = commented_path.read_text().replace(
        '[[workshop.rounds]]\ntitle = "Warm-up"',
        '# we ran late\n[[workshop.rounds]]\ntitle = "Warm-up"  # 10 minutes',
    )
    commented_path.write_text(text)
    scenario = load(commented_path)
    scenario.workshop.rounds[0].decision = "Keep going"
    scenario.workshop.rounds.append(Round(title="Vote", kind="vote"))
    save(scenario, commented_path)
    after = commented_path.read_text()
    assert '# we ran late\n[[workshop.rounds]]\ntitle = "Warm-up"  # 10 minutes\n' in after
    assert 'decision = "Keep going"' in after and 'title = "Vote"' in after
    assert load(commented_path) == scenario


def test_a_moved_entry_keeps_its_comments(commented_path: Path) -> None:
    scenario = load(commented_path)
    scenario.activities.reverse()
    save(scenario, commented_path)
    after = commented_path.read_text()
    assert after.index("council's pet") < after.index('id = "trade-missions"')
    assert sorted(comment_lines(after)) == sorted(comment_lines(commented_path.read_text()))
    assert load(commented_path) == scenario


def test_sub_tables_dotted_keys_and_multiline_arrays_are_edited_in_place(
    tmp_path: Path, example_toml: str
) -> None:
    text = example_toml.replace(
        "cost = { budget = 150, staff = 1.0 }",
        "cost.budget = 150  # council grant\ncost.staff = 1.0",
    ).replace(
        "response = [[0, 0], [0.3, 0.1], [0.6, 0.7], [1, 1]]",
        "response = [\n  [0, 0],\n  [0.3, 0.1],  # slow start\n  [0.6, 0.7],\n  [1, 1],\n]",
    )
    text = text.replace(
        "impact = { prosperity = 4, openness = 1 }\nsupport = { business = 2 }\n"
        'response = "diminishing"\nfunding = 0.8\n',
        'support = { business = 2 }\nresponse = "diminishing"\nfunding = 0.8\n\n'
        "[activities.impact]  # guesses\nprosperity = 4  # high\nopenness = 1\n",
    )
    path = tmp_path / "odd.toml"
    path.write_text(text)
    scenario = load(path)
    scenario.activities[0].impact["openness"] = 2
    scenario.activities[1].cost["staff"] = 2
    scenario.activities[1].response = [[0.0, 0.0], [0.3, 0.2], [0.6, 0.7], [1.0, 1.0]]
    save(scenario, path)
    assert changed_lines(text, path.read_text()) == [
        "-openness = 1",
        "+openness = 2",
        "-cost.staff = 1.0",
        "+cost.staff = 2",
        "-  [0.3, 0.1],  # slow start",
        "+  [0.3, 0.2],  # slow start",
    ]
    assert load(path) == scenario


def test_an_edit_that_would_drop_a_comment_writes_the_entry_canonically_instead(
    tmp_path: Path, example_toml: str
) -> None:
    text = example_toml.replace(
        "response = [[0, 0], [0.3, 0.1], [0.6, 0.7], [1, 1]]",
        "response = [\n  [0, 0],\n  [0.3, 0.1],  # slow start\n  [1, 1],\n]",
    )
    path = tmp_path / "points.toml"
    path.write_text(text)
    scenario = load(path)
    scenario.activities[1].response = [[0.0, 0.0], [0.3, 0.1], [0.6, 0.7], [1.0, 1.0]]
    save(scenario, path)
    after = path.read_text()
    assert "# slow start\nresponse = [[0, 0], [0.3, 0.1], [0.6, 0.7], [1, 1]]\n" in after
    assert changed_lines(text.split("[[activities]]")[1], after.split("[[activities]]")[1]) == []
    assert load(path) == scenario


def test_crlf_and_byte_order_mark_are_kept(tmp_path: Path, example_toml: str) -> None:
    path = tmp_path / "windows.toml"
    text = "\ufeff# from Windows\n" + example_toml
    path.write_bytes(text.replace("\n", "\r\n").encode("utf-8"))
    scenario = load(path)
    scenario.activities[0].funding = 0.25
    save(scenario, path)
    data = path.read_bytes()
    assert data.startswith("\ufeff# from Windows\r\n".encode())
    assert b"\nfunding = 0.25\r\n" in data and data.count(b"\n") == data.count(b"\r\n")
    assert load(path) == scenario


def test_the_blank_template_keeps_its_guidance(tmp_path: Path) -> None:
    path = tmp_path / "mine.toml"
    path.write_text(BLANK_TEMPLATE)
    scenario = load(path)
    scenario.activities[0].funding = 0.5
    save(scenario, path)
    assert changed_lines(BLANK_TEMPLATE, path.read_text()) == ["-funding = 1", "+funding = 0.5"]


def test_a_save_that_would_not_load_back_is_refused(
    commented_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = commented_path.read_bytes()
    scenario = load(commented_path)
    scenario.activities[0].funding = 0.6
    real = in_place._Editor.run
    monkeypatch.setattr(in_place._Editor, "run", lambda self, s: real(self, s).replace("0.6", "7"))
    with pytest.raises(ScenarioSaveError, match=r"comments could not be kept.*another name"):
        save(scenario, commented_path)
    assert commented_path.read_bytes() == before


def test_files_without_comments_take_the_canonical_fast_path(
    tmp_path: Path, example_toml: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "plain.toml"
    path.write_text(example_toml.replace("capacity = 1800", "capacity = 1_800"))
    monkeypatch.setattr(in_place, "edit_in_place", None)  # would fail if it were called
    scenario = load(path)
    save(scenario, path)
    assert path.read_text() == dumps(scenario)
    path.write_text(example_toml.replace("1800", "1_800").replace("Riverton", "Riverton #1"))
    scenario = load(path)
    save(scenario, path)  # a `#` in a string is no comment: canonical
    assert path.read_text() == dumps(scenario)


def test_save_reads_the_file_once(commented_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    scenario, seen = load_tracked(commented_path)
    scenario.activities[0].funding = 0.6
    opened: list[str] = []
    real_open = open

    def counting_open(file, *args, **kwargs):  # type: ignore[no-untyped-def]
        opened.append(str(file))
        return real_open(file, *args, **kwargs)

    monkeypatch.setattr(save_module, "open", counting_open, raising=False)
    new = save(scenario, commented_path, expect=seen)
    assert opened == [str(commented_path)]
    assert new == fingerprint(commented_path)


# --- fmt ----------------------------------------------------------------------------------


def test_fmt_lays_out_canonically_and_keeps_every_comment(example_toml: str) -> None:
    text = (
        "# header\n\nschema_version = 1  # version\n\n[meta]\n"
        'title = "Riverton — international affairs, FY2027"\n'
        'description = "Functional activities of a mid-size US city\'s international work."\n'
    ) + example_toml.split('work."\n', 1)[1]
    text = text.replace("capacity = 1800", "capacity = 1_800.0  # kUSD")
    text = text.replace(
        "response = [[0, 0], [0.3, 0.1], [0.6, 0.7], [1, 1]]",
        "response = [\n  [0, 0],  # nothing\n  [0.3, 0.1],\n  [0.6, 0.7],\n  [1, 1],\n]",
    )
    text = text.replace("min_funding = 0.2", "min_funding = 0.2\nstep = 0.1  # the default, kept")
    scenario = loads(text)
    formatted = format_text(text, scenario)
    assert loads(formatted) == scenario
    assert sorted(comment_lines(formatted)) == sorted(comment_lines(text))
    assert formatted.startswith("# header\n\nschema_version = 1  # version\n\n[meta]\n")
    assert "capacity = 1800  # kUSD\n" in formatted
    assert "# nothing\nresponse = [[0, 0], [0.3, 0.1], [0.6, 0.7], [1, 1]]\n" in formatted
    assert "step = 0.1  # the default, kept\n" in formatted
    assert format_text(formatted, loads(formatted)) == formatted


def test_fmt_of_an_uncommented_file_is_dumps(example_toml: str) -> None:
    scenario = loads(example_toml)
    assert format_text(example_toml.replace("1800", "1_800"), scenario) == dumps(scenario)


@pytest.mark.parametrize("name", ["blank", "city-diplomacy", "national-statecraft"])
def test_fmt_is_idempotent_on_the_bundled_files(name: str) -> None:
    text = bundled_path(name).read_text(encoding="utf-8")
    once = format_text(text, loads(text))
    assert format_text(once, loads(once)) == once
    assert comment_lines(once) == comment_lines(text)


# --- random edits of a commented file -----------------------------------------------------

CITY = load(bundled_path("city-diplomacy"))
CITY_COMMENTED = "\n".join(
    f"{line}  # note {i}" if line.startswith(("funding", "name")) else line
    for i, line in enumerate(dumps(CITY).splitlines())
).replace("[[activities]]", "# an activity\n[[activities]]")


@st.composite
def edits(draw: st.DrawFn) -> Scenario:
    """The city scenario after a few edits of the kinds the workbench makes."""
    scenario = CITY.model_copy(deep=True)
    for _ in range(draw(st.integers(1, 5))):
        kind = draw(st.sampled_from(["funding", "weight", "notes", "add", "remove", "workshop"]))
        activities = scenario.activities
        if kind == "funding":
            act = draw(st.sampled_from(activities))
            act.funding = draw(st.integers(0, 10)) / 10 * act.max_funding
            act.funding = max(act.funding, act.min_funding)
        elif kind == "weight":
            draw(st.sampled_from(scenario.values)).weight = draw(st.integers(0, 50)) / 10
        elif kind == "notes":
            draw(st.sampled_from(activities)).notes = draw(st.text(max_size=20))
        elif kind == "add":
            silo = draw(st.sampled_from(scenario.silos)).id
            new_id = f"added-{len(activities)}"
            if all(a.id != new_id for a in activities):
                activities.insert(
                    draw(st.integers(0, len(activities))),
                    Activity(id=new_id, name="Added # one", silo=silo, funding=0.5),
                )
        elif kind == "remove" and len(activities) > 1:
            gone = activities.pop(draw(st.integers(0, len(activities) - 1))).id
            scenario.interactions = [i for i in scenario.interactions if gone not in i.between]
        elif kind == "workshop":
            workshop = scenario.workshop or Workshop()
            workshop.rounds.append(Round(title=f"Round {len(workshop.rounds) + 1}"))
            scenario.workshop = workshop
    return Scenario.model_validate(scenario.model_dump())


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(edits())
def test_random_edits_load_back_and_keep_the_comments_of_what_stays(
    tmp_path: Path, edited: Scenario
) -> None:
    path = tmp_path / "city.toml"
    path.write_text(CITY_COMMENTED)
    save(edited, path)
    after = path.read_text()
    assert load(path) == edited
    kept = {a.id for a in edited.activities}
    for block in CITY_COMMENTED.split("\n\n"):
        match = re.search(r'^id = "([^"]+)"', block, re.M)
        if block.startswith("# an activity") and match and match[1] in kept:
            assert re.search(r'name = "[^"\n]*"  # note \d+', block)
            for comment in comment_lines(block):
                assert comment in after
