"""Pure scenario edits: funding, weights and snapshots on the model, entities on plain data.

Funding and weight edits copy only what they touch (`model_copy`), so undo history shares
everything else. Entity edits work on `Scenario.model_dump()` data, because a form may leave
the model invalid; `Session.apply` validates the result with the model's own rules.
"""

from __future__ import annotations

import copy
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from integrate_tui.errors import IntegrateError
from integrate_tui.model import Scenario, Snapshot, Workshop

Data = dict[str, Any]
KINDS = ("activities", "silos", "values", "interests", "resources", "interactions")
"""The entity tables the edit forms work on, in the order of the file format."""

SINGULAR = {
    "activities": "activity",
    "silos": "silo",
    "values": "value",
    "interests": "interest",
    "resources": "resource",
    "interactions": "interaction",
}

# kind → (table path, field, how the field holds the id: "value", "key" or "item", removable)
_REFERENCES: dict[str, list[tuple[tuple[str, ...], str, str, bool]]] = {
    "silos": [(("activities",), "silo", "value", False)],
    "resources": [(("activities",), "cost", "key", True)],
    "values": [
        (("activities",), "impact", "key", True),
        (("interests",), "cares", "key", True),
        (("workshop", "participants"), "weights", "key", True),
        (("workshop", "rounds"), "weights", "key", True),
        (("workshop", "rounds"), "start_weights", "key", True),
        (("workshop", "snapshots"), "weights", "key", True),
    ],
    "interests": [
        (("activities",), "support", "key", True),
        (("workshop", "participants"), "interest", "value", True),
    ],
    "activities": [
        (("interactions",), "between", "item", True),
        (("workshop", "rounds"), "funding", "key", True),
        (("workshop", "rounds"), "start_funding", "key", True),
        (("workshop", "snapshots"), "funding", "key", True),
    ],
}


class Referenced(IntegrateError):
    """An entity cannot be deleted because others refer to it."""

    title = "Still in use"

    def __init__(self, what: str, references: list[Reference]) -> None:
        self.references = references
        lines = "\n".join(f"• {r.text}" for r in references)
        super().__init__(f"{what} is referenced by:\n{lines}")


@dataclass(frozen=True)
class Reference:
    """One place that refers to an entity; `removable` when deleting can drop the reference."""

    text: str
    removable: bool


def with_levels(
    scenario: Scenario,
    funding: Mapping[str, float] | None = None,
    weights: Mapping[str, float] | None = None,
) -> Scenario:
    """The scenario with some activities' funding and some values' weights replaced."""
    update: dict[str, Any] = {}
    if funding:
        update["activities"] = [
            a.model_copy(update={"funding": funding[a.id]})
            if a.id in funding and a.funding != funding[a.id]
            else a
            for a in scenario.activities
        ]
    if weights:
        update["values"] = [
            v.model_copy(update={"weight": weights[v.id]})
            if v.id in weights and v.weight != weights[v.id]
            else v
            for v in scenario.values
        ]
    return scenario.model_copy(update=update) if update else scenario


def with_levels_at(
    scenario: Scenario,
    funding: Mapping[str, float],
    weights: Mapping[str, float],
    index: Mapping[str, Mapping[str, int]],
) -> Scenario:
    """`with_levels` for a few ids whose positions `index` gives (a compiled model's): copies
    the lists and touches only those entries, not every activity."""
    update: dict[str, Any] = {}
    for kind, levels, field in (("activities", funding, "funding"), ("values", weights, "weight")):
        if levels:
            entities = list(getattr(scenario, kind))
            for key, level in levels.items():
                position = index[kind][key]
                entities[position] = entities[position].model_copy(update={field: level})
            update[kind] = entities
    return scenario.model_copy(update=update) if update else scenario


def with_snapshot(scenario: Scenario, name: str) -> Scenario:
    """The scenario with its current funding and weights kept as snapshot `name` (replacing)."""
    snap = Snapshot(
        name=name,
        funding={a.id: a.funding for a in scenario.activities},
        weights={v.id: v.weight for v in scenario.values},
    )
    workshop = scenario.workshop or Workshop()
    kept = [s for s in workshop.snapshots if s.name != name]
    position = next((i for i, s in enumerate(workshop.snapshots) if s.name == name), len(kept))
    kept.insert(position, snap)
    return scenario.model_copy(update={"workshop": workshop.model_copy(update={"snapshots": kept})})


