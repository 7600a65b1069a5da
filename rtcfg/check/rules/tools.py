"""Tools: names, duplicates, forced choices, parameter schemas, MCP servers and secrets."""

from __future__ import annotations

import re
from typing import Any

from rtcfg.check.rules import Context
from rtcfg.check.rules.parameters import check_parameters
from rtcfg.core.diagnostics import SET, Edit, Fix
from rtcfg.core.secrets import literal
from rtcfg.core.suggest import close_match
from rtcfg.dialects import TOOL_CHOICE_MODES, capabilities

# OpenAI's function-name rule (Chat Completions FunctionObject); realtime integrations
# filter by it because one bad name rejects the whole session payload.
NAME = re.compile(r"[a-zA-Z0-9_-]{1,64}")


def _tools(ctx: Context) -> list[tuple[int, dict[str, Any]]]:
    return [(i, t) for i, t in enumerate(ctx.session.get("tools") or [])]


def _functions(ctx: Context) -> dict[str, int]:
    """Function names -> index of their first tool."""
    out: dict[str, int] = {}
    for i, tool in _tools(ctx):
        if tool["type"] == "function" and "name" in tool:
            out.setdefault(tool["name"], i)
    return out


def _servers(ctx: Context) -> dict[str, int]:
    out: dict[str, int] = {}
    for i, tool in _tools(ctx):
        if tool["type"] == "mcp":
            out.setdefault(tool["server_label"], i)
    return out


def names(ctx: Context) -> None:
    for i, tool in _tools(ctx):
        if tool["type"] != "function":
            continue
        if "name" not in tool:
            ctx.report(
                "RT203",
                "this function tool has no name, so the model can never call it",
                ("tools", i),
                "add name: with letters, digits, _ and -",
            )
        elif not NAME.fullmatch(tool["name"]):
            name = tool["name"]
            why = (
                "is longer than 64 characters"
                if len(name) > 64
                else ("is empty" if not name else "has characters other than letters, digits, _ and -")
            )
            fixed = re.sub(r"[^a-zA-Z0-9_-]+", "_", name)[:64].strip("_")
            ctx.report(
                "RT203",
                f"function name {name!r} {why}",
                ("tools", i, "name"),
                f"for example {fixed!r}" if fixed else None,
                _rename_tool(ctx, i, name, fixed),
            )


def _rename_tool(ctx: Context, i: int, name: str, fixed: str) -> Fix | None:
    """The tool renamed, with every tool_choice that names it: unsafe, the code that handles
    the function's calls knows it by its old name."""
    taken = {t.get("name") for _, t in _tools(ctx)}
    if not fixed or fixed in taken:
        return None
    edits = [Edit(SET, ("tools", i, "name"), fixed)]
    choice = ctx.get(("tool_choice",))
    if isinstance(choice, dict) and choice.get("type") == "function" and choice.get("name") == name:
        edits.append(Edit(SET, ("tool_choice", "name"), fixed))
    return Fix(
        False,
        f"rename function {name!r} to {fixed!r}" + (" and the tool_choice" if len(edits) > 1 else ""),
        tuple(edits),
    )


def duplicates(ctx: Context) -> None:
    seen: dict[tuple[str, str], int] = {}
    for i, tool in _tools(ctx):
        if tool["type"] == "function" and "name" in tool:
            key, what, leaf = ("function", tool["name"]), "function name", "name"
        elif tool["type"] == "mcp":
            key, what, leaf = ("mcp", tool["server_label"]), "MCP server_label", "server_label"
        else:
            continue
        if key in seen:
            ctx.report("RT202", f"{what} {key[1]!r} is already used by tools[{seen[key]}]", ("tools", i, leaf))
        else:
            seen[key] = i


