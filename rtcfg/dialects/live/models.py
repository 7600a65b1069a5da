"""The Live API's configuration types, as strict as the API: unknown keys are errors at every
level, `rate` is required in every audio format, null only where the API takes it.

Source: openai 3.57.0 `types/live/*_param.py` (key sets, literals, Required, Optional);
constraints the SDK cannot express from the OpenAPI extraction (reference Appendix A.3:
maxItems 128, one content part, custom voice id 1..128, max_output_tokens >= 16, tool-choice
names 1..64 `^[a-zA-Z0-9_-]+$`, data-channel limits).

One startup model takes every startup key of the three transports (WebSocket session.start,
WebRTC create, SIP accept); which keys a transport may hold is a rule of its own (RT402), so
that a WebRTC body with `audio.format` says "only on a WebSocket", not "unknown key".
"""

# No `from __future__ import annotations` here: pydantic would compile every field's
# annotation back from a string when the class is built, at every start.

from typing import Annotated, Any, Literal, Union

from pydantic import Discriminator, Field, StrictBool, StrictInt, StrictStr, Tag

from rtcfg.dialects import live as facts
from rtcfg.dialects.shared_models import UNSET, Strict, kinds

Name64 = Annotated[StrictStr, Field(min_length=1, max_length=64, pattern=r"^[a-zA-Z0-9_-]+$")]

# -- audio -----------------------------------------------------------------------------------


class AudioPCM(Strict):
    type: Literal["audio/pcm"]
    rate: Literal[16000, 24000]  # = facts.PCM_RATES (a test holds them equal): "16000 or 24000 Hz"


class AudioPCMU(Strict):
    type: Literal["audio/pcmu"]
    rate: StrictInt  # "G.711 audio uses 8000 Hz." (typed int: another rate is RT406)


class AudioPCMA(Strict):
    type: Literal["audio/pcma"]
    rate: StrictInt


AudioFormat = Annotated[
    Union[
        Annotated[AudioPCM, Tag("audio/pcm")],
        Annotated[AudioPCMU, Tag("audio/pcmu")],
        Annotated[AudioPCMA, Tag("audio/pcma")],
    ],
    kinds("an audio format object with type and rate", ("audio/pcm", "audio/pcmu", "audio/pcma")),
]


class CustomVoice(Strict):
    id: Annotated[StrictStr, Field(min_length=1, max_length=facts.MAX_CUSTOM_VOICE_ID)]


Voice = Annotated[
    Union[Annotated[StrictStr, Tag("string")], Annotated[CustomVoice, Tag("object")]],
    kinds("a voice name or {id: ...}", string=True, untyped_object=True),
]


class AudioOutput(Strict):
    voice: Voice = UNSET


class Audio(Strict):
    format: AudioFormat = UNSET
    output: AudioOutput = UNSET


# -- client (data-channel permissions) -----------------------------------------------------------

ClientEventName = Annotated[
    StrictStr, Field(min_length=1, max_length=256, pattern=r"^(?:error|info|[a-z][a-z0-9_-]*(?:\.[a-z0-9_-]+)+)$")
]


class ServerEventSelector(Strict):
    type: Annotated[StrictStr, Field(min_length=1, max_length=256)]
    response_event: Annotated[StrictStr, Field(min_length=1, max_length=256)] = UNSET


AllowedClientEvents = Annotated[
    Union[
        Annotated[Literal["all"], Tag("string")],
        Annotated[Annotated[list[ClientEventName], Field(max_length=256)], Tag("array")],
    ],
    kinds('"all" or a list of client event names', string=True, array=True),
]
AllowedServerEvents = Annotated[
    Union[
        Annotated[Literal["all"], Tag("string")],
        Annotated[Annotated[list[ServerEventSelector], Field(max_length=256)], Tag("array")],
    ],
    kinds('"all" or a list of server event selectors', string=True, array=True),
]


class DataChannel(Strict):
    allowed_client_events: AllowedClientEvents = UNSET
    allowed_server_events: AllowedServerEvents = UNSET


class Client(Strict):
    data_channel: DataChannel


# -- backend tools and tool choice (Responses delegation) ----------------------------------------


class FunctionTool(Strict):
    type: Literal["function"]
    name: StrictStr  # required in Live (GA Realtime made it optional)
    description: StrictStr | None = None
    parameters: dict[str, Any] | None = None
    strict: StrictBool | None = None


