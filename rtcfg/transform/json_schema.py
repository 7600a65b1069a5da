"""`rtcfg schema`: the JSON Schema of the profile format, generated from the models, for
editors (yaml-language-server) and other tools.

The models are the truth; this module only shapes their schema for people: the three
profile shapes at the top, descriptions from the API reference on the fields people edit,
no `default: null` noise (an omitted key is not a null one), and the beta modality sets
the server accepts. What a schema cannot say (cross-field rules, deprecations) stays in
`rtcfg validate`.
"""

from __future__ import annotations

from typing import Any

from rtcfg import dialects
from rtcfg.core.codes import CODES
from rtcfg.dialects import capabilities
from rtcfg.dialects import ga as ga_facts

DRAFT = "https://json-schema.org/draft/2020-12/schema"

# (model, field) -> description, from the API reference (§2). Shown by editors on hover.
DESCRIPTIONS: dict[tuple[str, str], str] = {
    ("RealtimeSession", "type"): "realtime: a speech-to-speech session (GA requires the type).",
    (
        "RealtimeSession",
        "model",
    ): "The Realtime model. Fixed when the connection opens: a session.update cannot change it.",
    ("RealtimeSession", "output_modalities"): "Exactly one: [audio] (speech plus its transcript) or [text].",
    ("RealtimeSession", "instructions"): 'The system instructions. "" clears them.',
    (
        "RealtimeSession",
        "audio",
    ): "Input and output audio: formats, transcription, noise reduction, turn detection, voice.",
    ("RealtimeSession", "include"): "Extra fields in server events: item.input_audio_transcription.logprobs.",
    ("RealtimeSession", "tracing"): "auto, a tracing configuration, or null (off). Cannot change once enabled.",
    ("RealtimeSession", "tools"): "Function and MCP tools. [] removes all tools.",
    ("RealtimeSession", "tool_choice"): "auto (default), none, required, or force one tool: {type: function, name} "
    "or {type: mcp, server_label}.",
    (
        "RealtimeSession",
        "parallel_tool_calls",
    ): "Whether the model may call several tools at once (reasoning models only).",
    ("RealtimeSession", "reasoning"): "Reasoning effort, for reasoning models such as gpt-realtime-2.",
    (
        "RealtimeSession",
        "max_output_tokens",
    ): 'Tokens per response, tool calls included: 1 to 4096, or "inf" (default).',
    ("RealtimeSession", "truncation"): "How the context is truncated: auto (default), disabled, or a retention ratio.",
    ("RealtimeSession", "prompt"): "A stored prompt template and its variables, or null.",
    ("TranscriptionSession", "type"): "transcription: a session that turns speech into text and never answers.",
    ("AudioInput", "format"): "The input audio format. Telephony uses audio/pcmu (mu-law) or audio/pcma (A-law).",
    ("AudioInput", "transcription"): "Transcribe the user's audio (runs beside the model), or null (off).",
    ("AudioInput", "noise_reduction"): "near_field (headsets) or far_field (laptop and room mics), or null (off).",
    ("AudioInput", "turn_detection"): "server_vad or semantic_vad; null turns turn detection off (the client "
    "commits the audio and asks for responses).",
    ("AudioOutput", "format"): "The output audio format; the same as the input for telephony.",
    ("AudioOutput", "voice"): "A built-in voice (marin and cedar are recommended) or {id: voice_...}. Cannot "
    "change once the model has spoken.",
    ("AudioOutput", "speed"): "Speech speed, 0.25 to 1.5 (default 1.0); changes between turns.",
    ("AudioPCM", "rate"): f"Only {ga_facts.PCM_RATE} is supported.",
    (
        "Transcription",
        "model",
    ): "The transcription model, e.g. gpt-transcribe, gpt-live-transcribe, gpt-realtime-whisper.",
    (
        "Transcription",
        "language",
    ): "The input language as an ISO-639-1 code (en, es, ...): better accuracy and latency.",
    (
        "Transcription",
        "languages",
    ): "Possible input languages (ISO-639-1); gpt-transcribe and gpt-live-transcribe only.",
    (
        "Transcription",
        "keywords",
    ): "Words and phrases to guide transcription; gpt-transcribe and gpt-live-transcribe only.",
    ("Transcription", "prompt"): "Text to guide transcription (not with gpt-realtime-whisper).",
    ("Transcription", "delay"): "Latency against accuracy; gpt-realtime-whisper only.",
    ("ServerVad", "threshold"): "Activation threshold, 0.0 to 1.0 (default 0.5); higher needs louder speech.",
    ("ServerVad", "prefix_padding_ms"): "Audio kept before speech starts, in ms (default 300).",
    ("ServerVad", "silence_duration_ms"): "Silence that ends a turn, in ms.",
    ("ServerVad", "idle_timeout_ms"): "Prompt the model after this much silence, 5000 to 30000 ms, or null.",
    ("ServerVad", "create_response"): "Create a response when a turn ends (default true).",
    ("ServerVad", "interrupt_response"): "Interrupt the model when the user speaks (default true).",
    ("SemanticVad", "eagerness"): "How soon to end a turn: low (waits up to 8 s), medium (4 s), high (2 s), auto.",
    ("SemanticVad", "create_response"): "Create a response when a turn ends (default true).",
    ("SemanticVad", "interrupt_response"): "Interrupt the model when the user speaks (default true).",
    ("FunctionTool", "name"): "The function's name: letters, digits, _ and -, at most 64 characters.",
    (
        "FunctionTool",
        "parameters",
    ): "A JSON Schema object describing the arguments: {type: object, properties, required}.",
    ("McpTool", "server_label"): "The server's label in tool calls and in tool_choice.",
    ("McpTool", "server_url"): "The MCP server's URL (one of server_url, connector_id, tunnel_id).",
    ("McpTool", "connector_id"): "A service connector (deprecated for models released after "
    f"{capabilities.CONNECTOR_ID_DEPRECATED_AFTER_TEXT}).",
    ("McpTool", "tunnel_id"): "A Secure MCP Tunnel id: tunnel_ and 32 lowercase letters or digits.",
    ("McpTool", "authorization"): "An OAuth access token. Write ${VAR}: never a literal token in a profile.",
    ("McpTool", "headers"): "HTTP headers for the server; write secret values as ${VAR}.",
}
# The beta session's fields, by their beta names.
BETA_DESCRIPTIONS: dict[tuple[str, str], str] = {
    ("RealtimeSession", "modalities"): "[text] or [audio, text]; [audio] alone is rejected.",
    ("RealtimeSession", "voice"): "A built-in voice. Cannot change once the model has spoken.",
    ("RealtimeSession", "input_audio_format"): "pcm16, g711_ulaw or g711_alaw.",
    ("RealtimeSession", "output_audio_format"): "pcm16, g711_ulaw or g711_alaw.",
    ("RealtimeSession", "turn_detection"): "One flat object; null turns turn detection off.",
    ("RealtimeSession", "temperature"): "0.6 to 1.2 (default 0.8). GA has no temperature.",
    ("RealtimeSession", "max_response_output_tokens"): '1 to 4096, or "inf" (default).',
    ("RealtimeSession", "client_secret"): "The client secret's expiry; only in the session-creation request.",
}
_BETA_MODALITIES = [["text"], ["audio", "text"], ["text", "audio"]]


