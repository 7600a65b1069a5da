"""The type walk that tells union tags from keys, on every supported Python and pydantic."""

from __future__ import annotations

from typing import Any, Optional

import pytest
from pydantic import BaseModel

from rtcfg.check import typewalk
from rtcfg.dialects.ga import models as ga


class _Item(BaseModel):
    name: str


@pytest.mark.parametrize(
    ("tp", "expected"),
    [
        (_Item, True),
        (BaseModel, True),
        # On Python 3.10 a parameterized generic passes isinstance(tp, type), and
        # issubclass() then raises: none of these is a model.
        (list[str], False),
        (dict[str, int], False),
        (list[_Item], False),
        (Optional[_Item], False),  # noqa: UP045 - the typing form is what models are written with
        (int, False),
        ("name", False),
        (None, False),
    ],
)
def test_is_model(tp: Any, expected: bool) -> None:
    assert typewalk.is_model(tp) is expected


def test_walk_through_a_list_of_tools_to_an_unknown_key() -> None:
    # An unknown key inside a tool ended in a TypeError on Python 3.10 with pydantic 2.7-2.10.
    step = typewalk.walk(ga.ROOT, ("realtime", "tools", 0, "function", "strict"))
    assert step.path[-1] == "strict" and step.leaf is None and step.parent is not None
    assert "name" in typewalk.fields_of(step.parent)
