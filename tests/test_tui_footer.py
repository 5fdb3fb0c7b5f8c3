"""The footer redraws its keys when what they show changes, and only then."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import Footer as TextualFooter
from textual.widgets._footer import FooterKey

from integrate_tui.tui.widgets.activity_table import ActivityTable
from integrate_tui.tui.widgets.footer import Footer
from tui_support import SIZE, app_on, wait_until


@pytest.fixture
def recomposes(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """One entry per footer recompose that Textual actually carries out."""
    done: list[int] = []
    recompose = TextualFooter.recompose

    async def counted(self: TextualFooter) -> None:
        done.append(1)
        await recompose(self)

    monkeypatch.setattr(TextualFooter, "recompose", counted)
    return done


def undo_key(app) -> FooterKey:
    return next(k for k in app.screen.query(FooterKey) if k.action == "app.undo")


async def test_a_burst_of_binding_refreshes_redraws_the_footer_at_most_once(
    example_path: Path, recomposes: list[int]
) -> None:
    app = app_on(example_path)
    async with app.run_test(size=SIZE) as pilot:
        await wait_until(pilot, lambda: app.screen.query(FooterKey), "the footer's keys")
        assert len(recomposes) == 1, "mounting the workbench draws the footer's keys once"
        for _ in range(5):
            app.screen.refresh_bindings()
        await pilot.pause()
        await pilot.pause()
        assert len(recomposes) == 1, "nothing the footer shows changed"


async def test_the_footer_redraws_when_a_key_changes_state(
    example_path: Path, recomposes: list[int]
) -> None:
    app = app_on(example_path)
    async with app.run_test(size=SIZE) as pilot:
        await wait_until(pilot, lambda: app.screen.query(FooterKey), "the footer's keys")
        assert isinstance(app.screen.query_one(TextualFooter), Footer)
        assert undo_key(app).has_class("-disabled"), "nothing to undo yet"
        app.screen.query_one(ActivityTable).move_to("trade-missions")
        await pilot.press("right")
        await wait_until(
            pilot, lambda: not undo_key(app).has_class("-disabled"), "undo offered in the footer"
        )
        assert len(recomposes) == 2


async def test_a_screen_coming_back_shows_keys_that_changed_while_it_was_covered(
    example_path: Path,
) -> None:
    app = app_on(example_path)
    async with app.run_test(size=SIZE) as pilot:
        main = app.screen
        await wait_until(pilot, lambda: main.query(FooterKey), "the footer's keys")
        await pilot.press("f1")
        await wait_until(pilot, lambda: app.screen is not main, "the help screen")
        app.session.nudge("trade-missions", 1)
        await pilot.press("escape")
        await wait_until(pilot, lambda: app.screen is main, "back on the workbench")
        await wait_until(pilot, lambda: not undo_key(app).has_class("-disabled"), "undo offered")