def profile_schema(dialect_name: str = dialects.GA) -> dict[str, Any]:
    """The schema of a profile file of one dialect: an envelope, a bare session or an event."""
    from pydantic import TypeAdapter

    from rtcfg.dialects.beta import models as beta
    from rtcfg.dialects.ga import models as ga

    if dialect_name == dialects.LIVE:
        return _live_schema()
    if dialect_name == dialects.GA:
        session_schema = TypeAdapter(ga.ROOT).json_schema(ref_template="#/$defs/{model}")
    else:
        session_schema = TypeAdapter(beta.RealtimeSession | beta.TranscriptionSession).json_schema(
            ref_template="#/$defs/{model}"
        )
    defs = session_schema.pop("$defs", {})
    defs["Session"] = session_schema
    _annotate(defs, DESCRIPTIONS if dialect_name == dialects.GA else {**DESCRIPTIONS, **BETA_DESCRIPTIONS})
    if dialect_name == dialects.BETA:
        for name in ("RealtimeSession", "TranscriptionSession"):
            defs[name]["properties"]["modalities"] = {
                "enum": _BETA_MODALITIES,
                "description": BETA_DESCRIPTIONS[("RealtimeSession", "modalities")],
            }
    defs.update(_partial(defs))
    envelope = _envelope(
        _by_kind(dialect_name, "kind", "transcription"),
        {
            "api": {"enum": [dialect_name], "description": "The API interface: ga, or beta (retired by OpenAI)."},
            "kind": {
                "enum": ["realtime", "transcription"],
                "description": "Needed only for a beta transcription session.",
            },
        },
    )
    events = ["session.update"] + (["transcription_session.update"] if dialect_name == dialects.BETA else [])
    event = {
        "type": "object",
        "required": ["type", "session"],
        "additionalProperties": False,
        "properties": {
            "type": {"enum": events},
            "session": {"type": "object"},
            "event_id": {"type": "string", "maxLength": 512},
        },
        "allOf": [_by_kind(dialect_name, "type", "transcription_session.update")],
    }
    return {
        "$schema": DRAFT,
        "title": f"rtcfg profile ({dialect_name.upper()} interface)",
        "description": "An OpenAI Realtime session profile: an envelope (session: plus profile keys), a bare "
        "session, or a captured session.update event. `rtcfg validate` checks more than this "
        "schema can say.",
        "anyOf": [{"$ref": "#/$defs/Envelope"}, {"$ref": "#/$defs/Session"}, {"$ref": "#/$defs/Event"}],
        "$defs": {"Envelope": envelope, "Event": event, **defs},
    }


