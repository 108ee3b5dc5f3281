"""A product's custom fields, and ``custom_data`` checked against them."""

from __future__ import annotations

from typing import Any

import pytest
from pydantic import ValidationError

from sagas.domain.custom_fields import CustomField, FieldType, validate_custom_data

FIELDS = [
    CustomField(
        key="size", label="Size", type=FieldType.SELECT, required=True, options=["S", "M", "L"]
    ),
    CustomField(key="engraving", label="Engraving", type=FieldType.TEXT),
    CustomField(key="age", label="Age", type=FieldType.NUMBER, required=True),
]


def codes(data: dict[str, Any] | None) -> list[tuple[str, str]]:
    return [(e.key, e.code) for e in validate_custom_data(FIELDS, data)]


def test_valid_data_has_no_errors() -> None:
    assert codes({"size": "M", "age": 30}) == []
    assert codes({"size": "L", "age": 2.5, "engraving": "hi"}) == []
    assert codes({"size": "S", "age": 0, "engraving": ""}) == []  # optional and empty


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (None, [("size", "missing_required"), ("age", "missing_required")]),
        ({"age": 1}, [("size", "missing_required")]),
        ({"size": "", "age": 1}, [("size", "missing_required")]),
        ({"size": None, "age": 1}, [("size", "missing_required")]),
        ({"size": "XL", "age": 1}, [("size", "invalid_option")]),
        ({"size": "m", "age": 1}, [("size", "invalid_option")]),  # options are exact
        ({"size": 1, "age": 1}, [("size", "wrong_type")]),
        ({"size": "M", "age": "30"}, [("age", "wrong_type")]),
        ({"size": "M", "age": True}, [("age", "wrong_type")]),
        ({"size": "M", "age": 1, "engraving": 5}, [("engraving", "wrong_type")]),
        ({"size": "M", "age": 1, "colour": "red"}, [("colour", "unknown_field")]),
        (
            {"zeta": 1, "alpha": 2},
            [
                ("alpha", "unknown_field"),
                ("zeta", "unknown_field"),
                ("size", "missing_required"),
                ("age", "missing_required"),
            ],
        ),
    ],
)
def test_every_problem_is_reported(
    data: dict[str, Any] | None, expected: list[tuple[str, str]]
) -> None:
    assert codes(data) == expected


def test_errors_carry_a_human_message() -> None:
    [error] = validate_custom_data(FIELDS, {"size": "XL", "age": 1})
    assert "Size" in error.message and "S" in error.message


def test_a_product_without_fields_accepts_only_empty_data() -> None:
    assert validate_custom_data([], {}) == []
    assert [e.code for e in validate_custom_data([], {"x": 1})] == ["unknown_field"]


@pytest.mark.parametrize(
    "raw",
    [
        {"key": "s", "label": "S", "type": "select"},
        {"key": "s", "label": "S", "type": "select", "options": []},
        {"key": "s", "label": "S", "type": "select", "options": ["a", "a"]},
        {"key": "t", "label": "T", "type": "text", "options": ["a"]},
        {"key": "n", "label": "N", "type": "number", "options": ["1"]},
        {"key": "bad key", "label": "B", "type": "text"},
        {"key": "", "label": "B", "type": "text"},
        {"key": "k", "label": "", "type": "text"},
        {"key": "k", "label": "K", "type": "date"},
    ],
)
def test_malformed_field_definitions_are_refused(raw: dict[str, Any]) -> None:
    with pytest.raises(ValidationError):
        CustomField.model_validate(raw)
