"""The GA Realtime interface: `type: realtime | transcription`, nested `audio.input` /
`audio.output`, object audio formats, function and MCP tools. Sources: the openai package's
`openai/types/realtime/` (3.52.0), reference §2."""

from __future__ import annotations

from typing import Any

from rtcfg.dialects import REALTIME, TRANSCRIPTION, beta

# Where each setting lives (session-relative).
PLACES: dict[str, tuple[str, ...]] = {
    "modalities": ("output_modalities",),
    "voice": ("audio", "output", "voice"),
    "speed": ("audio", "output", "speed"),
    "input_format": ("audio", "input", "format"),
    "output_format": ("audio", "output", "format"),
    "transcription": ("audio", "input", "transcription"),
    "noise_reduction": ("audio", "input", "noise_reduction"),
    "turn_detection": ("audio", "input", "turn_detection"),
    "max_output_tokens": ("max_output_tokens",),
    "input": ("audio", "input"),
}

# GA key -> its beta spelling (None: beta cannot say it).
TO_BETA: dict[str, str | None] = {
    "type": None,
    "output_modalities": "modalities",
    "audio": None,
    "max_output_tokens": "max_response_output_tokens",
    "reasoning": None,
    "parallel_tool_calls": None,
    "truncation": None,
}
ONLY = frozenset(TO_BETA)  # keys that make a session GA

EVENTS: dict[str, str | None] = {"session.update": None}

# Audio formats: the GA type -> the beta name (the inverse of beta's map).
FORMAT_TO_BETA = {ga["type"]: name for name, ga in beta.FORMAT_TO_GA.items()}
TELEPHONY_FORMATS = frozenset(beta.FORMAT_TO_GA[name]["type"] for name in beta.TELEPHONY_FORMATS)

# The keys only one VAD type takes (GA rejects the others by shape).
VAD_ONLY = {
    "server_vad": (*beta.VAD_ONLY["server_vad"], "idle_timeout_ms"),
    "semantic_vad": beta.VAD_ONLY["semantic_vad"],
}
VAD_DEFAULT_TYPE = beta.VAD_DEFAULT_TYPE
# Inside a VAD object the profile sets, the documented defaults of the keys it leaves out.
VAD_DEFAULTS: dict[str, dict[str, Any]] = {
    "server_vad": {**beta.VAD_DEFAULTS["server_vad"], "idle_timeout_ms": None},
    "semantic_vad": beta.VAD_DEFAULTS["semantic_vad"],
}

PCM_RATE = 24000  # audio/pcm takes this rate only
_PCM = {"type": "audio/pcm", "rate": PCM_RATE}
# Defaults the API documents for settings a profile leaves out. Only what the reference
# documents; where sources disagree (silence_duration_ms: 500 in the field docs, 200 in the
# server's examples) the setting is left out rather than guessed. None is the API's null.
DEFAULTS: dict[str, dict[tuple[str, ...], Any]] = {
    REALTIME: {
        ("output_modalities",): ["audio"],
        PLACES["input_format"]: _PCM,
        PLACES["transcription"]: None,
        PLACES["noise_reduction"]: None,
        PLACES["turn_detection"]: {"type": VAD_DEFAULT_TYPE},
        PLACES["output_format"]: _PCM,
        PLACES["voice"]: "alloy",
        PLACES["speed"]: 1.0,
        ("tracing",): None,
        ("tools",): [],
        ("tool_choice",): "auto",
        ("max_output_tokens",): "inf",
        ("truncation",): "auto",
    },
    TRANSCRIPTION: {
        PLACES["input_format"]: _PCM,
        PLACES["noise_reduction"]: None,
        PLACES["turn_detection"]: {"type": VAD_DEFAULT_TYPE},
    },
}

# What a live session cannot take through session.update, and why.
FIXED_AT_CREATE = ("type",)
FIXED_AT_CONNECT = ("model",)
FIXED_ONCE_SPOKEN = PLACES["voice"]
FIXED_ONCE_ENABLED = ("tracing",)
