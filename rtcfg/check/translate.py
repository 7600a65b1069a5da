"""pydantic's errors, translated into Diagnostics a person can act on.

pydantic is never shown raw: its `loc` carries union tags, which are removed by walking the
model types alongside it; each error type maps to one code; unknown keys get did-you-mean
hints; union noise never arises because every union picks its member by the input's kind.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from typing import Any

from rtcfg import dialects
from rtcfg.check.typewalk import Step, field_index, fields_of, literal_values, union_types, walk
from rtcfg.core.diagnostics import DELETE, MOVE, RENAME, SET, Diagnostic, Edit, Fix, Path, Severity
from rtcfg.core.suggest import close_match
from rtcfg.dialects import beta as beta_facts
from rtcfg.dialects import ga as ga_facts
from rtcfg.dialects.detect import kind_name


def nullable_hint(dialect_name: str) -> str:
    """Which settings take null, in the dialect's own names (beta has no MCP tools)."""
    if dialect_name == dialects.LIVE:
        return (
            "omit the key to keep the default; null is taken only by instructions, delegation, "
            "safety_identifier and most backend settings"
        )
    facts = dialects.facts(dialect_name)
    names = [facts.PLACES[s][-1] for s in ("turn_detection", "transcription", "noise_reduction")]
    names += ["tracing", "prompt"]
    tail = ", ".join(names) + (" and a few MCP fields" if dialect_name == dialects.GA else "")
    return f"omit the key to leave the setting unchanged; null is taken only by {tail}"


# -- the translation ---------------------------------------------------------------------------


MAX_GUESSES = 200  # unknown keys of one profile that get a did-you-mean hint


