"""The report leads with the decision: the adopted package against the baseline, the score it
buys and who gains and who loses (the engine's ledger), drawn as inline SVG in the HTML."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from integrate_tui.engine import compile_scenario, diff, score
from integrate_tui.engine.optimise import frontier
from integrate_tui.files import load
from integrate_tui.formats import amount, level
from integrate_tui.model import Scenario
from integrate_tui.workshop import add_snapshot, build_report, render
from integrate_tui.workshop.report_blocks import Bullets, Chart, Compare, Scatter, Table, Text
from integrate_tui.workshop.report_decision import TITLE
from integrate_tui.workshop.report_svg import ticks
from workshop_data import scenario

SVG = "{http://www.w3.org/2000/svg}"
CITY = Path(__file__).parents[1] / "src/integrate_tui/scenarios/city-diplomacy.toml"


def adopted() -> Scenario:
    """A Baseline option, then trade missions cut and the sister-city programme raised."""
    s = add_snapshot(scenario(), "Baseline")
    levels = {"trade-missions": 0.3, "sister-cities": 1.0}
    activities = [
        a.model_copy(update={"funding": levels.get(a.id, a.funding)}) for a in s.activities
    ]
    return s.model_copy(update={"activities": activities})


def engine_ledger(s: Scenario):
    """The ledger from the Baseline option's funding to the funding now, asked of the engine."""
    model = compile_scenario(s)
    base = model.funding_from(dict(s.workshop.snapshots[0].funding))
    return diff(score(model, base), score(model))


def decision(s: Scenario, **kwargs) -> list:
    section = build_report(s, **kwargs).sections[0]
    assert section.title == TITLE
    return section.blocks


def svgs(page: str) -> list[ET.Element]:
    return [ET.fromstring(m) for m in re.findall(r"<svg\b.*?</svg>", page, flags=re.S)]


def test_the_decision_comes_before_the_story_in_both_formats() -> None:
    s = adopted()
    for fmt in ("markdown", "html"):
        text = render(s, fmt)
        first = text.index(TITLE)
        for story in ("Scenario", "Participants", "Rounds", "Decision log", "Session timeline"):
            heading = f"## {story}\n" if fmt == "markdown" else f"<h2>{story}</h2>"
            assert first < text.index(heading), (fmt, story)
    page = render(s, "html")
    assert page.index('<section class="lead">') < page.index(TITLE) < page.index("</section>")
    assert page.index("</section>") < page.index("<h2>Scenario</h2>")


def test_every_activity_appears_with_its_level_and_change() -> None:
    s = adopted()
    table = next(b for b in decision(s) if isinstance(b, Table) and b.columns[0] == "Activity")
    assert table.columns == ["Activity", "Baseline", "Adopted", "Change", "Uses (adopted)", "Silo"]
    rows = {row[0]: row for row in table.rows}
    assert list(rows) == [a.name for a in s.activities]
    assert rows["Outbound trade missions"][1:4] == ["0.80", "0.30", "-0.50"]
    assert rows["Sister-city programme"][1:4] == ["0.50", "1.00", "+0.50"]
    assert rows["Language access services"][1:4] == ["0.60", "0.60", "—"]
    # what an activity uses is its cost at its level: 420 kUSD and 1.5 FTE at 0.3
    assert rows["Outbound trade missions"][4] == f"{amount(126)}\u00a0kUSD, {amount(0.45)}\u00a0FTE"
    assert rows["Outbound trade missions"][5] == "Economic Development Department"
    markdown = render(s, "markdown")
    head = markdown[: markdown.index("## Scenario")]
    for a in s.activities:
        assert f"| {a.name} | " in head
    assert "| Outbound trade missions | 0.80 | 0.30 | -0.50 |" in head


def test_gainers_and_losers_are_the_engine_ledgers_with_their_signs() -> None:
    s = adopted()
    ledger = engine_ledger(s)
    assert ledger.gainers() and ledger.losers()  # the case moves both ways
    blocks = decision(s)
    who = next(b for b in blocks if isinstance(b, Bullets)).items
    assert who[0] == "Gains: " + ", ".join(f"{c.name} {c.delta:+.1f}" for c in ledger.gainers())
    assert who[1] == "Loses: " + ", ".join(f"{c.name} {c.delta:+.1f}" for c in ledger.losers())
    assert who[2] == "Made room (funding cut): Outbound trade missions"
    chart = next(b for b in blocks if isinstance(b, Chart) and "gains" in b.title)
    assert [(b.label, b.value) for b in chart.bars] == [(c.name, c.delta) for c in ledger.interests]
    for b in chart.bars:
        assert b.text.startswith("+" if b.value > 0 else "-")
    page = render(s, "html")
    interests = next(svg for svg in svgs(page) if "gains" in svg.find(f"{SVG}title").text)
    for group in interests.iter(f"{SVG}g"):
        rect = group.find(f"{SVG}rect")
        name = group.find(f"{SVG}text").text
        gained = name in {c.name for c in ledger.gainers()}
        assert rect.get("class") == ("pos" if gained else "neg"), name


