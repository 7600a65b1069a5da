"""A Realtime GA session as a Live session, field by field as the Live reference's §5.2 says.

What Live has a place for moves there (formats with their required rates, the voice, tools
to a Responses backend); what it has none for is dropped, each with what to do instead. A
transcription session or text-only output cannot become Live: refused with the reason. The
Realtime default voice (alloy) is written out, so that the voice does not change to Live's
default (marin). Nothing here imports pydantic.
"""

from __future__ import annotations

from typing import Any

from rtcfg.dialects import capabilities
from rtcfg.dialects import ga as ga_facts
from rtcfg.dialects import live as facts
from rtcfg.dialects.beta.convert import Change, Converted

# Realtime settings Live has no place for, and what to do instead (§5.2).
_DROPPED: dict[tuple[str, ...], str] = {
    ("audio", "input", "transcription"): "Live always sends input transcript deltas; the transcription model "
    "and language are not configurable",
    ("audio", "input", "noise_reduction"): "Live has no noise reduction setting",
    ("audio", "input", "turn_detection"): "the Live model owns turn-taking and barge-in (for push-to-talk, "
    "send session.input_audio.mute / unmute at run time)",
    ("audio", "output", "speed"): "Live has no speed setting",
    ("include",): "Live has no include",
    ("tracing",): "Live has no tracing",
    ("truncation",): "Live manages its context itself",
    ("prompt",): "Live has no stored prompts: inline the prompt's text into delegation.responses.instructions",
}


def _format(fmt: Any) -> dict[str, Any] | None:
    if not isinstance(fmt, dict):
        return None
    if fmt.get("type") == "audio/pcm":
        return {"type": "audio/pcm", "rate": fmt.get("rate", ga_facts.PCM_RATE)}
    if fmt.get("type") in facts.G711_TYPES:
        return {"type": fmt["type"], "rate": facts.G711_RATE}
    return None


def ga_to_live(
    session: dict[str, Any],
    *,
    live_model: str = capabilities.LIVE_DEFAULT_MODEL,
    backend_model: str = capabilities.LIVE_DEFAULT_BACKEND_MODEL,
    transport: str = facts.WEBSOCKET,
) -> Converted:
    """`session` (a valid GA session) as a Live startup session for `transport`."""
    changes: list[Change] = []
    if session.get("type") == "transcription":
        changes.append(
            Change(
                ("type",),
                None,
                "a transcription session has no Live equivalent (Live is a conversation): keep it on the "
                "Realtime API (gpt-live-transcribe is a Realtime transcription model)",
                impossible=True,
            )
        )
        return Converted({}, changes)
    if session.get("output_modalities") == ["text"]:
        changes.append(
            Change(
                ("output_modalities",),
                None,
                "text-only output has no Live equivalent: a Live session always speaks",
                impossible=True,
            )
        )
        return Converted({}, changes)
    out: dict[str, Any] = {}
    if transport == facts.SIP:
        out["type"] = facts.SESSION_TYPE
    old_model = session.get("model")
    out["model"] = live_model
    changes.append(
        Change(
            ("model",),
            ("model",),
            f"model {old_model!r} became {live_model!r}" if old_model else f"model set to {live_model!r}",
            lossy=old_model is not None,
        )
    )
    tools = session.get("tools") or []
    instructions = session.get("instructions")
    if isinstance(instructions, str) and not tools:
        out["instructions"] = instructions
        changes.append(
            Change(
                ("instructions",),
                ("instructions",),
                "instructions kept as the Live frontend prompt: review them against the Live prompting "
                "guide (short; backchannel, interruption and delegation policies)",
                lossy=True,
            )
        )
    audio: dict[str, Any] = {}
    input_format = session.get("audio", {}).get("input", {}).get("format")
    output_format = session.get("audio", {}).get("output", {}).get("format")
    chosen = _format(input_format or output_format) or ({"type": "audio/pcm", "rate": ga_facts.PCM_RATE})
    if transport == facts.WEBSOCKET:
        audio["format"] = chosen
        changes.append(Change(("audio", "input", "format"), ("audio", "format"), f"audio.format is {chosen}"))
        if _format(output_format) not in (None, chosen):
            changes.append(
                Change(
                    ("audio", "output", "format"),
                    None,
                    "Live has one format for both directions: the input format is kept",
                    lossy=True,
                )
            )
    elif input_format or output_format:
        changes.append(Change(("audio",), None, "audio formats dropped: WebRTC and SIP negotiate the media format"))
    voice = session.get("audio", {}).get("output", {}).get("voice")
    if voice is None:
        voice = ga_facts.DEFAULTS["realtime"][ga_facts.PLACES["voice"]]
        changes.append(
            Change(
                ("audio", "output", "voice"),
                facts.PLACES["voice"],
                f"voice {voice!r} written out: it is the Realtime default, and Live's is {facts.DEFAULT_VOICE!r}",
            )
        )
    audio["output"] = {"voice": voice}
    out["audio"] = audio
    for path, why in _DROPPED.items():
        value: Any = session
        for key in path:
            value = value.get(key) if isinstance(value, dict) else None
        if value is not None and not (path == ("audio", "output", "speed") and value == 1.0):
            changes.append(Change(path, None, f"dropped {'.'.join(path)}: {why}", lossy=True))
    if (
        "audio" in session
        and "turn_detection" in session["audio"].get("input", {})
        and (session["audio"]["input"]["turn_detection"] is None)
    ):
        changes.append(
            Change(
                ("audio", "input", "turn_detection"),
                None,
                "dropped turn_detection: null (push-to-talk): send session.input_audio.mute / unmute instead",
                lossy=True,
            )
        )
    if tools:
        out["delegation"] = _backend(session, tools, instructions, backend_model, changes)
    else:
        for key in ("tool_choice", "parallel_tool_calls", "reasoning", "max_output_tokens"):
            if key in session:
                changes.append(Change((key,), None, f"dropped {key}: without tools there is no backend", lossy=True))
    return Converted(out, changes)