class Translator:
    """Turns one validation run's errors into diagnostics for one document."""

    def __init__(
        self, root: Any, dialect_name: str, prefix: Path, source_text: Callable[[Path], tuple[str, str | None] | None]
    ) -> None:
        self.root = root
        self.dialect = dialect_name
        self.prefix = prefix
        self._source_text = source_text
        self._guesses = 0  # fuzzy did-you-mean searches made: each costs a quarter millisecond

    def translate(self, error: dict[str, Any]) -> Diagnostic:
        step = walk(self.root, tuple(error["loc"]))
        etype: str = error["type"]
        value = error.get("input")
        path = step.path
        key = _last_key(path)
        code, message, hint = "RT105", "", None
        fix: Fix | None = None

        if etype == "extra_forbidden":
            return self._unknown_key(step, path, error.get("input"))
        if etype == "missing":
            code, message = "RT104", f"missing required key {key!r}"
            hint = self._missing_hint(path)
        elif etype == "rtcfg_kind":
            return self._wrong_kind(step, path, value, error["msg"])
        elif value is None and (etype.endswith("_type") or etype in ("literal_error", "enum")):
            code, message, hint = "RT106", f"{key} cannot be null", nullable_hint(self.dialect)
        elif etype in ("literal_error", "enum"):
            code = "RT107"
            choices = literal_values(step.leaf)
            message = f"invalid {key} {value!r}; expected " + _one_of(choices)
            hint = self._value_hint(path, value, choices)
        elif etype in ("greater_than", "greater_than_equal", "less_than", "less_than_equal"):
            code = "RT108"
            message = f"{key} is {value!r}; it " + error["msg"].replace("Input should", "should")
        elif etype in ("too_short", "too_long"):
            code = "RT108"
            if key == "output_modalities":
                message = 'output_modalities must be exactly ["audio"] or ["text"]'
                hint = 'GA cannot request both: ["audio"] already includes a transcript'
                if isinstance(value, list) and "audio" in value:
                    fix = Fix(True, 'write ["audio"] (it includes the transcript)', (self._edit(SET, path, ["audio"]),))
            else:
                ctx = error.get("ctx", {})
                if etype == "too_short":
                    n = ctx.get("min_length", 1)
                    message = f"{key} needs at least {n} item{'s' if n != 1 else ''}"
                else:
                    n = ctx.get("max_length", 0)
                    message = f"{key} takes at most {n} item{'s' if n != 1 else ''}"
        elif etype == "string_pattern_mismatch":
            code = "RT108"
            message = f"{key} {value!r} does not match {error.get('ctx', {}).get('pattern', '')}"
        elif etype == "finite_number":
            message = f"{key} must be a finite number, not {value!r}"
        elif etype == "rtcfg_modalities":
            code, message = "RT107", error["msg"]
            hint = 'use ["text"] for text only, ["audio", "text"] for speech'
        elif etype == "rtcfg_mcp_server":
            code, message = "RT104", error["msg"]
            hint = "server_url for a remote MCP server, tunnel_id for a Secure MCP Tunnel"
        elif etype.endswith(("_type", "_parsing")):
            expected = _expected_name(etype)
            message = f"{key} must be {expected}, not {_describe(value)}"
            hint = self._yaml_trap_hint(path, value, expected)
            if hint is None and key in ("max_output_tokens", "max_response_output_tokens"):
                hint = 'an integer from 1 to 4096, or "inf"'

        else:  # a pydantic error type rtcfg has no words for yet: still never raw
            message = f"{key}: {error['msg']}"
        return self._diag(code, message, path, hint, fix=fix)

    def _diag(
        self,
        code: str,
        message: str,
        path: list[str | int],
        hint: str | None,
        severity: Severity = Severity.ERROR,
        fix: Fix | None = None,
    ) -> Diagnostic:
        return Diagnostic(severity, code, message, self.prefix + tuple(path), hint=hint, fix=fix)

    def _edit(self, op: str, path: list[str | int] | tuple[str | int, ...], value: object = None) -> Edit:
        """An edit at a session-relative path, as the document path a fix needs."""
        if op == MOVE:
            value = tuple(value)  # type: ignore[arg-type]
        return Edit(op, tuple(path), value).rerooted((), self.prefix)

    # -- unknown keys --------------------------------------------------------------------

    def _unknown_key(self, step: Step, path: list[str | int], value: Any = None) -> Diagnostic:
        key = str(path[-1])
        parent = step.parent
        allowed = list(fields_of(parent)) if parent else []
        at_top = len(path) == 1
        hint: str | None
        if self.dialect == dialects.GA and at_top and key in beta_facts.TO_GA:
            ga_place = beta_facts.TO_GA[key]
            hint = f"in GA it is {ga_place}" if ga_place else _GONE_IN_GA.get(key, "GA has no such setting")
            # No `rtcfg migrate` here: it converts beta profiles, and refuses this GA one.
            message = f"{key!r} is a beta key; the GA interface does not take it"
            return self._diag("RT101", message, path, hint, fix=self._to_ga_place(key, value, path))
        if self.dialect == dialects.BETA and at_top and key in ga_facts.TO_BETA:
            beta_place = ga_facts.TO_BETA[key]
            hint = (
                f"in beta it is {beta_place}" if beta_place else "the beta interface cannot say this"
            ) + "; if this is a GA profile, set `api: ga` or add `type: realtime`"
            return self._diag("RT102", f"{key!r} is a GA key; the beta interface does not take it", path, hint)
        if self.dialect == dialects.LIVE:
            live = _live_unknown(path, key)
            if live is not None:
                fix = None
                if live[0] == "RT400" and path == ["voice"] and isinstance(value, (str, dict)):
                    from rtcfg.dialects import live as live_facts

                    fix = Fix(
                        True, "move voice to audio.output.voice", (self._edit(MOVE, path, live_facts.PLACES["voice"]),)
                    )
                return self._diag(*live, fix=fix)
        hint = _SPECIAL_KEYS.get((parent.__name__ if parent else "", key)) or _SPECIAL_KEYS.get(("*", key))
        # Past the first MAX_GUESSES unknown keys of one profile (a generated file, a
        # hostile one) the did-you-mean search stops, so the cost stays linear and small.
        self._guesses += 1
        guessing = self._guesses <= MAX_GUESSES
        fix = Fix(False, f"remove {key!r}", (self._edit(DELETE, path),))  # the API does not take it
        if hint is None and guessing:
            guess = close_match(key, allowed)
            if guess:
                hint = f"did you mean {guess!r}?"
                fix = Fix(True, f"rename {key!r} to {guess!r}", (self._edit(RENAME, path, guess),))
        if hint is None and parent is not None and parent.__name__.startswith("Transcription"):
            hint = (
                f"a transcription session has no {key}; it takes type, audio.input and include "
                "(set type: realtime for a session that answers)"
            )
        if hint is None and guessing:
            index = field_index(self.dialect)
            here = ".".join(str(p) for p in path if isinstance(p, str))
            places = [p for p in index.get(key) or index.get(close_match(key, index) or "") or [] if p != here]
            if places:
                hint = "it belongs at " + " or ".join(places[:3])
        if hint is None and allowed:
            hint = "allowed here: " + ", ".join(allowed)
        return self._diag("RT100", f"unknown key {key!r}", path, hint, fix=fix)

    def _to_ga_place(self, key: str, value: Any, path: list[str | int]) -> Fix | None:
        """A beta key moved to its GA place, its value converted (g711_ulaw -> {type:
        audio/pcmu}); one GA has no place for is removed (unsafe: temperature, client_secret)."""
        from rtcfg.core import datapath
        from rtcfg.dialects.beta import convert

        ga_place = beta_facts.TO_GA[key]
        if ga_place is None:
            return Fix(False, f"remove {key!r} (GA has no such setting)", (self._edit(DELETE, path),))
        target = tuple(ga_place.split("."))
        try:
            converted = convert.beta_to_ga({key: value}, dialects.REALTIME).session
        except Exception:  # a value beta itself would refuse: no safe move
            return None
        if not datapath.has(converted, target):
            return None
        new = datapath.get(converted, target)
        edits = [self._edit(MOVE, path, target)]
        if new != value:
            edits.append(self._edit(SET, target, new))
        return Fix(True, f"move {key} to {ga_place}", tuple(edits))

    def _missing_hint(self, path: list[str | int]) -> str | None:
        if self.dialect == dialects.LIVE and path == ["model"]:
            return "a Live session names its model: model: gpt-live-1.1"
        if path == ["type"]:
            return "a GA session needs type: realtime (or transcription)"
        if path and path[-1] == "type":
            return "add type (one of " + ", ".join(union_types(walk(self.root, ()).leaf)) + ")"
        return None

    # -- wrong kinds of value --------------------------------------------------------------

    def _wrong_kind(self, step: Step, path: list[str | int], value: Any, msg: str) -> Diagnostic:
        key = _last_key(path)
        types = union_types(step.leaf)
        hint: str | None
        if isinstance(value, dict) and "role developer, user or assistant" in msg:
            role = value.get("role")
            if "role" not in value:
                return self._diag("RT104", "missing required key 'role'", path, "role: developer, user or assistant")
            hint = "Live startup history has no system role: use developer" if role == "system" else None
            message = f"invalid role {role!r}; expected 'developer', 'user' or 'assistant'"
            return self._diag("RT107", message, [*path, "role"], hint)
        if isinstance(value, dict) and types:
            kind = value.get("type")
            if "type" not in value:
                hint = (
                    "a GA session needs type: realtime (or transcription)"
                    if not path
                    else "one of: " + ", ".join(types)
                )
                return self._diag("RT104", "missing required key 'type'", [*path, "type"], hint)
            hint = self._value_hint([*path, "type"], kind, types)
            return self._diag(
                "RT107", f"invalid type {kind!r} for {key}; expected " + _one_of(types), [*path, "type"], hint
            )
        if value is None:
            return self._diag("RT106", f"{key} cannot be null", path, nullable_hint(self.dialect))
        hint = None
        fix = None
        if key == "format" and isinstance(value, str):
            ga = _BETA_FORMAT_TO_GA.get(value)
            hint = f"GA formats are objects: {ga or _ga_format('pcm16')}"
            name = beta_facts.FORMAT_MISSPELLINGS.get(value, value)
            if self.dialect == dialects.GA and name in beta_facts.FORMAT_TO_GA:
                fix = Fix(True, f"write {ga}", (self._edit(SET, path, dict(beta_facts.FORMAT_TO_GA[name])),))
        elif key == "turn_detection" and isinstance(value, (str, bool)):
            hint = "to turn voice activity detection off, set turn_detection: null"
        return self._diag(
            "RT105", f"{key} must be {msg.removeprefix('expected ')}, not {_describe(value)}", path, hint, fix=fix
        )

    def _value_hint(self, path: list[str | int], value: Any, choices: list[Any]) -> str | None:
        key, parent_key = _last_key(path, ""), _last_key(path[:-1], "")
        if key == "type" and parent_key == "format" and isinstance(value, str) and value in _BETA_FORMAT_TO_GA:
            return f"{value!r} is the beta spelling; in GA use {_BETA_FORMAT_TO_GA[value]}"
        if key == "type" and parent_key == "turn_detection" and value in ("none", "disabled", None):
            return "to turn voice activity detection off, set turn_detection: null"
        beta_format_keys = (*beta_facts.PLACES["input_format"], *beta_facts.PLACES["output_format"])
        if key in beta_format_keys and isinstance(value, str) and value in ga_facts.FORMAT_TO_BETA:
            return f"{value!r} is the GA spelling; in beta use {ga_facts.FORMAT_TO_BETA[value]!r}"
        if key == "type" and value == "mcp" and self.dialect == dialects.BETA:
            return "MCP tools exist only in the GA interface"
        if key == "rate" and self.dialect == dialects.LIVE:
            return "Live PCM runs at 16000 or 24000 Hz; G.711 (audio/pcmu, audio/pcma) at 8000"
        if key == "rate" and value != ga_facts.PCM_RATE:
            return (
                f"audio/pcm runs only at {ga_facts.PCM_RATE} Hz; for 8 kHz G.711 use {{type: audio/pcmu}} or "
                "{type: audio/pcma}"
            )
        strings = [c for c in choices if isinstance(c, str)]
        trap = self._yaml_trap_hint(path, value, "a string") if len(strings) == len(choices) else None
        if trap:
            return trap
        if isinstance(value, str) and strings:
            guess = close_match(value, strings)
            if guess:
                return f"did you mean {guess!r}?"
        return None

    def _yaml_trap_hint(self, path: list[str | int], value: Any, expected: str) -> str | None:
        """YAML 1.1 reads unquoted on/off/yes/no as booleans and 2024-01-01 as a date."""
        if "string" not in expected or not isinstance(value, (bool, int, float, datetime.date)):
            return None
        from_source = self._source_text(self.prefix + tuple(path))
        if from_source is None:
            return None
        text, style = from_source
        if style is not None:
            return None
        what = "a date" if isinstance(value, datetime.date) else kind_name(value).replace("integer", "a number")
        what = what if what.startswith("a ") else f"a {what}"
        return f'YAML reads the unquoted {text} as {what}; quote it: "{text}"'


