"""The GA interface: sessions discriminated by `type`, audio nested under `audio.input/output`.

Source: openai 3.52.0 `types/realtime/*_param.py`; ranges and nullability from the
reference (R-NULL, R-FMT-GA, R-TD-RANGE, R-MAXTOK, R-SPEED, R-MCP, R-TRUNC).
"""

# No `from __future__ import annotations` here: pydantic would compile every field's
# annotation back from a string when the class is built, at every start.

from typing import Annotated, Any, Literal, Union

from pydantic import Field, StrictInt, Tag, model_validator
from pydantic_core import PydanticCustomError

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

# -- audio formats -------------------------------------------------------------------------


class AudioPCM(Strict):
    type: Literal["audio/pcm"]
    rate: Literal[24000] = UNSET  # "Only a 24kHz sample rate is supported."


class AudioPCMU(Strict):
    type: Literal["audio/pcmu"]


class AudioPCMA(Strict):
    type: Literal["audio/pcma"]


AudioFormat = Annotated[
    Union[
        Annotated[AudioPCM, Tag("audio/pcm")],
        Annotated[AudioPCMU, Tag("audio/pcmu")],
        Annotated[AudioPCMA, Tag("audio/pcma")],
    ],
    kinds("an audio format object", ("audio/pcm", "audio/pcmu", "audio/pcma")),
]

# -- input ---------------------------------------------------------------------------------


class NoiseReduction(Strict):
    type: NoiseReductionType = UNSET
    strength: float = UNSET  # SDK 3.52.0; no range documented


class Transcription(Strict):
    model: str = UNSET  # open: the API takes any string; unknown names are warned about
    language: str = UNSET
    languages: Annotated[list[str], Field(min_length=1)] = UNSET
    keywords: list[str] = UNSET
    prompt: str = UNSET
    delay: Literal["minimal", "low", "medium", "high", "xhigh"] = UNSET


class ServerVad(Strict):
    type: Literal["server_vad"]
    threshold: Threshold = UNSET
    prefix_padding_ms: NonNegativeMs = UNSET
    silence_duration_ms: NonNegativeMs = UNSET
    create_response: bool = UNSET
    interrupt_response: bool = UNSET
    idle_timeout_ms: Annotated[StrictInt, Field(ge=5000, le=30000)] | None = None


class SemanticVad(Strict):
    type: Literal["semantic_vad"]
    eagerness: Eagerness = UNSET
    create_response: bool = UNSET
    interrupt_response: bool = UNSET


TurnDetection = Annotated[
    Union[Annotated[ServerVad, Tag("server_vad")], Annotated[SemanticVad, Tag("semantic_vad")]],
    kinds("a turn detection object (or null to turn it off)", ("server_vad", "semantic_vad")),
]


class AudioInput(Strict):
    format: AudioFormat = UNSET
    transcription: Transcription | None = None
    noise_reduction: NoiseReduction | None = None
    turn_detection: TurnDetection | None = None


# -- output --------------------------------------------------------------------------------


class CustomVoice(Strict):
    id: str


Voice = Annotated[
    Union[Annotated[str, Tag("string")], Annotated[CustomVoice, Tag("object")]],
    kinds('a voice name or {id: "voice_..."}', string=True, untyped_object=True),
]


class AudioOutput(Strict):
    format: AudioFormat = UNSET
    voice: Voice = UNSET
    speed: Speed = UNSET


class Audio(Strict):
    input: AudioInput = UNSET
    output: AudioOutput = UNSET


# -- tools ---------------------------------------------------------------------------------

ConnectorId = Literal[
    "connector_dropbox",
    "connector_gmail",
    "connector_googlecalendar",
    "connector_googledrive",
    "connector_microsoftteams",
    "connector_outlookcalendar",
    "connector_outlookemail",
    "connector_sharepoint",
]


class McpToolFilter(Strict):
    read_only: bool = UNSET
    tool_names: list[str] = UNSET


class McpApprovalFilter(Strict):
    always: McpToolFilter = UNSET
    never: McpToolFilter = UNSET


