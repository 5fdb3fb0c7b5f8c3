"""Fuzz benchmark: N randomly damaged copies of the bundled scenarios through `validate`,
`score` and `fmt --check`, counting tracebacks, odd exits, empty or overlong refusals and
hangs (a command over --hang seconds), and reporting the slowest.

Run it on its own: `python benchmarks/bench_fuzz.py -n 3000` (pytest never collects it).
Target (issue 12): no traceback, exit 0 or 2, every refusal non-empty with lines under
2,000 characters, each command within 5 s. The damage is `tests/fuzz_mutations.py`'s, the
same as the property test's; `--seed` makes a run repeatable and `--keep DIR` saves every
failing file for a closer look.
"""

from __future__ import annotations

import argparse
import collections
import random
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))

from fuzz_mutations import base_texts, mutate, problems, run_cli, write

COMMANDS = {("validate",): (0, 2), ("score",): (0, 2), ("fmt", "--check"): (0, 1, 2)}
"""Each command and the exits it may give (`fmt --check` says 1 when a file would change)."""


def main() -> int:
    """Run the fuzzer; exit 1 if any file broke a rule."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-n", type=int, default=500, help="files to try (500)")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--rounds", type=int, default=3, help="damage per file, at most")
    parser.add_argument("--hang", type=float, default=5.0, help="seconds that count as a hang")
    parser.add_argument("--keep", type=Path, help="folder to save failing files in")
    parser.add_argument(
        "--optimise", action="store_true", help="run `optimise --time-limit 2` on each file too"
    )
    args = parser.parse_args()
    commands = dict(COMMANDS)
    if args.optimise:
        commands["optimise", "--time-limit", "2"] = (0, 2)
    rng, texts = random.Random(args.seed), base_texts()
    kinds: collections.Counter[str] = collections.Counter()
    exits: collections.Counter[str] = collections.Counter()
    slowest: list[tuple[float, str, int]] = []
    failures = 0
    with tempfile.TemporaryDirectory() as folder:
        for i in range(args.n):
            text = mutate(rng.choice(texts), rng, args.rounds)
            path = write(Path(folder), text)
            broke: list[str] = []
            for command, allowed in commands.items():
                started = time.perf_counter()
                outcome = run_cli(*command, str(path))
                took = time.perf_counter() - started
                slowest.append((took, command[0], i))
                exits[f"{command[0]} {outcome.code}"] += 1
                found = problems(outcome, allowed)
                if took > args.hang:
                    found.append(f"took {took:.1f} s")
                for problem in found:
                    kinds[f"{command[0]}: {problem.splitlines()[-1][:120]}"] += 1
                broke += [f"{command[0]}: {p}" for p in found]
            if broke:
                failures += 1
                if args.keep:
                    args.keep.mkdir(parents=True, exist_ok=True)
                    (args.keep / f"fuzz-{i}.toml").write_text(
                        text, encoding="utf-8", errors="surrogatepass"
                    )
                    (args.keep / f"fuzz-{i}.txt").write_text("\n\n".join(broke))
    slowest.sort(reverse=True)
    tracebacks = sum(n for kind, n in kinds.items() if "traceback" in kind or "Error" in kind)
    hangs = sum(n for kind, n in kinds.items() if kind.endswith(" s") and "took" in kind)
    print(f"files: {args.n} (seed {args.seed}), commands run: {args.n * len(commands)}")
    print(f"files breaking a rule: {failures}; tracebacks: {tracebacks}; hangs: {hangs}")
    print("exit codes: " + ", ".join(f"{k}: {n}" for k, n in sorted(exits.items())))
    print("slowest: " + ", ".join(f"{c} #{i} {t:.2f} s" for t, c, i in slowest[:5]))
    for kind, n in kinds.most_common():
        print(f"  {n:5d}  {kind}")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
