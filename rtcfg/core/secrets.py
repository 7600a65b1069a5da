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


def values_in(session: Any, path: tuple[Any, ...] = ()) -> frozenset[str]:
    """Every string a session holds at a secret place, as the API would get it (a value
    read through `${VAR}` included), and each of its words long enough to be a token:
    what no output may quote, in a message or in a line of the file."""
    found: set[str] = set()
    if isinstance(session, dict):
        for key, value in session.items():
            found |= values_in(value, (*path, key))
    elif isinstance(session, list):
        for i, value in enumerate(session):
            found |= values_in(value, (*path, i))
    elif isinstance(session, str) and is_secret_place(path) and session.strip():
        found.add(session)
        found.update(word for word in session.split() if len(word) >= _TOKEN_MIN)
    return frozenset(found)


_TOKEN_MIN = 8  # "Bearer" and "Basic" stay readable; a token is longer


def hide(text: str, secrets: frozenset[str]) -> str:
    """`text` with every occurrence of a secret masked, the longest first."""
    if not secrets or not text:
        return text
    for secret in sorted(secrets, key=len, reverse=True):
        if secret in text:
            text = text.replace(secret, MASK)
    return text


def mask(path: tuple[Any, ...], value: Any) -> Any:
    """The value as it may be shown: secrets at secret places masked, recursively."""
    if isinstance(value, dict):
        return {k: mask((*path, k), v) for k, v in value.items()}
    if isinstance(value, list):
        return [mask((*path, i), v) for i, v in enumerate(value)]
    if isinstance(value, str) and is_secret_place(path) and literal(value):
        return MASK
    return value
