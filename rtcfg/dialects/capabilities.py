"""What rtcfg knows about OpenAI's models and voices: one table, one place to update.

Source: the `openai` package 3.52.0 on PyPI (types/realtime, types/beta/realtime and their
docstrings: model literals, "Deprecated values ... Announced shutdown date", "Supported by
`gpt-transcribe` and `gpt-live-transcribe`", "Only supported by reasoning Realtime models
such as `gpt-realtime-2`"), read 2026-11-21, plus the API errors users reported where the
SDK is silent (each cited where it is used). When OpenAI ships or retires a model, this
file is the only one to change; tests/test_capabilities.py checks it against the SDK.
"""

from __future__ import annotations

from datetime import date
from typing import NamedTuple

SOURCE = "openai 3.52.0 (PyPI), types/realtime and types/beta/realtime"
READ_ON = "2026-11-21"
DEPRECATIONS_URL = "https://developers.openai.com/api/docs/deprecations"


# Rows are NamedTuples rather than frozen dataclasses: a frozen dataclass costs about 0.8 ms
# to define (generated methods, each compiled), and this module is read at every start.
class RealtimeModel(NamedTuple):
    reasoning: bool = False  # takes `reasoning` and `parallel_tool_calls`
    shutdown: date | None = None  # announced shutdown date (SDK docstring)
    replacement: str | None = None
    legacy: str | None = None  # at risk without an announced date: why


class TranscriptionModel(NamedTuple):
    prompt: bool = True  # takes `prompt`
    delay: bool = False  # takes `delay`
    keywords: bool = False  # takes `keywords` and `languages`
    turn_detection: bool = True  # a transcription session with this model may use VAD
    shutdown: date | None = None
    replacement: str | None = None


_JAN_2027 = date(2027, 1, 20)
_FEB_2027 = date(2027, 2, 26)
_PREVIEW = (
    "a preview snapshot from the beta era: third-party notices report preview "
    "snapshots retired early, and OpenAI's SDK names no shutdown date for it"
)

# Realtime session models (GA RealtimeSessionCreateRequest.model; the API takes any string).
# Reasoning: the SDK names gpt-realtime-2; gpt-realtime-2.1* are its successors (inferred).
# Replacements for gpt-realtime and gpt-realtime-mini: integrators' notices of 2027-01-19.
REALTIME_MODELS: dict[str, RealtimeModel] = {
    "gpt-realtime": RealtimeModel(shutdown=_JAN_2027, replacement="gpt-realtime-2.1"),
    "gpt-realtime-1.5": RealtimeModel(),
    "gpt-realtime-2": RealtimeModel(reasoning=True),
    "gpt-realtime-2.1": RealtimeModel(reasoning=True),
    "gpt-realtime-2.1-mini": RealtimeModel(reasoning=True),
    "gpt-realtime-2025-08-28": RealtimeModel(shutdown=_JAN_2027, replacement="gpt-realtime-2.1"),
    "gpt-4o-realtime-preview": RealtimeModel(legacy=_PREVIEW),
    "gpt-4o-realtime-preview-2024-10-01": RealtimeModel(legacy=_PREVIEW),
    "gpt-4o-realtime-preview-2024-12-17": RealtimeModel(legacy=_PREVIEW),
    "gpt-4o-realtime-preview-2025-06-03": RealtimeModel(legacy=_PREVIEW),
    "gpt-4o-mini-realtime-preview": RealtimeModel(legacy=_PREVIEW),
    "gpt-4o-mini-realtime-preview-2024-12-17": RealtimeModel(legacy=_PREVIEW),
    "gpt-realtime-mini": RealtimeModel(shutdown=_JAN_2027, replacement="gpt-realtime-2.1-mini"),
    "gpt-realtime-mini-2025-10-06": RealtimeModel(),
    "gpt-realtime-mini-2025-12-15": RealtimeModel(shutdown=_JAN_2027, replacement="gpt-realtime-2.1-mini"),
    "gpt-audio-1.5": RealtimeModel(),
    "gpt-audio-mini": RealtimeModel(shutdown=_JAN_2027),
    "gpt-audio-mini-2025-10-06": RealtimeModel(),
    "gpt-audio-mini-2025-12-15": RealtimeModel(shutdown=_JAN_2027),
}

# The beta SDK literal (closed there; compatible servers take other names).
BETA_REALTIME_MODELS: frozenset[str] = frozenset(
    {
        "gpt-realtime",
        "gpt-realtime-2025-08-28",
        "gpt-4o-realtime-preview",
        "gpt-4o-realtime-preview-2024-10-01",
        "gpt-4o-realtime-preview-2024-12-17",
        "gpt-4o-realtime-preview-2025-06-03",
        "gpt-4o-mini-realtime-preview",
        "gpt-4o-mini-realtime-preview-2024-12-17",
    }
)

