"""A function tool's `parameters`: a valid JSON Schema (by the `jsonschema` library's
metaschema, not by code of ours) whose root is an object, with no undefined `required`."""

from __future__ import annotations

import functools
import warnings
from collections.abc import Iterator
from typing import Any

from rtcfg.check.rules.parameters_fast import MAX_DEPTH, certainly_valid
from rtcfg.core.diagnostics import Path
from rtcfg.core.suggest import close_match

Finding = tuple[str, str, Path, "str | None"]

_MAX_SCHEMA_ERRORS = 5  # per tool: the first few say what is wrong; the rest is noise
_TYPES = ("string", "number", "integer", "boolean", "object", "array", "null")
# Keywords whose values are schemas (or maps/lists of schemas), for walking nested objects.
_SUBSCHEMA_MAPS = ("properties", "patternProperties", "$defs", "definitions", "dependentSchemas")
_SUBSCHEMA_LISTS = ("allOf", "anyOf", "oneOf", "prefixItems")
_SUBSCHEMA_ONE = (
    "items",
    "additionalProperties",
    "not",
    "if",
    "then",
    "else",
    "contains",
    "propertyNames",
    "unevaluatedProperties",
    "unevaluatedItems",
    "additionalItems",
)


# Values in one tool's parameters schema that rtcfg checks: real ones have a few hundred; the
# metaschema check of a hostile 13 MB schema would take minutes.
MAX_VALUES = 20_000


def check_parameters(params: dict[str, Any]) -> list[Finding]:
    depth, values = measure(params, MAX_VALUES)
    if values > MAX_VALUES:
        return [
            (
                "RT008",
                f"the parameters schema holds more than {MAX_VALUES:,} values, the most rtcfg checks",
                (),
                "a function's arguments are described in far less: is this the schema you meant?",
            )
        ]
    if depth > MAX_DEPTH:
        # The metaschema check recurses a few frames a level: a hostile schema would run it
        # out of stack. No function's arguments nest anywhere near this deep.
        return [
            (
                "RT008",
                f"the parameters schema nests {depth} levels deep; rtcfg checks schemas up to {MAX_DEPTH}",
                (),
                "flatten the arguments: a model cannot fill a structure this deep either",
            )
        ]
    found = list(_metaschema(params))
    if found:
        return found  # a broken schema's structure cannot be trusted for the other checks
    if params and params.get("type") != "object":
        if "type" in params:
            found.append(
                (
                    "RT205",
                    f"the parameters schema has type {params['type']!r}; function arguments are an object",
                    ("type",),
                    None,
                )
            )
        else:
            found.append(("RT205", "the parameters schema has no type: object at its root", (), None))
    found += _undefined_required(params, ())
    return found


def measure(value: Any, stop_after: int) -> tuple[int, int]:
    """How deeply mappings and lists nest in `value`, and how many values it holds
    (iteratively: it may be very deep); stops counting past `stop_after` values."""
    deepest = count = 0
    stack = [(value, 1)]
    while stack and count <= stop_after:
        node, depth = stack.pop()
        count += 1
        if isinstance(node, dict):
            deepest = max(deepest, depth)
            stack.extend((v, depth + 1) for v in node.values())
        elif isinstance(node, list):
            deepest = max(deepest, depth)
            stack.extend((v, depth + 1) for v in node)
    return deepest, count


@functools.cache
def _metaschema_validator(cls: Any) -> Any:
    """One validator per draft and process: building it compiles the metaschema."""
    return cls(cls.META_SCHEMA)


def _metaschema(params: dict[str, Any]) -> Iterator[Finding]:
    if certainly_valid(params):
        return  # the plain shapes tools use; everything else goes to the library
    from jsonschema.validators import Draft202012Validator, validator_for

    with warnings.catch_warnings():
        # An unknown $schema makes validator_for warn; the default draft is the right answer.
        warnings.simplefilter("ignore")
        cls = validator_for(params, default=Draft202012Validator)
    for n, error in enumerate(_metaschema_validator(cls).iter_errors(params)):
        if n == _MAX_SCHEMA_ERRORS:
            break
        where = tuple(error.absolute_path)
        yield ("RT204", f"invalid JSON Schema: {_message(error)}", where, _hint(where, error.instance))


def _message(error: Any) -> str:
    text: str = error.message
    return text if len(text) <= 200 else text[:197] + "..."


def _hint(where: Path, value: Any) -> str | None:
    last = where[-1] if where else None
    if last == "type" and isinstance(value, str):
        guess = close_match(value, list(_TYPES))
        return (f"did you mean {guess!r}? " if guess else "") + "JSON Schema types: " + ", ".join(_TYPES)
    if last == "required" and isinstance(value, bool):
        return "required is a list of property names on the object schema, not a flag on a property"
    return None


_COMBINATORS = ("allOf", "anyOf", "oneOf")
_BRANCHES = ("not", "if", "then", "else")


def _undefined_required(schema: Any, at: Path, inherited: frozenset[str] = frozenset()) -> list[Finding]:
    """`required` entries no `properties` defines. A combinator branch (`anyOf: [{required:
    [email]}]`) may name the properties of the schema it sits in."""
    if not isinstance(schema, dict):
        return []
    found: list[Finding] = []
    required, props = schema.get("required"), schema.get("properties", {})
    defined = inherited | (frozenset(props) if isinstance(props, dict) else frozenset())
    # Properties may also come from elsewhere (a $ref, a combinator, patterns): only judge a
    # schema that defines its properties in one place.
    open_ended = any(k in schema for k in ("$ref", *_COMBINATORS, "patternProperties", "dependentSchemas", "if"))
    if isinstance(required, list) and isinstance(props, dict) and not open_ended:
        for i, name in enumerate(required):
            if isinstance(name, str) and name not in defined:
                guess = close_match(name, sorted(defined))
                found.append(
                    (
                        "RT206",
                        f"required names {name!r}, which properties does not define",
                        (*at, "required", i),
                        f"did you mean {guess!r}?" if guess else None,
                    )
                )
    for key, sub in schema.items():  # only the keywords this schema has
        if key in _SUBSCHEMA_MAPS and isinstance(sub, dict):
            for name, child in sub.items():
                found += _undefined_required(child, (*at, key, name))
        elif key in _SUBSCHEMA_LISTS and isinstance(sub, list):
            scope = defined if key in _COMBINATORS else frozenset()
            for i, child in enumerate(sub):
                found += _undefined_required(child, (*at, key, i), scope)
        elif key in _SUBSCHEMA_ONE and isinstance(sub, dict):
            found += _undefined_required(sub, (*at, key), defined if key in _BRANCHES else frozenset())
    return found