_BACKEND_SAMPLING = frozenset(
    {"temperature", "top_p", "seed", "top_k", "frequency_penalty", "presence_penalty", "max_tokens", "prompt",
     "truncation", "include", "store", "previous_response_id", "metadata"}
)  # fmt: skip


def _live_unknown(path: list[str | int], key: str) -> tuple[str, str, list[str | int], str] | None:
    """A Realtime key in a Live session (RT400, with its Live place or "no equivalent"), or
    a Responses request key the Live backend does not take."""
    from rtcfg.dialects import live as live_facts

    if len(path) == 1 and key in live_facts.FROM_REALTIME:
        message = f"{key!r} is a Realtime key; the Live API does not take it"
        return "RT400", message, path, live_facts.FROM_REALTIME[key]
    if len(path) == 2 and path[0] == "audio" and key in live_facts.AUDIO_FROM_REALTIME:
        message = f"'audio.{key}' is a Realtime setting; the Live API does not take it"
        return "RT400", message, path, live_facts.AUDIO_FROM_REALTIME[key]
    if path[:2] == ["delegation", "responses"] and len(path) == 3 and key in _BACKEND_SAMPLING:
        hint = "the Live backend takes model, instructions, max_output_tokens, parallel_tool_calls, reasoning, "
        hint += "service_tier, text, tool_choice and tools; no sampling or request settings"
        return "RT100", f"unknown key {key!r}: not a Live backend setting", path, hint
    return None