AllowedTools = Annotated[
    Union[Annotated[list[str], Tag("array")], Annotated[McpToolFilter, Tag("object")]],
    kinds("a list of tool names or a filter object", array=True, untyped_object=True),
]
RequireApproval = Annotated[
    Union[Annotated[Literal["always", "never"], Tag("string")], Annotated[McpApprovalFilter, Tag("object")]],
    kinds('"always", "never" or an approval filter object', string=True, untyped_object=True),
]


class McpTool(Strict):
    type: Literal["mcp"]
    server_label: str
    server_url: str = UNSET
    connector_id: ConnectorId = UNSET
    tunnel_id: Annotated[str, Field(pattern=r"^tunnel_[a-z0-9]{32}$")] = UNSET
    authorization: str = UNSET
    headers: dict[str, str] | None = None
    server_description: str = UNSET
    allowed_tools: AllowedTools | None = None
    require_approval: RequireApproval | None = None
    allowed_callers: Annotated[list[Literal["direct", "programmatic"]], Field(min_length=1)] | None = None
    defer_loading: bool = UNSET

    @model_validator(mode="after")
    def _one_server(self) -> "McpTool":
        given = self.model_fields_set & {"server_url", "connector_id", "tunnel_id"}
        if not given:
            raise PydanticCustomError(
                "rtcfg_mcp_server", "an MCP tool needs one of server_url, connector_id or tunnel_id"
            )
        return self


Tool = Annotated[
    Union[Annotated[FunctionTool, Tag("function")], Annotated[McpTool, Tag("mcp")]],
    kinds("a tool object with type function or mcp", ("function", "mcp")),
]


class ToolChoiceMcp(Strict):
    type: Literal["mcp"]
    server_label: str
    name: str | None = None


ToolChoice = Annotated[
    Union[
        Annotated[Literal["none", "auto", "required"], Tag("string")],
        Annotated[ToolChoiceFunction, Tag("function")],
        Annotated[ToolChoiceMcp, Tag("mcp")],
    ],
    kinds(
        '"none", "auto", "required", or {type: function, name} / {type: mcp, server_label}',
        ("function", "mcp"),
        string=True,
    ),
]

# -- the rest ------------------------------------------------------------------------------


class Reasoning(Strict):
    effort: Literal["minimal", "low", "medium", "high", "xhigh"] = UNSET


class TokenLimits(Strict):
    post_instructions: Annotated[StrictInt, Field(ge=0)] = UNSET


class RetentionRatio(Strict):
    type: Literal["retention_ratio"]
    retention_ratio: Annotated[float, Field(ge=0.0, le=1.0)]
    token_limits: TokenLimits = UNSET


Truncation = Annotated[
    Union[Annotated[Literal["auto", "disabled"], Tag("string")], Annotated[RetentionRatio, Tag("retention_ratio")]],
    kinds('"auto", "disabled" or a retention_ratio object', ("retention_ratio",), string=True),
]


class RealtimeSession(ResponseOnly):
    type: Literal["realtime"]
    model: str = UNSET
    output_modalities: Annotated[list[Literal["text", "audio"]], Field(min_length=1, max_length=1)] = UNSET
    instructions: str = UNSET
    audio: Audio = UNSET
    include: list[IncludeItem] | None = None
    tracing: Tracing | None = None
    tools: list[Tool] = UNSET
    tool_choice: ToolChoice = UNSET
    parallel_tool_calls: bool = UNSET
    reasoning: Reasoning = UNSET
    max_output_tokens: MaxTokens = UNSET
    truncation: Truncation = UNSET
    prompt: Prompt | None = None


class TranscriptionAudio(Strict):
    input: AudioInput = UNSET  # no audio.output: a transcription session never speaks


class TranscriptionSession(ResponseOnly):
    type: Literal["transcription"]
    audio: TranscriptionAudio = UNSET
    include: list[IncludeItem] | None = None


Session = Annotated[
    Union[Annotated[RealtimeSession, Tag("realtime")], Annotated[TranscriptionSession, Tag("transcription")]],
    kinds("a session with type realtime or transcription", ("realtime", "transcription")),
]

ROOT: Any = Session
