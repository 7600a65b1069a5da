"""The Live API ("GPT-Live", models gpt-live-1 and gpt-live-1.1): a full-duplex voice model
that delegates reasoning and tools to a backend. A much smaller, strict and mostly immutable
session: model, instructions, one audio format (WebSocket only), the voice, the frontend's
data-channel permissions, delegation, startup history, storage and Decisions triggers.

Sources: the openai package's `openai/types/live/` (3.57.0, 2026-11-20), the Live reference
§1-§5 (endpoints, fields, rules L-xxx, the Realtime GA -> Live map).
"""

from __future__ import annotations

from typing import Any

# How a Live configuration travels, which decides the keys it may hold (reference §1.3).
# `update` is a session.update event (delegation and triggers only).
WEBSOCKET, WEBRTC, SIP, UPDATE = "websocket", "webrtc", "sip", "update"
TRANSPORTS = (WEBSOCKET, WEBRTC, SIP)
STARTUP = "startup"  # a startup session that does not say its transport: the keys of any
KINDS = (*TRANSPORTS, UPDATE, STARTUP)

# The client event that starts a WebSocket session, and the one that changes a running one.
START_EVENT, UPDATE_EVENT = "session.start", "session.update"
EVENTS: dict[str, str] = {START_EVENT: WEBSOCKET, UPDATE_EVENT: UPDATE}
# The SIP accept body's session says `type: live`; nothing else has a type.
SESSION_TYPE = "live"

# Keys only a Live session has: any of them makes a session Live.
ONLY = frozenset(
    {"delegation", "triggers", "client", "input", "store", "safety_identifier", "wake_policy", "idle_timeout_s"}
)
# What a session.update may carry; everything else is fixed at startup, and why.
MUTABLE = ("delegation", "triggers")
IMMUTABLE_WHY: dict[str, str] = {
    "model": "the model is fixed when the session starts: start a new session to change it",
    "instructions": "frontend instructions are fixed at startup: add to them with session.instructions.append "
    "(at most 500 tokens each)",
    "audio": "the voice and the audio format are fixed at startup: start a new session to change them",
    "input": "startup history is fixed: add context with session.commentary.append or session.thinking.append",
    "client": "the frontend's data-channel permissions are fixed at startup",
    "store": "storage is chosen at startup (a fork can override it)",
    "safety_identifier": "the safety identifier is fixed at startup",
    "wake_policy": "the wake policy is part of the WebRTC create request",
    "idle_timeout_s": "the idle timeout is part of the WebRTC create request",
    "type": "a session.update session has no type",
}
# Transport-specific keys: where each may appear (reference §1.3, L-301/L-302/L-304).
ONLY_ON: dict[tuple[str, ...], tuple[str, ...]] = {
    ("audio", "format"): (WEBSOCKET,),
    ("wake_policy",): (WEBRTC,),
    ("idle_timeout_s",): (WEBRTC,),
    ("client",): (WEBSOCKET, WEBRTC),
    ("type",): (SIP,),
}
TRANSPORT_NAMES = {
    WEBSOCKET: "a WebSocket session.start",
    WEBRTC: "a WebRTC create body",
    SIP: "a SIP accept body",
    UPDATE: "a session.update",
    STARTUP: "a startup session",
}

# Where each setting lives (session-relative), for show, diff, render and migrate.
PLACES: dict[str, tuple[str, ...]] = {
    "voice": ("audio", "output", "voice"),
    "format": ("audio", "format"),
    "instructions": ("instructions",),
    "delegation": ("delegation",),
    "backend": ("delegation", "responses"),
    "backend_tools": ("delegation", "responses", "tools"),
}

DEFAULT_VOICE = "marin"
# Defaults the Live reference documents for settings a profile leaves out (§2).
_STARTUP_DEFAULTS: dict[tuple[str, ...], Any] = {
    PLACES["voice"]: DEFAULT_VOICE,
    ("delegation",): {"type": "client"},
    ("input",): [],
    ("store",): False,
}
# By kind, as the Realtime dialects' tables are: an update keeps what the session has.
DEFAULTS: dict[str, dict[tuple[str, ...], Any]] = {
    **dict.fromkeys((*TRANSPORTS, STARTUP), _STARTUP_DEFAULTS),
    UPDATE: {},
}