def test_the_headline_is_the_score_and_an_overrun_is_said() -> None:
    s = adopted()
    ledger = engine_ledger(s)
    blocks = decision(s)
    headline = next(b for b in blocks if isinstance(b, Text) and b.strong)
    assert headline.text == (
        f"It buys an integrated score of {ledger.overall.after:.1f}, "
        f"{ledger.overall.delta:+.1f} against the baseline's {ledger.overall.before:.1f}."
    )
    assert "It fits every resource's capacity." in [b.text for b in blocks if isinstance(b, Text)]
    city = load(CITY)  # the bundled scenario is over its staff time
    now = score(compile_scenario(city))
    staff = [r.id for r in city.resources].index("staff")
    said = [b.text for b in decision(city) if isinstance(b, Text) and b.strong]
    assert said[1].startswith("Over capacity: Staff time uses ")
    assert said[1].endswith(f"over by {amount(float(now.over[staff]))}.")
    assert f"**{said[1]}**" in render(city, "markdown")


def test_without_a_baseline_the_package_is_shown_and_no_change_is_invented() -> None:
    city = load(CITY)
    blocks = decision(city)
    assert "No baseline was recorded" in blocks[0].text
    table = next(b for b in blocks if isinstance(b, Table) and b.columns[0] == "Activity")
    assert table.columns == ["Activity", "Level", "Uses", "Silo"]
    assert [row[1] for row in table.rows] == [level(a.funding) for a in city.activities]
    assert not any(isinstance(b, (Bullets, Compare)) for b in blocks)


def test_the_value_chart_is_well_formed_svg_with_a_pair_of_bars_per_value() -> None:
    s = adopted()
    page = render(s, "html")
    pictures = svgs(page)
    assert len(pictures) == page.count("<svg")
    values = next(svg for svg in pictures if svg.find(f"{SVG}title").text.startswith("Value"))
    groups = list(values.iter(f"{SVG}g"))
    assert [g.find(f"{SVG}text").text for g in groups] == [v.name for v in s.values]
    for g in groups:
        assert [r.get("class") for r in g.iter(f"{SVG}rect")] == ["before", "after"]
    assert values.get("viewBox").startswith("0 0 ")
    labelled = values.get("aria-labelledby").split()
    ids = {e.get("id") for e in values if e.tag in (f"{SVG}title", f"{SVG}desc")}
    assert set(labelled) == ids and len(ids) == 2
    ledger = engine_ledger(s)
    texts = [t.text for t in values.iter(f"{SVG}text")]
    for c in ledger.values:
        assert f"{c.before:.1f} baseline" in texts and f"{c.after:.1f} adopted" in texts
    every_id = re.findall(r'\bid="([^"]+)"', page)
    assert len(every_id) == len(set(every_id))


def test_svg_text_is_escaped() -> None:
    nasty = '<b>&"x'
    s = adopted()
    values = [v.model_copy(update={"name": nasty}) if v.id == "equity" else v for v in s.values]
    s = s.model_copy(update={"values": values})
    page = render(s, "html")
    assert nasty not in page
    assert "&lt;b&gt;&amp;&quot;x" in page
    chart = next(svg for svg in svgs(page) if svg.find(f"{SVG}title").text.startswith("Value"))
    assert nasty in [t.text for t in chart.iter(f"{SVG}text")]
    assert nasty in chart.find(f"{SVG}desc").text


def test_the_page_fetches_nothing() -> None:
    page = render(adopted(), "html")
    assert not re.search(r"\b(src|href)\s*=", page, flags=re.I)
    assert not re.search(r"url\(|@import|<script|<link|<img", page, flags=re.I)
    urls = re.findall(r"https?://[^\s\"'<>]+", page)
    assert set(urls) == {"http://www.w3.org/2000/svg"}


@pytest.fixture(scope="module")
def found():
    s = adopted()
    return s, frontier(compile_scenario(s), "business", "diaspora", 4)


def test_a_frontier_is_drawn_only_when_passed_in(found) -> None:
    s, f = found
    assert not any(isinstance(b, Scatter) for b in decision(s))
    scatter = next(b for b in decision(s, frontier=f) if isinstance(b, Scatter))
    assert [(p.x, p.y) for p in scatter.points] == [(p.x, p.y) for p in f.points]
    now = score(compile_scenario(s))
    assert scatter.marks[0].label == "Adopted"
    assert (scatter.marks[0].x, scatter.marks[0].y) == (f.x.read(now), f.y.read(now))
    assert scatter.marks[1].label == "Baseline"
    page = render(s, "html", f)
    plot = next(svg for svg in svgs(page) if svg.find(f"{SVG}title").text.startswith("The front"))
    assert len(list(plot.iter(f"{SVG}circle"))) == len(f.points)
    assert len(list(plot.iter(f"{SVG}polyline"))) == 1
    markdown = render(s, "markdown", f)
    assert "| Package | Business community | Diaspora communities |" in markdown
    assert "<svg" not in markdown


def test_ticks_are_round_numbers_inside_the_range() -> None:
    assert ticks(0, 10) == [0, 5, 10]
    assert ticks(31.7, 61.4) == [40, 50, 60]
    assert ticks(-0.7, 28.1, 6) == [0, 5, 10, 15, 20, 25]
    assert all(31.7 <= t <= 61.4 for t in ticks(31.7, 61.4))
