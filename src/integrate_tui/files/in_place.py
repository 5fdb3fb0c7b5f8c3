"""Save over a commented file by editing its own text, so only what changed is rewritten.

The text is cut into entries (`[meta]`, each `[[activities]]` with its sub-tables and the
comments that lead it, see `layout`). An entry whose data did not change keeps its text to
the byte. A changed entry is edited with tomlkit, value by value, so its comments, order
and spelling stay; where that would not load back exactly (an unusual layout tomlkit cannot
edit cleanly), the entry is written in canonical form with its comments put back. Entries
added to an array are written in canonical form after the entry before them; removed
entries go with the comments that lead them; free-standing comments stay where they are.

Only changed entries are parsed with tomlkit (it reads a 10,000-activity file in ~10 s):
finding them takes one scan and the tomllib data the file was read into.
"""

from __future__ import annotations

import bisect
import difflib
import functools
import operator
import tomllib
from collections import Counter
from collections.abc import Callable, Hashable, MutableMapping
from typing import Any

from pydantic import BaseModel

from integrate_tui.files.canonical import blocks, field_kind, key_text, value_text
from integrate_tui.files.comments import CommentsNotKept, collect, comments_of, weave
from integrate_tui.files.layout import LayoutError, Path, Section, entry_of, scan
from integrate_tui.model import Scenario

_Edit = tuple[int, int, int, str | None]
"""Replace text[start:end] (order breaks ties) by the new text; None removes it."""

_REQUIRED = object()
"""Marks a field without a default: it must be written."""

Identity = tuple[str, Hashable]
"""What an entry is across saves: ("id", id), ("between", pair) or ("content", frozen data)."""


def edit_in_place(text: str, data: dict[str, Any], scenario: Scenario) -> str:
    """`text` (which tomllib read as `data`) edited to hold `scenario`, its comments kept.

    Raises `CommentsNotKept` rather than return text that would not load back equal.
    """
    bom = "\ufeff" if text.startswith("\ufeff") else ""
    body = text[len(bom) :]
    crlf = "\r\n" in body and body.count("\n") == body.count("\r\n")
    editor = _Editor(body.replace("\r\n", "\n"), data)
    try:
        edited = editor.run(scenario)
    except LayoutError as error:
        raise CommentsNotKept(str(error)) from None
    try:
        same = editor.holds(tomllib.loads(edited), scenario)
    except tomllib.TOMLDecodeError:
        same = False
    if not same:
        raise CommentsNotKept("the edited file would not load back the same")
    return bom + (edited.replace("\n", "\r\n") if crlf else edited)


