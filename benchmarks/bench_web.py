"""The participant web page under a room's load: 50 participants joined and sending (issue 13).

Run it on its own: `python benchmarks/bench_web.py [--people 50] [--sends 3]` (pytest never
collects it). It starts `integrate-tui serve` on a loopback port as the facilitator would,
then N simulated participants (each with its own cookie jar) join with their codes, load
the page, send their points `--sends` times while polling `/state` as the page's script
does, and then do the same for a vote. It reports the server process's memory (resident
now and peak, from /proc), its CPU time over the load, the send latencies, and the weight
of each page in bytes. Target: 50 participants in one process under 250 MB.
"""

from __future__ import annotations

import argparse
import asyncio
import re
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import aiohttp

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))

from integrate_tui.files import load, save
from integrate_tui.workshop import close_round, start_round
from integrate_tui.workshop.inbox import participant_token, session_key
from web_support import POINTS, VOTE, room_file
from workshop_data import at

ROUND = re.compile(r'name="_round" value="([0-9a-f]+)"')


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def memory_mb(pid: int) -> tuple[float, float]:
    """The process's resident memory now and at its peak, in MB (Linux /proc)."""
    fields = dict(
        line.split(":", 1) for line in Path(f"/proc/{pid}/status").read_text().splitlines()
    )
    return int(fields["VmRSS"].split()[0]) / 1024, int(fields["VmHWM"].split()[0]) / 1024


def cpu_seconds(pid: int) -> float:
    """User plus system CPU time the process has used so far."""
    parts = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(parts[11]) + int(parts[12])) / 100  # clock ticks; 100 per second on Linux


async def wait_up(url: str) -> None:
    async with aiohttp.ClientSession() as client:
        for _ in range(200):
            try:
                async with client.get(url) as answer:
                    if answer.status == 200:
                        return
            except aiohttp.ClientError:
                await asyncio.sleep(0.05)
    raise SystemExit("the server did not come up")


async def participant(url: str, code: str, form: dict[str, str], sends: int) -> list[float]:
    """One phone: join, load the page, send `sends` times polling /state; send latencies."""
    times = []
    async with aiohttp.ClientSession(
        base_url=url, cookie_jar=aiohttp.CookieJar(unsafe=True)
    ) as client:
        async with client.post("/join", data={"code": code}) as answer:
            page = await answer.text()
        nonce = ROUND.search(page)
        assert nonce, page[page.find("<main") :][:600]
        for _ in range(sends):
            start = time.perf_counter()
            async with client.post("/send", data={"_round": nonce[1], **form}) as answer:
                assert "Received at" in await answer.text(), answer.status
            times.append(time.perf_counter() - start)
            async with client.get("/state") as answer:
                await answer.read()
    return times


async def load_round(url: str, codes: list[str], form: dict[str, str], sends: int) -> list[float]:
    jobs = [participant(url, code, form, sends) for code in codes]
    return [t for times in await asyncio.gather(*jobs) for t in times]


async def weights(url: str, code: str) -> dict[str, int]:
    async with aiohttp.ClientSession(
        base_url=url, cookie_jar=aiohttp.CookieJar(unsafe=True)
    ) as client:
        sizes = {}
        async with client.get("/") as answer:
            sizes["join page"] = len(await answer.read())
        async with client.post("/join", data={"code": code}) as answer:
            sizes["round page"] = len(await answer.read())
        for name in ("app.css", "app.js"):
            async with client.get(f"/static/{name}") as answer:
                sizes[name] = len(await answer.read())
        return sizes


def report(label: str, times: list[float], pid: int, cpu_before: float, wall: float) -> None:
    rss, peak = memory_mb(pid)
    cpu = cpu_seconds(pid) - cpu_before
    ordered = sorted(times)
    p95 = ordered[int(0.95 * (len(ordered) - 1))]
    print(
        f"{label}: {len(times)} sends in {wall:.2f} s; server CPU {cpu:.2f} s; "
        f"send median {1000 * statistics.median(times):.0f} ms, p95 {1000 * p95:.0f} ms; "
        f"RSS {rss:.0f} MB (peak {peak:.0f} MB)"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--people", type=int, default=50)
    parser.add_argument("--sends", type=int, default=3)
    args = parser.parse_args()
    people = [{"id": f"p{i:02d}", "name": f"Participant {i}"} for i in range(args.people)]
    with tempfile.TemporaryDirectory() as folder:
        path = room_file(Path(folder) / "room.toml", POINTS, people)
        key = session_key(path)
        assert key is not None
        codes = [participant_token(key, p["id"]) for p in people]
        port = free_port()
        url = f"http://127.0.0.1:{port}"
        command = [sys.executable, "-m", "integrate_tui", "serve", str(path), "--port", str(port)]
        server = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        try:
            asyncio.run(wait_up(url))
            rss, _ = memory_mb(server.pid)
            print(f"server up: RSS {rss:.0f} MB, {args.people} participants")
            for name, size in asyncio.run(weights(url, codes[0])).items():
                print(f"  {name if name != 'round page' else 'points round page'}: {size:,} bytes")
            cpu, start = cpu_seconds(server.pid), time.perf_counter()
            form = {"prosperity": "50", "openness": "30", "equity": "20"}
            times = asyncio.run(load_round(url, codes, form, args.sends))
            report("points", times, server.pid, cpu, time.perf_counter() - start)
            save(start_round(close_round(load(path), at(20)), VOTE, at(21)), path)
            cpu, start = cpu_seconds(server.pid), time.perf_counter()
            form = {"dots-1": "3", "rank-0": "2", "rank-1": "1"}
            times = asyncio.run(load_round(url, codes, form, args.sends))
            report("vote", times, server.pid, cpu, time.perf_counter() - start)
            vote_page = asyncio.run(weights(url, codes[0]))["round page"]
            print(f"  vote round page: {vote_page:,} bytes")
        finally:
            server.terminate()
            server.wait(timeout=20)
        files = len(list(path.with_name("room.inbox").glob("*.toml")))
        print(f"inbox: {files} submission files written")


if __name__ == "__main__":
    main()
