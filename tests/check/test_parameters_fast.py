"""The fast path for tool parameter schemas never says "valid" where the jsonschema library's
Draft 2020-12 metaschema says "invalid" (hypothesis, over schema-shaped values that mix
valid and broken keywords), and it hands everything unusual to the library."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from jsonschema import Draft202012Validator

from rtcfg.check.rules.parameters_fast import certainly_valid

META = Draft202012Validator(Draft202012Validator.META_SCHEMA)

anything = st.recursive(
    st.none() | st.booleans() | st.integers(-3, 3) | st.floats(-2, 2, allow_nan=False) | st.text(max_size=5),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=4), inner, max_size=3),
    max_leaves=6,
)
type_values = st.sampled_from(["string", "integer", "object", "array", "strin", "", "null"]) | st.lists(
    st.sampled_from(["string", "integer", "null", "float"]), max_size=3
)


def schemas() -> Any:
    """Schema-shaped values: each keyword mostly with a value of the right kind, sometimes
    not, so that both answers of the fast path are exercised deeply."""

    def mostly(good: Any) -> Any:
        return st.one_of(good, good, good, good, good, good, anything)

    def with_children(children: Any) -> Any:
        names = st.text("abcxyz_", min_size=1, max_size=4)
        by_keyword = {
            "type": mostly(type_values),
            "description": mostly(st.text(max_size=8)),
            "title": mostly(st.text(max_size=8)),
            "pattern": mostly(st.text(max_size=5)),
            "format": mostly(st.sampled_from(["email", "date", "uri"])),
            "minimum": mostly(st.integers(-5, 5) | st.floats(-1, 1)),
            "exclusiveMinimum": mostly(st.integers(-5, 5)),
            "multipleOf": mostly(st.integers(-1, 3) | st.floats(0, 2)),
            "minLength": mostly(st.integers(-1, 4)),
            "maxItems": mostly(st.integers(-1, 4) | st.floats(0, 3)),
            "uniqueItems": mostly(st.booleans()),
            "readOnly": mostly(st.booleans()),
            "required": mostly(st.lists(names, max_size=3)),
            "enum": mostly(st.lists(anything, max_size=3)),
            "const": anything,
            "default": anything,
            "examples": mostly(st.lists(anything, max_size=2)),
            "items": mostly(children),
            "additionalProperties": mostly(children),
            "not": mostly(children),
            "anyOf": mostly(st.lists(children, max_size=3)),
            "allOf": mostly(st.lists(children, max_size=3)),
            "properties": mostly(st.dictionaries(names, children, max_size=3)),
            "$defs": mostly(st.dictionaries(names, children, max_size=2)),
            "$ref": st.just("#/$defs/a"),
            "x-vendor": anything,
        }
        keys = st.lists(st.sampled_from(sorted(by_keyword)), max_size=4, unique=True)
        return keys.flatmap(lambda chosen: st.fixed_dictionaries({k: by_keyword[k] for k in chosen}))

    return st.recursive(st.booleans() | st.just({}), with_children, max_leaves=15)


@settings(max_examples=600, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow])
@given(schemas())
def test_certainly_valid_agrees_with_the_metaschema(schema: Any) -> None:
    if certainly_valid(schema):
        assert META.is_valid(schema), schema


@pytest.mark.parametrize(
    "schema",
    [
        {"type": "object", "properties": {"id": {"type": "string", "description": "x"}}, "required": ["id"]},
        {"type": "object", "properties": {"n": {"type": ["integer", "null"], "minimum": 0}}},
        {"type": "object", "anyOf": [{"required": ["a"]}, {"required": ["b"]}]},
        {"type": "array", "items": {"enum": [1, "a", None]}, "maxItems": 3},
        True,
        {},
    ],
)
def test_plain_tool_schemas_take_the_fast_path(schema: Any) -> None:
    assert certainly_valid(schema) and META.is_valid(schema)


@pytest.mark.parametrize(
    "schema",
    [
        {"type": "strin"},
        {"properties": {"a": {"required": True}}},
        {"required": ["a", "a"]},
        {"minLength": -1},
        {"anyOf": []},
        {"multipleOf": 0},
        {"$ref": "#/$defs/x"},  # valid, but references are the library's to judge
        {"x-vendor": 1},  # valid (unknown keywords are allowed), but not the fast path's to say
        {"$schema": "http://json-schema.org/draft-07/schema#"},
    ],
)
def test_everything_else_goes_to_the_library(schema: Any) -> None:
    assert not certainly_valid(schema)
