"""Stable codes for every problem rtcfg reports: the one registry behind `rtcfg rules`,
the README's rule table, `--ignore` and the JSON output.

Consumers (JSON output, `--ignore`, CI filters) key on the code, never on the message.
RT0xx: reading and parsing a file.  RT1xx: the shape of the session (the models).
RT2xx: rules beyond the shape (`rtcfg.check.rules`), which run once the shape is right.
"""

from __future__ import annotations

import difflib
from typing import NamedTuple

from rtcfg.core.diagnostics import Severity

E, W = Severity.ERROR, Severity.WARNING
_REF = "reference "  # the field reference the project was built from, by rule id
_LIVE = "Live reference "  # the Live API reference, by rule id


# Errors that rest on an offline estimate (a token count): a user who counted better may
# turn them off.
_ESTIMATED = frozenset({"RT407", "RT408"})


class Code(NamedTuple):  # a NamedTuple: cheaper to define than a frozen dataclass, at every start
    code: str
    name: str
    severity: Severity
    summary: str  # one line: what is wrong
    hint: str  # one line: what to do about it (diagnostics may say it more precisely)
    rationale: str  # why it matters
    source: str  # where the rule comes from: the API's error, the SDK, a report
    at_key: bool = False  # point at the key rather than at its value
    retired: str | None = None  # why the rule no longer fires (the code stays: configs name it)
    fix: str = ""  # what `validate --fix` can do for it: "safe", "unsafe", or "safe or unsafe"

    @property
    def ignorable(self) -> bool:
        """Rules and warnings can be turned off; a file that cannot be read or a session
        the API would reject outright cannot be waved through."""
        return self.severity is Severity.WARNING or self.code.startswith("RT2") or self.code in _ESTIMATED


