"""The workshop report: its sections, its numbers (the engine's), both formats, and the CLI."""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path
from typing import ClassVar

import pytest

from integrate_tui.cli import main
from integrate_tui.engine import compile_scenario, diff, score
from integrate_tui.files import save
from integrate_tui.model import Scenario
from integrate_tui.workshop import (
    add_entry,
    add_participant,
    add_round,
    add_snapshot,
    aggregate,
    apply_weights,
    build_report,
    cast_dots,
    cast_ranking,
    close_round,
    individual_weights,
    priorities,
    render,
    set_judgements,
    set_points,
    start_round,
)
from integrate_tui.workshop.report_blocks import Bar, Bullets, Chart, Table, number, signed
from integrate_tui.workshop.report_markdown import chart_lines
from workshop_data import at, scenario

NASTY = "Dan <script>alert(1)</script> | *bold*"


def session() -> Scenario:
    """Three people, a points round, a pairwise round and a vote, with a log."""
    s = add_participant(scenario(), "ana", "Ana", "business")
    s = add_participant(s, "ben", "Ben")
    s = add_participant(s, "dan", NASTY, "diaspora")
    s = add_snapshot(s, "Baseline")
    s = add_round(s, "Priorities", "What matters", 20, kind="points", aggregation="geometric")
    s = add_round(add_round(s, "Check", kind="pairwise"), "Vote", kind="vote")
    s = start_round(s, 0, at(0))
    s = set_points(s, "ana", {"prosperity": 60, "openness": 30, "equity": 10})
    s = set_points(s, "ben", {"prosperity": 20, "openness": 40, "equity": 40})
    s = set_points(s, "dan", {"prosperity": 30, "openness": 30, "equity": 40})
    group = aggregate(individual_weights(s), [v.id for v in s.values], "geometric")
    s = apply_weights(s, group.as_points())
    s = close_round(s, at(22), decision="Adopt the geometric mean")
    s = add_entry(s, "objection", "Equity is undersold", at(23), by=["ben"], round=0)
    s = start_round(s, 1, at(30))
    judged = {
        ("prosperity", "openness"): 5,
        ("prosperity", "equity"): 1 / 3,
        ("openness", "equity"): 3,
    }
    s = set_judgements(s, "ana", judged)
    s = close_round(s, at(40))
    cut = [
        a.model_copy(update={"funding": 0.4}) if a.id == "trade-missions" else a
        for a in s.activities
    ]
    s = add_snapshot(s.model_copy(update={"activities": cut}), "Lean trade")
    s = start_round(s, 2, at(50))
    s = cast_dots(s, "ana", {"Lean trade": 3})
    s = cast_dots(s, "ben", {"Baseline": 3})
    s = cast_ranking(s, "ana", ["Lean trade", "Baseline"])
    s = cast_ranking(s, "ben", ["Lean trade"])
    s = close_round(s, at(58), decision="Lean trade")
    return add_entry(s, "decision", "Adopt Lean trade", at(59))


def test_the_report_has_every_section_in_order() -> None:
    report = build_report(session())
    titles = [(section.level, section.title) for section in report.sections]
    assert titles == [
        (2, "Decision: the adopted package"),
        (2, "Scenario"),
        (2, "Participants"),
        (2, "Rounds"),
        (3, "Round 1: Priorities"),
        (4, "Weights"),
        (4, "Funding and scores at close"),
        (3, "Round 2: Check"),
        (4, "Weights"),
        (4, "Pairwise consistency"),
        (4, "Funding and scores at close"),
        (3, "Round 3: Vote"),
        (4, "Votes"),
        (4, "Options"),
        (4, "Funding and scores at close"),
        (2, "Consensus: the package that asks least of anyone"),
        (2, "Decision log"),
        (2, "Session timeline"),
    ]
    assert [s.lead for s in report.sections].count(True) == 1 and report.sections[0].lead
    assert report.subtitle == "Workshop report: 3 participants, 3 of 3 rounds closed, 2 log entries"


def blocks_of(report, title: str, level: int = 2) -> list:
    return next(s.blocks for s in report.sections if s.title == title and s.level == level)


