"""Send → facilitator's screen: how long a participant's submission takes to show (issue 13).

Run it on its own: `python benchmarks/bench_room.py [--sends 30]` (pytest never collects
it). The facilitator's app runs headless (`run_test`, 120×40) in workshop mode on a
three-person file with a points round open and the inbox watched. Each send is what the
participant page does inside its request: `room.submit` checks the submission against the
file and renames it into the inbox. The clock starts just before that call and stops when
the round bar, redrawn, names the sender's submission ("inbox: Ana (points)"): the file
was seen, read, checked, applied as one step, saved, archived and shown. Sends alternate
between participants and change their points, so every send changes the screen. The
benchmark polls the bar every 2 ms (a real terminal would repaint at the same moment).
The inbox folder exists before the first send, as it does once anyone has joined (the
server writes the presence record into it); before that the watcher looks for the folder
once a second.
Target: median and p90 < 300 ms.
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))

from integrate_tui.files import load
from integrate_tui.tui.workshop.round_bar import RoundBar
from integrate_tui.workshop import room
from integrate_tui.workshop.inbox import inbox_dir, participant_token, session_key
from workshop_data import PEOPLE, at
from workshop_pilot import open_workshop, scenario_file, shown, workshop_app

POLL = 0.002
TIMEOUT = 10.0


async def measure(sends: int) -> list[float]:
    """The latency of each send, in seconds."""
    with tempfile.TemporaryDirectory() as folder:
        rounds = [{"title": "Points", "kind": "points", "started": at(0)}]
        path = scenario_file(Path(folder), participants=PEOPLE, rounds=rounds)
        key = session_key(path)
        assert key is not None
        seats = [
            room.join(path, load(path), p["id"], participant_token(key, p["id"])) for p in PEOPLE
        ]
        inbox_dir(path).mkdir(mode=0o700)  # as `serve` makes it when the first person joins
        app = workshop_app(path)
        latencies = []
        async with app.run_test(size=(120, 40)) as pilot:
            screen = await open_workshop(pilot)
            while not screen.inbox.watching:
                await asyncio.sleep(POLL)
            for n in range(sends):
                seat = seats[n % len(seats)]
                share = 10 + n % 50
                points = {"prosperity": share, "openness": 100 - share - 10, "equity": 10}
                scenario = load(path)
                started = time.perf_counter()
                room.submit(seat, scenario, room.current_round(scenario), "points", points)
                want = f"inbox: {seat.name} (points)"
                bar = screen.query_one(RoundBar)
                while not (
                    want in shown(bar)
                    and app.session.scenario.workshop.rounds[0].inputs[seat.participant].weights
                    == points
                ):
                    if time.perf_counter() - started > TIMEOUT:
                        raise SystemExit(f"send {n + 1} never reached the screen")
                    await asyncio.sleep(POLL)
                latencies.append(time.perf_counter() - started)
                await pilot.pause()
    return latencies


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sends", type=int, default=30)
    args = parser.parse_args()
    latencies = sorted(asyncio.run(measure(args.sends)))
    ms = [1000 * x for x in latencies]
    p90 = ms[min(len(ms) - 1, int(0.9 * len(ms)))]
    print(
        f"send → facilitator's screen over {len(ms)} sends: median {statistics.median(ms):.0f} ms, "
        f"p90 {p90:.0f} ms, max {ms[-1]:.0f} ms (target < 300 ms)"
    )


if __name__ == "__main__":
    main()