def tool_choice(ctx: Context) -> None:
    if "tool_choice" not in ctx.session:
        return
    choice = ctx.session["tool_choice"]
    functions, servers = _functions(ctx), _servers(ctx)
    has_tools = bool(ctx.session.get("tools"))
    if choice == "required":
        if not has_tools:
            ctx.report("RT201", 'tool_choice is "required" but the session has no tools', ("tool_choice",))
        return
    path: tuple[str, ...]
    if isinstance(choice, str):
        if choice in TOOL_CHOICE_MODES:
            return
        # Beta takes a bare function name as a forced choice.
        name, path, kind = choice, ("tool_choice",), "function"
    elif choice["type"] == "function":
        name, path, kind = choice["name"], ("tool_choice", "name"), "function"
    else:
        name, path, kind = choice["server_label"], ("tool_choice", "server_label"), "mcp"
    known = functions if kind == "function" else servers
    if name in known:
        return
    what = "function" if kind == "function" else "MCP server_label"
    if not has_tools:
        ctx.report(
            "RT200",
            f"tool_choice forces the {what} {name!r}, but the session has no tools",
            path,
            "add the tool to tools",
        )
        return
    guess = close_match(name, sorted(known))
    listing = ", ".join(repr(k) for k in known) or "none"
    ctx.report(
        "RT200",
        f"tool_choice forces the {what} {name!r}, which is not in tools",
        path,
        f"did you mean {guess!r}?" if guess else f"the session defines: {listing}",
    )


def parameters(ctx: Context) -> None:
    for i, tool in _tools(ctx):
        if tool["type"] == "function" and "parameters" in tool:
            for code, message, where, hint in check_parameters(tool["parameters"]):
                ctx.report(code, message, ("tools", i, "parameters", *where), hint)


_SERVER_KEYS = ("server_url", "connector_id", "tunnel_id")


def mcp_servers(ctx: Context) -> None:
    for i, tool in _tools(ctx):
        if tool["type"] != "mcp":
            continue
        given = [k for k in _SERVER_KEYS if k in tool]
        if len(given) > 1:
            ctx.report(
                "RT207",
                f"this MCP tool sets {' and '.join(given)}; the API takes one of them",
                ("tools", i, given[1]),
                f"keep {given[0]} or {given[1]}, not both",
            )
        model = ctx.session.get("model")
        # Deprecated for models released after the cut-off: every model of the capability
        # table came out before it, so only a model rtcfg does not know, or one chosen when
        # connecting, may be such a model.
        if "connector_id" in tool and model not in capabilities.REALTIME_MODELS:
            which = (
                f"{model!r} is not a model rtcfg knows"
                if isinstance(model, str)
                else "the model is chosen when connecting"
            )
            ctx.report(
                "RT208",
                f"connector_id ({tool['connector_id']}) is deprecated for models released after "
                + capabilities.CONNECTOR_ID_DEPRECATED_AFTER_TEXT
                + f", and {which}",
                ("tools", i, "connector_id"),
            )


# A header whose name says it carries a credential, or a value that looks like one.
_SECRET_HEADER = re.compile(r"auth|token|secret|key|cookie|password|credential", re.I)
_SECRET_VALUE = re.compile(r"^(bearer|basic|token)\s+\S|^(sk|pk|rk|ghp|gho|xox[abp])[-_]", re.I)


def mcp_secrets(ctx: Context) -> None:
    for i, tool in _tools(ctx):
        if tool["type"] != "mcp":
            continue
        auth = tool.get("authorization")
        if isinstance(auth, str) and literal(auth) and ("tools", i, "authorization") not in ctx.references:
            ctx.report(
                "RT209",
                "authorization holds a literal token",
                ("tools", i, "authorization"),
                "write authorization: ${MCP_TOKEN} and set the variable where the profile is used",
            )
        for header, value in (tool.get("headers") or {}).items():
            if ("tools", i, "headers", header) in ctx.references:
                continue  # read from the environment: not in the repository
            if literal(value) and (_SECRET_HEADER.search(header) or _SECRET_VALUE.search(value)):
                var = re.sub(r"[^A-Z0-9]+", "_", header.upper()).strip("_") or "MCP_HEADER"
                ctx.report(
                    "RT209",
                    f"header {header!r} holds a literal credential",
                    ("tools", i, "headers", header),
                    f"write {header}: ${{{var}}} (keeping any 'Bearer ' prefix) and set the variable "
                    "where the profile is used",
                )


RULES = [names, duplicates, tool_choice, parameters, mcp_servers, mcp_secrets]
