"""The beta Realtime interface (retired by OpenAI in May 2026; compatible servers still
speak it): flat session keys, string audio formats, one turn_detection object for both VAD
types. Sources: the original SDK models (`openai/types/beta/realtime/`), reference §2."""

from __future__ import annotations

from typing import Any

from rtcfg.dialects import REALTIME, TRANSCRIPTION

# Where each setting lives (session-relative); () where beta has no such object.
PLACES: dict[str, tuple[str, ...]] = {
    "modalities": ("modalities",),
    "voice": ("voice",),
    "speed": ("speed",),
    "input_format": ("input_audio_format",),
    "output_format": ("output_audio_format",),
    "transcription": ("input_audio_transcription",),
    "noise_reduction": ("input_audio_noise_reduction",),
    "turn_detection": ("turn_detection",),
    "max_output_tokens": ("max_response_output_tokens",),
    "input": (),
}

# Beta key -> where the same setting lives in GA, dotted (None: GA has no such setting).
TO_GA: dict[str, str | None] = {
    "modalities": "output_modalities",
    "voice": "audio.output.voice",
    "speed": "audio.output.speed",
    "input_audio_format": "audio.input.format",
    "output_audio_format": "audio.output.format",
    "input_audio_transcription": "audio.input.transcription",
    "input_audio_noise_reduction": "audio.input.noise_reduction",
    "turn_detection": "audio.input.turn_detection",
    "max_response_output_tokens": "max_output_tokens",
    "temperature": None,
    "client_secret": None,
}
ONLY = frozenset(TO_GA)  # keys that make a session beta

# The client events that carry a session, and the kind each implies (None: the session says).
EVENTS: dict[str, str | None] = {"session.update": None, "transcription_session.update": TRANSCRIPTION}

# Audio formats: the beta name -> the GA format object. Spellings people write for them.
FORMAT_TO_GA: dict[str, dict[str, Any]] = {
    "pcm16": {"type": "audio/pcm", "rate": 24000},  # = ga.PCM_RATE (ga reads this table)
    "g711_ulaw": {"type": "audio/pcmu"},
    "g711_alaw": {"type": "audio/pcma"},
}
FORMAT_MISSPELLINGS = {
    "g711-ulaw": "g711_ulaw",
    "g711-alaw": "g711_alaw",
    "pcm": "pcm16",
    "pcmu": "g711_ulaw",
    "pcma": "g711_alaw",
}
TELEPHONY_FORMATS = frozenset({"g711_ulaw", "g711_alaw"})

# The keys of one VAD type that the other ignores (beta has one flat object for both).
VAD_ONLY = {"server_vad": ("threshold", "prefix_padding_ms", "silence_duration_ms"), "semantic_vad": ("eagerness",)}
VAD_DEFAULT_TYPE = "server_vad"
# Inside a VAD object the profile sets, the documented defaults of the keys it leaves out.
VAD_DEFAULTS: dict[str, dict[str, Any]] = {
    "server_vad": {"threshold": 0.5, "prefix_padding_ms": 300, "create_response": True, "interrupt_response": True},
    "semantic_vad": {"eagerness": "auto", "create_response": True, "interrupt_response": True},
}

# Defaults the API documents for settings a profile leaves out (reference §2.4, §2.5).
DEFAULTS: dict[str, dict[tuple[str, ...], Any]] = {
    REALTIME: {
        ("modalities",): ["text", "audio"],
        ("voice",): "alloy",
        ("input_audio_format",): "pcm16",
        ("output_audio_format",): "pcm16",
        ("input_audio_transcription",): None,
        ("input_audio_noise_reduction",): None,
        ("turn_detection",): {"type": VAD_DEFAULT_TYPE},
        ("tools",): [],
        ("tool_choice",): "auto",
        ("temperature",): 0.8,
        ("max_response_output_tokens",): "inf",
        ("speed",): 1.0,
        ("tracing",): None,
    },
    TRANSCRIPTION: {
        ("input_audio_format",): "pcm16",
        ("input_audio_noise_reduction",): None,
        ("turn_detection",): {"type": VAD_DEFAULT_TYPE},
    },
}

# What a live session cannot take through session.update, and why.
FIXED_AT_CONNECT = ("model",)  # in the URL of the connection
FIXED_ONCE_SPOKEN = PLACES["voice"]  # cannot_update_voice
FIXED_ONCE_ENABLED = ("tracing",)
