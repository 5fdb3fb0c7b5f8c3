"""Export… in the workbench: ctrl+e asks where, writes off the UI thread the engine's numbers
for the package on screen, asks before replacing a file, and says where it wrote."""

from __future__ import annotations

from pathlib import Path

from openpyxl import load_workbook
from textual.widgets import Input

from integrate_tui.files import load
from integrate_tui.files.activities_csv import import_activities
from integrate_tui.tui import actions
from integrate_tui.tui.screens.dialogs import Confirm, ErrorDialog, Prompt
from tui_support import SIZE, app_on, notes, wait_until


def test_export_is_an_app_action_in_palette_and_help_but_not_the_footer() -> None:
    (export,) = [a for a in actions.ACTIONS if a.id == "export"]
    assert (export.scope, export.keys, export.show) == (actions.APP, "ctrl+e", False)
    assert export in actions.palette_actions()
    app_keys = [k for a in actions.ACTIONS if a.scope == actions.APP for k in a.keys.split(",")]
    assert app_keys.count("ctrl+e") == 1


async def answer(pilot, text: str) -> None:
    """Type `text` into the open prompt (replacing the suggestion) and press Enter."""
    pilot.app.screen.query_one(Input).value = text
    await pilot.press("enter")


async def test_ctrl_e_writes_the_package_on_screen_as_xlsx(example_path: Path) -> None:
    app = app_on(example_path)
    async with app.run_test(size=SIZE) as pilot:
        seen = notes(app)
        assert app.session.set_funding("trade-missions", 0.9)  # unsaved: the package on screen
        await pilot.press("ctrl+e")
        await wait_until(pilot, lambda: isinstance(app.screen, Prompt), "the export prompt")
        suggested = app.screen.query_one(Input).value
        assert suggested == str(example_path.parent / "riverton.xlsx")
        await answer(pilot, suggested)
        await wait_until(pilot, lambda: any(n.startswith("Exported") for n in seen), "the notice")
        assert f"Exported: Wrote every table to {suggested}" in seen
        score = app.session.score
    sheet = load_workbook(suggested)["activities"]
    header = [c.value for c in sheet[1]]
    funding = sheet.cell(row=2, column=header.index("Funding") + 1).value
    assert funding == 0.9
    assert load(example_path).activity("trade-missions").funding == 0.8
    points = sheet.cell(row=2, column=header.index("Score contribution") + 1).value
    assert points == score.activity_overall[0]


async def test_a_csv_export_holds_the_activities_and_imports_back(example_path: Path) -> None:
    out = example_path.parent / "activities.csv"
    app = app_on(example_path)
    async with app.run_test(size=SIZE) as pilot:
        seen = notes(app)
        await pilot.press("ctrl+e")
        await wait_until(pilot, lambda: isinstance(app.screen, Prompt), "the export prompt")
        await answer(pilot, str(out))
        await wait_until(pilot, lambda: any(n.startswith("Exported") for n in seen), "the notice")
        assert f"Exported: Wrote the activities to {out}" in seen
    scenario = load(example_path)
    assert import_activities(scenario, out, replace=True).scenario == scenario


async def test_an_existing_file_is_replaced_only_when_confirmed(example_path: Path) -> None:
    out = example_path.parent / "mine.xlsx"
    out.write_bytes(b"the finance office's own workbook")
    app = app_on(example_path)
    async with app.run_test(size=SIZE) as pilot:
        seen = notes(app)
        await pilot.press("ctrl+e")
        await wait_until(pilot, lambda: isinstance(app.screen, Prompt), "the export prompt")
        await answer(pilot, str(out))
        await wait_until(pilot, lambda: isinstance(app.screen, Confirm), "the replace question")
        await pilot.press("escape")
        await wait_until(pilot, lambda: not isinstance(app.screen, Confirm), "the question gone")
        assert out.read_bytes() == b"the finance office's own workbook"
        await pilot.press("ctrl+e")
        await wait_until(pilot, lambda: isinstance(app.screen, Prompt), "the export prompt")
        await answer(pilot, str(out))
        await wait_until(pilot, lambda: isinstance(app.screen, Confirm), "the replace question")
        app.screen.query_one("#replace").press()
        await wait_until(pilot, lambda: any(n.startswith("Exported") for n in seen), "the notice")
    assert load_workbook(out).sheetnames[0] == "summary"


async def test_a_name_of_another_kind_is_an_error_dialog(example_path: Path) -> None:
    out = example_path.parent / "package.ods"
    app = app_on(example_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+e")
        await wait_until(pilot, lambda: isinstance(app.screen, Prompt), "the export prompt")
        await answer(pilot, str(out))
        await wait_until(pilot, lambda: isinstance(app.screen, ErrorDialog), "the error")
    assert not out.exists()


async def test_a_folder_that_does_not_exist_is_an_error_dialog(example_path: Path) -> None:
    out = example_path.parent / "missing" / "package.xlsx"
    app = app_on(example_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+e")
        await wait_until(pilot, lambda: isinstance(app.screen, Prompt), "the export prompt")
        await answer(pilot, str(out))
        await wait_until(pilot, lambda: isinstance(app.screen, ErrorDialog), "the error")
        assert "cannot write" in str(app.screen.query_one("#error-text").render())