class McpToolFilter(Strict):
    tool_names: list[StrictStr] | None = None
    read_only: StrictBool | None = None


McpAllowedTools = Annotated[
    Union[Annotated[list[StrictStr], Tag("array")], Annotated[McpToolFilter, Tag("object")]],
    kinds("a list of tool names or a filter object", array=True, untyped_object=True),
]


class McpApprovalFilter(Strict):
    always: McpToolFilter | None = None
    never: McpToolFilter | None = None


McpRequireApproval = Annotated[
    Union[Annotated[Literal["always", "never"], Tag("string")], Annotated[McpApprovalFilter, Tag("object")]],
    kinds('"always", "never" or an approval filter', string=True, untyped_object=True),
]


class McpTool(Strict):
    type: Literal["mcp"]
    server_label: StrictStr = UNSET  # not Required in the Live SDK type (RT415 warns)
    server_url: StrictStr | None = None
    connector_id: StrictStr | None = None
    tunnel_id: StrictStr | None = None
    authorization: StrictStr | None = None
    headers: dict[str, StrictStr] | None = None
    server_description: StrictStr | None = None
    allowed_tools: McpAllowedTools | None = None
    require_approval: McpRequireApproval | None = None
    allowed_callers: list[Literal["direct", "programmatic"]] | None = None
    defer_loading: StrictBool | None = None


class NetworkDisabled(Strict):
    type: Literal["disabled"]


class NetworkAllowlist(Strict):
    type: Literal["allowlist"]
    allowed_domains: list[StrictStr]


NetworkPolicy = Annotated[
    Union[Annotated[NetworkDisabled, Tag("disabled")], Annotated[NetworkAllowlist, Tag("allowlist")]],
    kinds("a network policy", ("disabled", "allowlist")),
]


class SkillReference(Strict):
    type: Literal["skill_reference"]
    skill_id: StrictStr
    version: StrictStr | None = None


class SkillSource(Strict):
    type: Literal["base64"]
    media_type: Literal["application/zip"]
    data: StrictStr


class SkillInline(Strict):
    type: Literal["inline"]
    name: StrictStr
    description: StrictStr
    source: SkillSource


class LocalSkill(Strict):
    name: StrictStr
    description: StrictStr
    path: StrictStr


HostedSkill = Annotated[
    Union[Annotated[SkillReference, Tag("skill_reference")], Annotated[SkillInline, Tag("inline")]],
    kinds("a skill", ("skill_reference", "inline")),
]


class ContainerAuto(Strict):
    type: Literal["container_auto"]
    file_ids: list[StrictStr] | None = None
    memory_limit: Literal["1g", "4g", "16g", "64g"] | None = None
    network_policy: NetworkPolicy | None = None
    skills: list[HostedSkill] | None = None


class ContainerReference(Strict):
    type: Literal["container_reference"]
    container_id: StrictStr


class LocalEnvironment(Strict):
    type: Literal["local"]
    skills: list[LocalSkill] | None = None


ShellEnvironment = Annotated[
    Union[
        Annotated[ContainerAuto, Tag("container_auto")],
        Annotated[ContainerReference, Tag("container_reference")],
        Annotated[LocalEnvironment, Tag("local")],
    ],
    kinds("a shell environment", ("container_auto", "container_reference", "local")),
]


class ShellTool(Strict):
    type: Literal["shell"]
    environment: ShellEnvironment | None = None


class HostedTool(Strict):
    """The tools the SDK models as `type` alone. More keys are let through and warned about
    (RT422): the real hosted tools take them, and whether Live does is undocumented."""

    model_config = {**Strict.model_config, "extra": "allow"}  # noqa: RUF012 - pydantic's own dict
    type: Literal[
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
    ]


# The hosted tools are listed once, in the dialect's facts (the rules read them too); the
# Literal above and the union's tags below spell them for the types, and
# tests/dialects/test_live.py holds the three to the same list.
_HOSTED = facts.TYPE_ONLY_TOOLS
BackendTool = Annotated[
    Union[
        Annotated[FunctionTool, Tag("function")],
        Annotated[McpTool, Tag("mcp")],
        Annotated[ShellTool, Tag("shell")],
        Annotated[HostedTool, Tag("web_search")],
        Annotated[HostedTool, Tag("file_search")],
        Annotated[HostedTool, Tag("code_interpreter")],
        Annotated[HostedTool, Tag("image_generation")],
        Annotated[HostedTool, Tag("custom")],
        Annotated[HostedTool, Tag("namespace")],
        Annotated[HostedTool, Tag("tool_search")],
        Annotated[HostedTool, Tag("programmatic_tool_calling")],
        Annotated[HostedTool, Tag("computer")],
        Annotated[HostedTool, Tag("apply_patch")],
    ],
    kinds("a backend tool", ("function", "mcp", "shell", *_HOSTED)),
]