def _envelope(session: dict[str, Any], dialect_keys: dict[str, Any]) -> dict[str, Any]:
    """An envelope of any dialect: `session` (the schema its session takes unless it
    extends a base), the dialect's own keys, and the profile keys they all share."""
    ignorable = sorted(
        {c.code for c in CODES.values() if c.ignorable} | {c.name for c in CODES.values() if c.ignorable}
    )
    return {
        "type": "object",
        "required": ["session"],
        "additionalProperties": False,
        # A profile that extends a base says only what it changes: its session is partial.
        "if": {"required": ["extends"]},
        "then": {"properties": {"session": {"$ref": "#/$defs/PartialSession"}}},
        "else": session,
        "properties": {
            "session": {"type": "object"},
            "description": {"type": "string", "description": "What this profile is for (shown by `rtcfg profiles`)."},
            **dialect_keys,
            "ignore": {
                "type": "array",
                "items": {"enum": ignorable},
                "description": "Rules this profile turns off (codes or names; see `rtcfg rules`).",
            },
            "extends": {
                "oneOf": [{"type": "string"}, {"type": "array", "items": {"type": "string"}, "minItems": 1}],
                "description": "Base profiles, applied in order before this one (paths relative to this file).",
            },
        },
    }


def _by_kind(dialect_name: str, key: str, transcription: str) -> dict[str, Any]:
    """The session's schema, chosen by the envelope: GA sessions say their kind with `type`;
    a beta session is a transcription session only when `kind` (or the event) says so."""
    if dialect_name == dialects.GA:
        return {"properties": {"session": {"$ref": "#/$defs/Session"}}}
    return {
        "if": {"required": [key], "properties": {key: {"const": transcription}}},
        "then": {"properties": {"session": {"$ref": "#/$defs/TranscriptionSession"}}},
        "else": {"properties": {"session": {"$ref": "#/$defs/RealtimeSession"}}},
    }


def _partial(defs: dict[str, Any]) -> dict[str, Any]:
    """A copy of every definition with nothing required and unions widened to anyOf: the
    session of an overlay (`extends: base.yaml`), which sets only what it changes."""
    import copy

    def relax(node: Any) -> Any:
        if isinstance(node, dict):
            out = {}
            for key, value in node.items():
                if key == "required":
                    continue
                if key == "$ref" and isinstance(value, str):
                    out[key] = value.replace("#/$defs/", "#/$defs/Partial")
                elif key == "oneOf":
                    out["anyOf"] = relax(value)
                else:
                    out[key] = relax(value)
            return out
        if isinstance(node, list):
            return [relax(v) for v in node]
        return node

    return {f"Partial{name}": relax(copy.deepcopy(node)) for name, node in defs.items()}


def _annotate(defs: dict[str, Any], descriptions: dict[tuple[str, str], str]) -> None:
    def clean(node: Any) -> None:
        if isinstance(node, dict):
            node.pop("title", None)
            if node.get("default", 0) is None:
                del node["default"]  # an omitted key leaves the setting alone; it is not null
            for value in node.values():
                clean(value)
        elif isinstance(node, list):
            for value in node:
                clean(value)

    clean(defs)
    for (model, field_name), text in descriptions.items():
        props = defs.get(model, {}).get("properties", {})
        if field_name in props:
            props[field_name]["description"] = text


# -- rtcfg's own JSON outputs ------------------------------------------------------------------
# The contract of `validate --format json` and `diff --format json`: keys listed here never
# change meaning; more keys may be added (so objects stay open), never removed.

_DIAGNOSTIC = {
    "type": "object",
    "required": ["severity", "code", "message", "path", "line", "column", "hint"],
    "properties": {
        "severity": {"enum": ["error", "warning"]},
        "code": {"type": "string", "pattern": "^RT[0-9]{3}$", "description": "Stable; see `rtcfg rules`."},
        "message": {"type": "string"},
        "path": {"type": "string", "description": "The place in the document, dotted, with [n] list indices."},
        "line": {"type": "integer", "minimum": 1},
        "column": {"type": "integer", "minimum": 1},
        "hint": {"type": ["string", "null"]},
        "file": {"type": "string", "description": "Present when the fault is in a base or an included file."},
    },
}

