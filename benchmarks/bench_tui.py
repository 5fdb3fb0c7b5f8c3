"""Workbench latency: a funding key press to the repainted score panel, and start-up time.

Run: `python benchmarks/bench_tui.py` (about a minute). It reports medians and the 90th
percentile of

* key press → composed frame with the new score panel, on the bundled scenario and on a
  generated 500-activity one (targets: < 50 ms and < 150 ms), measured inside `run_test`
  at 160×48 with the frame rendered to terminal sequences as a real terminal would get;
* start-up → first frame of `integrate-tui` (as the CLI starts it: `launch.launch_app`, which shows
  a light first screen and builds the work behind it) against a bare Textual app, each in a
  fresh interpreter (target: within 1.5× of the bare app); also start → workbench ready, the
  first frame with a file named on the command line (read before Textual starts), and the
  old eager path (`make_app`: everything built before the first frame) for comparison.
"""

from __future__ import annotations

import asyncio
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import numpy as np

from integrate_tui.model import Scenario, validate_scenario
from integrate_tui.session import Session
from integrate_tui.tui.app import WorkbenchApp
from integrate_tui.tui.widgets.activity_table import ActivityTable

PRESSES = 40
RUNS = 7


def generated(n: int = 500, seed: int = 7) -> Scenario:
    """A valid scenario with `n` activities in 10 silos, 12 values, 8 interests, 3 resources."""
    rng = np.random.default_rng(seed)
    values = [f"v{i}" for i in range(12)]
    interests = [f"k{i}" for i in range(8)]
    resources = [("budget", 200.0 * n), ("staff", 1.2 * n), ("time", 3.0 * n)]
    ids = [f"a{i}" for i in range(n)]
    data: dict[str, Any] = {
        "schema_version": 1,
        "meta": {"title": f"Generated, {n} activities"},
        "resources": [{"id": r, "name": r.capitalize(), "capacity": c} for r, c in resources],
        "silos": [{"id": f"s{i}", "name": f"Silo {i}"} for i in range(10)],
        "values": [
            {"id": v, "name": f"Value {v}", "weight": float(rng.integers(1, 30))} for v in values
        ],
        "interests": [
            {
                "id": k,
                "name": f"Interest {k}",
                "cares": {v: 1.0 for v in rng.choice(values, 3, replace=False)},
            }
            for k in interests
        ],
        "activities": [
            {
                "id": a,
                "name": f"Activity {i}",
                "silo": f"s{i % 10}",
                "cost": {r: float(rng.uniform(0.5, 2.0) * c / n) for r, c in resources},
                "impact": {
                    v: float(rng.integers(-2, 5)) for v in rng.choice(values, 3, replace=False)
                },
                "support": {str(rng.choice(interests)): 1.0},
                "response": ["linear", "diminishing", "threshold"][i % 3],
                "funding": 0.5,
            }
            for i, a in enumerate(ids)
        ],
        "interactions": [
            {"between": [ids[i], ids[(i * 7 + 3) % n]], "effect": float(rng.uniform(-0.5, 0.5))}
            for i in range(0, n, 3)
            if ids[i] != ids[(i * 7 + 3) % n]
        ],
    }
    return validate_scenario(data)


async def key_latency(session: Session) -> list[float]:
    """Milliseconds from each funding key press to the first frame showing its score."""
    from textual._compositor import CompositorUpdate

    app = WorkbenchApp(session, autosave_seconds=3600)
    frames: list[float] = []
    display = app._display

    def timed_display(screen: Any, renderable: Any) -> None:
        display(screen, renderable)
        if isinstance(renderable, CompositorUpdate):
            renderable.render_segments(app.console)  # what a real terminal would be sent
            frames.append(time.perf_counter())

    app._display = timed_display  # type: ignore[method-assign]
    latencies = []
    async with app.run_test(size=(160, 48)) as pilot:
        await pilot.pause()
        app.screen.query_one(ActivityTable).move_to(session.model.activity_ids[0])
        await pilot.pause(0.2)
        for i in range(PRESSES):
            key = "right" if i % 2 else "left"
            version = session.version
            frames.clear()
            start = time.perf_counter()
            await pilot.press(key)
            while session.version == version or not frames:
                await asyncio.sleep(0.0005)
            latencies.append(1000 * (frames[-1] - start))
            await pilot.pause(0.05)
    return latencies


BARE = """
import os
from textual.app import App
from textual.widgets import Footer, Header, Static
class Bare(App):
    def compose(self):
        yield Header(); yield Static("hello"); yield Footer()
async def leave(pilot):
    os.write(1, b"frame\\n"); pilot.app.exit()
Bare().run(headless=True, auto_pilot=leave, size=(160, 48))
"""

WORKBENCH = """
import os
from integrate_tui.tui.app import make_app
from integrate_tui.tui.launch import launch_app
from integrate_tui.tui.screens.start import StartScreen
async def leave(pilot):
    os.write(1, b"frame\\n")
    while isinstance(pilot.app.screen, StartScreen):
        await pilot.pause(0.01)
    await pilot.pause()
    os.write(1, b"ready\\n")
    pilot.app.exit()
app = {factory}({path!r}, recovery_folder={folder!r})
app.run(headless=True, auto_pilot=leave, size=(160, 48))
"""


def startup(code: str) -> dict[str, list[float]]:
    """Milliseconds from interpreter start to each line the child writes (first frame, ready)."""
    times: dict[str, list[float]] = {}
    for _ in range(RUNS):
        start = time.perf_counter()
        child = subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.PIPE)
        assert child.stdout is not None
        for line in child.stdout:
            times.setdefault(line.decode().strip(), []).append(1000 * (time.perf_counter() - start))
        assert child.wait() == 0
    return times


def _report(name: str, ms: list[float]) -> None:
    p90 = float(np.percentile(ms, 90))
    print(f"{name:<44} median {statistics.median(ms):7.1f} ms   p90 {p90:7.1f} ms")


def main() -> None:
    """Run every measurement and print the figures."""
    from integrate_tui.bundled import bundled_path

    state = Path(__file__).resolve().parent / ".bench-state"
    bundled = Session.from_file(bundled_path(), recovery_folder=state)
    bundled.path = None
    big = Session(generated(), recovery_folder=state)
    _report("key → frame, bundled (22 activities)", asyncio.run(key_latency(bundled)))
    _report("key → frame, generated (500 activities)", asyncio.run(key_latency(big)))
    bare = startup(BARE)["frame"]
    ours = startup(WORKBENCH.format(factory="launch_app", path=None, folder=str(state)))
    file = str(bundled_path())
    named = startup(WORKBENCH.format(factory="launch_app", path=file, folder=str(state)))
    eager = startup(WORKBENCH.format(factory="make_app", path=None, folder=str(state)))
    _report("start → first frame, bare Textual", bare)
    _report("start → first frame, integrate-tui", ours["frame"])
    _report("start → workbench ready, integrate-tui", ours["ready"])
    _report("start → first frame, integrate-tui FILE", named["frame"])
    _report("start → first frame, eager make_app (before)", eager["frame"])
    for name, ms in (("", ours["frame"]), (" FILE", named["frame"]), (" eager", eager["frame"])):
        ratio = statistics.median(ms) / statistics.median(bare)
        print(f"start-up ratio{name} (median): {ratio:.2f}×")


if __name__ == "__main__":
    main()
