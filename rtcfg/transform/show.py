"""`rtcfg show`: every effective setting of a profile, with where its value comes from: the
file and line that set it, or the default the API documents for a setting left out."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from rtcfg import dialects
from rtcfg.check.result import Profile
from rtcfg.core import datapath
from rtcfg.core.secrets import is_secret_place, mask, written_form
from rtcfg.transform.diff import ToolKey, dotted
from rtcfg.transform.render import ordered_session

# Objects whose inside is data, not settings: shown as one value.
_OPAQUE = frozenset({"parameters", "headers", "metadata", "variables", "allowed_tools", "require_approval", "format"})
# Lists of tools, shown tool by tool under the tool's name (a Live session's are its backend's).
_TOOL_LISTS = (("tools",), ("delegation", "responses", "tools"))


@dataclass(frozen=True)
class Setting:
    path: str  # session terms, tools by identity: tools[lookup].description
    value: Any  # masked where it is a secret
    file: str | None  # None: the API's documented default
    line: int | None
    written: str | None = None  # the `${...}` text the value was read through, if any

    @property
    def is_default(self) -> bool:
        return self.file is None


def settings(profile: Profile) -> list[Setting]:
    """The settings a valid profile makes, then the documented defaults of those it leaves out."""
    assert profile.dialect and profile.kind and profile.view is not None
    session = ordered_session(profile)
    session.pop("client_secret", None)  # part of the create request, not of the session
    rows: list[Setting] = []

    references = profile.view.references

    def leaf(doc_path: tuple[Any, ...], shown: tuple[Any, ...], value: Any) -> None:
        where = (*profile.prefix, *doc_path)
        file, line, _ = profile.view.locate(where)
        written = references.get(where)
        if written is not None and is_secret_place(doc_path):
            written = written_form(written)  # how it is written: ${TOKEN}, a literal masked
        rows.append(Setting(dotted(shown), mask(doc_path, value), file, line, written))

    def visit(value: Any, doc_path: tuple[Any, ...], shown: tuple[Any, ...]) -> None:
        key = doc_path[-1] if doc_path else None
        if isinstance(value, dict) and value and key not in _OPAQUE:
            for k, v in value.items():
                visit(v, (*doc_path, k), (*shown, k))
        elif (
            isinstance(value, list)
            and value
            and key not in _OPAQUE
            and all(isinstance(v, dict) for v in value)
            and doc_path not in _TOOL_LISTS
        ):
            for i, item in enumerate(value):  # triggers, questions, startup history: item by item
                visit(item, (*doc_path, i), (*shown, i))
        elif doc_path in _TOOL_LISTS and value:
            for i, tool in enumerate(value):
                name = tool.get("server_label") if tool.get("type") == "mcp" else tool.get("name")
                visit(tool, (*doc_path, i), (*shown, ToolKey(name if isinstance(name, str) else f"#{i}")))
        else:
            leaf(doc_path, shown, value)

    visit(session, (), ())
    facts = dialects.facts(profile.dialect)
    for path, default in facts.DEFAULTS[profile.kind].items():
        if not _set_or_under_null(session, path):
            rows.append(Setting(dotted(path), default, None, None))
    td_path = facts.PLACES.get("turn_detection", ())
    td = datapath.get(session, td_path) if td_path else None
    if isinstance(td, dict):
        for key, default in facts.VAD_DEFAULTS.get(td.get("type", facts.VAD_DEFAULT_TYPE), {}).items():
            if key not in td:
                rows.append(Setting(dotted((*td_path, key)), default, None, None))
    return rows


def _set_or_under_null(session: dict[str, Any], path: tuple[str, ...]) -> bool:
    """The profile sets this path, or sets one of its parents (to null or to an object)."""
    return any(
        datapath.has(session, path[:n])
        for n in range(len(path), 0, -1)
        if n == len(path) or datapath.get(session, path[:n]) is None
    )


def shown(value: Any, limit: int = 100) -> str:
    """A value as one line of JSON, shortened in the middle of long strings."""
    text = json.dumps(value, ensure_ascii=False)
    return text if len(text) <= limit else text[: limit - 12] + " … " + text[-8:]
