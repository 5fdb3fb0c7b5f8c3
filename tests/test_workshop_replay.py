"""Replay: rounds and log entries in time order, each scored by the engine as it stood."""

from __future__ import annotations

import datetime

import pytest

from integrate_tui.engine import compile_scenario, diff, score
from integrate_tui.workshop import (
    add_entry,
    add_round,
    add_snapshot,
    apply_weights,
    close_round,
    replay,
    start_round,
)
from integrate_tui.workshop.replay import CLOSED, NOW, STARTED
from workshop_data import PEOPLE, T0, at, scenario


def session() -> object:
    s = add_snapshot(scenario(participants=PEOPLE), "Baseline")
    s = add_round(add_round(s, "Weights"), "Funding")
    s = start_round(s, 0, at(0))
    s = apply_weights(s, {"equity": 4.0})
    s = close_round(s, at(20), decision="Equity matters more")
    s = add_entry(s, "rationale", "The council asked for it", at(20))
    s = start_round(s, 1, at(30))
    s = add_entry(s, "note", "Break at 10:35", at(25))
    cut = [
        a.model_copy(update={"funding": 0.3}) if a.id == "trade-missions" else a
        for a in s.activities
    ]
    s = s.model_copy(update={"activities": cut})
    return close_round(s, at(45))


def test_steps_come_in_time_order_with_ties_start_close_log() -> None:
    steps = replay(session())
    assert [(s.kind, s.title, s.at) for s in steps] == [
        (STARTED, "Weights", at(0)),
        (CLOSED, "Weights", at(20)),
        ("rationale", "Rationale", at(20)),
        ("note", "Note", at(25)),
        (STARTED, "Funding", at(30)),
        (CLOSED, "Funding", at(45)),
    ]
    assert [s.number for s in steps] == [1, 2, 3, 4, 5, 6]
    assert steps[1].text == "Equity matters more" and steps[2].round == 0  # just after closing
    # a log entry belongs to the round open when it was added, whatever its time says
    assert steps[3].round == 1


def test_each_step_is_the_engines_score_of_the_state_in_force() -> None:
    s = session()
    model = compile_scenario(s)
    steps = replay(s, model)
    # the model is of the final scenario; the Baseline option kept the starting point
    start = model.funding_from({"trade-missions": 0.8})
    base = score(model, start, model.weights_from({"equity": 1.0}))
    assert steps[0].score.overall == pytest.approx(base.overall)
    weights = model.weights_from({"equity": 4.0})
    after_round_1 = score(model, start, weights)
    assert steps[1].score.overall == pytest.approx(after_round_1.overall)
    assert steps[1].changed and not steps[2].changed
    ledger = steps[1].ledger
    assert ledger is not None
    assert ledger.headline() == diff(base, after_round_1).headline()
    funding = model.funding_from({"trade-missions": 0.3})
    assert steps[-1].score.overall == pytest.approx(score(model, funding, weights).overall)
    assert [c.id for c in steps[-1].ledger.funding] == ["trade-missions"]


def test_a_last_now_step_appears_when_the_scenario_moved_on() -> None:
    s = session()
    assert replay(s)[-1].kind == CLOSED
    later = apply_weights(s, {"prosperity": 10.0})
    last = replay(later)[-1]
    assert (last.kind, last.at, last.title) == (NOW, None, "Now")
    assert [c.id for c in last.ledger.weights_changed] == ["prosperity"]


def test_nothing_recorded_means_no_steps_and_offsets_are_compared_as_moments() -> None:
    assert replay(scenario()) == []
    s = add_entry(scenario(participants=PEOPLE), "note", "naive", T0.replace(tzinfo=None))
    later = T0 - datetime.timedelta(hours=1)
    s = add_entry(
        s,
        "note",
        "aware, an hour earlier",
        later.astimezone(datetime.timezone(datetime.timedelta(hours=2))),
    )
    assert [step.text for step in replay(s)] == ["aware, an hour earlier", "naive"]