class ChoiceFunction(Strict):
    type: Literal["function"]
    name: Name64


class ChoiceMcp(Strict):
    type: Literal["mcp"]
    server_label: Name64
    name: Name64  # required in Live (GA allowed a label alone)


class ChoiceCustom(Strict):
    type: Literal["custom"]
    name: StrictStr


_HOSTED_CHOICES = (
    "file_search",
    "web_search",
    "web_search_preview",
    "image_generation",
    "computer",
    "code_interpreter",
    "programmatic_tool_calling",
    "shell",
    "apply_patch",
)


class ChoiceHosted(Strict):
    type: Literal[
        "file_search",
        "web_search",
        "web_search_preview",
        "image_generation",
        "computer",
        "code_interpreter",
        "programmatic_tool_calling",
        "shell",
        "apply_patch",
    ]


ToolChoiceObject = Annotated[
    Union[
        Annotated[ChoiceFunction, Tag("function")],
        Annotated[ChoiceMcp, Tag("mcp")],
        Annotated[ChoiceCustom, Tag("custom")],
        Annotated[ChoiceHosted, Tag("file_search")],
        Annotated[ChoiceHosted, Tag("web_search")],
        Annotated[ChoiceHosted, Tag("web_search_preview")],
        Annotated[ChoiceHosted, Tag("image_generation")],
        Annotated[ChoiceHosted, Tag("computer")],
        Annotated[ChoiceHosted, Tag("code_interpreter")],
        Annotated[ChoiceHosted, Tag("programmatic_tool_calling")],
        Annotated[ChoiceHosted, Tag("shell")],
        Annotated[ChoiceHosted, Tag("apply_patch")],
    ],
    kinds("a tool choice object", ("function", "mcp", "custom", *_HOSTED_CHOICES)),
]


class ChoiceAllowedTools(Strict):
    type: Literal["allowed_tools"]
    tools: list[ToolChoiceObject]
    mode: Literal["none", "auto", "required"] | None = None


ToolChoice = Annotated[
    Union[
        Annotated[Literal["auto", "none", "required"], Tag("string")],
        Annotated[ChoiceFunction, Tag("function")],
        Annotated[ChoiceMcp, Tag("mcp")],
        Annotated[ChoiceCustom, Tag("custom")],
        Annotated[ChoiceAllowedTools, Tag("allowed_tools")],
        Annotated[ChoiceHosted, Tag("file_search")],
        Annotated[ChoiceHosted, Tag("web_search")],
        Annotated[ChoiceHosted, Tag("web_search_preview")],
        Annotated[ChoiceHosted, Tag("image_generation")],
        Annotated[ChoiceHosted, Tag("computer")],
        Annotated[ChoiceHosted, Tag("code_interpreter")],
        Annotated[ChoiceHosted, Tag("programmatic_tool_calling")],
        Annotated[ChoiceHosted, Tag("shell")],
        Annotated[ChoiceHosted, Tag("apply_patch")],
    ],
    kinds(
        '"auto", "none", "required" or a tool choice object',
        ("function", "mcp", "custom", "allowed_tools", *_HOSTED_CHOICES),
        string=True,
    ),
]


class Reasoning(Strict):
    effort: Literal["none", "minimal", "low", "medium", "high", "xhigh"] | None = None
    summary: Literal["concise", "detailed", "auto"] | None = None


class TextConfig(Strict):
    verbosity: Literal["low", "medium", "high"] | None = None


class ResponsesBackend(Strict):
    """`delegation.responses` at startup: the model is required."""

    model: StrictStr
    instructions: StrictStr | None = None
    max_output_tokens: Annotated[StrictInt, Field(ge=facts.MIN_BACKEND_OUTPUT_TOKENS)] | None = None
    parallel_tool_calls: StrictBool | None = None
    reasoning: Reasoning | None = None
    service_tier: Literal["auto", "default", "fast_tier_temp_pilot", "flex", "priority", "ultrafast"] | None = None
    text: TextConfig | None = None
    tool_choice: ToolChoice = UNSET
    tools: list[BackendTool] = UNSET