def test_the_decision_is_the_engines_diff_from_the_baseline() -> None:
    s = session()
    model = compile_scenario(s)
    before = score(
        model,
        model.funding_from({"trade-missions": 0.8}),
        model.weights_from({"prosperity": 3, "openness": 2, "equity": 1}),
    )
    after = score(model)
    ledger = diff(before, after)
    blocks = blocks_of(build_report(s), "Decision: the adopted package")
    assert blocks[1].text == (
        f"It buys an integrated score of {number(after.overall)}, "
        f"{signed(after.overall - before.overall)} against the baseline's {number(before.overall)}."
    )
    assert blocks[3].text == f"In one line: {ledger.headline()}."
    scores = next(b for b in blocks if isinstance(b, Table) and b.columns[0] == "Score")
    assert scores.rows[0] == [
        "Integrated score",
        number(before.overall),
        number(after.overall),
        signed(after.overall - before.overall),
        "",
    ]
    assert [row[3] for row in scores.rows[1:]] == [signed(c.delta) for c in ledger.values]


def test_round_numbers_are_the_engines_and_the_aggregates() -> None:
    s = session()
    model = compile_scenario(s)
    report = build_report(s)
    closes = [sec for sec in report.sections if sec.title == "Funding and scores at close"]
    third = closes[2].blocks[0].text
    assert third == f"Integrated score at close: {number(score(model).overall)}."
    weights = next(sec for sec in report.sections if sec.title == "Weights").blocks[0]
    rows = {row[0]: row[1:] for row in weights.rows}
    assert rows["Ana"] == ["60.0%", "30.0%", "10.0%"]
    assert list(rows)[3:6] == [
        "Group: geometric mean (the round's method)",
        "Group: arithmetic mean",
        "Group: median",
    ]
    people = {
        "ana": {"prosperity": 60, "openness": 30, "equity": 10},
        "ben": {"prosperity": 20, "openness": 40, "equity": 40},
        "dan": {"prosperity": 30, "openness": 30, "equity": 40},
    }
    median = aggregate(people, ["prosperity", "openness", "equity"], "median").weights
    assert rows["Group: median"] == [
        f"{100 * median[v]:.1f}%" for v in ("prosperity", "openness", "equity")
    ]
    assert rows["In force at close"] == rows["Group: geometric mean (the round's method)"]


def test_each_round_says_its_kind_method_and_ballot() -> None:
    report = build_report(session())
    overviews = [
        next(b for b in sec.blocks if isinstance(b, Bullets)).items
        for sec in report.sections
        if sec.level == 3
    ]
    assert overviews[0][:3] == [
        "Kind: points allocation",
        "Group weights by: geometric mean",
        "Time box: 20 minutes",
    ]
    assert overviews[1][0] == "Kind: pairwise comparison"
    assert overviews[2][:2] == [
        "Kind: vote on options",
        "On the ballot: Baseline, Lean trade; 3 dots per participant",
    ]


def test_votes_consistency_and_log_are_reported() -> None:
    text = render(session(), "markdown")
    assert "Dot vote: tie for first: Baseline and Lean trade with 3 dots each." in text
    assert "Abstained: Dan" in text
    assert "Ranked choice (instant runoff): Lean trade wins in round 1 with 2 of 2 ballots." in text
    judged = {
        ("prosperity", "openness"): 5,
        ("prosperity", "equity"): 1 / 3,
        ("openness", "equity"): 3,
    }
    cr = priorities(["prosperity", "openness", "equity"], judged).cr
    # A three-value cycle: every judgement is equally inconsistent, so the first pair asked
    # is named and the report says the other two tie with it.
    assert (
        f"| Ana | {cr:.3f} | no | Economic prosperity over Openness and inclusion: strong "
        "importance (5); " in text
    )
    assert (
        "(nearest on the scale: 1); tied with Economic prosperity vs Equity, "
        "Openness and inclusion vs Equity |" in text
    )
    # Ana and Dan are equally far from the group on openness: both named, as a tie
    assert "| Openness and inclusion | 4.7% | 30.0% – 40.0% | Ana (-6.2 points); Dan " in text
    assert "(-6.2 points) — tied |" in text
    assert "| When | Kind | Round | By | Entry |" in text
    assert "| 2026-03-05 10:23 | Objection | 1 | Ben | Equity is undersold |" in text
    assert "| 2026-03-05 10:59 | Decision | 3 | — | Adopt Lean trade |" in text  # was "—"


