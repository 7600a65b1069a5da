"""Beta <-> GA conversion of a valid session, as the reference's migration map says (§4).

Works on plain data (a session as the profile set it) and returns the converted session with
every change it made. A change that loses something is `lossy` (a warning: temperature
dropped, a modality set collapsed, VAD keys of the other type dropped, a forced function name
rewritten); a GA setting the beta interface cannot say is an `impossible` change (an error).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from rtcfg import dialects
from rtcfg.core.diagnostics import Path, dotted
from rtcfg.dialects import RESPONSE_ONLY, TOOL_CHOICE_MODES, capabilities
from rtcfg.dialects import beta as beta_facts
from rtcfg.dialects import ga as ga_facts


@dataclass(frozen=True)
class Change:
    source: Path  # where the setting was (session-relative)
    target: Path | None  # where it went (None: dropped)
    message: str
    lossy: bool = False
    impossible: bool = False


@dataclass
class Converted:
    session: dict[str, Any]
    changes: list[Change]
    expires_after: dict[str, Any] | None = None  # a beta client_secret's expiry, for a GA create body

    @property
    def impossible(self) -> list[Change]:
        return [c for c in self.changes if c.impossible]


def _set(out: dict[str, Any], path: Path, value: Any) -> None:
    node: Any = out
    for key in path[:-1]:
        node = node.setdefault(key, {})
    node[path[-1]] = value


# -- beta -> GA -----------------------------------------------------------------------------


def beta_to_ga(session: dict[str, Any], kind: str) -> Converted:
    out: dict[str, Any] = {"type": kind}
    changes = [Change((), ("type",), f"added type: {kind} (GA sessions name their type)")]
    expires_after = None
    for key, value in session.items():
        src: Path = (key,)
        if key in RESPONSE_ONLY:
            changes.append(Change(src, None, f"dropped {key} (set by the server in its responses)"))
        elif key == "modalities":
            if kind == dialects.TRANSCRIPTION:
                changes.append(
                    Change(src, None, "dropped modalities: a GA transcription session has no output", lossy=True)
                )
            elif set(value) == {"audio", "text"}:
                _set(out, ("output_modalities",), ["audio"])
                changes.append(
                    Change(
                        src,
                        ("output_modalities",),
                        "modalities [audio, text] became "
                        "output_modalities [audio]: GA audio output includes its transcript",
                        lossy=True,
                    )
                )
            else:
                _set(out, ("output_modalities",), list(value))
                changes.append(Change(src, ("output_modalities",), "modalities became output_modalities"))
        elif key in ("input_audio_format", "output_audio_format"):
            target = ("audio", "input" if key.startswith("input") else "output", "format")
            _set(out, target, dict(beta_facts.FORMAT_TO_GA[value]))
            ga_type = beta_facts.FORMAT_TO_GA[value]["type"]
            changes.append(Change(src, target, f"{key} {value} became {dotted(target)} {{type: {ga_type}}}"))
        elif key == "turn_detection":
            target = ("audio", "input", "turn_detection")
            _set(out, target, _turn_detection_to_ga(value, changes))
            changes.append(Change(src, target, f"turn_detection moved to {dotted(target)}"))
        elif key == "tool_choice" and isinstance(value, str) and value not in TOOL_CHOICE_MODES:
            _set(out, ("tool_choice",), {"type": "function", "name": value})
            changes.append(
                Change(
                    src,
                    ("tool_choice",),
                    f"the forced function {value!r} became {{type: function, name: {value}}}",
                    lossy=True,
                )
            )
        elif key == "temperature":
            changes.append(Change(src, None, f"dropped temperature {value}: GA has no temperature", lossy=True))
        elif key == "client_secret":
            expiry = value.get("expires_after") or value.get("expires_at")
            if expiry:
                expires_after = dict(expiry)
            changes.append(
                Change(
                    src,
                    None,
                    "client_secret left the session: in GA its expiry is "
                    "expires_after at the top of the client_secrets request",
                )
            )
        elif key in beta_facts.TO_GA:
            target = tuple(beta_facts.TO_GA[key].split("."))  # type: ignore[union-attr]
            _set(out, target, value)
            changes.append(Change(src, target, f"{key} moved to {dotted(target)}"))
        else:
            out[key] = value  # the same in both: model, instructions, tools, tracing, include, prompt
    return Converted(out, changes, expires_after)


def _turn_detection_to_ga(value: Any, changes: list[Change]) -> Any:
    if value is None:
        return None
    td = dict(value)
    at: Path = ("turn_detection",)
    if "type" not in td:
        td = {"type": "server_vad", **td}
        changes.append(
            Change(
                (*at, "type"),
                ("audio", "input", "turn_detection", "type"),
                "added turn_detection type: server_vad (the beta default; GA requires it)",
            )
        )
    other = "server_vad" if td["type"] == "semantic_vad" else "semantic_vad"
    foreign = beta_facts.VAD_ONLY[other]
    for key in foreign:
        if key in td:
            changes.append(
                Change(
                    (*at, key),
                    None,
                    f"dropped turn_detection.{key} {td.pop(key)}: {td['type']} has no {key}",
                    lossy=True,
                )
            )
    return td


# -- GA -> beta -----------------------------------------------------------------------------


def ga_to_beta(session: dict[str, Any]) -> Converted:
    out: dict[str, Any] = {}
    changes: list[Change] = []

    def cannot(path: Path, why: str) -> None:
        changes.append(
            Change(path, None, f"{dotted(path)} cannot be said in the beta interface: {why}", impossible=True)
        )

    for key, value in session.items():
        src: Path = (key,)
        if key == "type":
            changes.append(Change(src, None, "dropped type (beta sessions do not name it)"))
        elif key in RESPONSE_ONLY:
            changes.append(Change(src, None, f"dropped {key} (set by the server in its responses)"))
        elif key == "output_modalities":
            out["modalities"] = ["audio", "text"] if value == ["audio"] else list(value)
            changes.append(
                Change(src, ("modalities",), f"output_modalities {value} became modalities {out['modalities']}")
            )
        elif key == "max_output_tokens":
            out["max_response_output_tokens"] = value
            changes.append(
                Change(src, ("max_response_output_tokens",), "max_output_tokens became max_response_output_tokens")
            )
        elif key == "audio":
            _audio_to_beta(value, out, changes, cannot)
        elif key == "tools":
            for i, tool in enumerate(value):
                if tool.get("type") == "mcp":
                    cannot(("tools", i), "MCP tools are GA-only")
            out["tools"] = [t for t in value if t.get("type") != "mcp"]
        elif key == "tool_choice" and isinstance(value, dict) and value.get("type") == "mcp":
            cannot(src, "an MCP tool choice is GA-only")
        elif key in ("reasoning", "parallel_tool_calls", "truncation"):
            cannot(src, f"{key} is GA-only")
        elif (
            key == "model" and value in capabilities.REALTIME_MODELS and value not in capabilities.BETA_REALTIME_MODELS
        ):
            cannot(
                src,
                f"{value} is a GA-era model; the beta interface has "
                + ", ".join(sorted(capabilities.BETA_REALTIME_MODELS)),
            )
        else:
            out[key] = value
    return Converted(out, changes)


def _audio_to_beta(audio: dict[str, Any], out: dict[str, Any], changes: list[Change], cannot: Any) -> None:
    for direction in ("input", "output"):
        for key, value in (audio.get(direction) or {}).items():
            src: Path = ("audio", direction, key)
            if key == "format":
                name = f"{direction}_audio_format"
                out[name] = ga_facts.FORMAT_TO_BETA[value["type"]]
                changes.append(Change(src, (name,), f"{dotted(src)} became {name} {out[name]}"))
            elif key == "voice" and isinstance(value, dict):
                cannot(src, "custom voice ids are GA-only")
            elif key == "transcription" and value is not None:
                model = value.get("model")
                if model in capabilities.TRANSCRIPTION_MODELS and model not in capabilities.BETA_TRANSCRIPTION_MODELS:
                    cannot(
                        (*src, "model"),
                        f"{model} is a GA-era transcription model; the beta interface has "
                        + ", ".join(sorted(capabilities.BETA_TRANSCRIPTION_MODELS)),
                    )
                for extra in ("languages", "keywords", "delay"):
                    if extra in value:
                        cannot((*src, extra), f"transcription {extra} is GA-only")
                out["input_audio_transcription"] = {
                    k: v for k, v in value.items() if k not in ("languages", "keywords", "delay")
                }
                changes.append(
                    Change(src, ("input_audio_transcription",), f"{dotted(src)} moved to input_audio_transcription")
                )
            elif key == "noise_reduction" and value is not None and "strength" in value:
                cannot((*src, "strength"), "noise reduction strength is GA-only")
            elif key == "turn_detection" and value is not None and value.get("idle_timeout_ms") is not None:
                cannot((*src, "idle_timeout_ms"), "idle_timeout_ms is GA-only")
            else:
                name = _GA_AUDIO_TO_BETA[(direction, key)]
                if key == "turn_detection" and value is not None and "idle_timeout_ms" in value:
                    value = {k: v for k, v in value.items() if k != "idle_timeout_ms"}
                    changes.append(
                        Change(
                            (*src, "idle_timeout_ms"), None, "dropped idle_timeout_ms: null (off, the beta behaviour)"
                        )
                    )
                out[name] = value
                changes.append(Change(src, (name,), f"{dotted(src)} moved to {name}"))


# GA audio.<direction>.<key> -> its beta key, read off the beta->GA map (formats aside:
# they change shape, and are converted on their own).
_GA_AUDIO_TO_BETA = {
    tuple(ga_place.split(".")[1:]): beta_key
    for beta_key, ga_place in beta_facts.TO_GA.items()
    if ga_place and ga_place.startswith("audio.") and not ga_place.endswith(".format")
}