def without_snapshot(scenario: Scenario, name: str) -> Scenario:
    """The scenario without snapshot `name`."""
    workshop = scenario.workshop or Workshop()
    kept = [s for s in workshop.snapshots if s.name != name]
    return scenario.model_copy(update={"workshop": workshop.model_copy(update={"snapshots": kept})})


def entity_key(kind: str, entity: Mapping[str, Any]) -> str:
    """How an entity is named in messages: its id, or "a + b" for an interaction."""
    return " + ".join(entity["between"]) if kind == "interactions" else entity["id"]


def find(data: Data, kind: str, key: str) -> int:
    """The index of the entity with this id (or "a + b" pair) in `data[kind]`."""
    for i, entity in enumerate(data.get(kind) or []):
        if entity_key(kind, entity) == key:
            return i
    raise KeyError(f"no {SINGULAR[kind]} {key!r}")


def _tables(data: Data, path: tuple[str, ...]) -> list[Data]:
    node: Any = data
    for part in path:
        node = (node or {}).get(part) if isinstance(node, Mapping) else None
    return list(node or [])


def _label(path: tuple[str, ...], entity: Data) -> str:
    kind = path[-1]
    if kind == "interactions":
        return f"interaction {' + '.join(entity['between'])}"
    name = entity.get("id") or entity.get("name") or entity.get("title")
    return f"{SINGULAR.get(kind, kind.rstrip('s'))} {name!r}"


def _holds(entity: Data, field: str, how: str, key: str) -> bool:
    held = entity.get(field)
    if how == "value":
        return held == key
    return key in (held or ())


def references(data: Data, kind: str, key: str) -> list[Reference]:
    """Every place that refers to the entity `key` of `kind`, in words."""
    found = []
    for path, field, how, removable in _REFERENCES.get(kind, []):
        for entity in _tables(data, path):
            if _holds(entity, field, how, key):
                found.append(Reference(f"{_label(path, entity)} ({field})", removable))
    return found


def delete(data: Data, kind: str, key: str, *, cascade: bool = False) -> Data:
    """`data` without the entity; with `cascade`, without the references that can go too."""
    refs = references(data, kind, key)
    if refs and (not cascade or not all(r.removable for r in refs)):
        raise Referenced(f"{SINGULAR[kind].capitalize()} {key!r}", refs)
    out = copy.deepcopy(data)
    del out[kind][find(out, kind, key)]
    for path, field, how, _ in _REFERENCES.get(kind, []):
        parent = out if len(path) == 1 else out.get(path[0]) or {}
        tables = parent.get(path[-1]) or []
        if how == "item":
            parent[path[-1]] = [t for t in tables if key not in t[field]]
            continue
        for entity in tables:
            if how == "key":
                entity[field].pop(key, None)
            elif entity.get(field) == key:
                entity[field] = None
    return out


def rename(data: Data, kind: str, old: str, new: str) -> Data:
    """`data` with the id `old` changed to `new` everywhere it is referred to."""
    out = copy.deepcopy(data)
    out[kind][find(out, kind, old)]["id"] = new
    for path, field, how, _ in _REFERENCES.get(kind, []):
        for entity in _tables(out, path):
            if how == "value" and entity.get(field) == old:
                entity[field] = new
            elif how == "key" and old in entity[field]:
                entity[field] = {new if k == old else k: v for k, v in entity[field].items()}
            elif how == "item":
                entity[field] = [new if x == old else x for x in entity[field]]
    return out


def put(data: Data, kind: str, index: int | None, entity: Data) -> Data:
    """`data` with `entity` replacing `data[kind][index]` (renaming references) or appended."""
    out = copy.deepcopy(data)
    if index is None:
        out.setdefault(kind, []).append(entity)
        return out
    old_id = out[kind][index].get("id")
    if old_id is not None and entity.get("id") not in (None, old_id):
        out = rename(out, kind, old_id, entity["id"])
    out[kind][index] = entity
    return out


def duplicate(data: Data, kind: str, key: str) -> tuple[Data, str]:
    """`data` with a copy of the entity right after it, and the copy's id."""
    out = copy.deepcopy(data)
    index = find(out, kind, key)
    twin = copy.deepcopy(out[kind][index])
    taken = {e.get("id") for e in out[kind]}
    new_id, n = f"{key}-copy", 2
    while new_id in taken:
        new_id, n = f"{key}-copy-{n}", n + 1
    twin["id"] = new_id
    twin["name"] = f"{twin['name']} (copy)"
    out[kind].insert(index + 1, twin)
    return out, new_id
