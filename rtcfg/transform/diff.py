"""What changed between two effective sessions, and what each change means for a live call.

Both sides are compared in the GA dialect (a beta side is converted first), so a beta profile
and its migration are equal. Mapping keys never compare by order; tools are matched by
identity (a function by `name`, an MCP server by `server_label`), so reordering them changes
nothing; every other list compares as one value.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from rtcfg import dialects
from rtcfg.check.result import Profile
from rtcfg.core import datapath
from rtcfg.dialects import ga as ga_facts
from rtcfg.dialects.beta import convert
from rtcfg.dialects.beta.convert import Change as ConversionStep
from rtcfg.transform.render import ordered_session

ADDED, REMOVED, CHANGED = "added", "removed", "changed"
NEW_SESSION, BEHAVIOUR = "new-session", "behaviour"
IMPACTS = (NEW_SESSION, BEHAVIOUR)


@dataclass(frozen=True)
class ToolKey:
    """A tool's identity in a path: `tools[lookup_order]`."""

    name: str

    def __str__(self) -> str:
        return self.name


@dataclass(frozen=True)
class Change:
    op: str
    path: tuple[Any, ...]
    old: Any
    new: Any
    impact: str
    why: str | None = None  # for a new-session change: what a live session cannot take

    @property
    def dotted(self) -> str:
        return dotted(self.path)


def dotted(path: tuple[Any, ...]) -> str:
    """`('tools', ToolKey('lookup'), 'description')` -> `tools[lookup].description`."""
    out = ""
    for elem in path:
        if isinstance(elem, (int, ToolKey)):
            out += f"[{elem}]"
        else:
            out += f".{elem}" if out else str(elem)
    return out


@dataclass
class Effective:
    session: dict[str, Any]
    converted: list[ConversionStep]  # what converting a beta side to GA changed


def effective(profile: Profile) -> Effective:
    """The session a valid profile sets, in GA terms (a Live session in its own)."""
    session = ordered_session(profile)
    if profile.dialect in (dialects.GA, dialects.LIVE):
        return Effective(session, [])
    assert profile.kind is not None
    done = convert.beta_to_ga(session, profile.kind)
    return Effective(done.session, [c for c in done.changes if c.lossy])


def compare(old: dict[str, Any], new: dict[str, Any], dialect: str = dialects.GA) -> list[Change]:
    """The changes from `old` to `new`, two sessions of one API (`dialect`: GA terms for
    Realtime, or Live), tools matched by name."""
    changes: list[Change] = []
    _walk(old, new, (), changes, old, new, dialect == dialects.LIVE)
    return changes


def _same(a: Any, b: Any) -> bool:
    """JSON equality: 1 == 1.0, but true is not 1 and the order of mapping keys is ignored."""
    if isinstance(a, bool) or isinstance(b, bool):
        return type(a) is type(b) and a == b
    if isinstance(a, dict) and isinstance(b, dict):
        return a.keys() == b.keys() and all(_same(a[k], b[k]) for k in a)
    if isinstance(a, list) and isinstance(b, list):
        return len(a) == len(b) and all(_same(x, y) for x, y in zip(a, b))
    if isinstance(a, (int, float)) and isinstance(b, (int, float)):
        return a == b
    return type(a) is type(b) and a == b


_TOOL_LISTS = (("tools",), ("delegation", "responses", "tools"))


def _walk(
    a: Any,
    b: Any,
    at: tuple[Any, ...],
    out: list[Change],
    root_a: dict[str, Any],
    root_b: dict[str, Any],
    live: bool = False,
) -> None:
    if at in _TOOL_LISTS and isinstance(a, list) and isinstance(b, list):
        a, b = _by_identity(a), _by_identity(b)
    if isinstance(a, dict) and isinstance(b, dict):
        for key in [*a, *(k for k in b if k not in a)]:
            path = (*at, key)
            if key not in b:
                out.append(_change(REMOVED, path, a[key], None, root_a, root_b, live))
            elif key not in a:
                out.append(_change(ADDED, path, None, b[key], root_a, root_b, live))
            else:
                _walk(a[key], b[key], path, out, root_a, root_b, live)
    elif not _same(a, b):
        out.append(_change(CHANGED, at, a, b, root_a, root_b, live))


def _by_identity(tools: list[Any]) -> dict[ToolKey, Any]:
    keyed: dict[ToolKey, Any] = {}
    for i, tool in enumerate(tools):
        name = tool.get("server_label") if tool.get("type") == "mcp" else tool.get("name")
        base = str(name) if isinstance(name, str) else f"#{i}"
        key, n = ToolKey(base), 1
        while key in keyed:  # duplicate names (RT202): the later ones by occurrence
            n += 1
            key = ToolKey(f"{base}#{n}")
        keyed[key] = tool
    return keyed


def _change(
    op: str,
    path: tuple[Any, ...],
    old: Any,
    new: Any,
    root_a: dict[str, Any],
    root_b: dict[str, Any],
    live: bool = False,
) -> Change:
    why = _live_needs_new_session(path, root_a, root_b) if live else _needs_new_session(path, old, root_a)
    return Change(op, path, old, new, NEW_SESSION if why else BEHAVIOUR, why)


def _live_needs_new_session(path: tuple[Any, ...], root_a: dict[str, Any], root_b: dict[str, Any]) -> str | None:
    """A Live session changes only delegation settings and triggers after startup; the
    delegation type is fixed too."""
    from rtcfg.dialects import live

    if not path:
        return None
    if path[0] not in live.MUTABLE:
        return "fixed at startup"
    if path[0] == "delegation":
        kind_a = (datapath.get(root_a, ("delegation",)) or {}).get("type", "client")
        kind_b = (datapath.get(root_b, ("delegation",)) or {}).get("type", "client")
        if kind_a != kind_b:
            return "the delegation type cannot change"
    return None


def _needs_new_session(path: tuple[Any, ...], old: Any, root_a: dict[str, Any]) -> str | None:
    """Why a live session cannot take this change through session.update (None: it can)."""
    # Both sides are compared in GA terms.
    for fixed, why in (
        (ga_facts.FIXED_AT_CREATE, "fixed when the session is created"),
        (ga_facts.FIXED_AT_CONNECT, "fixed when the connection opens"),
        (ga_facts.FIXED_ONCE_SPOKEN, "fixed once the model has spoken"),
    ):
        if path[: len(fixed)] == fixed:
            return why
    enabled = ga_facts.FIXED_ONCE_ENABLED
    if path[: len(enabled)] == enabled and datapath.get(root_a, enabled) is not None:
        return "fixed once enabled"
    return None
