"""The retired beta interface: one flat session object, string audio formats.

Source: openai 3.52.0 `types/beta/realtime/*_param.py`, the seed documents (Python, Ruby,
Node and Rust SDK session types), and the reference §2.1-2.2.
"""

# No `from __future__ import annotations` here: pydantic would compile every field's
# annotation back from a string when the class is built, at every start.

from typing import Annotated, Any, Literal, Union

from pydantic import Field, StrictInt, Tag, field_validator
from pydantic_core import PydanticCustomError

from rtcfg.dialects import EXPIRES_MAX, EXPIRES_MIN
from rtcfg.dialects.shared_models import (
    UNSET,
    Eagerness,
    FunctionTool,
    IncludeItem,
    MaxTokens,
    NoiseReductionType,
    NonNegativeMs,
    Prompt,
    ResponseOnly,
    Speed,
    Strict,
    Threshold,
    ToolChoiceFunction,
    Tracing,
    kinds,
)

AudioFormat = Literal["pcm16", "g711_ulaw", "g711_alaw"]
Modality = Literal["text", "audio"]


class Transcription(Strict):
    model: str = UNSET
    language: str = UNSET
    prompt: str = UNSET


class NoiseReduction(Strict):
    type: NoiseReductionType = UNSET


class TurnDetection(Strict):
    """One flat object in beta; keys of the other VAD type are a lint warning, not a shape error."""

    type: Literal["server_vad", "semantic_vad"] = UNSET
    threshold: Threshold = UNSET
    prefix_padding_ms: NonNegativeMs = UNSET
    silence_duration_ms: NonNegativeMs = UNSET
    eagerness: Eagerness = UNSET
    create_response: bool = UNSET
    interrupt_response: bool = UNSET


class ExpiresAfter(Strict):
    anchor: Literal["created_at"]
    seconds: Annotated[StrictInt, Field(ge=EXPIRES_MIN, le=EXPIRES_MAX)] = UNSET


class ClientSecret(Strict):
    """Only for the sessions-create body (`render --as create`); never in an update."""

    expires_after: ExpiresAfter = UNSET


class TranscriptionClientSecret(Strict):
    # The transcription-sessions body spells it expires_at (SDK 1.83.0), unlike /sessions.
    expires_at: ExpiresAfter = UNSET


ToolChoice = Annotated[
    Union[Annotated[str, Tag("string")], Annotated[ToolChoiceFunction, Tag("function")]],
    kinds('"auto", "none", "required", a function name, or {type: function, name}', ("function",), string=True),
]


def _check_modalities(value: list[str]) -> list[str]:
    # "Invalid modalities: ['audio']. Supported combinations are: ['text'] and ['audio', 'text']."
    if len(value) != len(set(value)) or set(value) not in ({"text"}, {"audio", "text"}):
        raise PydanticCustomError(
            "rtcfg_modalities",
            'modalities must be ["text"] or ["audio", "text"]; the server rejects {value}',
            {"value": value},
        )
    return value


class RealtimeSession(ResponseOnly):
    model: str = UNSET
    modalities: list[Modality] = UNSET
    instructions: str = UNSET
    voice: str = UNSET
    input_audio_format: AudioFormat = UNSET
    output_audio_format: AudioFormat = UNSET
    input_audio_transcription: Transcription | None = None
    input_audio_noise_reduction: NoiseReduction | None = None
    turn_detection: TurnDetection | None = None
    tools: list[FunctionTool] = UNSET  # function tools only: MCP tools are GA-only
    tool_choice: ToolChoice = UNSET
    temperature: Annotated[float, Field(ge=0.6, le=1.2)] = UNSET
    max_response_output_tokens: MaxTokens = UNSET
    speed: Speed = UNSET
    tracing: Tracing | None = None
    include: list[IncludeItem] | None = None
    prompt: Prompt | None = None
    client_secret: ClientSecret = UNSET

    _modalities = field_validator("modalities")(classmethod(lambda cls, v: _check_modalities(v)))


class TranscriptionSession(ResponseOnly):
    input_audio_format: AudioFormat = UNSET
    input_audio_transcription: Transcription | None = None
    input_audio_noise_reduction: NoiseReduction | None = None
    turn_detection: TurnDetection | None = None
    include: list[IncludeItem] | None = None
    modalities: list[Modality] = UNSET
    client_secret: TranscriptionClientSecret = UNSET

    _modalities = field_validator("modalities")(classmethod(lambda cls, v: _check_modalities(v)))


ROOT: Any = RealtimeSession
