"""How the optimiser screens word what HiGHS proved about a result."""

from __future__ import annotations

import math


def proof(status: str, gap: float) -> str:
    """What HiGHS proved: "optimal within 0.01 %", "proven optimal", "best found, gap 0.4 %"."""
    if status == "optimal":
        if gap <= 1e-9:
            return "proven optimal"
        return f"optimal within {math.ceil(gap * 1e4) / 100:.2f} %"
    if not math.isfinite(gap):
        return "best found, gap unknown"
    return f"best found, gap {100 * gap:.2g} %"
