"""Text typed into the edit form is refused with a reason, never a traceback."""

from __future__ import annotations

import pytest

from integrate_tui.session.forms import RESPONSE, TABLE, Field, parse

RESPONSE_FIELD = Field("response", "Response", RESPONSE)
COST_FIELD = Field("cost", "Cost", TABLE)


@pytest.mark.parametrize(
    ("field", "text", "reason"),
    [
        (RESPONSE_FIELD, "[" * 600 + "]" * 600, "nesting deeper than"),
        (RESPONSE_FIELD, "[1, 2]", "[funding, fraction] points"),
        (RESPONSE_FIELD, '[[0, 0], "x"]', "[funding, fraction] points"),
        (RESPONSE_FIELD, "[[0, true]]", "[funding, fraction] points"),
        (COST_FIELD, "budget = " + "1" * 5000, "cannot read"),
        (COST_FIELD, "budget = {" * 600, "nesting deeper than"),
    ],
)
def test_hostile_form_text_is_a_value_error_naming_the_problem(
    field: Field, text: str, reason: str
) -> None:
    with pytest.raises(ValueError, match=reason.replace("[", r"\[")) as caught:
        parse(field, text)
    assert len(str(caught.value)) < 300


def test_good_form_text_still_parses() -> None:
    assert parse(RESPONSE_FIELD, "[[0, 0], [1, 1]]") == [[0.0, 0.0], [1.0, 1.0]]
    assert parse(COST_FIELD, "budget = 420, staff = 1") == {"budget": 420.0, "staff": 1.0}