class _Editor:
    """Edits to one text, planned entry by entry, then applied in one pass."""

    def __init__(self, text: str, data: dict[str, Any]) -> None:
        self.text = text
        self.data = data
        self.sections = scan(text).sections
        self.units: dict[Path, list[int]] = {}
        for index, section in enumerate(self.sections):
            self.units.setdefault(entry_of(section.path), []).append(index)
        self.classes: dict[Path, type[BaseModel]] = {}
        self.dumped: dict[int, dict[str, Any]] = {}
        self.edits: list[_Edit] = []

    def run(self, scenario: Scenario) -> str:
        self._container(scenario, (), self.data)
        return self._apply()

    def holds(self, data: Any, model: BaseModel) -> bool:
        """True when data read from TOML is `model`'s: validating it would give `model`.

        As exact as loading the text again, without pydantic validation: every key known,
        every value equal as TOML data (1 and 1.0 alike, true not 1), every key not written
        at its default.
        """
        cls = type(model)
        if not isinstance(data, dict) or any(k not in cls.model_fields for k in data):
            return False
        kinds = _kinds(cls)
        if all(kind == "value" for kind in kinds.values()):
            return _unchanged(data, self._full(model), cls, same=_same)
        defaults = _defaults(cls)
        for name, kind in kinds.items():
            value = getattr(model, name)
            if name not in data:
                ok = name in defaults and value == defaults[name]
            elif kind == "entries":
                got = data[name]
                ok = isinstance(got, list) and len(got) == len(value)
                ok = ok and all(self.holds(d, m) for d, m in zip(got, value, strict=False))
            elif kind != "value":
                ok = value is not None and self.holds(data[name], value)
            else:
                ok = _same(data[name], model.model_dump(include={name})[name])
            if not ok:
                return False
        return True

    def _full(self, model: BaseModel) -> dict[str, Any]:
        """`model.model_dump()`, made once per entry."""
        key = id(model)
        if key not in self.dumped:
            self.dumped[key] = model.model_dump()
        return self.dumped[key]

    # --- planning -----------------------------------------------------------------------

    def _container(self, model: BaseModel, path: Path, old: dict[str, Any]) -> None:
        """A table holding arrays of entries (the scenario, `[workshop]`), field by field."""
        cls = type(model)
        self.classes[path] = cls
        own = self._main(path)
        owned = {s.key for s in own.statements} if own else set()
        kinds = _kinds(cls)
        full = model.model_dump(include=owned | {k for k, v in kinds.items() if v == "value"})
        changed = [k for k in owned if k not in full or k not in old or old[k] != full[k]]
        for name, kind in kinds.items():
            if name in owned:
                continue
            value, where = getattr(model, name), (*path, name)
            if kind == "entries":
                self._entries(value, old.get(name, []), where)
            elif kind != "value":
                self._table(value, old.get(name), where, kind)
            elif full[name] != _defaults(cls).get(name, _REQUIRED):
                changed.append(name)  # a plain key first given a value: add it
        if changed:
            if own is None:
                raise LayoutError(f"no table to write {', '.join(changed)} in")
            old_owned = {k: old[k] for k in changed if k in old}
            added = {k: full[k] for k in changed if k not in old and full.get(k) is not None}
            self._replace(path, self._merged(path, own, old_owned, full, added, list(kinds)))

    def _table(self, model: BaseModel | None, old: Any, path: Path, kind: str) -> None:
        """A sub-table (`[meta]`, `[workshop]`): edited, added, or removed with its entries."""
        under = [u for u in self.units if u[: len(path)] == path]
        if model is None:
            for unit in under:
                self._delete(unit)
        elif not under:
            self._insert(self._end_before(path), _canonical(model, path))
        elif kind == "container":
            self._container(model, path, old if isinstance(old, dict) else {})
            if path not in self.units and not any(
                getattr(model, f) for f in type(model).model_fields
            ):  # every entry removed: the table itself must still be there
                self._insert(self._end_before(path), _canonical(model, path))
        else:
            self._entity(path, old if isinstance(old, dict) else {}, model)

    def _entries(self, new: list[BaseModel], old: list[Any], path: Path) -> None:
        """An array of tables: entries matched by id (or content), edited, moved, added, removed."""
        units = [(*path, i) for i in range(len(old))]
        if any(u not in self.units for u in units) or not all(isinstance(o, dict) for o in old):
            raise LayoutError(f"the entries of {'.'.join(map(str, path))} are not all tables")
        cls = type(new[0]) if new else None
        old_keys = [_identity(o, cls) for o in old]
        new_keys = [_identity(self._full(m), type(m)) for m in new]
        kept, moved = _match(old_keys, new_keys)
        for i in set(range(len(old))) - set(kept.values()):
            self._delete(units[i])
        after: Path | None = None
        first_kept = next((units[kept[j]] for j in range(len(new)) if j in kept), None)
        for j, model in enumerate(new):
            if j in kept:
                after = units[kept[j]]
                self._entity(after, old[kept[j]], model)
                continue
            if j in moved:
                unit = units[moved[j]]
                text = self._entity_text(unit, old[moved[j]], model)
            else:
                text = _canonical(model, (*path, j), in_array=True)
            if after is not None:
                self._insert(self._span(after)[1], text)
            elif first_kept is not None:
                self._insert(self._span(first_kept)[0], text)
            else:
                self._insert(self._end_before(path), text)

    def _entity(self, unit: Path, old: dict[str, Any], model: BaseModel) -> None:
        """One entry or table: left alone when its data is the same, else edited."""
        if not _unchanged(old, self._full(model), type(model)):
            self._replace(unit, self._entity_text(unit, old, model))

    def _entity_text(self, unit: Path, old: dict[str, Any], model: BaseModel) -> str:
        """The entry's text holding `model`: edited in place, else canonical with its comments."""
        full = self._full(model)
        if _unchanged(old, full, type(model)):
            start, end = self._span(unit)
            return self.text[start:end]
        added = {k: v for k, v in model.model_dump(exclude_defaults=True).items() if k not in old}
        main = self._main(unit)
        try:
            text = self._merged(unit, main, old, full, added, list(type(model).model_fields))
            if _entry_data_equal(text, unit, model):
                return text
        except (LayoutError, KeyError, IndexError, TypeError, ValueError, AttributeError):
            pass  # tomlkit cannot edit this layout cleanly: canonical, comments kept
        sections = [self.sections[i] for i in self.units[unit]]
        notes = collect(sections)
        keep = {path: note.fields() for path, note in notes.items()}
        in_array = isinstance(unit[-1], int)
        found = blocks(model, unit, in_array=in_array, keep=keep)
        return weave(found, notes, []) + "\n"

    def _merged(
        self,
        unit: Path,
        main: Section | None,
        old: dict[str, Any],
        full: dict[str, Any],
        added: dict[str, Any],
        order: list[str],
    ) -> str:
        """The unit's text with `added` keys written and the keys of `old` set to `full`."""
        import tomlkit

        start, end = self._span(unit)
        text = _with_keys(self.text[start:end], start, main, added, order)
        document = tomlkit.parse(text)
        table: Any = document
        for part in unit:
            table = table[0] if isinstance(part, int) else table[part]
        removed: set[str] = set()
        for key, was in old.items():
            target = full.get(key)
            if target is None:
                del table[key]
                removed.add(key)
            elif not _same(was, target):
                _set(table, key, was, target)
        edited = document.as_string()
        _check_comments_kept(text, edited, main, removed)
        return edited

    # --- where things are ---------------------------------------------------------------

    def _main(self, unit: Path) -> Section | None:
        """The section whose header names the unit itself (the top-level keys for `()`)."""
        for index in self.units.get(unit, []):
            if self.sections[index].path == unit:
                return self.sections[index]
        return None

    def _span(self, unit: Path) -> tuple[int, int]:
        """Where a unit's text starts (its lead) and ends (its trailer); it must be in one piece."""
        indices = self.units[unit]
        if indices != list(range(indices[0], indices[-1] + 1)):
            raise LayoutError(f"{'.'.join(map(str, unit))} is written in pieces")
        return self.sections[indices[0]].start, self.sections[indices[-1]].end

    def _end_before(self, path: Path) -> int:
        """Where something new at `path` goes: after what precedes it in the canonical order."""
        parent, name = path[:-1], path[-1]
        names = list(self.classes[parent].model_fields)
        for previous in reversed(names[: names.index(str(name))]):
            ends = [self._span(u)[1] for u in self.units if u[: len(path)] == (*parent, previous)]
            if ends:
                return max(ends)
        if parent in self.units:
            return self._span(parent)[1]
        return self._end_before(parent) if parent else 0

    # --- edits --------------------------------------------------------------------------

    def _replace(self, unit: Path, text: str) -> None:
        start, end = self._span(unit)
        self.edits.append((start, end, len(self.edits), text))

    def _delete(self, unit: Path) -> None:
        start, end = self._span(unit)
        self.edits.append((start, end, len(self.edits), None))

    def _insert(self, at: int, text: str) -> None:
        self.edits.append((at, at, len(self.edits), text))

    def _apply(self) -> str:
        """The text with every edit made; one blank line where an entry was added or removed."""
        removed = sorted((s, e) for s, e, _, t in self.edits if t is None)
        out = _Output()
        position = 0
        for start, end, _, new in sorted(self._moved_out_of(removed)):
            out.original(self.text[position : max(start, position)])
            if start == end:
                out.block(new or "")
            elif new is None:
                out.gap()
            else:
                out.original(new)
            position = max(position, end)
        out.original(self.text[position:])
        return out.text()

    def _moved_out_of(self, removed: list[tuple[int, int]]) -> list[_Edit]:
        """Insertions that fell inside a removed unit, moved to where it started."""
        starts = [r_start for r_start, _ in removed]
        edits = []
        for start, end, order, new in self.edits:
            index = bisect.bisect_left(starts, start) - 1
            if start == end and index >= 0 and start <= removed[index][1]:
                start = end = removed[index][0]
            edits.append((start, end, order, new))
        return edits


