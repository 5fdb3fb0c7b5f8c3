"""Save and `fmt` cost at 1,000 and 10,000 activities, with and without comments (issues 12, 19).

Run it on its own: `python benchmarks/bench_save.py` (pytest never collects it). Each case
starts from the same file on disk: canonical, or the same with a comment above every
activity and after every `funding` (a heavily commented file: the slow case). A save
changes one activity's funding; `fmt` reformats a file whose `funding` lines are spaced
oddly. `tomllib + tomli_w` is the floor the issue compares with. Medians of a few runs; the
machine is noisy, so compare within one run. It uses only `files.save`, `files.dumps` and
the CLI, so it also runs against an older checkout (`PYTHONPATH=old/src`) for before/after.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import statistics
import sys
import tempfile
import time
import tomllib
from collections.abc import Callable
from pathlib import Path

import tomli_w
from bench_engine import generate

from integrate_tui.cli import main as cli
from integrate_tui.files import dumps, save
from integrate_tui.model import Scenario, validate_scenario


def commented(text: str) -> str:
    """The text with a comment above every activity and after every funding value."""
    text = text.replace("\n[[activities]]\n", "\n# one of the activities\n[[activities]]\n")
    lines = [
        f"{line}  # agreed in March" if line.startswith("funding = ") else line
        for line in text.splitlines()
    ]
    return "# generated for the benchmark\n" + "\n".join(lines) + "\n"


def oddly_spaced(text: str) -> str:
    """The text with every `funding = ` spaced the way fmt undoes."""
    return text.replace("\nfunding = ", "\nfunding =  ")


def median_s(run: Callable[[], object], prepare: Callable[[], object], repeats: int) -> float:
    """Median wall time of `run` in seconds, each run after an untimed `prepare`."""
    times = []
    for _ in range(repeats):
        prepare()
        start = time.perf_counter()
        run()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def fmt(path: Path) -> int:
    """`integrate-tui fmt PATH` in this process, its output swallowed."""
    with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
        return cli(["fmt", str(path)])


def bench(n: int, repeats: int, folder: Path) -> dict[str, float | str]:
    """One row of figures for a scenario with `n` activities."""
    scenario = validate_scenario(generate(n))
    text = dumps(scenario)
    edited = Scenario.model_validate(scenario.model_dump())
    edited.activities[n // 2].funding = round(1 - edited.activities[n // 2].funding, 2)
    path = folder / f"bench-{n}.toml"
    row: dict[str, float | str] = {"n": n, "kib": len(text.encode()) / 1024}

    def put(content: str) -> Callable[[], object]:
        return lambda: path.write_text(content, encoding="utf-8")

    row["save"] = median_s(lambda: save(edited, path), put(text), repeats)
    row["save_commented"] = median_s(lambda: save(edited, path), put(commented(text)), repeats)
    row["kept"] = "yes" if "# agreed in March" in path.read_text(encoding="utf-8") else "no"
    row["fmt"] = median_s(lambda: fmt(path), put(oddly_spaced(text)), repeats)
    row["fmt_commented"] = median_s(lambda: fmt(path), put(oddly_spaced(commented(text))), repeats)
    if "funding =  " in path.read_text(encoding="utf-8"):
        row["fmt_kept"] = "skip"  # fmt refused the commented file
    else:
        row["fmt_kept"] = "yes" if "# agreed in March" in path.read_text(encoding="utf-8") else "no"
    row["floor"] = median_s(lambda: tomli_w.dumps(tomllib.loads(text)), lambda: None, repeats)
    return row


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark and print one table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=3, help="runs per case (median)")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as folder:
        rows = [bench(n, args.repeats, Path(folder)) for n in (1_000, 10_000)]
    print(f"Python {sys.version.split()[0]}; seconds, medians of {args.repeats}; # = commented")
    print(
        f"{'activities':>10} {'KiB':>6} {'save':>6} {'save #':>7} {'kept':>5} "
        f"{'fmt':>6} {'fmt #':>6} {'kept':>5} {'tomllib+tomli_w':>16}"
    )
    for r in rows:
        print(
            f"{r['n']:>10,} {r['kib']:>6.0f} {r['save']:>6.2f} {r['save_commented']:>7.2f} "
            f"{r['kept']:>5} {r['fmt']:>6.2f} {r['fmt_commented']:>6.2f} {r['fmt_kept']:>5} "
            f"{r['floor']:>16.2f}"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