VALIDATE_OUTPUT: dict[str, Any] = {
    "$schema": DRAFT,
    "title": "rtcfg validate --format json",
    "type": "object",
    "required": ["valid", "files"],
    "properties": {
        "valid": {"type": "boolean", "description": "Every file passed (warnings fail under --strict)."},
        "files": {
            "type": "array",
            "items": {
                "type": "object",
                "required": ["path", "valid", "diagnostics"],
                "properties": {
                    "path": {"type": "string"},
                    "valid": {"type": "boolean"},
                    "diagnostics": {"type": "array", "items": _DIAGNOSTIC},
                },
            },
        },
    },
}

DIFF_OUTPUT: dict[str, Any] = {
    "$schema": DRAFT,
    "title": "rtcfg diff --format json",
    "type": "object",
    "required": ["equal", "changes"],
    "properties": {
        "equal": {"type": "boolean"},
        "changes": {
            "type": "array",
            "items": {
                "type": "object",
                "required": ["op", "path", "old", "new", "impact"],
                "properties": {
                    "op": {"enum": ["added", "removed", "changed"]},
                    "path": {"type": "string", "description": "Session terms; tools by name: tools[lookup].name."},
                    "old": {"description": "The old value (null for an added key: op says which)."},
                    "new": {"description": "The new value (null for a removed key: op says which)."},
                    "impact": {"enum": ["new-session", "behaviour"]},
                },
            },
        },
    },
}


LIVE_DESCRIPTIONS: dict[tuple[str, str], str] = {
    ("LiveSession", "model"): "gpt-live-1.1 or gpt-live-1. Fixed at startup.",
    ("LiveSession", "type"): "Only in a SIP accept body: live.",
    ("LiveSession", "instructions"): "Frontend instructions for voice and delegation; at most 16,384 tokens. "
    "Fixed at startup.",
    ("LiveSession", "delegation"): "Who does the work: client (your app, the default), responses or decisions.",
    ("LiveSession", "input"): "Text-only startup history: at most 128 messages, one text part each.",
    ("LiveSession", "store"): "Keep the session for forking and recording download (default false).",
    ("LiveSession", "wake_policy"): "WebRTC create only: microphone speech resumes paused inference.",
    ("LiveSession", "idle_timeout_s"): "WebRTC create only: seconds of inactivity before inference pauses.",
    ("Audio", "format"): "WebSocket only: audio/pcm at 16000 or 24000 Hz, or G.711 at 8000 Hz.",
    ("AudioOutput", "voice"): "A built-in voice (default marin) or {id: ...}. Fixed at startup.",
    ("ResponsesBackend", "model"): "The Responses model that handles delegated tasks (for example gpt-5.5).",
    ("ResponsesBackend", "tools"): "Tools of the backend: function, mcp, shell and hosted tools.",
}


def _live_schema() -> dict[str, Any]:
    """The Live profile schema: a startup session, an envelope (with api: live and a
    transport kind), the WebRTC create body, or a session.start / session.update event."""
    from pydantic import TypeAdapter

    from rtcfg.dialects import live
    from rtcfg.dialects.live import models

    session_schema = TypeAdapter(models.LiveSession).json_schema(ref_template="#/$defs/{model}")
    update_schema = TypeAdapter(models.LiveUpdate).json_schema(ref_template="#/$defs/{model}")
    defs = session_schema.pop("$defs", {})
    defs.update(update_schema.pop("$defs", {}))
    defs["Session"], defs["Update"] = session_schema, update_schema
    defs["Transport"] = TypeAdapter(models.Transport).json_schema()
    _annotate(defs, LIVE_DESCRIPTIONS)
    defs.update(_partial(defs))
    envelope = _envelope(
        {"properties": {"session": {"$ref": "#/$defs/Session"}}},
        {
            "api": {"enum": [dialects.LIVE], "description": "The Live API."},
            "kind": {"enum": list(live.TRANSPORTS), "description": "The transport the session travels by."},
            "transport": {"$ref": "#/$defs/Transport"},
        },
    )
    event = {
        "type": "object",
        "required": ["type", "session"],
        "additionalProperties": False,
        "properties": {
            "type": {"enum": [live.START_EVENT, live.UPDATE_EVENT]},
            "session": {"type": "object"},
            "event_id": {"type": ["string", "null"]},
        },
        "if": {"properties": {"type": {"const": live.UPDATE_EVENT}}},
        "then": {"properties": {"session": {"$ref": "#/$defs/Update"}}},
        "else": {"properties": {"session": {"$ref": "#/$defs/Session"}}},
    }
    return {
        "$schema": DRAFT,
        "title": "rtcfg profile (Live API)",
        "description": "An OpenAI Live API session profile: an envelope (session: plus profile keys), a bare "
        "startup session, a WebRTC create body, or a session.start / session.update event. `rtcfg validate` "
        "checks more than this schema can say.",
        "anyOf": [{"$ref": "#/$defs/Envelope"}, {"$ref": "#/$defs/Session"}, {"$ref": "#/$defs/Event"}],
        "$defs": {"Envelope": envelope, "Event": event, **defs},
    }