class _Output:
    """Text built from pieces; where an entry was added or removed, one blank line joins."""

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.join = False

    def original(self, text: str) -> None:
        """Add text as it is (the original, or an entry's edited text)."""
        if self.join:
            text = text.lstrip("\n")
            if text:
                self._blank_line()
        if text:
            self.parts.append(text)

    def block(self, text: str) -> None:
        """Add an entry with a blank line before and after it."""
        self.join = True
        self.original(text)
        self.join = True

    def gap(self) -> None:
        """Note that something was removed here."""
        self.join = True

    def text(self) -> str:
        if self.join:
            self._blank_line()
            self.parts[-1:] = [self.parts[-1].rstrip("\n") + "\n"] if self.parts else []
        return "".join(self.parts)

    def _blank_line(self) -> None:
        while self.parts and self.parts[-1].endswith("\n"):
            last = self.parts.pop().rstrip("\n")
            if last:
                self.parts.append(last)
                break
        if self.parts:
            self.parts.append("\n\n")
        self.join = False


# --- helpers ------------------------------------------------------------------------------


def _with_keys(
    text: str, base: int, main: Section | None, added: dict[str, Any], order: list[str]
) -> str:
    """`text` with a `key = value` line per added key, after the key that precedes it."""
    if not added:
        return text
    if main is None:
        raise LayoutError("no table to add keys to")
    rank = {name: i for i, name in enumerate(order)}
    at: dict[int, list[str]] = {}
    for name, value in added.items():
        position = main.header_end
        for statement in main.statements:
            if rank.get(statement.key, len(rank)) < rank[name]:
                position = statement.end
        at.setdefault(position - base, []).append(f"{key_text(name)} = {value_text(value)}\n")
    for position in sorted(at, reverse=True):
        lead = "" if position == 0 or text[position - 1] == "\n" else "\n"
        text = text[:position] + lead + "".join(at[position]) + text[position:]
    return text


