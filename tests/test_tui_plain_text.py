"""User-supplied text is shown as it is written, never read as Textual markup."""

from __future__ import annotations

from pathlib import Path

from textual.app import App
from textual.command import CommandPalette
from textual.geometry import Region
from textual.pilot import Pilot
from textual.screen import Screen
from textual.widgets import Select, Tree
from textual.widgets._toast import Toast

from integrate_tui.files import save
from integrate_tui.model import Scenario, validate_scenario
from integrate_tui.tui.screens.autobalance import AutoBalanceScreen
from integrate_tui.tui.screens.changed_on_disk import ChangedOnDisk
from integrate_tui.tui.screens.compare import CompareScreen
from integrate_tui.tui.screens.dialogs import Choose, Confirm, ErrorDialog
from integrate_tui.tui.screens.disk_difference import DiskDifference
from integrate_tui.tui.screens.edit import EditScreen
from integrate_tui.tui.screens.explain import ExplainScreen
from integrate_tui.tui.screens.file_dialog import FileDialog
from integrate_tui.tui.screens.main import MainScreen
from integrate_tui.tui.screens.tradeoffs import TradeoffsScreen
from integrate_tui.tui.widgets.activity_table import ActivityTable
from integrate_tui.tui.workshop.ballot_forms import DotsForm, RankingForm
from integrate_tui.tui.workshop.forms import ParticipantForm
from integrate_tui.tui.workshop.input_dialog import InputDialog
from integrate_tui.tui.workshop.log_forms import CloseForm, LogForm
from integrate_tui.tui.workshop.screen import PANES, WorkshopScreen
from integrate_tui.workshop import (
    add_entry,
    add_participant,
    add_round,
    add_snapshot,
    cast_dots,
    cast_ranking,
    close_round,
    set_points,
    start_round,
)
from tui_support import SIZE, app_on, palette_offers, wait_until
from workshop_data import at, scenario_data
from workshop_pilot import open_workshop, workshop_app


async def test_a_notification_with_markup_characters_is_shown_verbatim(
    example_path: Path,
) -> None:
    app = app_on(example_path)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await wait_until(pilot, lambda: app.session is not None, "the workbench")
        app.notify("Set aside: Ana [/] Ruiz [b]voted[/b]")
        app.screen.notify("Applied [bold]2[/]")  # through a widget, which asks for markup
        await wait_until(pilot, lambda: len(app.screen.query(Toast)) == 2, "both toasts")
        shown = sorted(str(toast.render()) for toast in app.screen.query(Toast))
        assert app.is_running
    assert any("Ana [/] Ruiz [b]voted[/b]" in text for text in shown)
    assert any("Applied [bold]2[/]" in text for text in shown)


# Names, titles, options and texts as a scenario file or a remote participant may write them:
# each would crash the app (`[/]` closes nothing) or lose its brackets if read as markup.
NAME = "Ana [/] Ruiz"
BEN = "[b]Ben[/b]"
TITLE = "[b]Trade[/b] plan"
ACTIVITY = "Trade [/] missions"
SISTER = "[link=x]y cities"
SILO = "[b]Econ[/b] dept"
RESOURCE = "Budget [/]"
VALUE = "Eq [/] ty"  # value names are short: the Priorities pane clips them to 12 cells
OPENNESS = "[b]Open[/b]"
INTEREST = "[i]Business"
ROUND = "Round [/] one"
PURPOSE = "Why [b]this[/b]?"
VOTE = "[b]Vote[/b]"
OPTION = "[b]Lean[/b] trade"
BASE = "Base [/]"
ENTRY = "[link=x]y objection"


def hostile_scenario() -> Scenario:
    """The workshop scenario mid-vote, with every name, title and text markup-like."""
    data = scenario_data()
    data["meta"] |= {"title": TITLE, "description": f"For {NAME}"}
    renames = {
        "resources": {"budget": RESOURCE},
        "silos": {"econ": SILO},
        "values": {"equity": VALUE, "openness": OPENNESS},
        "interests": {"business": INTEREST},
        "activities": {"trade-missions": ACTIVITY, "sister-cities": SISTER},
    }
    for kind, names in renames.items():
        for entity in data[kind]:
            entity["name"] = names.get(entity["id"], entity["name"])
    s = add_participant(validate_scenario(data), "ana", NAME, "business")
    s = add_participant(s, "ben", BEN)
    s = add_snapshot(s, BASE)
    s = add_round(s, ROUND, PURPOSE, 15, kind="points")
    s = add_round(s, VOTE, "Which [/] package", kind="vote")
    s = start_round(s, 0, at(0))
    s = set_points(s, "ana", {"prosperity": 60, "openness": 30, "equity": 10})
    s = set_points(s, "ben", {"prosperity": 20, "openness": 40, "equity": 40})
    s = close_round(s, at(14), decision="[b]Geometric[/b] mean")
    s = add_snapshot(s, OPTION)
    s = start_round(s, 1, at(20))
    s = cast_dots(s, "ana", {OPTION: 2, BASE: 1})
    s = cast_ranking(s, "ana", [OPTION, BASE])
    return add_entry(s, "objection", ENTRY, at(16), by=["ben"], round=0)


