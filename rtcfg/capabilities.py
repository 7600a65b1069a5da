"""What rtcfg knows about OpenAI's models and voices: one table, one place to update.

Source: the `openai` package 3.52.0 on PyPI (types/realtime, types/beta/realtime, their
docstrings), read 2026-11-21. When OpenAI ships a model or a voice, this file is the
only one to change (CONTRIBUTING.md says how).
"""

from __future__ import annotations

SOURCE = "openai 3.52.0 (PyPI), types/realtime and types/beta/realtime"
READ_ON = "2026-11-21"

# Realtime session models (GA RealtimeSessionCreateRequest.model; the API takes any string).
REALTIME_MODELS: frozenset[str] = frozenset({
    "gpt-realtime",
    "gpt-realtime-1.5",
    "gpt-realtime-2",
    "gpt-realtime-2.1",
    "gpt-realtime-2.1-mini",
    "gpt-realtime-2025-08-28",
    "gpt-4o-realtime-preview",
    "gpt-4o-realtime-preview-2024-10-01",
    "gpt-4o-realtime-preview-2024-12-17",
    "gpt-4o-realtime-preview-2025-06-03",
    "gpt-4o-mini-realtime-preview",
    "gpt-4o-mini-realtime-preview-2024-12-17",
    "gpt-realtime-mini",
    "gpt-realtime-mini-2025-10-06",
    "gpt-realtime-mini-2025-12-15",
    "gpt-audio-1.5",
    "gpt-audio-mini",
    "gpt-audio-mini-2025-10-06",
    "gpt-audio-mini-2025-12-15",
})

# The beta SDK literal (closed there; compatible servers take other names).
BETA_REALTIME_MODELS: frozenset[str] = frozenset({
    "gpt-realtime",
    "gpt-realtime-2025-08-28",
    "gpt-4o-realtime-preview",
    "gpt-4o-realtime-preview-2024-10-01",
    "gpt-4o-realtime-preview-2024-12-17",
    "gpt-4o-realtime-preview-2025-06-03",
    "gpt-4o-mini-realtime-preview",
    "gpt-4o-mini-realtime-preview-2024-12-17",
})

TRANSCRIPTION_MODELS: frozenset[str] = frozenset({
    "whisper-1",
    "gpt-transcribe",
    "gpt-live-transcribe",
    "gpt-4o-mini-transcribe",
    "gpt-4o-mini-transcribe-2025-12-15",
    "gpt-4o-transcribe",
    "gpt-4o-transcribe-diarize",
    "gpt-realtime-whisper",
})

BETA_TRANSCRIPTION_MODELS: frozenset[str] = frozenset({
    "whisper-1",
    "gpt-4o-transcribe",
    "gpt-4o-mini-transcribe",
})

BETA_VOICES: tuple[str, ...] = ("alloy", "ash", "ballad", "coral", "echo", "sage", "shimmer", "verse")
GA_VOICES: tuple[str, ...] = (*BETA_VOICES, "marin", "cedar")

# Names people reach for that are not Realtime voices: TTS-only and Live-API-only voices.
NOT_REALTIME_VOICES: dict[str, str] = {
    **{v: "a text-to-speech voice, not a Realtime voice" for v in ("fable", "onyx", "nova")},
    **{v: "a Live API voice, not a Realtime voice" for v in (
        "beacon", "bossa", "cinder", "delta", "gleam", "meridian", "quartz", "ripple",
        "shida", "stone", "tempo", "vesper", "willow")},
}
