"""Workshop steps save only the workshop record: unsaved workbench changes stay unsaved."""

from __future__ import annotations

from pathlib import Path

from textual.pilot import Pilot
from textual.widgets import Button

from integrate_tui.files import load
from integrate_tui.session import Session
from integrate_tui.tui.app import WorkbenchApp
from integrate_tui.tui.workshop.screen import WorkshopScreen
from integrate_tui.workshop import add_participant
from tui_support import SIZE, wait_until
from workshop_pilot import open_workshop, scenario_file, type_text, workshop_app


def people(path: Path) -> list[str]:
    """The participants' ids in the file on disk."""
    workshop = load(path).workshop
    return [p.id for p in workshop.participants] if workshop else []


def asking(app: WorkbenchApp, *buttons: str) -> bool:
    """Whether the screen shown is a question with these answers."""
    return [b.id for b in app.screen.query(Button)] == list(buttons)


async def record_participant(pilot: Pilot, name: str) -> None:
    """`2`, `a`, the name, Record: what the facilitator types."""
    await pilot.press("2", "a")
    await type_text(pilot, name)
    await pilot.press("enter")


async def test_recording_a_participant_leaves_unsaved_funding_unsaved(tmp_path: Path) -> None:
    path = scenario_file(tmp_path)
    activities = load(path).activities
    app = workshop_app(path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("right")  # a funding change in the workbench, not saved
        assert app.session.dirty and "●" in app.sub_title
        await open_workshop(pilot)
        await record_participant(pilot, "Ana")
        await wait_until(pilot, lambda: people(path) == ["ana"], "the participant in the file")
        assert load(path).activities == activities
        assert app.session.dirty and "●" in app.sub_title
        await pilot.press("ctrl+q")
        await wait_until(pilot, lambda: asking(app, "save", "discard", "cancel"), "the question")
        await pilot.click("#discard")
    assert people(path) == ["ana"] and load(path).activities == activities


async def test_a_workshop_step_keeps_another_programs_edit_and_ctrl_s_then_asks(
    tmp_path: Path,
) -> None:
    path = scenario_file(tmp_path)
    app = workshop_app(path)
    async with app.run_test(size=SIZE) as pilot:
        await open_workshop(pilot)
        path.write_text(path.read_text().replace("capacity = 1800", "capacity = 2000"))
        await record_participant(pilot, "Ana")
        await wait_until(pilot, lambda: people(path) == ["ana"], "the participant in the file")
        assert load(path).resources[0].capacity == 2000
        assert isinstance(app.screen, WorkshopScreen) and "●" in app.sub_title
        await pilot.press("ctrl+s")
        await wait_until(
            pilot,
            lambda: asking(app, "reload", "overwrite", "save-as", "difference", "cancel"),
            "the changed-on-disk question",
        )
        await pilot.click("#reload")
        await wait_until(pilot, lambda: not app.session.dirty, "the reload")
        assert app.session.scenario.resources[0].capacity == 2000
        assert [p.id for p in app.session.scenario.workshop.participants] == ["ana"]


async def test_a_workshop_step_over_another_windows_record_asks(tmp_path: Path) -> None:
    path = scenario_file(tmp_path)
    app = workshop_app(path)
    async with app.run_test(size=SIZE) as pilot:
        await open_workshop(pilot)
        other = Session.from_file(path)
        other.apply(add_participant(other.scenario, "cai", "Cai"), "Add a participant")
        other.save_workshop()
        await record_participant(pilot, "Ana")
        await wait_until(
            pilot,
            lambda: asking(app, "reload", "overwrite", "save-as", "difference", "cancel"),
            "the changed-on-disk question",
        )
        assert people(path) == ["cai"]
        explanation = [str(label.render()) for label in app.screen.query(".answer Label")]
        assert "replace the file's with the workshop record" in explanation
        await pilot.click("#overwrite")
        await wait_until(pilot, lambda: people(path) == ["ana"], "the overwrite")
        assert not app.session.dirty


async def test_a_workshop_step_that_needs_unsaved_work_asks_to_save_everything(
    tmp_path: Path,
) -> None:
    path = scenario_file(tmp_path)
    app = workshop_app(path)
    async with app.run_test(size=SIZE) as pilot:
        s = app.session
        extra = s.activity("trade-missions").model_copy(update={"id": "new", "name": "New"})
        activities = [*s.scenario.activities, extra]
        s.apply(s.scenario.model_copy(update={"activities": activities}), "Add an activity")
        await open_workshop(pilot)
        await pilot.press("5", "o", "enter")  # an option: funding of every activity, "new" too
        await wait_until(pilot, lambda: asking(app, "save", "cancel"), "the save-all question")
        assert "refers to changes not saved" in str(app.screen.query_one("#message-text").render())
        await pilot.click("#save")
        await wait_until(pilot, lambda: not s.dirty, "the save")
        on_disk = load(path)
        assert on_disk.activity("new") and [o.name for o in on_disk.workshop.snapshots]
        assert isinstance(app.screen, WorkshopScreen)