class ResponsesBackendUpdate(ResponsesBackend):
    """In a session.update every backend key may be left out ("Omit to keep...")."""

    model: StrictStr = UNSET  # not nullable even here


# -- Decisions ------------------------------------------------------------------------------------


class InputTextPart(Strict):
    type: Literal["input_text"]
    text: StrictStr


class InputImagePart(Strict):
    type: Literal["input_image"]
    image_url: StrictStr
    detail: Literal["low", "high", "auto", "original"] | None = None


class InputJsonPart(Strict):
    type: Literal["input_json"]
    data: Annotated[
        Union[Annotated[dict[str, Any], Tag("object")], Annotated[list[dict[str, Any]], Tag("array")]],
        kinds("an object or a list of objects", array=True, untyped_object=True),
    ]


QuestionPart = Annotated[
    Union[
        Annotated[InputTextPart, Tag("input_text")],
        Annotated[InputImagePart, Tag("input_image")],
        Annotated[InputJsonPart, Tag("input_json")],
    ],
    kinds("an input_text, input_image or input_json part", ("input_text", "input_image", "input_json")),
]
QuestionInstructions = Annotated[
    Union[Annotated[StrictStr, Tag("string")], Annotated[list[QuestionPart], Tag("array")]],
    kinds("a string or a list of input parts", string=True, array=True),
]


class ChoiceOption(Strict):
    value: Annotated[
        Union[Annotated[StrictStr, Tag("string")], Annotated[StrictBool, Tag("boolean")]],
        kinds("a string or true/false", string=True, boolean=True),
    ]
    description: StrictStr = UNSET


class ChoiceQuestion(Strict):
    type: Literal["choice"]
    instructions: QuestionInstructions
    choices: Annotated[list[ChoiceOption], Field(min_length=facts.CHOICES_RANGE[0], max_length=facts.CHOICES_RANGE[1])]
    name: StrictStr = UNSET


class PredicateQuestion(Strict):
    type: Literal["predicate"]
    instructions: QuestionInstructions
    name: StrictStr = UNSET


class ScoreLevel(Strict):
    label: StrictStr
    description: StrictStr = UNSET


class ScoreQuestion(Strict):
    type: Literal["score"]
    instructions: QuestionInstructions
    levels: list[ScoreLevel]
    name: StrictStr = UNSET


Question = Annotated[
    Union[
        Annotated[ChoiceQuestion, Tag("choice")],
        Annotated[PredicateQuestion, Tag("predicate")],
        Annotated[ScoreQuestion, Tag("score")],
    ],
    kinds("a choice, predicate or score question", ("choice", "predicate", "score")),
]
Questions = Annotated[list[Question], Field(min_length=1, max_length=facts.MAX_QUESTIONS)]


class DecisionsBackend(Strict):
    model: StrictStr
    questions: Questions


class DecisionsBackendUpdate(Strict):
    model: StrictStr = UNSET
    questions: Questions = UNSET


class TriggerDecisions(Strict):
    questions: Questions


class Trigger(Strict):
    type: Literal["decisions"]
    event_type: Literal["session.input_transcript.delta", "session.output_transcript.delta"]
    decisions: TriggerDecisions


# -- delegation -------------------------------------------------------------------------------------

AckDelay = StrictInt


class ClientDelegation(Strict):
    type: Literal["client"]
    acknowledgement_delay_ms: AckDelay = UNSET


class ResponsesDelegation(Strict):
    type: Literal["responses"]
    responses: ResponsesBackend
    acknowledgement_delay_ms: AckDelay = UNSET


class DecisionsDelegation(Strict):
    type: Literal["decisions"]
    decisions: DecisionsBackend
    acknowledgement_delay_ms: AckDelay = UNSET


class ResponsesDelegationUpdate(Strict):
    type: Literal["responses"]
    responses: ResponsesBackendUpdate = UNSET
    acknowledgement_delay_ms: AckDelay = UNSET


class DecisionsDelegationUpdate(Strict):
    type: Literal["decisions"]
    decisions: DecisionsBackendUpdate = UNSET
    acknowledgement_delay_ms: AckDelay = UNSET


