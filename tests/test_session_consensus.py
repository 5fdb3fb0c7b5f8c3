"""The consensus as the session asks it: whose weights, the group's, one progress count over the
consensus and the core index, the least-regret objective, and the package as a vote option."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import numpy as np
import pytest

from integrate_tui.compute.wire import payload
from integrate_tui.engine import compile_scenario, score
from integrate_tui.engine.optimise.consensus import consensus
from integrate_tui.engine.optimise.control import Control
from integrate_tui.errors import IntegrateError
from integrate_tui.files import save
from integrate_tui.session import Session, analyses, workshop_jobs
from integrate_tui.workshop import add_entry, add_participant, edit_round, set_points
from integrate_tui.workshop.aggregate import aggregate
from integrate_tui.workshop.consensus_room import CANDIDATES, costs, room, settle
from test_tui_workshop_consensus import POINTS
from test_tui_workshop_consensus import room as workshop_room
from workshop_data import at, scenario


def test_the_question_is_the_round_in_focus_by_the_method_shown_with_counts() -> None:
    s = edit_round(workshop_room(), 0, counts={"cai": 0.0})
    ask = workshop_jobs.consensus_ask(compile_scenario(s), "arithmetic")
    assert ask.round == 0 and ask.source == "round 1: Priorities" and ask.skipped == ("dee",)
    weights, group = ask.args
    assert [pid for pid, _ in weights] == ["ana", "ben", "cai"]  # counted less: still asked
    values = [v.id for v in s.values]
    mean = aggregate({p: POINTS[p] for p in ("ana", "ben")}, values, "arithmetic").weights
    assert group == pytest.approx(tuple(mean[v] for v in values))  # Cai left out of the group
    assert ask.model.scenario.workshop is None


def test_a_step_that_changes_no_weights_asks_the_same_question() -> None:
    s = workshop_room()
    first = workshop_jobs.consensus_ask(compile_scenario(s), "geometric")
    later = add_entry(s, "note", "Coffee", at(20))
    model = dataclasses.replace(compile_scenario(s), scenario=later)
    again = workshop_jobs.consensus_ask(model, "geometric")
    assert payload(first.model).fingerprint == payload(again.model).fingerprint
    assert again.args == first.args
    fewer = edit_round(s, 0, counts={"cai": 0.0})  # the group's weights change
    other = workshop_jobs.consensus_ask(compile_scenario(fewer), "geometric")
    assert other.args != first.args


def test_fewer_than_two_with_weights_is_a_clear_error() -> None:
    s = add_participant(scenario(), "ana", "Ana")
    s = set_points(s, "ana", POINTS["ana"])
    with pytest.raises(IntegrateError, match="at least two participants"):
        workshop_jobs.consensus_ask(compile_scenario(s), "geometric")


def test_settle_counts_the_consensus_and_the_core_index_as_one() -> None:
    s = workshop_room()
    model = compile_scenario(s)
    people = room(s, 1)
    heard: list[tuple[int, int]] = []
    found = settle(
        model, people.vectors(model), control=Control(report=lambda d, t: heard.append((d, t)))
    )
    totals = {t for _, t in heard}
    assert len(totals) == 1  # planned from the start
    assert heard[-1][0] == heard[-1][1] and heard[-1][1] > CANDIDATES
    assert [d for d, _ in heard] == sorted(d for d, _ in heard)
    direct = consensus(model, people.vectors(model))
    assert found.consensus.largest_regret == pytest.approx(direct.largest_regret, abs=1e-6)


def test_anonymous_costs_are_lowest_first_and_nameless() -> None:
    s = workshop_room()
    model = compile_scenario(s)
    c = settle(model, room(s, 1).vectors(model)).consensus
    named = costs(c, {"ana": "Ana", "ben": "Ben", "cai": "Cai"}, True)
    assert [x.name for x in named] == ["Ana", "Ben", "Cai"]
    anonymous = costs(c, {"ana": "Ana"}, False)
    assert all(x.name is None for x in anonymous)
    assert [x.regret for x in anonymous] == sorted(x.regret for x in named)


def test_least_regret_is_an_objective_once_two_have_weights() -> None:
    s = workshop_room()
    assert analyses.LEAST_REGRET in [key for _, key in analyses.objectives(s)]
    assert analyses.LEAST_REGRET not in [key for _, key in analyses.objectives(scenario())]
    model = compile_scenario(s)
    request = analyses.Request(objective=analyses.LEAST_REGRET)
    assert analyses.greedy(model, request) is None
    preview = analyses.milp_job(model, request, control=Control())
    people = room(s)
    c = consensus(model, people.vectors(model), people.group_vector(model), request.options)
    assert preview.value == pytest.approx(c.largest_regret, abs=1e-6)
    assert preview.before == pytest.approx(max(x.current_regret for x in c.standings))
    package = np.array([preview.package[a] for a in model.activity_ids])
    assert score(model, package).overall == pytest.approx(score(model, c.package).overall)
    assert preview.label == "Auto-balance (least regret)"
    assert preview.objective == "largest regret"


def test_the_package_as_an_option_is_one_step_named_least_regret(tmp_path: Path) -> None:
    path = tmp_path / "room.toml"
    save(workshop_room(), path)
    from integrate_tui.files import load

    session = Session(load(path), path=path)
    steps = session.workshop
    assert steps.suggest_package_option() == "Least regret"
    package = {"trade-missions": 0.4 + 1e-12, "sister-cities": 1.0, "language-access": 0.9}
    step = steps.add_package_option("Least regret", package)
    assert step.label == "Option “Least regret”"
    assert steps.commit(step)
    snap = session.scenario.workshop.snapshots[-1]
    assert snap.funding == {"trade-missions": 0.4, "sister-cities": 1.0, "language-access": 0.9}
    assert snap.weights == {v.id: v.weight for v in session.scenario.values}
    assert steps.suggest_package_option() == "Least regret 2"
    with pytest.raises(IntegrateError, match="already an option"):
        steps.add_package_option("least regret", package)
