"""The rule that makes an id from a name, for participants added by name only."""

from __future__ import annotations

import re
import unicodedata


def slug(name: str) -> str:
    """An id from a name: `Ana Müller` → `ana-muller`."""
    plain = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", plain.lower()).strip("-")