def test_markdown_escapes_user_text_and_keeps_tables_whole() -> None:
    text = render(session(), "markdown")
    assert "Dan \\<script\\>alert(1)\\</script\\> \\| \\*bold\\*" in text
    assert "<script>" not in text
    for line in text.splitlines():
        if line.startswith("| Name | Id |"):
            header = line
    assert header.count(" | ") == 2
    row = next(line for line in text.splitlines() if line.startswith("| Dan"))
    assert row.replace("\\|", "").count("|") == 4


class Tags(HTMLParser):
    """Collects tags to check the page is balanced and self-contained."""

    VOID: ClassVar[set[str]] = {"meta", "rect", "line", "br"}

    def __init__(self) -> None:
        super().__init__()
        self.stack: list[str] = []
        self.seen: set[str] = set()
        self.attrs: list[tuple[str, str | None]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.seen.add(tag)
        self.attrs += attrs
        if tag not in self.VOID:
            self.stack.append(tag)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.seen.add(tag)
        self.attrs += attrs

    def handle_endtag(self, tag: str) -> None:
        if tag not in self.VOID:
            assert self.stack.pop() == tag


def test_html_is_self_contained_balanced_and_escaped() -> None:
    page = render(session(), "html")
    tags = Tags()
    tags.feed(page)
    assert tags.stack == []
    assert {"html", "style", "svg", "table", "rect"} <= tags.seen
    assert not {"script", "link", "img", "iframe"} & tags.seen
    assert all(name not in ("src", "href") for name, _ in tags.attrs)
    assert page.count("http") == page.count('xmlns="http://www.w3.org/2000/svg"')
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert page.count("<svg") >= 5


def test_html_and_markdown_show_the_same_numbers() -> None:
    s = session()
    overall = number(score(compile_scenario(s)).overall)
    for fmt in ("markdown", "html"):
        assert f"It buys an integrated score of {overall}, " in render(s, fmt)


def test_text_charts_draw_signed_and_unsigned_bars() -> None:
    lines = chart_lines(Chart("t", [Bar("up", 10.0, "10"), Bar("half", 5.0, "5")]))
    assert lines[0] == "up    " + "█" * 30 + "  10"
    assert lines[1].startswith("half  " + "█" * 15 + " " * 15)
    signed_lines = chart_lines(Chart("t", [Bar("gain", 2.0, "+2"), Bar("loss", -4.0, "-4")]))
    # 2 of 4 on a 15-cell half: 7.5 cells
    assert signed_lines[0] == "gain  " + " " * 15 + "│" + "███████▌" + " " * 7 + "  +2"
    assert signed_lines[1] == "loss  " + "█" * 15 + "│" + " " * 15 + "  -4"


def test_a_bare_scenario_still_reports() -> None:
    text = render(scenario(), "markdown")
    assert "No participants were recorded." in text
    assert "No rounds were recorded." in text
    assert "No baseline was recorded" in text
    assert "Nothing has been recorded yet." in text


@pytest.fixture
def scenario_file(tmp_path: Path) -> Path:
    path = tmp_path / "session.toml"
    save(session(), path)
    return path


@pytest.mark.parametrize("name", ["report.md", "report.html"])
def test_the_report_command_writes_each_format(scenario_file: Path, name: str, capsys) -> None:
    out = scenario_file.with_name(name)
    assert main(["report", str(scenario_file), "-o", str(out)]) == 0
    written = out.read_text(encoding="utf-8")
    assert written == render(session(), "html" if name.endswith(".html") else "markdown")
    assert f"wrote {out}" in capsys.readouterr().out
    assert not [p for p in out.parent.iterdir() if p.name.startswith(".")]


def test_the_report_command_refuses_unknown_formats_and_the_scenario_itself(
    scenario_file: Path, capsys
) -> None:
    before = scenario_file.read_bytes()
    assert main(["report", str(scenario_file), "-o", str(scenario_file.with_suffix(".pdf"))]) == 2
    assert "name it .md or .html" in capsys.readouterr().err
    same = scenario_file.with_suffix(".toml")
    assert main(["report", str(scenario_file), "-o", str(same)]) == 2
    assert main(["report", str(scenario_file), "-o", str(scenario_file.with_suffix(".HTML"))]) == 0
    scenario_file.with_suffix(".HTML").unlink()
    link = scenario_file.with_name("alias.md")
    link.symlink_to(scenario_file)
    assert main(["report", str(scenario_file), "-o", str(link)]) == 2
    assert "is the scenario file itself" in capsys.readouterr().err
    assert scenario_file.read_bytes() == before


def test_the_report_command_reports_bad_input_with_exit_2(tmp_path: Path, capsys) -> None:
    missing = tmp_path / "nope.toml"
    assert main(["report", str(missing), "-o", str(tmp_path / "r.md")]) == 2
    assert capsys.readouterr().err
    assert not (tmp_path / "r.md").exists()
    with pytest.raises(SystemExit) as exited:
        main(["report", str(missing)])
    assert exited.value.code == 2


def test_hand_written_ballots_count_with_the_rounds_budget_and_odd_ones_do_not_break_it() -> None:
    people = [{"id": "ana", "name": "Ana"}, {"id": "ben", "name": "Ben"}]
    votes = {"ana": {"dots": {"Option A": 2}}, "ben": {"dots": {"Option B": 1}}}
    text = render(
        scenario(participants=people, rounds=[{"title": "Vote", "votes": votes}]), "markdown"
    )
    assert "Dot vote: Option A leads with 2 of 3 dots." in text  # no budget recorded: 3
    five = {"ana": {"dots": {"Option A": 5}}}
    rounds = [{"title": "Vote", "kind": "vote", "votes": five}]
    text = render(scenario(participants=people, rounds=rounds), "markdown")
    assert "Cannot be shown: ana: 5 dots placed, but each participant has 3" in text
    ballot = {"kind": "vote", "options": ["Option A", "Option B"], "dots": 5}
    rounds = [{"title": "Vote", **ballot, "votes": five}]
    text = render(scenario(participants=people, rounds=rounds), "markdown")
    assert "On the ballot: Option A, Option B; 5 dots per participant" in text
    assert "Dot vote: Option A leads with 5 of 5 dots." in text
    assert "Option B  " in text and "Abstained: Ben." in text
    rounds = [{"title": "Vote", "votes": {"ana": {"dots": {"Option A": 2.5}}}}]
    text = render(scenario(participants=people, rounds=rounds), "markdown")
    assert "Cannot be shown: ana: Option A: dots must be a whole number ≥ 0, not 2.5" in text
    rounds = [{"title": "Vote", "kind": "vote", "started": at(0)}]
    text = render(scenario(participants=people, rounds=rounds), "markdown")
    assert "#### Votes\n\nNo ballots were cast." in text


def test_the_report_command_says_why_it_cannot_write(scenario_file: Path, capsys) -> None:
    out = scenario_file.parent / "no-such-folder" / "report.md"
    assert main(["report", str(scenario_file), "-o", str(out)]) == 2
    assert "report.md" in capsys.readouterr().err


def test_a_rounds_silo_priorities_are_reported_by_name() -> None:
    s = session()
    rounds = list(s.workshop.rounds)
    rounds[0] = rounds[0].model_copy(update={"silo_priorities": ["econ", "mayor"]})
    s = s.model_copy(update={"workshop": s.workshop.model_copy(update={"rounds": rounds})})
    first = next(sec for sec in build_report(s).sections if sec.level == 3)
    items = next(b for b in first.blocks if isinstance(b, Bullets)).items
    assert (
        "Silo priorities: protect Economic Development Department, "
        "then Mayor's Office of International Affairs"
    ) in items
