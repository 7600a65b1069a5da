"""The Live API's rules beyond the shape (Live reference §4): transports, models and voices,
limits the types cannot say, delegation and its backend, Decisions, wake and idle, updates.

Token counts are estimates made offline (UTF-8 bytes / 4, what OpenAI's tokenizers average
on English text): the messages say "about", and RT407/RT408 can be turned off.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from typing import Any

from rtcfg.check.rules import Context, Rule
from rtcfg.core.codes import CODES
from rtcfg.core.diagnostics import Diagnostic, Path
from rtcfg.core.suggest import close_match
from rtcfg.dialects import capabilities
from rtcfg.dialects import live as facts


def estimated_tokens(text: str) -> int:
    return (len(text.encode("utf-8", "surrogatepass")) + 3) // 4


# -- what a session.update may not carry (run before the model, in the pipeline) --------------


def immutable_in_update(session: dict[str, Any], prefix: Path) -> list[Diagnostic]:
    """RT401 for each startup-only key in a Live session.update, with how to change it."""
    out = []
    entry = CODES["RT401"]
    for key in session:
        why = facts.IMMUTABLE_WHY.get(key)
        if why is not None:
            out.append(
                Diagnostic(
                    entry.severity,
                    "RT401",
                    f"{key!r} cannot change in a session.update: {why.split(':')[0]}",
                    (*prefix, key),
                    hint=why,
                )
            )
    return out


# -- transports ----------------------------------------------------------------------------------


def _transport(ctx: Context) -> None:
    kind = ctx.kind
    if kind not in facts.TRANSPORTS:
        return  # a neutral startup session takes the keys of any transport
    for path, allowed in facts.ONLY_ON.items():
        if kind in allowed or not ctx.has(path):
            continue
        if path == ("client",) and kind == facts.SIP:
            hint = "a SIP call has no WebRTC frontend: leave client out"
        elif path == ("audio", "format"):
            hint = "WebRTC and SIP negotiate their media format: leave audio.format out"
        elif path == ("type",):
            hint = "only a SIP accept body says type: live; leave it out"
        else:
            hint = "only a WebRTC create body takes it (a browser session that can pause)"
        where = " or ".join(facts.TRANSPORT_NAMES[t] for t in allowed)
        name = ".".join(path)
        ctx.report("RT402", f"{name} is not taken by {facts.TRANSPORT_NAMES[kind]} (only by {where})", path, hint)
    if kind == facts.SIP and ctx.session.get("type") != facts.SESSION_TYPE and "type" not in ctx.session:
        ctx.report("RT402", "a SIP accept body's session needs type: live", (), "add type: live")
    if kind == facts.WEBSOCKET and ctx.has(("client",)):
        ctx.report("RT411", "client permissions do nothing on a WebSocket session", ("client",))


# -- model, voice, audio -------------------------------------------------------------------------


def _model(ctx: Context) -> None:
    model = ctx.get(("model",))
    if not isinstance(model, str) or model in capabilities.LIVE_MODELS:
        return
    if "realtime" in model or model.startswith(("gpt-4o", "gpt-audio")):
        hint = "a Realtime model does not run on the Live API: use gpt-live-1.1 (or migrate the profile to Realtime)"
    elif "transcribe" in model:
        hint = f"{model} is a Realtime transcription model; the Live models are gpt-live-1.1 and gpt-live-1"
    else:
        guess = close_match(model, capabilities.LIVE_MODELS)
        hint = f"did you mean {guess!r}?" if guess else "the Live models are gpt-live-1.1 and gpt-live-1"
    ctx.report("RT403", f"{model!r} is not a Live model", ("model",), hint)


def _voice(ctx: Context) -> None:
    path = facts.PLACES["voice"]
    voice = ctx.get(path)
    if not isinstance(voice, str):
        return
    if voice in capabilities.TTS_VOICES:
        ctx.report("RT404", f"{voice!r} is a text-to-speech voice; the Live API refuses it", path)
    elif voice not in capabilities.LIVE_VOICES and voice not in capabilities.LIVE_DOC_ONLY_VOICES:
        guess = close_match(voice, capabilities.LIVE_VOICES)
        hint = f"did you mean {guess!r}?" if guess else "the Live voices: " + ", ".join(capabilities.LIVE_VOICES)
        ctx.report("RT405", f"{voice!r} is not a built-in Live voice", path, hint)


def _format(ctx: Context) -> None:
    fmt = ctx.get(facts.PLACES["format"])
    if isinstance(fmt, dict) and fmt.get("type") in facts.G711_TYPES and fmt.get("rate") != facts.G711_RATE:
        ctx.report(
            "RT406",
            f"{fmt['type']} at {fmt.get('rate')} Hz: G.711 audio uses {facts.G711_RATE} Hz",
            (*facts.PLACES["format"], "rate"),
            f"rate: {facts.G711_RATE}",
        )


# -- text limits ------------------------------------------------------------------------------------


def _limits(ctx: Context) -> None:
    instructions = ctx.get(("instructions",))
    if isinstance(instructions, str):
        n = estimated_tokens(instructions)
        if n > facts.MAX_INSTRUCTIONS_TOKENS:
            ctx.report(
                "RT407",
                f"instructions are about {n:,} tokens (estimated); the limit is {facts.MAX_INSTRUCTIONS_TOKENS:,}",
                ("instructions",),
            )
    items = ctx.get(("input",))
    if isinstance(items, list) and items:
        texts = [
            p.get("text", "")
            for i in items
            if isinstance(i, dict)
            for p in i.get("content") or []
            if isinstance(p, dict)
        ]
        n = sum(estimated_tokens(t) for t in texts if isinstance(t, str))
        if n > facts.MAX_INPUT_TOKENS:
            ctx.report(
                "RT408",
                f"the startup history is about {n:,} tokens (estimated); the default limit is "
                f"{facts.MAX_INPUT_TOKENS:,}",
                ("input",),
            )
        last = items[-1]
        if isinstance(last, dict) and last.get("role") == "developer":
            ctx.report(
                "RT409",
                "the startup history ends with a developer message: the model will not speak first because of it",
                ("input", len(items) - 1),
            )
    ident = ctx.get(("safety_identifier",))
    if isinstance(ident, str) and len(ident) > facts.MAX_SAFETY_IDENTIFIER:
        ctx.report(
            "RT410",
            f"safety_identifier is {len(ident)} characters; keep it to {facts.MAX_SAFETY_IDENTIFIER}",
            ("safety_identifier",),
        )


# -- delegation and the backend ------------------------------------------------------------------------


def _delegation(ctx: Context) -> None:
    delegation = ctx.get(("delegation",))
    if not isinstance(delegation, dict):
        return
    delay = delegation.get("acknowledgement_delay_ms")
    if isinstance(delay, int) and delay < 0:
        ctx.report("RT423", f"acknowledgement_delay_ms is {delay}", ("delegation", "acknowledgement_delay_ms"))
    backend = delegation.get("responses")
    if delegation.get("type") == "responses" and isinstance(backend, dict):
        _backend(ctx, backend)
    decisions = delegation.get("decisions")
    if delegation.get("type") == "decisions" and isinstance(decisions, dict):
        model = decisions.get("model")
        if isinstance(model, str) and model not in capabilities.DECISIONS_MODELS:
            ctx.report(
                "RT418",
                f"{model!r} is not a Decisions model",
                ("delegation", "decisions", "model"),
                f"model: {capabilities.DECISIONS_MODELS[0]}",
            )
        _questions(ctx, decisions.get("questions"), ("delegation", "decisions", "questions"))


_NAME = re.compile(r"[a-zA-Z0-9_-]{1,64}")


def _backend(ctx: Context, backend: dict[str, Any]) -> None:
    at = facts.PLACES["backend"]
    model = backend.get("model")
    if isinstance(model, str) and ("realtime" in model or model.startswith("gpt-live-")):
        ctx.report("RT412", f"{model!r} cannot be the Responses backend", (*at, "model"))
    if backend.get("service_tier") in facts.PILOT_SERVICE_TIERS:
        ctx.report("RT413", f"service_tier {backend['service_tier']!r} is a temporary pilot", (*at, "service_tier"))
    listed = backend.get("tools")
    tools: list[Any] = listed if isinstance(listed, list) else []
    functions: Counter[str] = Counter()
    labels: Counter[str] = Counter()
    for i, tool in enumerate(tools):
        if not isinstance(tool, dict):
            continue
        kind = tool.get("type")
        if kind == "function" and isinstance(tool.get("parameters"), dict):
            from rtcfg.check.rules.parameters import check_parameters

            for code, message, where, hint in check_parameters(tool["parameters"]):
                ctx.report(code, message, (*at, "tools", i, "parameters", *where), hint)
        if kind == "function" and isinstance(tool.get("name"), str):
            if not _NAME.fullmatch(tool["name"]):
                ctx.report(
                    "RT426",
                    f"backend function name {tool['name']!r} is not a valid tool name",
                    (*at, "tools", i, "name"),
                )
            functions[tool["name"]] += 1
            if functions[tool["name"]] == 2:
                ctx.report("RT416", f"two backend functions are named {tool['name']!r}", (*at, "tools", i, "name"))
        elif kind == "mcp":
            label = tool.get("server_label")
            if not isinstance(label, str):
                ctx.report("RT415", "a backend MCP tool without server_label", (*at, "tools", i))
            else:
                labels[label] += 1
                if labels[label] == 2:
                    ctx.report("RT416", f"two MCP tools have server_label {label!r}", (*at, "tools", i, "server_label"))
            if not any(tool.get(k) for k in ("server_url", "connector_id", "tunnel_id")):
                ctx.report(
                    "RT415", "a backend MCP tool with no server_url, connector_id or tunnel_id", (*at, "tools", i)
                )
            if tool.get("connector_id"):
                ctx.report(
                    "RT208",
                    f"connector_id ({tool['connector_id']}) is deprecated for models released after "
                    f"{capabilities.CONNECTOR_ID_DEPRECATED_AFTER_TEXT}",
                    (*at, "tools", i, "connector_id"),
                )
        elif kind in facts.TYPE_ONLY_TOOLS and len(tool) > 1:
            extra = ", ".join(sorted(k for k in tool if k != "type"))
            ctx.report("RT422", f"the {kind} tool has keys the Live types do not list: {extra}", (*at, "tools", i))
    _tool_choice(ctx, backend.get("tool_choice"), tools, functions, labels)


def _tool_choice(ctx: Context, choice: Any, tools: list[Any], functions: Counter[str], labels: Counter[str]) -> None:
    at: tuple[str | int, ...] = (*facts.PLACES["backend"], "tool_choice")
    if choice is None:
        return
    if choice == "required" and not tools:
        ctx.report("RT414", 'tool_choice is "required" but the backend has no tools', at)
        return
    if ctx.kind == facts.UPDATE and not tools:
        return  # an update that does not send tools keeps the running session's: nothing to compare
    choices = (
        choice.get("tools", []) if isinstance(choice, dict) and choice.get("type") == "allowed_tools" else [choice]
    )
    for n, one in enumerate(choices):
        if not isinstance(one, dict):
            continue
        where: tuple[str | int, ...] = at if one is choice else (*at, "tools", n)
        kinds = {t.get("type") for t in tools if isinstance(t, dict)}
        if one.get("type") == "function" and one.get("name") not in functions:
            hint = "functions: " + ", ".join(functions) if functions else "the backend has no function tools"
            ctx.report(
                "RT414", f"tool_choice names function {one.get('name')!r}, which no backend tool defines", where, hint
            )
        elif one.get("type") == "mcp" and one.get("server_label") not in labels:
            ctx.report("RT414", f"tool_choice names MCP server {one.get('server_label')!r}, which no tool has", where)
        elif one.get("type") not in ("function", "mcp", "custom", None) and one.get("type") not in kinds:
            ctx.report("RT414", f"tool_choice names the {one.get('type')} tool, which the backend does not have", where)


# -- Decisions and triggers --------------------------------------------------------------------------


def _triggers(ctx: Context) -> None:
    triggers = ctx.get(("triggers",))
    if not isinstance(triggers, list):
        return
    seen: set[str] = set()
    for i, trigger in enumerate(triggers):
        if not isinstance(trigger, dict):
            continue
        event = trigger.get("event_type")
        if isinstance(event, str):
            if event in seen:
                ctx.report("RT417", f"a second trigger for {event}", ("triggers", i, "event_type"))
            seen.add(event)
        decisions = trigger.get("decisions")
        if isinstance(decisions, dict):
            _questions(ctx, decisions.get("questions"), ("triggers", i, "decisions", "questions"))


_JSON_DEPTH, _JSON_VALUES, _JSON_BYTES = 32, 10_000, 256 * 1024


def _questions(ctx: Context, questions: Any, at: tuple[str | int, ...]) -> None:
    if not isinstance(questions, list):
        return
    for i, question in enumerate(questions):
        if not isinstance(question, dict):
            continue
        if question.get("type") == "choice" and isinstance(question.get("choices"), list):
            seen: set[tuple[str, Any]] = set()
            for j, option in enumerate(question["choices"]):
                if not isinstance(option, dict) or "value" not in option:
                    continue
                key = (type(option["value"]).__name__, option["value"])
                if key in seen:
                    ctx.report(
                        "RT419", f"choice value {option['value']!r} appears twice", (*at, i, "choices", j, "value")
                    )
                seen.add(key)
        if question.get("type") == "score" and isinstance(question.get("levels"), list) and len(question["levels"]) < 2:
            ctx.report("RT424", f"a score question with {len(question['levels'])} level(s)", (*at, i, "levels"))
        parts = question.get("instructions")
        for k, part in enumerate(parts if isinstance(parts, list) else []):
            if isinstance(part, dict) and part.get("type") == "input_json" and "data" in part:
                from rtcfg.check.rules.parameters import measure

                depth, values = measure(part["data"], stop_after=_JSON_VALUES)
                size = len(
                    json.dumps(part["data"], separators=(",", ":"), ensure_ascii=False).encode("utf-8", "surrogatepass")
                )
                if depth > _JSON_DEPTH or values > _JSON_VALUES or size > _JSON_BYTES:
                    counted = (  # the walk stops past the limit of values
                        f"at least {depth} levels, over {_JSON_VALUES:,} values"
                        if values > _JSON_VALUES
                        else f"{depth} levels, {values:,} values"
                    )
                    ctx.report(
                        "RT425",
                        f"input_json has {counted} and {size:,} bytes "
                        f"(limits: {_JSON_DEPTH}, {_JSON_VALUES:,}, {_JSON_BYTES:,})",
                        (*at, i, "instructions", k, "data"),
                    )


# -- wake, idle, updates ---------------------------------------------------------------------------------


def _wake(ctx: Context) -> None:
    wake, idle = ctx.has(("wake_policy",)), ctx.get(("idle_timeout_s",))
    if isinstance(idle, int) and idle <= 0:
        ctx.report("RT420", f"idle_timeout_s is {idle}; it must be a positive number of seconds", ("idle_timeout_s",))
    elif wake and idle is None:
        ctx.report("RT420", "a wake policy without idle_timeout_s: inference never pauses", ("wake_policy",))
    elif idle is not None and not wake:
        ctx.report("RT420", "idle_timeout_s without a speech wake policy", ("idle_timeout_s",))


def _update(ctx: Context) -> None:
    if ctx.kind != facts.UPDATE:
        return
    if not ctx.session:
        ctx.report("RT421", "the update changes nothing", ())
    elif "delegation" in ctx.session and ctx.session["delegation"] is None:
        ctx.report(
            "RT421",
            "delegation: null in an update means client delegation; the delegation type cannot change",
            ("delegation",),
            "leave delegation out to keep it",
        )


RULES: list[Rule] = [_transport, _model, _voice, _format, _limits, _delegation, _triggers, _wake, _update]
