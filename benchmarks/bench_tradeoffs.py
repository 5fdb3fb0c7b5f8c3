"""The tradeoffs screen: time from `t` until all four plots are drawn, and key → repaint meanwhile.

Run: `python benchmarks/bench_tradeoffs.py` (about a minute), or with `--against SRC` (an
older tree's `src`) to measure that tree and this one turn about in the same run. Cases:
the bundled scenario and a generated 200-activity one (bench_tui.generated), each with `t`
pressed as soon as the workbench is up (the robustness column's Monte Carlo, which the
screen shares, still running), once the workbench has settled (that answer cached), and
"revisit": after a first fill, Esc, one funding step and a pause of REVISIT_PAUSE seconds, as
a user comes back to look at what the edit did (the screen's answers are asked ahead once
it has been opened: tui/widgets/tradeoffs_prefetch.py).
Each case runs in a fresh interpreter and reports: when each plot was drawn after `t`, the
CPU seconds the app and its pool's processes used meanwhile, the tornado's solve count, and
Tab → composed frame (sent every 0.2 s while the plots fill; target < 50 ms).

`--engine` also times the tornado alone in this process at its default (every solve to
0.01 %) and at the frontier's 0.1 % with re-solves (tornado.py's measured rule).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

CASES = ("bundled", "200")
MODES = ("at once", "settled", "revisit")
REVISIT_PAUSE = 5.0
TAB_EVERY = 0.2
TIMEOUT = 120.0


def _session(case: str) -> Any:
    from bench_tui import generated

    from integrate_tui.bundled import bundled_path
    from integrate_tui.session import Session

    state = HERE / ".bench-state"
    if case == "bundled":
        session = Session.from_file(bundled_path(), recovery_folder=state)
        session.path = None
        return session
    return Session(generated(int(case)), recovery_folder=state)


async def fill(case: str, mode: str) -> dict[str, Any]:
    """One tradeoffs fill on a fresh app: per-plot seconds after `t`, CPU, Tab → frame."""
    from bench_tui import Frames, cpu_seconds

    from integrate_tui.tui.app import WorkbenchApp
    from integrate_tui.tui.screens.main import MainScreen
    from integrate_tui.tui.screens.tradeoffs import TradeoffsScreen
    from integrate_tui.tui.widgets.robustness import RobustnessFeed

    app = WorkbenchApp(_session(case), autosave_seconds=3600)
    frames = Frames(app)
    tabs: list[float] = []
    async with app.run_test(size=(160, 48)) as pilot:
        await pilot.pause()
        if mode != "at once":  # the pool is up and the robustness column has its answer
            await _quiet(app, app.screen.query_one(RobustnessFeed))
        if mode == "revisit":
            await pilot.press("t")
            while not _all_drawn(app.screen) and isinstance(app.screen, TradeoffsScreen):
                await asyncio.sleep(0.02)
            await pilot.press("escape")
            session = app.session
            step = next(a.id for a in session.scenario.activities if not a.locked)
            if not session.nudge(step, -1):  # at its minimum: one step up instead
                session.nudge(step, 1)
            await asyncio.sleep(REVISIT_PAUSE)
        assert isinstance(app.screen, MainScreen)
        cpu = cpu_seconds()
        start = next_tab = time.perf_counter()
        t_ms = await frames.key("t", lambda: isinstance(app.screen, TradeoffsScreen))
        screen = app.screen
        drawn: dict[str, float] = {}
        while len(drawn) < 4 and time.perf_counter() - start < TIMEOUT:
            for name in getattr(screen, "_results", {}):
                drawn.setdefault(name, time.perf_counter() - start)
            if time.perf_counter() >= next_tab and len(drawn) < 4:
                focused = app.focused
                tabs.append(await frames.key("tab", lambda f=focused: app.focused is not f))
                next_tab += TAB_EVERY
            await asyncio.sleep(0.002)
        used = cpu_seconds() - cpu
        tornado = screen._results.get("tornado")  # type: ignore[attr-defined]
    return {
        "drawn": drawn,
        "cpu": used,
        "t_ms": t_ms,
        "tab_ms": tabs,
        "solves": getattr(tornado, "solves", None),
    }


async def _quiet(app: Any, feed: Any) -> None:
    """Wait until the robustness column has its answer and the pool is idle."""
    started = time.perf_counter()
    while (feed.busy or app.pool.live()) and time.perf_counter() - started < TIMEOUT:
        await asyncio.sleep(0.02)


def _all_drawn(screen: Any) -> bool:
    return len(getattr(screen, "_results", {})) == 4


def engine(case: str) -> dict[str, Any]:
    """The tornado alone, default and at the frontier's gap: CPU seconds and solves."""
    from integrate_tui.engine.optimise import FRONTIER_GAP, Options, tornado
    from integrate_tui.engine.optimise.tornado import TIME_BUDGET

    model = _session(case).model
    found = {}
    for label, options in (
        ("default", None),
        ("0.1 % + re-solves", Options(gap=FRONTIER_GAP, time_limit=TIME_BUDGET)),
    ):
        cpu = time.process_time()
        t = tornado(model, options)
        found[label] = {"cpu": time.process_time() - cpu, "solves": t.solves}
    return found