def on_screen(app: App[object]) -> str:
    """What the widgets of the active screen show now, as plain text (a dialog's own widgets,
    not the screen under it, which may show the same names)."""
    lines = []
    for widget in app.screen.query("*"):
        size = widget.region.size  # empty while the widget is not shown
        if size.area:
            lines += [strip.text for strip in widget.render_lines(Region(0, 0, *size))]
    return "\n".join(lines)


async def shows(pilot: Pilot, *texts: str) -> None:
    """Wait until the active screen shows each of `texts` exactly as written."""
    app = pilot.app
    for text in texts:
        await wait_until(pilot, lambda t=text: t in on_screen(app), f"the screen to show {text!r}")


async def goes_to(pilot: Pilot, kind: type[Screen[object]], *keys: str) -> Screen[object]:
    """Press `keys` and wait for a screen of `kind` to be active and mounted."""
    await pilot.press(*keys)
    app = pilot.app
    await wait_until(
        pilot, lambda: isinstance(app.screen, kind) and app.screen.is_mounted, kind.__name__
    )
    return app.screen


def tree_labels(tree: Tree[object]) -> list[str]:
    """The plain text of every node label of a tree."""
    labels, nodes = [], [tree.root]
    while nodes:
        node = nodes.pop()
        labels.append(node.label.plain)
        nodes.extend(node.children)
    return labels


async def test_the_workbench_screens_show_markup_like_names_verbatim(tmp_path: Path) -> None:
    path = tmp_path / "riverton.toml"
    save(hostile_scenario(), path)
    app = app_on(path)
    async with app.run_test(size=SIZE) as pilot:
        await wait_until(pilot, lambda: isinstance(app.screen, MainScreen), "the workbench")
        await shows(pilot, ACTIVITY, SISTER, SILO, VALUE, OPENNESS, INTEREST)
        key = app.screen.query_one(ActivityTable).current_key
        name = app.session.activity(key).name
        await goes_to(pilot, ExplainScreen, "enter")
        await shows(pilot, f"Why is {name} at", VALUE)
        await goes_to(pilot, MainScreen, "escape")

        edit = await goes_to(pilot, EditScreen, "e")
        labels = tree_labels(edit.query_one(Tree))
        for text in (ACTIVITY, SISTER, SILO, RESOURCE, VALUE, OPENNESS, INTEREST):
            assert text in labels
        await shows(pilot, ACTIVITY, SISTER)
        tree = edit.query_one(Tree)
        tree.select_node(tree.root.children[0])  # the title, description and notes
        await shows(pilot, TITLE, f"For {NAME}")
        await goes_to(pilot, MainScreen, "escape")

        compare = await goes_to(pilot, CompareScreen, "c")
        await shows(pilot, f"Snapshot “{BASE}”", f"Snapshot “{OPTION}”")
        compare.query_one("#a", Select).focus()
        await pilot.press("enter")  # the list of what can be compared
        await shows(pilot, "Current state", f"Snapshot “{OPTION}”")
        await pilot.press("escape")
        await goes_to(pilot, MainScreen, "escape")

        await goes_to(pilot, Choose, "r")
        await shows(pilot, BASE, OPTION)
        await goes_to(pilot, MainScreen, "escape")

        await goes_to(pilot, CommandPalette, "ctrl+p")
        await pilot.press(*"Go to activity: Trade")
        hit = f"Go to activity: {ACTIVITY}"
        await wait_until(pilot, lambda: palette_offers(app, hit), "the palette's hit")
        await shows(pilot, hit)
        await goes_to(pilot, MainScreen, "escape")

        await goes_to(pilot, AutoBalanceScreen, "a")
        app.screen.query_one("#objective", Select).focus()
        await pilot.press("enter")  # the objectives
        await shows(pilot, f"Interest: {INTEREST}", f"Value: {VALUE}", f"Value: {OPENNESS}")
        await pilot.press("escape")
        await goes_to(pilot, MainScreen, "escape")

        await goes_to(pilot, TradeoffsScreen, "t")  # the axis pickers name interests
        await shows(pilot, f"Interest: {INTEREST}")
        await goes_to(pilot, MainScreen, "escape")
        assert app.is_running