# Audio formats: PCM at 16 or 24 kHz, G.711 at 8 kHz; `rate` is always required.
PCM_RATES = (16000, 24000)
G711_RATE = 8000
G711_TYPES = ("audio/pcmu", "audio/pcma")

# Limits (reference §2, §4).
MAX_INSTRUCTIONS_TOKENS = 16_384  # "Limited to 16,384 client-supplied tokens."
MAX_INPUT_ITEMS = 128
MAX_INPUT_TOKENS = 8_192  # "a configured rendered-token limit (8,192 by default)"
MIN_BACKEND_OUTPUT_TOKENS = 16
MAX_SAFETY_IDENTIFIER = 128  # Responses' limit; Live documents none
TRIGGER_EVENT_TYPES = ("session.input_transcript.delta", "session.output_transcript.delta")
MAX_QUESTIONS = 400
CHOICES_RANGE = (2, 255)
MAX_CUSTOM_VOICE_ID = 128
PILOT_SERVICE_TIERS = ("fast_tier_temp_pilot",)
# Hosted backend tools the SDK models as `type` only; more keys may or may not be taken.
TYPE_ONLY_TOOLS = (
    "web_search",
    "file_search",
    "code_interpreter",
    "image_generation",
    "custom",
    "namespace",
    "tool_search",
    "programmatic_tool_calling",
    "computer",
    "apply_patch",
)

# A Realtime key in a Live session: where the setting lives in Live, or why it has none
# (reference §5.2). Top-level keys of both Realtime dialects.
FROM_REALTIME: dict[str, str] = {
    "type": "a Live session has no type (only a SIP accept body says type: live)",
    "voice": "in Live it is audio.output.voice (fixed at startup)",
    "modalities": "no equivalent: Live always speaks, with transcript deltas",
    "output_modalities": "no equivalent: Live always speaks, with transcript deltas",
    "input_audio_format": "in Live it is audio.format (WebSocket only, with a rate)",
    "output_audio_format": "in Live it is audio.format, one format both ways (WebSocket only)",
    "input_audio_transcription": "no equivalent: Live always sends input transcript deltas",
    "input_audio_noise_reduction": "no equivalent in Live",
    "turn_detection": "no equivalent: the Live model owns turn-taking and barge-in "
    "(use session.input_audio.mute for push-to-talk)",
    "temperature": "no equivalent: Live takes no sampling settings",
    "max_response_output_tokens": "in Live it is delegation.responses.max_output_tokens (the backend's text)",
    "max_output_tokens": "in Live it is delegation.responses.max_output_tokens (the backend's text)",
    "tools": "in Live tools belong to the backend: delegation: {type: responses, responses: {model, tools}}",
    "tool_choice": "in Live it is delegation.responses.tool_choice",
    "parallel_tool_calls": "in Live it is delegation.responses.parallel_tool_calls",
    "reasoning": "in Live it is delegation.responses.reasoning (the backend reasons)",
    "truncation": "no equivalent: Live manages its context itself",
    "prompt": "no equivalent: inline the prompt's text into delegation.responses.instructions",
    "include": "no equivalent in Live",
    "tracing": "no equivalent in Live",
    "speed": "no equivalent in Live",
    "client_secret": "no equivalent: Live has no client secrets (WebRTC sessions are created by your server)",
    "expires_after": "no equivalent: Live has no client secrets (WebRTC sessions are created by your server)",
}
# Realtime keys that tell a session is Realtime, for detection and the mixed-dialect error.
REALTIME_ONLY = frozenset(FROM_REALTIME) - {"type", "expires_after"}
AUDIO_FROM_REALTIME: dict[str, str] = {
    "input": "no equivalent: Live has one audio.format (WebSocket only); transcription, noise reduction "
    "and turn detection are not configurable",
    "speed": "no equivalent in Live",
    "format": "in Live the format is audio.format, one for both directions (WebSocket only)",
}
