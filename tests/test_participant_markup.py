"""The participant page shows every user-written text as typed: brackets are not markup."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import OptionList, Select, TabbedContent

from conftest import EXAMPLE_TOML
from integrate_tui.files import load, save
from integrate_tui.tui.forms.dots import DotsForm
from integrate_tui.tui.forms.pairwise import PairwiseForm
from integrate_tui.tui.forms.points import PointsForm
from integrate_tui.tui.forms.ranking import RankingForm
from integrate_tui.tui.participant.app import make_participant_app
from integrate_tui.tui.participant.screens.round import RoundScreen
from integrate_tui.workshop import add_participant, add_round, add_snapshot, start_round
from integrate_tui.workshop.inbox import session_key
from test_participant_app import SIZE, T0, code, join, send

NAME = "Ana [/] Ruiz"
VALUE = "Prosperity [b]bold[/i]"
OPTION = "Option [/] [link=x]"
TITLE = "Round [/] one"
KINDS = {"points": PointsForm, "pairwise": PairwiseForm, "vote": DotsForm}


def hostile_file(path: Path, kind: str) -> Path:
    """A workshop whose names, title, options and round text are all markup-like."""
    text = EXAMPLE_TOML.replace('"Economic prosperity"', f'"{VALUE}"').replace(
        'title = "Riverton', 'title = "[bold]Riverton'
    )
    path.write_text(text, encoding="utf-8")
    s = add_participant(load(path), "ana", NAME)
    s = add_snapshot(add_snapshot(s, OPTION), "[/]")
    s = add_round(s, TITLE, "Why [/] this?", 5, kind=kind, dots=2 if kind == "vote" else None)
    save(start_round(s, 0, T0), path)
    session_key(path)
    return path


def shown(widget: object) -> str:
    """All the text a widget and its children render, as plain text."""
    parts = [str(widget.render())]  # type: ignore[attr-defined]
    parts += [str(child.render()) for child in widget.query("*")]  # type: ignore[attr-defined]
    return "\n".join(parts)


@pytest.mark.parametrize("kind", list(KINDS))
async def test_markup_like_names_are_shown_as_typed(tmp_path: Path, kind: str) -> None:
    path = hostile_file(tmp_path / "riverton.toml", kind)
    async with make_participant_app(path, every=60).run_test(size=SIZE) as pilot:
        await join(pilot, "ana", "wrong-code")
        assert NAME in str(pilot.app.screen.query_one("#join-message").render())
        await join(pilot, "ana", code(path, "ana"))
        screen = pilot.app.screen
        assert isinstance(screen, RoundScreen)
        page = shown(screen)
        assert f"You are {NAME}." in page and TITLE in page and "Why [/] this?" in page
        form = screen.query_one(KINDS[kind])
        if kind == "vote":
            assert OPTION in shown(form) and "[/]" in shown(form)
            await send(pilot, form)  # no dots: a problem naming none
            screen.query_one(TabbedContent).active = "ranking-tab"
            await pilot.pause()
            ranking = screen.query_one(RankingForm)
            prompts = [str(o.prompt) for o in ranking.query_one(OptionList).options]
            assert f"1. {OPTION}" in prompts
        else:
            assert VALUE in shown(form)
        if kind == "pairwise":
            select = form.query_one(Select)
            assert any(VALUE in str(prompt) for prompt, _ in select._options)
            await send(pilot, form)
        await pilot.pause()
