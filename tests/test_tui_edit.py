"""Pilot tests of the edit screen: forms validate with the model's rules and show its messages."""

from __future__ import annotations

from pathlib import Path

from textual.pilot import Pilot
from textual.widgets import Input, Static, Tree
from textual.widgets.tree import TreeNode

from integrate_tui.tui.screens.dialogs import Confirm
from integrate_tui.tui.screens.edit import EditScreen
from integrate_tui.tui.widgets.entity_form import EntityForm
from tui_support import SIZE, app_on


async def test_a_bad_edit_shows_the_models_message_beside_the_field(example_path: Path) -> None:
    app = app_on(example_path)
    async with app.run_test(size=SIZE) as pilot:
        before = app.session.scenario
        await pilot.press("e")
        await pilot.pause()
        assert isinstance(app.screen, EditScreen) and app.screen.target == (
            "activities",
            "sister-cities",
        )
        app.screen.query_one("#field-cost", Input).value = "budgt = 150, staff = 1"
        await pilot.press("ctrl+r")
        await pilot.pause()
        problem = app.screen.query_one("#problem-cost", Static)
        assert problem.display
        assert "unknown resource 'budgt' — did you mean 'budget'?" in str(problem.render())
        assert app.session.scenario is before


async def test_a_good_edit_is_one_undoable_step(example_path: Path) -> None:
    app = app_on(example_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("e")
        await pilot.pause()
        app.screen.query_one("#field-name", Input).value = "Sister cities"
        app.screen.query_one("#field-id", Input).value = "sisters"
        await pilot.press("ctrl+r")
        await pilot.pause()
        assert app.session.scenario.activities[1].name == "Sister cities"
        assert app.session.scenario.interactions[0].between == ["trade-missions", "sisters"]
        assert app.screen.target == ("activities", "sisters")
        await pilot.press("ctrl+z")
        await pilot.pause()
        assert app.session.scenario.activities[1].id == "sister-cities"


async def test_deleting_a_referenced_entity_says_what_refers_to_it(example_path: Path) -> None:
    app = app_on(example_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("e")
        await pilot.pause()
        await pilot.press("ctrl+x")
        await pilot.pause()
        assert isinstance(app.screen, Confirm)
        assert "interaction trade-missions + sister-cities" in str(
            app.screen.query_one("#message-text", Static).render()
        )
        await pilot.click("#delete")
        await pilot.pause()
        assert [a.id for a in app.session.scenario.activities] == ["trade-missions"]
        assert app.session.scenario.interactions == []


async def test_adding_and_duplicating(example_path: Path) -> None:
    app = app_on(example_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("e")
        await pilot.pause()
        await pilot.press("ctrl+d")
        await pilot.pause()
        assert app.session.scenario.activities[2].id == "sister-cities-copy"
        screen = app.screen
        screen._load(("silos", None))
        await pilot.pause()
        screen.query_one("#field-id", Input).value = "culture"
        screen.query_one("#field-name", Input).value = "Culture Office"
        await pilot.press("ctrl+r")
        await pilot.pause()
        assert app.session.scenario.silos[-1].name == "Culture Office"


def _node(tree: Tree, target: tuple[str, str | None]) -> TreeNode:
    """The tree node that opens `target`'s form."""
    found = [n for n in _walk(tree.root) if n.data == target]
    assert found, target
    return found[0]


def _walk(node: TreeNode) -> list[TreeNode]:
    return [node, *(n for child in node.children for n in _walk(child))]


async def _choose(pilot: Pilot, target: tuple[str, str | None]) -> None:
    """Select another entity in the tree, as a click or Enter would."""
    tree = pilot.app.screen.query_one(Tree)
    tree.select_node(_node(tree, target))
    await pilot.pause()
    await pilot.pause()


async def test_choosing_another_entity_keeps_unapplied_edits_until_the_user_decides(
    example_path: Path,
) -> None:
    app = app_on(example_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("e")
        await pilot.pause()
        screen = app.screen
        screen.query_one("#field-name", Input).value = "Sister cities"
        await _choose(pilot, ("activities", "trade-missions"))
        assert isinstance(app.screen, Confirm)
        assert "Activity sister-cities has changes that are not applied" in str(
            app.screen.query_one("#message-text", Static).render()
        )
        await pilot.click("#stay")
        await pilot.pause()
        assert app.screen is screen and screen.target == ("activities", "sister-cities")
        assert screen.query_one("#field-name", Input).value == "Sister cities"
        await _choose(pilot, ("activities", "trade-missions"))
        await pilot.click("#apply")
        await pilot.pause()
        assert app.session.scenario.activities[1].name == "Sister cities"
        assert screen.target == ("activities", "trade-missions")
        applied = app.session.scenario
        screen.query_one("#field-name", Input).value = "Missions"
        await _choose(pilot, ("silos", "econ"))
        await pilot.click("#discard")
        await pilot.pause()
        assert screen.target == ("silos", "econ")
        assert app.session.scenario is applied  # nothing applied, nothing undoable added


async def test_leaving_with_unapplied_edits_asks_and_leaving_without_does_not(
    example_path: Path,
) -> None:
    app = app_on(example_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("e")
        await pilot.pause()
        await _choose(pilot, ("activities", "trade-missions"))  # nothing edited: no question
        assert isinstance(app.screen, EditScreen)
        assert app.screen.target == ("activities", "trade-missions")
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, (EditScreen, Confirm))
        await pilot.press("e")
        await pilot.pause()
        before = app.session.scenario
        app.screen.query_one("#field-funding", Input).value = "0.9"
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, Confirm)
        await pilot.click("#discard")
        await pilot.pause()
        assert not isinstance(app.screen, (EditScreen, Confirm))
        assert app.session.scenario is before


def _open_groups(tree: Tree) -> set[object]:
    return {group.data for group in tree.root.children if group.is_expanded}


async def test_after_apply_and_delete_the_tree_stays_open_and_the_next_entity_shows(
    example_path: Path,
) -> None:
    app = app_on(example_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("e")
        await pilot.pause()
        screen = app.screen
        tree = screen.query_one(Tree)
        _node(tree, ("silos", None)).expand()
        await pilot.pause()
        opened = _open_groups(tree)
        assert {("activities", None), ("silos", None)} <= opened
        screen.query_one("#field-name", Input).value = "Sister cities"
        await pilot.press("ctrl+r")
        await pilot.pause()
        assert _open_groups(tree) == opened
        assert tree.cursor_node is not None and tree.cursor_node.data == screen.target
        assert screen.query_one("#field-name", Input).value == "Sister cities"
        screen._load(("activities", "trade-missions"))
        await pilot.pause()
        await pilot.press("ctrl+x")
        await pilot.pause()
        await pilot.click("#delete")
        await pilot.pause()
        assert [a.id for a in app.session.scenario.activities] == ["sister-cities"]
        assert screen.target == ("activities", "sister-cities")
        assert screen.query_one("#field-id", Input).value == "sister-cities"
        assert _open_groups(tree) == opened
        assert tree.cursor_node is not None and tree.cursor_node.data == screen.target


async def test_every_problem_of_the_form_is_shown_at_once(example_path: Path) -> None:
    app = app_on(example_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("e")
        await pilot.pause()
        screen = app.screen
        screen.query_one("#field-min_funding", Input).value = "0.9"
        screen.query_one("#field-max_funding", Input).value = "0.5"
        screen.query_one("#field-step", Input).value = "lots"
        await pilot.press("ctrl+r")
        await pilot.pause()
        shown = {
            str(p.id).removeprefix("problem-")
            for p in screen.query(".problem")
            if isinstance(p, Static) and p.display
        }
        assert shown == {"min_funding", "step"}


async def test_tab_and_shift_tab_stop_at_every_field_and_nowhere_else(
    example_path: Path,
) -> None:
    app = app_on(example_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("e")
        await pilot.pause()
        forward: list[str] = []
        for _ in range(20):
            await pilot.press("tab")
            forward.append(str(app.focused.id))
        back: list[str] = []
        for _ in range(20):
            await pilot.press("shift+tab")
            back.append(str(app.focused.id))
        fields = [f"field-{f.name}" for f in app.screen.query_one(EntityForm).fields]
        assert [w for w in forward if w.startswith("field-")][: len(fields)] == fields
        assert "form-slot" not in forward + back
        cycle = ["entities", "apply", "add", "duplicate", "delete", *fields]
        stops = cycle.index(forward[-1])
        assert back == [cycle[(stops - 1 - n) % len(cycle)] for n in range(20)]
