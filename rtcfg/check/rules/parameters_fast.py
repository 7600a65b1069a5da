"""A fast, conservative answer to "is this a valid JSON Schema?" for the plain schemas that
function tools use (type, properties, required, enum, descriptions, ranges ...).

`certainly_valid` returns True only when every keyword is one it knows and every value has
the shape the Draft 2020-12 metaschema requires; anything else (an unknown keyword,
`$schema`, `$ref`, an odd value) returns False and the caller asks the jsonschema library,
which stays the authority. The metaschema walk costs milliseconds per schema (its
`$dynamicRef`s), which is most of the time on a repository of profiles with many tools.
tests/test_schema_fast.py checks, with hypothesis, that True always agrees with jsonschema.
"""

from __future__ import annotations

from typing import Any

_TYPES = frozenset({"string", "number", "integer", "boolean", "object", "array", "null"})
_TEXT = frozenset({"description", "title", "$comment", "pattern", "format", "contentMediaType", "contentEncoding"})
_NUMBER = frozenset({"minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum"})
_COUNT = frozenset(
    {"minLength", "maxLength", "minItems", "maxItems", "minProperties", "maxProperties", "minContains", "maxContains"}
)
_FLAG = frozenset({"uniqueItems", "readOnly", "writeOnly", "deprecated"})
_ONE_SCHEMA = frozenset(
    {
        "items",
        "additionalProperties",
        "not",
        "contains",
        "propertyNames",
        "if",
        "then",
        "else",
        "unevaluatedItems",
        "unevaluatedProperties",
    }
)
_SCHEMA_LISTS = frozenset({"allOf", "anyOf", "oneOf", "prefixItems"})
_SCHEMA_MAPS = frozenset({"properties", "patternProperties", "$defs", "dependentSchemas"})
MAX_DEPTH = 64  # deeper than any tool schema; rtcfg checks no deeper (rules/parameters.py)


def _number(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def _count(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and value >= 0


def _unique_strings(value: Any) -> bool:
    return isinstance(value, list) and all(isinstance(v, str) for v in value) and len(set(value)) == len(value)


def certainly_valid(schema: Any, depth: int = 0) -> bool:
    if isinstance(schema, bool):
        return True
    if not isinstance(schema, dict) or depth > MAX_DEPTH:
        return False
    for key, value in schema.items():
        if key == "type":
            ok = (
                value in _TYPES
                if isinstance(value, str)
                else (_unique_strings(value) and bool(value) and all(v in _TYPES for v in value))
            )
        elif key in _TEXT:
            ok = isinstance(value, str)
        elif key in _NUMBER:
            ok = _number(value)
        elif key == "multipleOf":
            ok = _number(value) and value > 0
        elif key in _COUNT:
            ok = _count(value)
        elif key in _FLAG:
            ok = isinstance(value, bool)
        elif key == "required":
            ok = _unique_strings(value)
        elif key in {"enum", "examples"}:
            ok = isinstance(value, list)
        elif key in ("const", "default"):
            ok = True
        elif key in _ONE_SCHEMA:
            ok = certainly_valid(value, depth + 1)
        elif key in _SCHEMA_LISTS:
            ok = isinstance(value, list) and bool(value) and all(certainly_valid(v, depth + 1) for v in value)
        elif key in _SCHEMA_MAPS:
            ok = isinstance(value, dict) and all(certainly_valid(v, depth + 1) for v in value.values())
        else:
            return False  # $schema, $ref, $id, unknown keywords ...: the library decides
        if not ok:
            return False
    return True