def _check_comments_kept(before: str, after: str, main: Section | None, removed: set[str]) -> None:
    """Raise `LayoutError` if an edit lost a comment (other than one on a removed key)."""
    lost = Counter(comments_of(scan(before).sections)) - Counter(comments_of(scan(after).sections))
    allowed = Counter(
        comment
        for statement in (main.statements if main else [])
        if statement.key in removed
        for comment in [*statement.inner, *([statement.inline] if statement.inline else [])]
    )
    if lost - allowed:
        raise LayoutError("an edit would drop a comment")


def _set(table: Any, key: str, was: Any, target: Any) -> None:
    """Set `table[key]` from `was` to `target`, inside a sub-table or array where it can."""
    from tomlkit.items import Array, InlineTable

    item = table[key]
    if (
        isinstance(target, dict)
        and isinstance(was, dict)
        and isinstance(item, MutableMapping)  # a sub-table, or dotted keys
        and not isinstance(item, InlineTable)  # which holds no comments: rewritten whole
    ):
        for k, v in was.items():
            if k not in target:
                del item[k]
            elif not _same(v, target[k]):
                _set(item, k, v, target[k])
        for k, v in target.items():
            if k not in was:
                item[k] = _item(v)
    elif (
        isinstance(target, list)
        and isinstance(was, list)
        and isinstance(item, Array)
        and len(was) == len(target)
    ):
        for index, (v, t) in enumerate(zip(was, target, strict=True)):
            if not _same(v, t):
                item[index] = _item(t)
    else:
        table[key] = _item(target)


def _item(value: Any) -> Any:
    """A tomlkit item spelled as the canonical form spells `value`."""
    import tomlkit

    return tomlkit.value(value_text(value))


def _canonical(model: BaseModel, path: Path, *, in_array: bool = False) -> str:
    """A new table or entry in canonical form, as it would be in a new file."""
    return "\n\n".join(b.text() for b in blocks(model, path, in_array=in_array)) + "\n"