Delegation = Annotated[
    Union[
        Annotated[ClientDelegation, Tag("client")],
        Annotated[ResponsesDelegation, Tag("responses")],
        Annotated[DecisionsDelegation, Tag("decisions")],
    ],
    kinds("a delegation object", ("client", "responses", "decisions")),
]
DelegationUpdate = Annotated[
    Union[
        Annotated[ClientDelegation, Tag("client")],
        Annotated[ResponsesDelegationUpdate, Tag("responses")],
        Annotated[DecisionsDelegationUpdate, Tag("decisions")],
    ],
    kinds("a delegation object", ("client", "responses", "decisions")),
]

# -- startup history ----------------------------------------------------------------------------------


class InputText(Strict):
    type: Literal["input_text"] = UNSET
    text: StrictStr


class AssistantText(Strict):
    type: Literal["text"] = UNSET
    text: StrictStr


class AssistantOutputText(Strict):
    type: Literal["output_text"]
    text: StrictStr


OnePart = Field(min_length=1, max_length=1)  # "Supply exactly one text part"


def _assistant_part(value: Any) -> str | None:
    # `type` may be left out of a text part, so a part without one is a text part.
    kind = value.get("type", "text") if isinstance(value, dict) else getattr(value, "type", None) or "text"
    return kind if kind in ("text", "output_text") else None


AssistantPart = Annotated[
    Union[Annotated[AssistantText, Tag("text")], Annotated[AssistantOutputText, Tag("output_text")]],
    Discriminator(
        _assistant_part,
        custom_error_type="rtcfg_kind",
        custom_error_message="expected a text part ({text: ...}) or an output_text part",
    ),
]


class DeveloperMessage(Strict):
    role: Literal["developer"]
    content: Annotated[list[InputText], OnePart]
    type: Literal["message"] = UNSET
    id: StrictStr | None = None
    status: Literal["incomplete", "completed"] | None = None


class UserMessage(Strict):
    role: Literal["user"]
    content: Annotated[list[InputText], OnePart]
    type: Literal["message"] = UNSET
    id: StrictStr | None = None
    status: Literal["incomplete", "completed"] | None = None


class AssistantMessage(Strict):
    role: Literal["assistant"]
    content: Annotated[list[AssistantPart], OnePart]
    type: Literal["message"] = UNSET
    id: StrictStr | None = None
    status: Literal["incomplete", "completed"] | None = None


def _role(value: Any) -> str | None:
    if isinstance(value, dict):
        role = value.get("role")
        return role if role in ("developer", "user", "assistant") else None
    return getattr(value, "role", None)


InitialItem = Annotated[
    Union[
        Annotated[DeveloperMessage, Tag("developer")],
        Annotated[UserMessage, Tag("user")],
        Annotated[AssistantMessage, Tag("assistant")],
    ],
    Discriminator(
        _role,
        custom_error_type="rtcfg_kind",
        custom_error_message="expected a message with role developer, user or assistant",
    ),
]

# -- wake policy ----------------------------------------------------------------------------------------


class WakePolicy(Strict):
    type: Literal["speech"]
    vad_threshold: Annotated[float, Field(ge=0.0, le=1.0)] = UNSET


# -- the sessions -----------------------------------------------------------------------------------------


class LiveSession(Strict):
    """A startup session of any transport (WebSocket session.start, WebRTC create, SIP accept)."""

    model: Annotated[StrictStr, Field(min_length=1)]
    type: Literal["live"] = UNSET  # SIP accept only (RT402 elsewhere)
    instructions: StrictStr | None = None
    audio: Audio = UNSET
    client: Client = UNSET
    delegation: Delegation | None = None
    input: Annotated[list[InitialItem], Field(max_length=facts.MAX_INPUT_ITEMS)] = UNSET
    store: StrictBool = UNSET
    safety_identifier: StrictStr | None = None
    triggers: list[Trigger] = UNSET
    wake_policy: WakePolicy = UNSET  # WebRTC create only (RT402 elsewhere)
    idle_timeout_s: StrictInt = UNSET  # WebRTC create only


class LiveUpdate(Strict):
    """A session.update's session: "Sparse delegation and trigger updates."."""

    delegation: DelegationUpdate | None = None
    triggers: list[Trigger] = UNSET


class Transport(Strict):
    """The WebRTC create body's transport: the SDP offer, sent unmodified."""

    type: Literal["webrtc"]
    sdp: Annotated[StrictStr, Field(min_length=1)]