_ALL = [
    # -- reading and parsing -------------------------------------------------------
    Code(
        "RT001",
        "syntax",
        E,
        "The file is not valid YAML or JSON.",
        "fix the syntax at the line shown",
        "Nothing can be checked in a file that does not parse.",
        "YAML 1.1 (PyYAML), RFC 8259 (JSON)",
    ),
    Code(
        "RT002",
        "duplicate-key",
        E,
        "A key appears twice in one mapping.",
        "keep one of the two keys",
        "PyYAML and json silently keep the last value; the first one is lost without a word.",
        "YAML 1.2 §3.2.1.1 (keys are unique)",
        at_key=True,
    ),
    Code(
        "RT003",
        "not-a-mapping",
        E,
        "The document is empty or is not a mapping.",
        "a profile is a mapping: `session:` plus profile keys, or the session itself",
        "A profile, a session and a session.update event are all mappings.",
        "DESIGN: profile shapes",
    ),
    Code(
        "RT004",
        "multiple-documents",
        E,
        "The file holds more than one YAML document.",
        "keep one document per file (remove the extra `---`)",
        "A profile is one document; a second one would be ignored silently.",
        "DESIGN: profile shapes",
    ),
    Code(
        "RT005",
        "encoding",
        E,
        "The file is not valid UTF-8 (or UTF-16/32 with a byte order mark).",
        "save the file as UTF-8",
        "The API takes JSON, which is Unicode text.",
        "RFC 8259 §8.1",
    ),
    Code(
        "RT006",
        "unsupported-tag",
        E,
        "A YAML tag rtcfg does not construct (e.g. !!python/object).",
        "remove the tag; profiles are plain data",
        "Only safe YAML is read; nothing in a profile is ever executed.",
        "PyYAML safe_load",
    ),
    Code(
        "RT007",
        "non-string-key",
        E,
        "A mapping key that is not a string.",
        "quote the key",
        "JSON object keys are strings; YAML 1.1 reads unquoted on/off/yes/no/1 as other types.",
        "RFC 8259 §4; YAML 1.1 bool and int types",
    ),
    Code(
        "RT008",
        "too-large",
        E,
        "The file exceeds a size, nesting or alias limit.",
        "a session profile is small; check that this is the file you meant",
        "Limits keep the cost of hostile input bounded.",
        "rtcfg limits (16 MiB, depth 200, 1,000,000 nodes after aliases)",
    ),
    Code(
        "RT009",
        "unreadable",
        E,
        "The path is missing, unreadable or not a regular file.",
        "check the path and its permissions",
        "The command cannot run as asked (exit 2).",
        "rtcfg",
    ),
    Code(
        "RT010",
        "composition-file",
        E,
        "A file named by extends or !include is missing or unreadable.",
        "check the path; it is relative to the file that names it",
        "The profile means its base or included file; without it, it means something else.",
        "DESIGN: composition rules",
    ),
    Code(
        "RT011",
        "outside-root",
        E,
        "extends or !include names a file outside the project root.",
        "keep bases and included files inside the project, or pass --root",
        "A profile must not read arbitrary files of the machine it is checked on (../../.ssh/...).",
        "DESIGN: composition rules",
    ),
    Code(
        "RT012",
        "composition-cycle",
        E,
        "Files extend or include each other in a cycle.",
        "break the cycle; the message names the chain",
        "A cycle has no meaning and would never finish.",
        "DESIGN: composition rules",
    ),
    Code(
        "RT013",
        "unset-variable",
        E,
        "A ${VAR} that is not set and has no default.",
        "set the variable, or give a default: ${VAR:-value}; write $${ for a literal ${",
        "An unset secret would otherwise be sent as the literal text ${VAR}.",
        "DESIGN: composition rules",
    ),
    Code(
        "RT014",
        "composition-misuse",
        E,
        "extends or !include used where it cannot mean anything.",
        "extends is a path or list of paths next to session:; !include takes a file path",
        "A base must be a profile, and only an envelope can extend one.",
        "DESIGN: composition rules",
    ),
    Code(
        "RT015",
        "unused-suppression",
        W,
        "A `# rtcfg: ignore[...]` comment that suppresses nothing.",
        "remove it: the finding it was for is gone, or the comment is not on its line or the line above",
        "A stale suppression would silently hide the next real finding of that rule on that line.",
        "ruff's unused-noqa (RUF100)",
    ),
    Code(
        "RT016",
        "invalid-suppression",
        W,
        "A suppression comment that names no rule, an unknown rule, or an error that cannot be suppressed.",
        "name ignorable rules: # rtcfg: ignore[RT214] -- why",
        "A suppression that cannot work leaves the finding in place; saying so beats a silent no-op.",
        "ruff's invalid-noqa",
    ),
    # -- the shape of the session ----------------------------------------------------
    Code(
        "RT100",
        "unknown-key",
        E,
        "A key the API does not define at this place.",
        "remove the key, or fix its spelling",
        "The API rejects the whole update with unknown_parameter (Unknown parameter: 'session.tools[0].meta').",
        _REF + "R-UNK; livekit/agents#3210",
        at_key=True,
    ),
    Code(
        "RT101",
        "beta-key-in-ga",
        E,
        "A beta-era key in a GA session.",
        "move it to its GA place, or run `rtcfg migrate`",
        "GA answers \"Unknown parameter: 'session.voice'\" and applies nothing.",
        _REF + "R-ERA1; livekit/agents#3444",
        at_key=True,
    ),
    Code(
        "RT102",
        "ga-key-in-beta",
        E,
        "A GA-only key in a beta session.",
        "remove it, or make the whole profile GA",
        "The beta interface answers \"Unknown parameter: 'session.type'\".",
        _REF + "R-ERA1; openai/openai-python#2638",
        at_key=True,
    ),
    Code(
        "RT103",
        "mixed-dialect",
        E,
        "Retired: the session mixes beta and GA keys.",
        "each key of the other dialect is reported on its own (RT101, RT102) with its place",
        "The most common mistake after the GA change; SDKs silently drop one side. Each such key "
        "now has its own finding that says where it belongs, and this one said the same again at "
        "the same place: one fault, one message.",
        "peers C#29; openai/openai-agents-js#495",
        at_key=True,
        retired="each key of the other dialect has its own RT101/RT102",
    ),
    Code(
        "RT104",
        "missing-key",
        E,
        "A required key is missing.",
        "add the key",
        "For example \"Missing required parameter: 'session.type'.\"",
        _REF + "R-ERA2; TanStack/ai#586",
    ),
    Code(
        "RT105",
        "wrong-type",
        E,
        "A value of the wrong type.",
        "write the value with the type shown",
        "The API checks types strictly: true is not 1, 5.0 is not a token count.",
        _REF + "§7.2; the API's invalid_type errors",
    ),
    Code(
        "RT106",
        "null-not-allowed",
        E,
        "null where the API does not take it.",
        "omit the key to leave the setting alone; null only turns off nullable settings",
        "\"Invalid type for 'session.speed': expected a decimal, but got null\".",
        _REF + "R-NULL; livekit/agents#2577",
    ),
    Code(
        "RT107",
        "invalid-value",
        E,
        "A value outside the set the API accepts.",
        "use one of the values listed",
        "For example \"Invalid value: 'g711-ulaw'. Supported values are: 'pcm16', ...\".",
        _REF + "R-FMT-BETA; 64bit/async-openai#349",
    ),
    Code(
        "RT108",
        "out-of-range",
        E,
        "A number, length or pattern outside the API's limits.",
        "bring the value inside the range shown",
        "For example max_output_tokens above 4096 or speed above 1.5.",
        _REF + "R-MAXTOK, R-SPEED; lukacf/meerkat#283",
    ),
    Code(
        "RT109",
        "response-only",
        W,
        "A key the server sets in its responses (id, object, expires_at).",
        "delete it from the profile; `rtcfg render` leaves it out",
        "Captured session.created payloads carry them; requests must not.",
        "openai 3.52.0 response types",
        at_key=True,
    ),
    Code(
        "RT110",
        "beta-retired",
        W,
        "The profile uses the beta interface, which OpenAI retired.",
        "run `rtcfg migrate`; keep beta only for a compatible server",
        "Since May 2026 OpenAI answers beta_api_shape_disabled.",
        _REF + "R-ERA3; pickle-com/glass#220",
        at_key=True,
    ),
    Code(
        "RT111",
        "unknown-model",
        W,
        "A model name rtcfg does not know.",
        "check the spelling; the diagnostic names the closest known model",
        "The API takes free strings here, so a typo surfaces only at connect time.",
        "openai 3.52.0 RealtimeSessionCreateRequest.model",
    ),
    Code(
        "RT112",
        "unknown-voice",
        W,
        "A voice name rtcfg does not know.",
        "use a built-in voice (marin and cedar are recommended) or {id: voice_...}",
        "The server validates voices against its own list: \"Invalid value: 'ash'. Supported values are...\".",
        _REF + "R-VOICE; Azure-Samples/aoai-realtime-audio-sdk#94",
    ),
    Code(
        "RT113",
        "unknown-transcription-model",
        W,
        "A transcription model rtcfg does not know.",
        "check the spelling",
        "The API takes free strings here, so a typo surfaces only at run time.",
        "openai 3.52.0 AudioTranscription.model",
    ),
    Code(
        "RT114",
        "ambiguous-dialect",
        E,
        "Nothing in the session tells the GA interface from the beta one.",
        "declare it: api: ga or api: beta in a profile envelope, or --api on the command line",
        "A partial update ({instructions}, {tools, tool_choice}) or a body with only a model is valid "
        "beta and lacks GA's type; read either way it would earn the other server's error "
        "(Missing required parameter: 'session.type', or Unknown parameter: 'session.type').",
        "DESIGN: dialects; issue: sessions that cannot tell their dialect",
    ),
    Code(
        "RT115",
        "server-event",
        E,
        "A captured server event (session.created, session.updated): what the server runs, not a request.",
        "take its session into a session.update without id, object and expires_at (rtcfg render writes one)",
        "The server's echo holds what only responses carry and fills every field it knows, null "
        "where nothing is set; checked as a request it would be a pile of errors that say nothing.",
        "openai 3.52.0 SessionCreatedEvent / RealtimeSessionCreateResponse (every field optional)",
    ),
    Code(
        "RT116",
        "live-realtime-mix",
        E,
        "A session that mixes Realtime keys and Live keys.",
        "declare api: live for a Live session (each Realtime key then gets its Live place), or remove the Live keys",
        "The Realtime API rejects the Live keys and the Live API the Realtime ones: no server takes the session.",
        _LIVE + "§1.3, §5.2",
    ),
    # -- tools -------------------------------------------------------------------------
    Code(
        "RT200",
        "tool-choice-unknown-tool",
        E,
        "A forced tool_choice names a function or MCP server_label that is not in tools.",
        "name a tool the session defines, or add the tool",
        "The model is forced to call a tool it does not have; the choice can never be honoured.",
        _REF + "R-TC-REF; peers C#22",
    ),
    Code(
        "RT201",
        "tool-choice-without-tools",
        E,
        'tool_choice is "required" but the session has no tools.',
        "add tools, or set tool_choice to auto",
        "A required call with nothing to call is a contradiction.",
        _REF + "R-TC-REF",
    ),
    Code(
        "RT202",
        "duplicate-tool",
        W,
        "Two function tools share a name, or two MCP tools a server_label.",
        "give each tool its own name",
        "Which one a call reaches is undocumented; agents-python refuses duplicates outright.",
        _REF + "R-TOOL-DUP; peers C#20",
    ),
    Code(
        "RT203",
        "tool-name",
        E,
        "A function tool name is missing, or outside ^[a-zA-Z0-9_-]{1,64}$.",
        "use letters, digits, _ and -, at most 64 characters",
        "An error because the API refuses the session: one malformed name rejects the whole session "
        "payload (openclaw/openclaw#89175 filters names for that reason); the pattern is OpenAI's "
        "function-name rule.",
        _REF + "R-TOOL-NAME; openclaw/openclaw#89175",
    ),
    Code(
        "RT204",
        "tool-parameters-schema",
        E,
        "A function tool's parameters are not a valid JSON Schema.",
        "fix the schema keyword shown (checked against the JSON Schema metaschema)",
        "Tools with broken schemas are never registered or never called.",
        _REF + "R-TOOL-PARAMS; peers C#19; openai/openai-realtime-api-beta#28",
    ),
    Code(
        "RT205",
        "tool-parameters-not-object",
        E,
        "A function tool's parameters schema is not of type object.",
        "write parameters as {type: object, properties: {...}, required: [...]}",
        "Function arguments are a JSON object; OpenAI rejects other root types.",
        _REF + "R-TOOL-PARAMS (SPEC: parameters is type object)",
    ),
    Code(
        "RT206",
        "required-not-defined",
        W,
        "A schema's required list names a property it does not define.",
        "define the property, or remove it from required",
        "The model cannot fill an argument the schema never describes.",
        _REF + "R-TOOL-PARAMS",
    ),
    Code(
        "RT207",
        "mcp-several-servers",
        W,
        "An MCP tool sets more than one of server_url, connector_id, tunnel_id.",
        "keep exactly one",
        "The API asks for one of them; which one wins is undocumented.",
        _REF + 'R-MCP ("One of server_url, connector_id, or tunnel_id must be provided")',
    ),
    Code(
        "RT208",
        "mcp-connector-deprecated",
        W,
        "An MCP tool uses connector_id, deprecated for newer models.",
        "use server_url for a remote MCP server, or tunnel_id for a Secure MCP Tunnel",
        "The SDK marks connector_id deprecated for models released after a cut-off date (the "
        "message names it). Every model in rtcfg's capability table came out before it (the "
        "reference's timeline: gpt-realtime-2.1 on 2026-07-09), so the warning is for a model "
        "rtcfg does not know or one chosen when connecting.",
        "openai 3.52.0 RealtimeToolsConfig MCP connector_id docstring",
    ),
    Code(
        "RT209",
        "mcp-literal-secret",
        W,
        "An MCP authorization or header holds a literal secret.",
        "reference an environment variable instead: ${MCP_TOKEN}",
        "Profiles live in the repository; a token written into one is a leaked token.",
        _REF + "§2.5.5 (authorization is an OAuth access token)",
    ),
    # -- turn detection, audio and output ------------------------------------------------
    Code(
        "RT210",
        "never-auto-respond",
        W,
        "create_response and interrupt_response are both false.",
        "set turn_detection: null for manual turns, or let VAD create responses",
        "The model never answers on its own, while VAD keeps firing events.",
        _REF + "R-TD-SILENT (SDK docstring)",
        at_key=True,
    ),
    Code(
        "RT211",
        "half-disabled-turn-taking",
        W,
        "create_response is false and interrupt_response is left at its default (true).",
        "say interrupt_response: true if the barge-in is meant, or false when the client owns the turns",
        "The server still cancels responses when the user speaks. Apps that create responses "
        "themselves and want barge-in write interrupt_response: true on purpose, so only the default "
        "is flagged. A warning: the API accepts both.",
        "peers C#15 (LiveKit warns about it in realtime_model.py)",
        at_key=True,
    ),
    Code(
        "RT212",
        "transcription-turn-options",
        W,
        "A transcription session sets turn-detection options it does not have.",
        "remove create_response/interrupt_response; beta transcription takes only server_vad",
        "Transcription sessions never respond, so these options are not available there.",
        _REF + "R-TD-TRX (SDK beta docstrings; SPEC)",
        at_key=True,
    ),
    Code(
        "RT213",
        "vad-keys-of-other-type",
        W,
        "A beta turn_detection key that belongs to the other VAD type.",
        "threshold, prefix_padding_ms and silence_duration_ms are server_vad's; eagerness is semantic_vad's",
        "Beta ignores them; the GA API rejects them, so they break on migration.",
        _REF + "R-TD-KEYS; livekit/agents#1809",
        at_key=True,
    ),
    Code(
        "RT214",
        "audio-format-mismatch",
        W,
        "Input and output audio formats differ.",
        "use the same format both ways (telephony: audio/pcmu or audio/pcma on both)",
        "Telephony needs G.711 both ways; PCM leaking into a call is static noise.",
        _REF + "R-FMT-TEL; openai/openai-agents-js#1366",
    ),
    Code(
        "RT215",
        "output-settings-text-only",
        W,
        "Voice, speed or output format with text-only output.",
        "remove them, or add audio to the output modalities",
        "A session that never speaks ignores them; they hide what the profile does.",
        _REF + "R-MOD-TEXT",
        at_key=True,
    ),
    # -- transcription -------------------------------------------------------------------
    Code(
        "RT220",
        "transcription-feature",
        E,
        "The transcription model does not support this setting.",
        "choose a model that supports it, or remove the setting",
        '"Turn detection is not supported for this transcription model"; prompt, delay, '
        "keywords and languages are per model too.",
        _REF + "R-TRX-MODEL; livekit/agents#5779; OpenWhispr/openwhispr#2077",
        at_key=True,
    ),
    Code(
        "RT221",
        "transcription-vad-default",
        W,
        "Retired: the transcription model takes no turn detection and the profile left it at the default.",
        "nothing to do: the API accepts the default; an explicit turn_detection object is RT220",
        'The SDK says turn detection "must be set to null" for gpt-realtime-whisper sessions, but '
        "the live API accepted such a transcription session that left it unset: the warning "
        "contradicted the API's behaviour, so the rule no longer fires (a turn_detection object "
        "set for such a model stays an error, RT220).",
        "openai 3.52.0 RealtimeTranscriptionSessionAudioInput.turn_detection docstring; a live session",
        retired="the API accepts the default (a live session did)",
    ),
    Code(
        "RT222",
        "language-code",
        W,
        "A transcription language that is not an ISO-639-1 code.",
        "use a two-letter ISO-639-1 code such as en, es, fr, de or ja",
        "The API asks for ISO-639-1; other spellings lose the accuracy and latency benefit.",
        _REF + "R-TRX-MODEL; SDK AudioTranscription.language",
    ),
    Code(
        "RT223",
        "logprobs-without-transcription",
        W,
        "include asks for transcription logprobs, but no transcription is configured.",
        "configure audio.input.transcription, or drop the include entry",
        "Without transcription there are no logprobs to include.",
        _REF + "R-TRX-MODEL",
    ),
    # -- models, voices, session ---------------------------------------------------------
    Code(
        "RT230",
        "reasoning-unsupported",
        W,
        "reasoning or parallel_tool_calls on a model that does not reason.",
        "use a reasoning model (gpt-realtime-2 and later), or remove the setting",
        'The SDK: "Only supported by reasoning Realtime models such as gpt-realtime-2".',
        _REF + "R-REASON; pipecat-ai/pipecat#4470",
        at_key=True,
    ),
    Code(
        "RT231",
        "model-deprecated",
        W,
        "The model is deprecated: OpenAI has announced its shutdown.",
        "move to the replacement before the shutdown date",
        "After the date the session fails to start.",
        'openai 3.52.0 model docstrings ("Announced shutdown date"); ' + _REF + "R-MODEL-DEP",
    ),
    Code(
        "RT232",
        "model-shut-down",
        E,
        "The model's announced shutdown date has passed.",
        "move to the replacement",
        "OpenAI no longer serves it.",
        "openai 3.52.0 model docstrings; " + _REF + "R-MODEL-DEP",
    ),
    Code(
        "RT233",
        "custom-voice-id",
        W,
        "A custom voice id that does not look like voice_....",
        "custom voices are referenced by the id OpenAI returned, e.g. {id: voice_1234}",
        "A voice name in the id object is not a custom voice.",
        'openai 3.52.0 ("The custom voice ID, e.g. voice_1234")',
    ),
    Code(
        "RT240",
        "client-secret-in-update",
        E,
        "client_secret inside a session.update event.",
        "client_secret belongs to the session-creation request; `rtcfg render --as update` leaves it out",
        "The server rejects the update (invalid_request_error).",
        _REF + "R-CS; RageAgainstThePixel/com.openai.unity#427",
        at_key=True,
    ),
    # -- the Live API (GPT-Live) ---------------------------------------------------------------
    Code(
        "RT400",
        "realtime-key-in-live",
        E,
        "A Realtime key in a Live session.",
        "the hint names its Live place, or says Live has no equivalent",
        "The Live API rejects it as an unknown parameter (its own example: param session.voice).",
        _LIVE + "L-006, §5.2",
        at_key=True,
    ),
    Code(
        "RT401",
        "immutable-in-update",
        E,
        "A session.update that changes what a Live session fixes at startup.",
        "only delegation and triggers change after startup; the hint says how to change the rest",
        "The API rejects the update: model, instructions, audio, input and the rest are immutable.",
        _LIVE + "L-701 (session_update_event_param.py)",
        at_key=True,
    ),
    Code(
        "RT402",
        "wrong-transport",
        E,
        "A key the configuration's transport does not take.",
        "audio.format only on a WebSocket session.start; wake_policy and idle_timeout_s only in a WebRTC create "
        "body; no client in a SIP accept body",
        "Each transport has its own key set: WebRTC and SIP negotiate their media format, and the others do not "
        "take the WebRTC-only keys.",
        _LIVE + "L-301, L-302, L-304, L-801",
        at_key=True,
    ),
    Code(
        "RT403",
        "live-model",
        W,
        "A model that is not a Live model.",
        "use gpt-live-1.1 or gpt-live-1",
        "Live models run only on /v1/live/sessions, and a Realtime or Responses model does not run there.",
        _LIVE + "L-102 (openai 3.57.0 model literal)",
    ),
    Code(
        "RT404",
        "live-tts-voice",
        E,
        "A text-to-speech voice (fable, nova, onyx) in a Live session.",
        "pick a Live voice: marin (the default), cedar, or one of the 23 built-in voices",
        "A live probe was refused with `forbidden`.",
        _LIVE + "L-201; aplisay/llm-agent#306",
    ),
    Code(
        "RT405",
        "live-voice-unknown",
        W,
        "A voice that is not one of the Live API's built-in voices.",
        "check the spelling (the hint suggests the nearest), or use a custom voice as {id: ...}",
        "A misspelled voice is rejected when the session starts.",
        _LIVE + "L-202 (openai 3.57.0 BuiltInVoice)",
    ),
    Code(
        "RT406",
        "g711-rate",
        W,
        "A G.711 format (audio/pcmu, audio/pcma) at a rate other than 8000 Hz.",
        "rate: 8000",
        "G.711 audio uses 8000 Hz; another rate is not what a telephony call carries.",
        _LIVE + "L-205",
    ),
    Code(
        "RT407",
        "instructions-too-long",
        E,
        "Frontend instructions over the 16,384-token limit (estimated offline).",
        "keep the voice prompt short; move workflows and tool rules to delegation.responses.instructions",
        "The API rejects instructions over the limit. The count is an estimate (UTF-8 bytes / 4).",
        _LIVE + "L-103",
    ),
    Code(
        "RT408",
        "input-too-long",
        W,
        "Startup history over the default 8,192 rendered tokens (estimated offline).",
        "shorten the history, or add context later with session.commentary.append",
        "The server's limit is configurable (8,192 by default): a longer history is likely rejected.",
        _LIVE + "L-108",
    ),
    Code(
        "RT409",
        "greeting-in-input",
        W,
        "Startup history that ends with a developer message meant to make the model speak first.",
        "send session.commentary.append after session.started for an opening line",
        "A trailing developer message produces no greeting at all.",
        _LIVE + "L-109; aplisay/llm-agent#306",
    ),
    Code(
        "RT410",
        "safety-identifier-length",
        W,
        "A safety_identifier longer than 128 characters.",
        "use a stable, short id for the end user (a hash)",
        "Responses rejects longer identifiers; Live documents no limit of its own.",
        _LIVE + "L-110",
    ),
    Code(
        "RT411",
        "client-on-websocket",
        W,
        "client permissions in a WebSocket session.start.",
        "client governs a frontend attached to a WebRTC session; leave it out on a WebSocket",
        "Accepted by the type but meaningless on a WebSocket.",
        _LIVE + "L-303",
    ),
    Code(
        "RT412",
        "backend-model",
        W,
        "A Live or Realtime model as the Responses backend.",
        "use a Responses model (for example gpt-5.5)",
        "Live and Realtime models are not supported on /v1/responses.",
        _LIVE + "L-415",
    ),
    Code(
        "RT413",
        "service-tier-pilot",
        W,
        "The temporary service tier fast_tier_temp_pilot.",
        "use auto, default, flex or priority",
        "A temporary pilot tier is not in the documented list and may disappear.",
        _LIVE + "L-404",
    ),
    Code(
        "RT414",
        "backend-tool-choice",
        W,
        "A backend tool_choice that names no configured tool, or required with no tools.",
        "name a tool that delegation.responses.tools defines",
        "The backend cannot call a tool it does not have.",
        _LIVE + "L-409",
    ),
    Code(
        "RT415",
        "backend-mcp",
        W,
        "A backend MCP tool without server_label, or without server_url, connector_id or tunnel_id.",
        "give the MCP tool a server_label and a server_url (or tunnel_id)",
        "Responses MCP tools need a label and a server; the Live type does not say so.",
        _LIVE + "L-410, L-411",
    ),
    Code(
        "RT416",
        "duplicate-backend-tool",
        W,
        "Two backend tools with the same function name or MCP server_label.",
        "give each tool a unique name",
        "The backend cannot tell them apart.",
        _LIVE + "L-416",
    ),
    Code(
        "RT417",
        "duplicate-trigger",
        E,
        "Two Decisions triggers for the same transcript event type.",
        "keep one trigger per event_type",
        "At most one Decisions trigger per transcript event type.",
        _LIVE + "L-501",
    ),
    Code(
        "RT418",
        "decisions-model",
        W,
        "A Decisions model other than gpt-6-luna.",
        "model: gpt-6-luna",
        "Only gpt-6-luna is supported by the Decisions API.",
        _LIVE + "L-504",
    ),
    Code(
        "RT419",
        "choice-values",
        E,
        "A choice question whose choices repeat a value.",
        "make each choice value unique (a string and a boolean of the same text are distinct)",
        "Each choice must be unique.",
        _LIVE + "L-503",
    ),
    Code(
        "RT420",
        "wake-idle",
        W,
        "A wake policy without an idle timeout (or the reverse), or an idle timeout that is not positive.",
        "set both: wake_policy: {type: speech} and idle_timeout_s: SECONDS",
        "Without a timeout inference never pauses, so the wake policy does nothing; the timeout applies only with a "
        "speech wake policy.",
        _LIVE + "L-604, L-605",
    ),
    Code(
        "RT421",
        "update-delegation",
        W,
        "A session.update that changes nothing, or sets delegation to null.",
        "send only the settings that change; the delegation type cannot change",
        "An empty update does nothing; null means client delegation, which only a client-delegation session may keep.",
        _LIVE + "L-702, L-703",
    ),
    Code(
        "RT422",
        "hosted-tool-keys",
        W,
        "A hosted backend tool with keys the Live types do not list.",
        "check that the Live API takes these keys; the SDK models this tool as type only",
        "The SDK types are incomplete here; whether Live accepts more keys is undocumented.",
        _LIVE + "L-414",
    ),
    Code(
        "RT423",
        "acknowledgement-delay",
        W,
        "A negative acknowledgement_delay_ms.",
        "use 0 (acknowledge at once) or a positive number of milliseconds",
        "A delay cannot be negative.",
        _LIVE + "L-402",
    ),
    Code(
        "RT424",
        "score-levels",
        W,
        "A score question with fewer than two levels.",
        "give an ordered rating at least two levels",
        "A rating with one level cannot rate anything.",
        _LIVE + "L-506",
    ),
    Code(
        "RT425",
        "decision-json",
        E,
        "An input_json part over the Decisions limits (32 levels, 10,000 values, 256 KiB).",
        "send less data, or summarise it as text",
        "JSON parts are limited to 32 container levels, 10,000 values and 256 KiB.",
        _LIVE + "L-505",
    ),
    Code(
        "RT426",
        "backend-function-name",
        W,
        "A backend function name with characters other than letters, digits, _ and -, or over 64 characters.",
        "use letters, digits, _ and -, at most 64 characters",
        "A tool choice can only name such a function, and Responses rejects other names.",
        _LIVE + "L-407",
    ),
    # -- the server's own verdict (validate --live) -------------------------------------------
    Code(
        "RT900",
        "server-rejected",
        E,
        "The server rejected the session (validate --live).",
        "the message is the server's; `rtcfg explain` says what it means",
        "What the server refuses, no call can use; an offline check can only be as good as what is known.",
        "POST /v1/realtime/client_secrets (openai 3.57.0 ClientSecretCreateParams)",
    ),
    Code(
        "RT901",
        "server-changed",
        W,
        "The server runs a setting other than the profile says (changed, dropped, or a different default).",
        "check the server's support for the setting (Azure deployments and compatible servers differ)",
        "A field a server silently ignores or rewrites shows only in the session it echoes.",
        "the session echoed by POST /v1/realtime/client_secrets",
    ),
    # -- conversion between the interfaces (render --api, migrate) -----------------------------
    Code(
        "RT300",
        "cannot-convert",
        E,
        "A GA-only setting that the beta interface cannot say.",
        "render for GA, or remove the setting from the profile",
        "Dropping it silently would send a session that is not the profile (MCP tools, reasoning, "
        "truncation, custom voices, transcription languages/keywords/delay, idle timeout).",
        _REF + "§4 (GA-only fields)",
        at_key=True,
    ),
    Code(
        "RT301",
        "lossy-conversion",
        W,
        "Converting between the interfaces drops or rewrites a setting.",
        "check that the converted session still means what the profile meant",
        "temperature has no GA equivalent, [audio, text] becomes [audio], VAD keys of the other type "
        "and response-only keys go, a forced function name becomes {type: function, name}.",
        _REF + "§4 (beta to GA migration map)",
        at_key=True,
    ),
]

