"""The workshop's questions for the app's process pool: the room's consensus and the report.

Like `analyses`, each takes a compiled model captured on the UI thread and runs in a pool
process (where `control` says when to stop); nothing here imports Textual.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from integrate_tui.engine import Compiled
from integrate_tui.engine import optimise as opt
from integrate_tui.model import validate_scenario
from integrate_tui.workshop import workshop_of
from integrate_tui.workshop.aggregate import Method
from integrate_tui.workshop.consensus_room import Settled, room, settle
from integrate_tui.workshop.focus import group, priority_round


@dataclass(frozen=True)
class ConsensusAsk:
    """Whose consensus the workshop screen asks for: the priorities round in focus (else
    everyone's current weights), each participant's weights there, and the group's by the
    method shown (each counted as the round says).

    `model` is the current one without its workshop record (its scenario rebuilt from plain
    data, so that equal scenarios pickle alike): a workshop step that changes no one's
    weights (a log entry, a reveal) asks the pool the same question and is answered from its
    cache. `args` are the pool job's arguments after the model."""

    model: Compiled
    round: int | None  # the round's index, None for the current weights
    source: str  # "current weights" or "round 2: Priorities"
    skipped: tuple[str, ...]  # participants with no weights there
    named: bool  # whether the round's results are shown with names
    args: tuple[tuple[tuple[str, tuple[float, ...]], ...], tuple[float, ...]]


def consensus_ask(model: Compiled, method: Method) -> ConsensusAsk:
    """The consensus question on `model`'s scenario (`WorkshopError` when fewer than two
    participants gave weights there, naming who has none)."""
    scenario = model.scenario
    index = priority_round(scenario)
    people = room(scenario, None if index is None else index + 1)
    bare = validate_scenario(scenario.model_dump(exclude={"workshop"}))  # pickles the same
    engine = dataclasses.replace(model, scenario=bare)
    found = group(scenario, method)
    shares = people.group if found is None else found.weights
    weights = tuple((p, tuple(map(float, w))) for p, w in people.vectors(engine).items())
    vector = tuple(float(shares.get(v, 0.0)) for v in engine.value_ids)
    named = index is not None and workshop_of(scenario).rounds[index].named
    return ConsensusAsk(
        engine, index, people.source, tuple(people.skipped), named, (weights, vector)
    )


def consensus_job(
    model: Compiled,
    weights: tuple[tuple[str, tuple[float, ...]], ...],
    group: tuple[float, ...],
    *,
    control: opt.Control,
) -> Settled:
    """The room's consensus package and core index (`ConsensusAsk.args`: each participant's
    raw weights, the group's)."""
    vectors = {pid: np.array(w, dtype=float) for pid, w in weights}
    return settle(model, vectors, np.array(group, dtype=float), control=control)


def report_job(model: Compiled, fmt: str, target: str, *, control: opt.Control) -> str:
    """The workshop report of the model's scenario written to `target` (atomically), off the
    UI: it solves the consensus MILPs. Returns the path written."""
    from integrate_tui.files import write_text_atomic
    from integrate_tui.workshop import render

    write_text_atomic(render(model.scenario, fmt), Path(target))
    return target
