"""Which values are secrets, and how they are shown: the one masking of every output.

A secret is decided by its key, never by the look of its value: MCP `authorization`, the
values of MCP `headers`, and the credentials inside a `server_url`
(`https://user:password@host`). Whatever such a key holds (a literal, a value read through
`${VAR}`, a number, text that only looks like `${...}`) is masked. A value read from the
environment is never echoed either, wherever it appears: it is shown as the `${VAR}` that
read it. How a secret is written in the profile may be shown where it holds nothing but
references (`${MCP_TOKEN}`, `Bearer ${MCP_TOKEN}`), with their defaults masked.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import date
from typing import Any

REFERENCE = re.compile(r"\$\{[A-Za-z_][A-Za-z0-9_]*(:-[^}]*)?\}")
MASK = "********"
_TOKEN_MIN = 8  # a word this long at a secret place may be a token: "Bearer" stays readable
_ENV_MIN = 4  # environment values shorter than this (RELEASE=1) would mask every digit
_URL_CREDENTIALS = re.compile(r"^([A-Za-z][A-Za-z0-9+.-]*://)([^/@\s]+)@")
_SCALAR = (str, int, float, bool, date)  # a YAML date at a secret place is a secret too


def is_secret_place(path: tuple[Any, ...]) -> bool:
    """`tools[..].authorization` and `tools[..].headers.<name>` (session-relative paths)."""
    if not path or path[0] != "tools":
        return False
    return path[-1] == "authorization" or (len(path) >= 2 and path[-2] == "headers")


def is_url_place(path: tuple[Any, ...]) -> bool:
    return len(path) >= 3 and path[0] == "tools" and path[-1] == "server_url"


def literal(value: str) -> bool:
    """A non-empty string that is not (or does not contain) an environment reference."""
    return bool(value.strip()) and not REFERENCE.search(value)


def values_in(session: Any) -> dict[str, str]:
    """What no output may quote, in a message or a line of the file, and what to show
    instead: every value at a secret place (and each of its words long enough to be a
    token) -> the mask; the credentials of a server_url -> the mask. Only tools hold secret
    places, so only they are read (a profile's instructions can be megabytes)."""
    found: dict[str, str] = {}
    tools = session.get("tools") if isinstance(session, dict) else None
    if not isinstance(tools, list):
        return found
    for tool in tools:
        if not isinstance(tool, dict):
            continue
        headers = tool.get("headers")
        held = [tool.get("authorization"), *(headers.values() if isinstance(headers, dict) else ())]
        for value in held:
            if isinstance(value, _SCALAR) and not isinstance(value, bool) and str(value).strip():
                text = str(value)
                found[text] = MASK
                found.update((word, MASK) for word in text.split() if len(word) >= _TOKEN_MIN)
        url = tool.get("server_url")
        m = _URL_CREDENTIALS.match(url) if isinstance(url, str) else None
        if m:
            found[m.group(2)] = MASK
    return found


def environment_values(read: Mapping[str, str]) -> dict[str, str]:
    """Values read from the environment (variable name -> value) -> how to show them."""
    return {value: "${" + name + "}" for name, value in read.items() if len(value) >= _ENV_MIN}


def hide(text: str, secrets: Mapping[str, str]) -> str:
    """`text` with every secret value replaced by how it may be shown, the longest first."""
    if not secrets or not text:
        return text
    for secret in sorted(secrets, key=len, reverse=True):
        if secret in text:
            text = text.replace(secret, secrets[secret])
    return text


def written_form(written: str) -> str:
    """How a secret-place value is written, safe to show: references kept (their defaults
    masked), any literal word long enough to be a token masked."""
    parts = []
    last = 0
    for m in REFERENCE.finditer(written):
        parts.append(_mask_words(written[last : m.start()]))
        ref = m.group(0)
        parts.append(ref if not m.group(1) or m.group(1) == ":-" else ref[: ref.index(":-") + 2] + MASK + "}")
        last = m.end()
    parts.append(_mask_words(written[last:]))
    return "".join(parts)


def _mask_words(text: str) -> str:
    return " ".join(MASK if len(word) >= _TOKEN_MIN else word for word in text.split(" "))


def mask(path: tuple[Any, ...], value: Any) -> Any:
    """The value as it may be shown: whatever a secret place holds masked, recursively, and
    the credentials of a server_url."""
    if isinstance(value, dict):
        return {k: mask((*path, k), v) for k, v in value.items()}
    if isinstance(value, list):
        return [mask((*path, i), v) for i, v in enumerate(value)]
    if is_secret_place(path) and value is not None and value != "":
        return MASK
    if is_url_place(path) and isinstance(value, str):
        return _URL_CREDENTIALS.sub(lambda m: m.group(1) + MASK + "@", value)
    return value