# The rules whose findings carry a fix, and how safe it is (one place: `rtcfg rules`, the
# README's table and docs/rules.md read it; tests check each against the fixes it makes).
FIXABLE: dict[str, tuple[str, str]] = {
    "RT100": ("safe or unsafe", "renames the key to the one it most likely meant (safe); removes a key "
              "nothing resembles (unsafe)"),
    "RT101": ("safe or unsafe", "moves the beta key to its GA place, converting the value where GA spells it "
              "otherwise (safe); removes one GA has no place for, such as temperature (unsafe)"),
    "RT105": ("safe", "writes a beta format name as the GA object: g711_ulaw -> {type: audio/pcmu}"),
    "RT108": ("safe", "writes output_modalities [audio, text] as [audio] (audio includes its transcript)"),
    "RT203": ("unsafe", "renames the function to letters, digits, _ and -, and every tool_choice that names it"),
    "RT222": ("safe", "writes the ISO-639-1 code: en-US -> en"),
    "RT231": ("unsafe", "replaces the model by its announced replacement"),
    "RT232": ("unsafe", "replaces the model by its announced replacement"),
    "RT400": ("safe", "moves a top-level voice to audio.output.voice"),
}  # fmt: skip
_ALL = [c._replace(fix=FIXABLE[c.code][0]) if c.code in FIXABLE else c for c in _ALL]
CODES: dict[str, Code] = {c.code: c for c in _ALL}
BY_NAME: dict[str, Code] = {c.name: c for c in _ALL}


def lookup(token: str) -> Code | None:
    """A code by its id (RT201, rt201) or its name (tool-choice-without-tools)."""
    token = token.strip()
    return CODES.get(token.upper()) or BY_NAME.get(token.lower())


def guess(token: str) -> str | None:
    """The code or name a mistyped `--ignore`/`ignore:` entry most likely meant."""
    token = token.strip()
    found = difflib.get_close_matches(token.upper(), list(CODES), n=1, cutoff=0.8) or difflib.get_close_matches(
        token.lower(), list(BY_NAME), n=1, cutoff=0.75
    )
    return found[0] if found else None
