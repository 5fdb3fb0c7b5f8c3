"""Property: however a bundled scenario is damaged, `validate` and `score` answer cleanly.

Never a traceback, always exit 0 or 2, and every refusal says something in lines under
2,000 characters. Timing is the benchmark's (`benchmarks/bench_fuzz.py`), not this test's.
"""

from __future__ import annotations

import random
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from fuzz_mutations import base_texts, mutate, problems, run_cli, write

TEXTS = base_texts()


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(base=st.sampled_from(TEXTS), rng=st.randoms(use_true_random=False))
def test_a_damaged_scenario_is_scored_or_refused_cleanly(base: str, rng: random.Random) -> None:
    text = mutate(base, rng)
    with tempfile.TemporaryDirectory() as folder:
        path = write(Path(folder), text)
        for command in ("validate", "score"):
            found = problems(run_cli(command, str(path)))
            assert not found, f"{command}: {found}"


def test_the_mutations_break_files_and_leave_some_valid(tmp_path: Path) -> None:
    """A check on the fuzzer itself: it must break files, yet let some reach `score`."""
    rng = random.Random(0)
    texts = (mutate(TEXTS[0], rng) for _ in range(40))
    codes = [run_cli("validate", str(write(tmp_path, text))).code for text in texts]
    assert 2 <= codes.count(0) <= 38 and codes.count(0) + codes.count(2) == 40
