"""Walk pydantic model types alongside an error's `loc`, or over a whole dialect.

pydantic puts union tags into `loc`; walking the types tells a tag from a key, finds the
model that owns a field (for did-you-mean), and the type expected at a place (for choices).
"""

from __future__ import annotations

import functools
import typing
from dataclasses import dataclass
from types import UnionType
from typing import Annotated, Any, Literal, Union, get_args, get_origin

from pydantic import BaseModel, Discriminator, Tag


@dataclass
class Step:
    path: list[str | int]
    parent: type[BaseModel] | None  # the model whose field the last path element is
    leaf: Any  # the type expected at the end of the path (None when the key is unknown)


def _unwrap(tp: Any) -> tuple[str, Any]:
    """Strip Annotated and Optional; report ("union", members) for a tagged union."""
    while True:
        origin = get_origin(tp)
        if origin is Annotated:
            base, *meta = get_args(tp)
            if any(isinstance(m, Discriminator) for m in meta):
                return "union", [a for a in get_args(base) if a is not type(None)]
            tp = base
        elif origin in (Union, UnionType):
            members = [a for a in get_args(tp) if a is not type(None)]
            if len(members) != 1:
                return "union", members
            tp = members[0]
        else:
            return "plain", tp


def is_model(tp: Any) -> bool:
    """Whether `tp` is a pydantic model class. A parameterized generic such as `list[str]`
    is not, though on Python 3.10 it passes `isinstance(tp, type)` and then makes
    `issubclass` raise."""
    return get_origin(tp) is None and isinstance(tp, type) and issubclass(tp, BaseModel)


def _tag_of(member: Any) -> str | None:
    for meta in get_args(member)[1:] if get_origin(member) is Annotated else ():
        if isinstance(meta, Tag):
            return meta.tag
    return None


@functools.cache
def fields_of(model: type[BaseModel]) -> dict[str, Any]:
    return typing.get_type_hints(model, include_extras=True)


def walk(root: Any, loc: tuple[str | int, ...]) -> Step:
    step = Step([], None, root)
    tp: Any = root
    for elem in loc:
        kind, tp = _unwrap(tp)
        if kind == "union":
            tp = next((m for m in tp if _tag_of(m) == elem), None)
            continue  # a tag, not a key
        if is_model(tp):
            step.parent = tp
            tp = fields_of(tp).get(elem) if isinstance(elem, str) else None
        elif get_origin(tp) is list:
            tp = get_args(tp)[0]
        elif get_origin(tp) is dict:
            tp = get_args(tp)[1]
        else:
            tp = None
        step.path.append(elem)
    step.leaf = tp
    return step


def literal_values(tp: Any) -> list[Any]:
    kind, tp = _unwrap(tp)
    if kind == "plain" and get_origin(tp) is Literal:
        return list(get_args(tp))
    return []


def union_types(tp: Any) -> list[str]:
    """The `type` values a tagged union accepts for objects."""
    kind, members = _unwrap(tp)
    if kind != "union":
        return []
    return [t for t in (_tag_of(m) for m in members) if t and t not in ("string", "array", "object")]


# -- where a key lives elsewhere in the same dialect ------------------------------------------


def _models_in(tp: Any) -> list[type[BaseModel]]:
    kind, inner = _unwrap(tp)
    found: list[type[BaseModel]] = []
    for member in inner if kind == "union" else [inner]:
        _, member = _unwrap(member)
        if get_origin(member) in (list, dict):
            found += _models_in(get_args(member)[-1])
        elif is_model(member):
            found.append(member)
    return found


@functools.cache
def field_index(dialect_name: str) -> dict[str, list[str]]:
    """Every field name in a dialect's session tree -> the dotted places it appears."""
    index: dict[str, list[str]] = {}

    def visit(model: type[BaseModel], prefix: str) -> None:
        for name, ftp in fields_of(model).items():
            place = f"{prefix}.{name}" if prefix else name
            places = index.setdefault(name, [])
            if place not in places:
                places.append(place)
            for sub in _models_in(ftp):
                if sub is not model:
                    visit(sub, place)

    for model in _models_in(dialect_root(dialect_name)):
        visit(model, "")
    return index


def dialect_root(name: str) -> Any:
    if name == "live":
        from rtcfg.dialects.live import models as live

        return live.LiveSession
    from rtcfg.dialects.beta import models as beta
    from rtcfg.dialects.ga import models as ga

    return ga.ROOT if name == "ga" else Union[beta.RealtimeSession, beta.TranscriptionSession]
