"""Which values are secrets (MCP `authorization` and header values), and how they are shown.

`show` and `diff` never print a secret: a literal is masked, while an environment reference
(`${MCP_TOKEN}`) is not a secret and is shown as written.
"""

from __future__ import annotations

import re
from typing import Any

REFERENCE = re.compile(r"\$\{[A-Za-z_][A-Za-z0-9_]*(:-[^}]*)?\}")
MASK = "********"


def is_secret_place(path: tuple[Any, ...]) -> bool:
    """`tools[..].authorization` and `tools[..].headers.<name>` (session-relative paths)."""
    if not path or path[0] != "tools":
        return False
    return path[-1] == "authorization" or (len(path) >= 2 and path[-2] == "headers")


def literal(value: str) -> bool:
    """A non-empty string that is not (or does not contain) an environment reference."""
    return bool(value.strip()) and not REFERENCE.search(value)


def mask(path: tuple[Any, ...], value: Any) -> Any:
    """The value as it may be shown: secrets at secret places masked, recursively."""
    if isinstance(value, dict):
        return {k: mask((*path, k), v) for k, v in value.items()}
    if isinstance(value, list):
        return [mask((*path, i), v) for i, v in enumerate(value)]
    if isinstance(value, str) and is_secret_place(path) and literal(value):
        return MASK
    return value