def _backend(
    session: dict[str, Any], tools: list[Any], instructions: Any, backend_model: str, changes: list[Change]
) -> dict[str, Any]:
    backend: dict[str, Any] = {"model": backend_model}
    changes.append(
        Change(
            ("tools",),
            ("delegation",),
            f"tools moved to a Responses backend (delegation.responses, model {backend_model!r})",
        )
    )
    if isinstance(instructions, str):
        backend["instructions"] = instructions
        changes.append(
            Change(
                ("instructions",),
                ("delegation", "responses", "instructions"),
                "instructions moved to the backend; the Live session uses the server's default frontend prompt: "
                "write a short one (backchannel, interruption and delegation policies)",
                lossy=True,
            )
        )
    max_tokens = session.get("max_output_tokens")
    if isinstance(max_tokens, int):
        backend["max_output_tokens"] = max(max_tokens, facts.MIN_BACKEND_OUTPUT_TOKENS)
        if max_tokens < facts.MIN_BACKEND_OUTPUT_TOKENS:
            changes.append(
                Change(
                    ("max_output_tokens",),
                    ("delegation", "responses", "max_output_tokens"),
                    f"max_output_tokens {max_tokens} raised to {facts.MIN_BACKEND_OUTPUT_TOKENS}, the backend's least",
                    lossy=True,
                )
            )
    if "parallel_tool_calls" in session:
        backend["parallel_tool_calls"] = session["parallel_tool_calls"]
    if isinstance(session.get("reasoning"), dict):
        backend["reasoning"] = dict(session["reasoning"])
    choice = session.get("tool_choice")
    if isinstance(choice, dict) and choice.get("type") == "mcp" and "name" not in choice:
        changes.append(
            Change(
                ("tool_choice",),
                None,
                "dropped tool_choice {type: mcp} without a name: Live needs the name",
                lossy=True,
            )
        )
    elif choice is not None:
        backend["tool_choice"] = choice
    live_tools = []
    for i, tool in enumerate(tools):
        if tool.get("type", "function") == "function":
            if not tool.get("name"):
                changes.append(
                    Change(("tools", i), None, "a function tool without a name cannot be a Live tool", impossible=True)
                )
                continue
            live_tools.append({"type": "function", **{k: v for k, v in tool.items() if k != "type"}})
        else:
            live_tools.append(dict(tool))
            if tool.get("connector_id"):
                changes.append(
                    Change(
                        ("tools", i, "connector_id"),
                        ("delegation", "responses", "tools", i, "connector_id"),
                        "connector_id is deprecated for newer models: prefer server_url",
                        lossy=True,
                    )
                )
    backend["tools"] = live_tools
    return {"type": "responses", "responses": backend}