_GONE_IN_GA = {
    "temperature": "GA has no temperature; remove it (the server picks sampling for audio models)",
    "client_secret": "in GA the key's lifetime is expires_after on the client_secrets request "
    "(`rtcfg render --as create --expires-in SECONDS`)",
}


def _ga_format(beta_name: str) -> str:
    """The GA format object for a beta format name (or a common misspelling of one), as YAML."""
    fmt = beta_facts.FORMAT_TO_GA[beta_facts.FORMAT_MISSPELLINGS.get(beta_name, beta_name)]
    return "{" + ", ".join(f"{k}: {v}" for k, v in fmt.items()) + "}"


_BETA_FORMAT_TO_GA = {name: _ga_format(name) for name in (*beta_facts.FORMAT_TO_GA, *beta_facts.FORMAT_MISSPELLINGS)}
_SPECIAL_KEYS = {
    ("FunctionTool", "function"): "Realtime tools are flat: put name, description and parameters "
    "beside type, not under function:",
    ("ToolChoiceFunction", "function"): "the forced choice is flat: {type: function, name: ...}",
    ("*", "enabled"): "there is no enabled switch: set the object to turn it on, null to turn it off",
    ("CustomVoice", "name"): "a custom voice is referenced by its id alone: {id: voice_...}",
    ("SemanticVad", "threshold"): "threshold is only for server_vad",
    ("SemanticVad", "prefix_padding_ms"): "prefix_padding_ms is only for server_vad",
    ("SemanticVad", "silence_duration_ms"): "silence_duration_ms is only for server_vad",
    ("SemanticVad", "idle_timeout_ms"): "idle_timeout_ms is only for server_vad",
    ("ServerVad", "eagerness"): "eagerness is only for semantic_vad",
    ("AudioPCMU", "rate"): "G.711 runs at 8 kHz by definition; this format takes no rate",
    ("AudioPCMA", "rate"): "G.711 runs at 8 kHz by definition; this format takes no rate",
    ("TurnDetection", "idle_timeout_ms"): "idle_timeout_ms exists only in the GA interface",
    ("ClientSecret", "expires_at"): "/realtime/sessions spells it expires_after (expires_at is the "
    "transcription-sessions spelling, and a response field)",
    ("ClientSecret", "value"): "client_secret.value is the ephemeral key in a response; a request "
    "sets only expires_after",
    ("TranscriptionClientSecret", "expires_after"): "transcription sessions spell it expires_at",
}


