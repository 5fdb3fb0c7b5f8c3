"""The canonical writer spells every value exactly as tomli-w does, without a tomli-w call per
scalar (issue 19: 454k calls made `fmt` slow at 10,000 activities)."""

from __future__ import annotations

import datetime
from typing import Any

import tomli_w
from hypothesis import given
from hypothesis import strategies as st

from integrate_tui.files.canonical import key_text, value_text
from integrate_tui.files.locate import BARE_KEY

scalars = st.one_of(
    st.integers(min_value=-(2**63), max_value=2**63 - 1),
    st.floats(),
    st.floats(min_value=-1e16, max_value=1e16).map(round).map(float),
    st.text(),
    st.text(alphabet=st.characters(codec="ascii")),
    st.booleans(),
    st.dates(),
    st.datetimes(timezones=st.just(datetime.UTC)),
)
values = st.recursive(
    scalars,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(), inner, max_size=4),
    max_leaves=12,
)


def tomli_w_spelling(value: Any) -> str:
    """How the writer spelled values before: tomli-w for every scalar, integral floats as ints."""
    if isinstance(value, dict):
        if not value:
            return "{}"
        items = (f"{tomli_w_key(k)} = {tomli_w_spelling(v)}" for k, v in value.items())
        return "{ " + ", ".join(items) + " }"
    if isinstance(value, list):
        return "[" + ", ".join(tomli_w_spelling(v) for v in value) + "]"
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e15:
        value = int(value)
    return tomli_w.dumps({"v": value}).removeprefix("v = ").removesuffix("\n")


def tomli_w_key(key: str) -> str:
    return key if BARE_KEY.fullmatch(key) else tomli_w_spelling(key)


@given(scalars)
def test_scalars_are_spelled_as_tomli_w_spells_them(value: Any) -> None:
    assert value_text(value) == tomli_w_spelling(value)


@given(values)
def test_nested_values_are_spelled_as_before(value: Any) -> None:
    assert value_text(value) == tomli_w_spelling(value)


@given(st.text(min_size=1))
def test_keys_are_bare_or_quoted_as_before(key: str) -> None:
    assert key_text(key) == tomli_w_key(key)


def test_awkward_strings() -> None:
    for text in ['a"b', "back\\slash", "tab\there", "new\nline", "\x7f", "\x00", "é ∑ 🙂", ""]:
        assert value_text(text) == tomli_w_spelling(text)