def _child(args: list[str], src: str | None) -> dict[str, Any]:
    """Run this script's `--child` in a fresh interpreter (on `src` if given)."""
    env = dict(os.environ)
    if src is not None:
        env["PYTHONPATH"] = src + os.pathsep + env.get("PYTHONPATH", "")
    out = subprocess.run(
        [sys.executable, __file__, "--child", *args],
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(out.stdout.strip().splitlines()[-1])


def _line(tree: str, case: str, mode: str, found: dict[str, Any]) -> str:
    drawn = found["drawn"]
    plots = ", ".join(f"{n} {s:.1f}" for n, s in sorted(drawn.items(), key=lambda x: x[1]))
    tabs = found["tab_ms"]
    tab = f"Tab median {statistics.median(tabs):.0f} max {max(tabs):.0f} ms" if tabs else "no Tab"
    full = max(drawn.values()) if len(drawn) == 4 else float("inf")
    return (
        f"{tree:<7} {case:<8} {mode:<8} fill {full:5.2f} s  CPU {found['cpu']:5.1f} s  "
        f"t {found['t_ms']:4.0f} ms  {tab}  tornado solves {found['solves']}  ({plots})"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--against", help="an older tree's src, measured turn about")
    parser.add_argument("--runs", type=int, default=1)
    parser.add_argument("--cases", default=",".join(CASES))
    parser.add_argument("--engine", action="store_true")
    parser.add_argument("--child", nargs="+", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        out = os.fdopen(os.dup(sys.stdout.fileno()), "w")  # fd 1 as it is now: solves mute it
        kind, case, *rest = args.child
        found = engine(case) if kind == "engine" else asyncio.run(fill(case, " ".join(rest)))
        print(json.dumps(found), file=out, flush=True)
        return
    trees = [("before", args.against), ("after", None)] if args.against else [("now", None)]
    for case in args.cases.split(","):
        for mode in MODES:
            for _ in range(args.runs):
                for tree, src in trees:
                    child = ["fill", case, *mode.split()]
                    print(_line(tree, case, mode, _child(child, src)), flush=True)
        if args.engine:
            for tree, src in trees:
                for label, f in _child(["engine", case], src).items():
                    print(f"{tree:<7} {case:<8} tornado alone, {label}: "
                          f"CPU {f['cpu']:.2f} s, {f['solves']} solves", flush=True)  # fmt: skip


if __name__ == "__main__":
    main()
    sys.stdout.flush()
    os._exit(0)  # a pool process may still be stopping: do not wait for it