def _last_key(path: list[str | int], default: str = "session") -> str:
    """The name a message uses for a place: its last key (`tools[2].name` -> `name`)."""
    return next((p for p in reversed(path) if isinstance(p, str)), default)


def _one_of(choices: list[Any]) -> str:
    shown = [repr(c) for c in choices]
    if len(shown) <= 1:
        return "".join(shown)
    return "one of " + ", ".join(shown)


def _expected_name(etype: str) -> str:
    return {
        "string_type": "a string",
        "int_type": "an integer",
        "float_type": "a number",
        "bool_type": "true or false",
        "dict_type": "a mapping",
        "model_type": "a mapping",
        "list_type": "a list",
        "int_parsing": "an integer",
        "float_parsing": "a number",
    }.get(etype, "another type")


def _describe(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, datetime.date):
        return f"the date {value.isoformat()}"
    if isinstance(value, (dict, list)):
        return f"a {kind_name(value)}"
    text = repr(value)
    if len(text) > 40:
        text = text[:37] + "..."
    return f"the {kind_name(value)} {text}"


def collapse(diags: list[Diagnostic]) -> list[Diagnostic]:
    """Drop unknown-key noise inside an object whose `type` itself is invalid: once the type is
    wrong, which keys belong there is not known, and the type is the one thing to fix."""
    bad_types = {d.path[:-1] for d in diags if d.code == "RT107" and d.path and d.path[-1] == "type"}
    return [d for d in diags if not (d.code == "RT100" and d.path[:-1] in bad_types)]
