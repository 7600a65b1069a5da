"""The defaults the API documents for settings a profile leaves out, for `rtcfg show`.

Only what the reference documents; where sources disagree (silence_duration_ms: 500 in the
field docs, 200 in the server's examples) the setting is left out rather than guessed.
`None` is the API's own null (the feature is off). Source: reference §2.1, §2.4, §2.5.
"""

from __future__ import annotations

from typing import Any

from rtcfg import dialect

_PCM = {"type": "audio/pcm", "rate": 24000}

# Session-relative path -> default, for settings the profile does not set at all.
GA_REALTIME: dict[tuple[str, ...], Any] = {
    ("output_modalities",): ["audio"],
    ("audio", "input", "format"): _PCM,
    ("audio", "input", "transcription"): None,
    ("audio", "input", "noise_reduction"): None,
    ("audio", "input", "turn_detection"): {"type": "server_vad"},
    ("audio", "output", "format"): _PCM,
    ("audio", "output", "voice"): "alloy",
    ("audio", "output", "speed"): 1.0,
    ("tracing",): None,
    ("tools",): [],
    ("tool_choice",): "auto",
    ("max_output_tokens",): "inf",
    ("truncation",): "auto",
}
GA_TRANSCRIPTION: dict[tuple[str, ...], Any] = {
    ("audio", "input", "format"): _PCM,
    ("audio", "input", "noise_reduction"): None,
    ("audio", "input", "turn_detection"): {"type": "server_vad"},
}
BETA_REALTIME: dict[tuple[str, ...], Any] = {
    ("modalities",): ["text", "audio"],
    ("voice",): "alloy",
    ("input_audio_format",): "pcm16",
    ("output_audio_format",): "pcm16",
    ("input_audio_transcription",): None,
    ("input_audio_noise_reduction",): None,
    ("turn_detection",): {"type": "server_vad"},
    ("tools",): [],
    ("tool_choice",): "auto",
    ("temperature",): 0.8,
    ("max_response_output_tokens",): "inf",
    ("speed",): 1.0,
    ("tracing",): None,
}
BETA_TRANSCRIPTION: dict[tuple[str, ...], Any] = {
    ("input_audio_format",): "pcm16",
    ("input_audio_noise_reduction",): None,
    ("turn_detection",): {"type": "server_vad"},
}
# Inside a VAD object the profile sets, the documented defaults of the keys it leaves out.
VAD: dict[str, dict[str, Any]] = {
    "server_vad": {
        "threshold": 0.5,
        "prefix_padding_ms": 300,
        "create_response": True,
        "interrupt_response": True,
        "idle_timeout_ms": None,
    },
    "semantic_vad": {"eagerness": "auto", "create_response": True, "interrupt_response": True},
}


def for_session(dialect_name: str, kind: str) -> dict[tuple[str, ...], Any]:
    if dialect_name == dialect.GA:
        return GA_TRANSCRIPTION if kind == dialect.TRANSCRIPTION else GA_REALTIME
    return BETA_TRANSCRIPTION if kind == dialect.TRANSCRIPTION else BETA_REALTIME
