"""The strict base model and the pieces both dialects share."""

# No `from __future__ import annotations` here: pydantic would compile every field's
# annotation back from a string when the class is built, at every start.

from typing import Annotated, Any, Literal, Union

from pydantic import BaseModel, ConfigDict, Discriminator, Field, StrictInt, Tag

# A field that may be omitted but not sent as null: omitted keys keep this default, which
# pydantic never validates, while an explicit null is checked against the field's type and
# rejected. Only fields typed `X | None` take null (the API's nullable ones, R-NULL).
UNSET: Any = None


class Strict(BaseModel):
    """Unknown keys are errors; true is not 1; 5.0 is not a token count; NaN is not a number."""

    model_config = ConfigDict(extra="forbid", strict=True, allow_inf_nan=False)


def kinds(
    what: str,
    objects: tuple[str, ...] = (),
    *,
    string: bool = False,
    boolean: bool = False,
    array: bool = False,
    untyped_object: bool = False,
) -> Discriminator:
    """Choose a union member by the input's kind and its `type` key.

    Members are tagged "string", "boolean", "array", "object" (an object without `type`) or
    by their `type` value. A callable discriminator keeps pydantic's errors to the one member the
    input asked for, instead of one error per member ("union noise").
    """

    def choose(value: Any) -> str | None:
        if isinstance(value, BaseModel):  # serializing: the member is already chosen
            if untyped_object:
                return "object"
            value = {"type": getattr(value, "type", None)}
        if isinstance(value, str):
            return "string" if string else None
        if isinstance(value, bool):
            return "boolean" if boolean else None
        if isinstance(value, list):
            return "array" if array else None
        if isinstance(value, dict):
            if untyped_object:
                return "object"
            kind = value.get("type")
            return kind if isinstance(kind, str) and kind in objects else None
        return None

    return Discriminator(
        choose,
        custom_error_type="rtcfg_kind",
        custom_error_message=f"expected {what}",
    )


NonNegativeMs = Annotated[StrictInt, Field(ge=0)]
Threshold = Annotated[float, Field(ge=0.0, le=1.0)]
Speed = Annotated[float, Field(ge=0.25, le=1.5)]
TokenCount = Annotated[StrictInt, Field(ge=1, le=4096)]
MaxTokens = Annotated[
    Union[Annotated[TokenCount, Tag("integer")], Annotated[Literal["inf"], Tag("string")]],
    Discriminator(
        lambda v: "string" if isinstance(v, str) else "integer",
        custom_error_type="rtcfg_kind",
        custom_error_message='expected an integer from 1 to 4096 or "inf"',
    ),
]
Eagerness = Literal["low", "medium", "high", "auto"]
NoiseReductionType = Literal["near_field", "far_field"]
IncludeItem = Literal["item.input_audio_transcription.logprobs"]


class FunctionTool(Strict):
    """A function tool: flat, the same in both dialects (no Chat Completions `function` wrapper)."""

    type: Literal["function"]
    name: str = UNSET
    description: str = UNSET
    parameters: dict[str, Any] = UNSET


class ToolChoiceFunction(Strict):
    type: Literal["function"]
    name: str


class TracingConfig(Strict):
    workflow_name: str = UNSET
    group_id: str = UNSET
    metadata: dict[str, Any] = UNSET


Tracing = Annotated[
    Union[Annotated[Literal["auto"], Tag("string")], Annotated[TracingConfig, Tag("object")]],
    kinds('"auto" or a tracing object', string=True, untyped_object=True),
]


class CacheBreakpoint(Strict):
    mode: Literal["explicit"]
    ttl: Literal["30m", "12h"] = UNSET


class InputText(Strict):
    type: Literal["input_text"]
    text: str
    prompt_cache_breakpoint: CacheBreakpoint = UNSET


class InputImage(Strict):
    type: Literal["input_image"]
    detail: Literal["low", "high", "auto", "original"]
    file_id: str | None = None
    image_url: str | None = None
    prompt_cache_breakpoint: CacheBreakpoint = UNSET


class InputFile(Strict):
    type: Literal["input_file"]
    detail: Literal["auto", "low", "high"] = UNSET
    file_data: str = UNSET
    file_id: str | None = None
    file_url: str = UNSET
    filename: str = UNSET
    prompt_cache_breakpoint: CacheBreakpoint = UNSET


PromptVariable = Annotated[
    Union[
        Annotated[str, Tag("string")],
        Annotated[InputText, Tag("input_text")],
        Annotated[InputImage, Tag("input_image")],
        Annotated[InputFile, Tag("input_file")],
    ],
    kinds(
        "a string or an input_text, input_image or input_file object",
        ("input_text", "input_image", "input_file"),
        string=True,
    ),
]


class Prompt(Strict):
    """A reference to a stored prompt template (Responses `ResponsePrompt`)."""

    id: str
    version: str | None = None
    variables: dict[str, PromptVariable] | None = None


# Keys the server sets in its responses; a captured session.created carries them.


class ResponseOnly(Strict):
    """Accepted so that a captured session validates; warned about and never rendered."""

    id: str = UNSET
    object: str = UNSET
    expires_at: StrictInt = UNSET
