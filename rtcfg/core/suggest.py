"""Did-you-mean: the spelling a user most likely meant."""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable

_CAMEL = re.compile(r"(?<=[a-z0-9])([A-Z])")


def snake_case(name: str) -> str:
    return _CAMEL.sub(r"_\1", name).replace("-", "_").lower()


def close_match(name: str, choices: Iterable[str]) -> str | None:
    choices = list(choices)
    snake = snake_case(name)
    if snake != name and snake in choices:
        return snake
    found = difflib.get_close_matches(snake, choices, n=1, cutoff=0.75)
    return found[0] if found else None
