"""How a model goes to the pool's processes and results come back, pickled.

The model is pickled once (`Payload`, memoised per model object) and its bytes' hash is its
fingerprint: equal models, e.g. after an undo, share cached results. A result comes back
with every reference to the model (and its scenario) left out of the bytes and put back on
arrival as the *receiving* model object, so screens can still check `result.model is
session.model`, and a result never carries a second copy of a large scenario.
"""

from __future__ import annotations

import hashlib
import io
import pickle
from dataclasses import dataclass
from typing import Any

from integrate_tui.engine import Compiled

MEMO = 4
"""Models whose pickles are kept (the screens ask for the current one, and the one before)."""


@dataclass(frozen=True)
class Payload:
    """A model's pickle and fingerprint."""

    data: bytes
    fingerprint: str


_memo: list[tuple[Compiled, Any, Payload]] = []


def payload(model: Compiled) -> Payload:
    """The model pickled (memoised by model and scenario identity: models are not changed)."""
    for known, scenario, found in _memo:
        if known is model and scenario is model.scenario:
            return found
    data = pickle.dumps(model, protocol=pickle.HIGHEST_PROTOCOL)
    found = Payload(data, hashlib.blake2b(data, digest_size=16).hexdigest())
    _memo[:] = [(model, model.scenario, found), *_memo[: MEMO - 1]]
    return found


class _Pickler(pickle.Pickler):
    def __init__(self, file: io.BytesIO, model: Compiled) -> None:
        super().__init__(file, protocol=pickle.HIGHEST_PROTOCOL)
        self.refs = {id(model): "model", id(model.scenario): "scenario"}

    def persistent_id(self, obj: Any) -> str | None:
        return self.refs.get(id(obj))


class _Unpickler(pickle.Unpickler):
    def __init__(self, file: io.BytesIO, model: Compiled) -> None:
        super().__init__(file)
        self.refs = {"model": model, "scenario": model.scenario}

    def persistent_load(self, pid: str) -> Any:
        return self.refs[pid]


def dump_result(result: Any, model: Compiled) -> bytes:
    """A result's pickle with the model (and its scenario) by reference."""
    out = io.BytesIO()
    _Pickler(out, model).dump(result)
    return out.getvalue()


def load_result(data: bytes, model: Compiled) -> Any:
    """A result unpickled, its model references pointing at `model`."""
    return _Unpickler(io.BytesIO(data), model).load()