# Transcription models (GA AudioTranscription.model).
# prompt: not with gpt-realtime-whisper (SDK) nor gpt-4o-transcribe-diarize (SDK: "excluding").
# delay: only gpt-realtime-whisper. keywords/languages: only gpt-transcribe, gpt-live-transcribe.
# turn_detection: gpt-realtime-whisper (SDK: "must be set to null") and gpt-live-transcribe
# ("Turn detection is not supported for this transcription model", OpenWhispr/openwhispr#2077).
TRANSCRIPTION_MODELS: dict[str, TranscriptionModel] = {
    "whisper-1": TranscriptionModel(shutdown=_FEB_2027, replacement="gpt-transcribe"),
    "gpt-transcribe": TranscriptionModel(keywords=True),
    "gpt-live-transcribe": TranscriptionModel(keywords=True, turn_detection=False),
    "gpt-4o-mini-transcribe": TranscriptionModel(shutdown=_FEB_2027, replacement="gpt-transcribe"),
    "gpt-4o-mini-transcribe-2025-12-15": TranscriptionModel(shutdown=_FEB_2027, replacement="gpt-transcribe"),
    "gpt-4o-transcribe": TranscriptionModel(shutdown=_FEB_2027, replacement="gpt-transcribe"),
    "gpt-4o-transcribe-diarize": TranscriptionModel(prompt=False, shutdown=_FEB_2027),
    "gpt-realtime-whisper": TranscriptionModel(prompt=False, delay=True, turn_detection=False),
}

BETA_TRANSCRIPTION_MODELS: frozenset[str] = frozenset(
    {
        "whisper-1",
        "gpt-4o-transcribe",
        "gpt-4o-mini-transcribe",
    }
)

BETA_VOICES: tuple[str, ...] = ("alloy", "ash", "ballad", "coral", "echo", "sage", "shimmer", "verse")
GA_VOICES: tuple[str, ...] = (*BETA_VOICES, "marin", "cedar")
CUSTOM_VOICE_PREFIX = "voice_"  # SDK: "The custom voice ID, e.g. `voice_1234`."

# Names people reach for that are not Realtime voices: TTS-only and Live-API-only voices.
NOT_REALTIME_VOICES: dict[str, str] = {
    **dict.fromkeys(("fable", "onyx", "nova"), "a text-to-speech voice, not a Realtime voice"),
    **dict.fromkeys(
        (
            "beacon",
            "bossa",
            "cinder",
            "delta",
            "gleam",
            "meridian",
            "quartz",
            "ripple",
            "shida",
            "stone",
            "tempo",
            "vesper",
            "willow",
        ),
        "a Live API voice, not a Realtime voice",
    ),
}

# -- the Live API (openai 3.57.0 `types/live/`, read 2026-12-01; Live reference §3) -----------

LIVE_SOURCE = "openai 3.57.0 (PyPI, 2026-11-20), types/live; read 2026-12-01"
# `model: Union[str, Literal["gpt-live-1", "gpt-live-1.1"]]`: released 2026-09-10 and
# 2026-11-20 (1.1 adds standby pricing while a WebRTC session is paused).
LIVE_MODELS: tuple[str, ...] = ("gpt-live-1", "gpt-live-1.1")
LIVE_DEFAULT_MODEL = "gpt-live-1.1"  # what `migrate --to live` writes unless told otherwise
# `BuiltInVoice` (23 names; shida since 3.29.0). The 10 GA voices are all Live voices.
LIVE_VOICES: tuple[str, ...] = (
    "alloy", "ash", "ballad", "beacon", "bossa", "cedar", "cinder", "coral", "delta", "echo", "gleam", "marin",
    "meridian", "quartz", "ripple", "sage", "shida", "shimmer", "stone", "tempo", "verse", "vesper", "willow",
)  # fmt: skip
# Voices the docs list (a mirror of the Live conversations guide, 2026-11-06) that the SDK's
# literal lacks: accepted with a note, not a warning (reference §7.1 #4).
LIVE_DOC_ONLY_VOICES: tuple[str, ...] = ("nuri", "juni", "flitz", "brise", "sillage", "nira", "harema", "noeul")
# Text-to-speech voices: a live probe (2026-09-10) was refused with `forbidden`.
TTS_VOICES: tuple[str, ...] = ("fable", "nova", "onyx")
# The Decisions API: "Only `gpt-6-luna` is supported."
DECISIONS_MODELS: tuple[str, ...] = ("gpt-6-luna",)
# The backend model `migrate --to live` writes for Responses delegation (Live reference §5.2).
LIVE_DEFAULT_BACKEND_MODEL = "gpt-5.5"

# MCP connector_id: "deprecated for models released after September 1, 2026" (SDK 3.52.0).
CONNECTOR_ID_DEPRECATED_AFTER = date(2026, 9, 1)
CONNECTOR_ID_DEPRECATED_AFTER_TEXT = (
    f"{CONNECTOR_ID_DEPRECATED_AFTER:%B} {CONNECTOR_ID_DEPRECATED_AFTER.day}, {CONNECTOR_ID_DEPRECATED_AFTER.year}"
)