async def test_the_workshop_panes_show_markup_like_names_verbatim(tmp_path: Path) -> None:
    path = tmp_path / "riverton.toml"
    save(hostile_scenario(), path)
    app = workshop_app(path)
    async with app.run_test(size=SIZE) as pilot:
        await wait_until(pilot, lambda: isinstance(app.screen, MainScreen), "the workbench")
        screen = await open_workshop(pilot)
        await shows(pilot, f"Round 2 of 2 · {VOTE}", ROUND, PURPOSE)
        results = (f"{VOTE} (open)", f"{OPTION} ×2", f"Count 1: {BASE} 0, {OPTION} 1")
        for n, texts in enumerate(
            (
                (NAME, BEN, INTEREST),
                (NAME, BEN, VALUE, OPENNESS, f"Round 1 · {ROUND}"),
                (VALUE, OPENNESS),
                (*results, f"{BASE} · integrated score"),
                (ENTRY, BEN),
                (ROUND, VOTE),
            ),
            start=2,
        ):
            await pilot.press(str(n))
            pane = PANES[n - 1][0]
            await wait_until(pilot, lambda p=pane: screen.active == p, f"the {pane} pane")
            await shows(pilot, *texts)
        assert app.is_running


async def test_the_workshop_forms_show_markup_like_names_verbatim(tmp_path: Path) -> None:
    path = tmp_path / "riverton.toml"
    save(hostile_scenario(), path)
    app = workshop_app(path)
    async with app.run_test(size=SIZE) as pilot:
        await wait_until(pilot, lambda: isinstance(app.screen, MainScreen), "the workbench")
        screen = await open_workshop(pilot)
        await pilot.press("2")
        await wait_until(pilot, lambda: screen.active == "people", "the people pane")
        await goes_to(pilot, ParticipantForm, "e")
        await shows(pilot, INTEREST)
        await goes_to(pilot, WorkshopScreen, "escape")
        await goes_to(pilot, Choose, "i")  # for Ana, the selected row; no points round open
        await shows(pilot, "Which way?")
        await goes_to(pilot, InputDialog, "enter")
        await shows(pilot, f"{NAME}: spread", VALUE, OPENNESS)
        await goes_to(pilot, WorkshopScreen, "escape")
        await goes_to(pilot, Choose, "i")
        await shows(pilot, "Which way?")
        await goes_to(pilot, InputDialog, "down", "enter")
        await shows(pilot, f"{NAME}: which value", VALUE, OPENNESS, "Equal importance (1)")
        await goes_to(pilot, WorkshopScreen, "escape")
        await goes_to(pilot, Confirm, "delete")
        await shows(pilot, f"Remove {NAME} from")
        await goes_to(pilot, WorkshopScreen, "escape")

        await goes_to(pilot, DotsForm, "v")
        await shows(pilot, f"{NAME}: place up to", OPTION, BASE)
        await goes_to(pilot, WorkshopScreen, "escape")
        await goes_to(pilot, RankingForm, "r")
        await shows(pilot, f"{NAME}: rank", f"1. {OPTION}", f"2. {BASE}")
        await goes_to(pilot, WorkshopScreen, "escape")
        await goes_to(pilot, LogForm, "l")
        await shows(pilot, NAME, BEN)
        await goes_to(pilot, WorkshopScreen, "escape")
        await goes_to(pilot, CloseForm, "x")
        await shows(pilot, f"Close round 2: {VOTE}")
        await goes_to(pilot, WorkshopScreen, "escape")
        assert app.is_running


async def test_dialogs_show_markup_like_titles_file_names_and_labels_verbatim(
    tmp_path: Path,
) -> None:
    path = tmp_path / "riverton.toml"
    save(hostile_scenario(), path)
    odd = tmp_path / "[b]Odd[b] [link=x]y.toml"  # a file name cannot hold the `/` of `[/]`
    save(hostile_scenario(), odd)
    app = app_on(path)
    async with app.run_test(size=SIZE) as pilot:
        await wait_until(pilot, lambda: isinstance(app.screen, MainScreen), "the workbench")
        app.push_screen(Choose(f"{BASE} for whom?", [f"{NAME} (ana)", f"{BEN} (ben)"]))
        await shows(pilot, f"{BASE} for whom?", f"{NAME} (ana)", f"{BEN} (ben)")
        await goes_to(pilot, MainScreen, "escape")
        app.push_screen(ErrorDialog(f"Cannot read {odd.name}", "line [1] of [/]"))
        await shows(pilot, f"Cannot read {odd.name}", "line [1] of [/]")
        await goes_to(pilot, MainScreen, "escape")
        app.push_screen(Confirm(f"Replace {odd.name}?", "Sure?", [("ok", BASE, "primary")]))
        await shows(pilot, f"Replace {odd.name}?", BASE)
        await goes_to(pilot, MainScreen, "escape")
        app.push_screen(ChangedOnDisk(odd.name, f"{NAME} saved it"))
        await shows(pilot, f"{odd.name} changed on disk", f"{NAME} saved it")
        await goes_to(pilot, MainScreen, "escape")
        app.push_screen(DiskDifference(odd.name, app.session.difference(), {}))
        await shows(pilot, f"{odd.name} on disk")
        await goes_to(pilot, MainScreen, "escape")
        app.push_screen(FileDialog("open", tmp_path))
        await shows(pilot, odd.name)
        await goes_to(pilot, MainScreen, "escape")
        assert app.is_running