def _entry_data_equal(text: str, unit: Path, model: BaseModel) -> bool:
    """True when the unit's text alone reads back as `model`."""
    try:
        node: Any = tomllib.loads(text)
        for part in unit:
            node = node[0] if isinstance(part, int) else node[part]
        return type(model).model_validate(node) == model
    except (tomllib.TOMLDecodeError, KeyError, IndexError, TypeError, ValueError):
        return False


def _match(old: list[Identity], new: list[Identity]) -> tuple[dict[int, int], dict[int, int]]:
    """Pair new entries with old ones: `kept` (new → old, in order) and `moved` (new → old)."""
    if old == new:
        return {j: j for j in range(len(new))}, {}
    kept: dict[int, int] = {}
    gone: list[int] = []
    came: list[int] = []
    groups: list[tuple[list[int], list[int]]] = []
    matcher = difflib.SequenceMatcher(None, old, new, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            kept.update(zip(range(j1, j2), range(i1, i2), strict=True))
        else:
            groups.append((list(range(i1, i2)), list(range(j1, j2))))
            gone += range(i1, i2)
            came += range(j1, j2)
    by_key = {old[i]: i for i in gone if old[i][0] != "content"}
    moved = {j: by_key[new[j]] for j in came if new[j] in by_key}
    for olds, news in groups:  # what is left of a changed stretch pairs up in order (a rename)
        olds = [i for i in olds if i not in moved.values()]
        news = [j for j in news if j not in moved]
        kept.update(zip(news, olds, strict=False))
    return kept, moved


def _identity(data: dict[str, Any], cls: type[BaseModel] | None) -> Identity:
    """What identifies an entry across saves: its id, its pair, else its non-default content."""
    if "id" in data and isinstance(data["id"], str):
        return ("id", data["id"])
    between = data.get("between")
    if isinstance(between, list) and all(isinstance(b, str) for b in between):
        return ("between", frozenset(between))
    defaults = _defaults(cls) if cls else {}
    return ("content", _frozen({k: v for k, v in data.items() if defaults.get(k, _REQUIRED) != v}))


def _frozen(value: Any) -> Hashable:
    """A hashable form of plain data where 1 and 1.0 are the same."""
    if isinstance(value, dict):
        return tuple(sorted((k, _frozen(v)) for k, v in value.items()))
    if isinstance(value, list | tuple):
        return tuple(_frozen(v) for v in value)
    if isinstance(value, int | float) and not isinstance(value, bool):
        return float(value)
    return value


def _unchanged(
    old: dict[str, Any],
    full: dict[str, Any],
    cls: type[BaseModel],
    same: Callable[[Any, Any], bool] = operator.eq,
) -> bool:
    """True when the keys written (`old`) hold `full`, and every key not written is a default."""
    defaults = _defaults(cls)
    if any(k not in full for k in old):
        return False
    return all(
        same(old[k], v) if k in old else defaults.get(k, _REQUIRED) == v for k, v in full.items()
    )


def _same(a: Any, b: Any) -> bool:
    """Equal as TOML data: 1 and 1.0 alike, but true is not 1."""
    if isinstance(a, bool) or isinstance(b, bool):
        return type(a) is type(b) and a == b
    if isinstance(a, dict) and isinstance(b, dict):
        return a.keys() == b.keys() and all(_same(a[k], b[k]) for k in a)
    if isinstance(a, list | tuple) and isinstance(b, list | tuple):
        return len(a) == len(b) and all(_same(x, y) for x, y in zip(a, b, strict=True))
    if isinstance(a, int | float) and isinstance(b, int | float):
        return a == b
    return type(a) is type(b) and a == b


@functools.cache
def _kinds(cls: type[BaseModel]) -> dict[str, str]:
    """How each field of a table is written (see `field_kind`)."""
    return {name: field_kind(cls, name)[0] for name in cls.model_fields}


@functools.cache
def _defaults(cls: type[BaseModel]) -> dict[str, Any]:
    """Each optional field's default value."""
    return {
        name: info.get_default(call_default_factory=True)
        for name, info in cls.model_fields.items()
        if not info.is_required()
    }
