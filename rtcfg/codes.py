"""Stable codes for every problem the loader and the models report.

Consumers (JSON output, `--ignore`, CI filters) key on the code, never on the message.
RT0xx: reading and parsing a file.  RT1xx: the shape of the session (the models).
RT2xx: rules beyond the shape (see `rtcfg.rules`).
"""

from __future__ import annotations

from dataclasses import dataclass

from rtcfg.diagnostics import Severity

E, W = Severity.ERROR, Severity.WARNING


@dataclass(frozen=True)
class Code:
    code: str
    name: str
    severity: Severity
    summary: str
    rationale: str


_ALL = [
    # -- reading and parsing -------------------------------------------------------
    Code("RT001", "syntax", E, "The file is not valid YAML or JSON.",
         "Nothing can be checked in a file that does not parse."),
    Code("RT002", "duplicate-key", E, "A key appears twice in one mapping.",
         "PyYAML and json silently keep the last value; the first one is lost without a word."),
    Code("RT003", "not-a-mapping", E, "The document is empty or is not a mapping.",
         "A profile, a session and a session.update event are all mappings."),
    Code("RT004", "multiple-documents", E, "The file holds more than one YAML document.",
         "A profile is one document; a second one would be ignored silently."),
    Code("RT005", "encoding", E, "The file is not valid UTF-8 (or UTF-16/32 with a byte order mark).",
         "The API takes JSON, which is Unicode text."),
    Code("RT006", "unsupported-tag", E, "A YAML tag rtcfg does not construct (e.g. !!python/object).",
         "Only safe YAML is read; nothing in a profile is ever executed."),
    Code("RT007", "non-string-key", E, "A mapping key that is not a string.",
         "JSON object keys are strings; YAML 1.1 reads unquoted on/off/yes/no/1 as other types."),
    Code("RT008", "too-large", E, "The file exceeds a size, nesting or alias limit.",
         "Limits keep the cost of hostile input bounded."),
    Code("RT009", "unreadable", E, "The path is missing, unreadable or not a regular file.",
         "The command cannot run as asked (exit 2)."),
    # -- the shape of the session ----------------------------------------------------
    Code("RT100", "unknown-key", E, "A key the API does not define at this place.",
         "The API rejects the whole update with unknown_parameter (reference R-UNK)."),
    Code("RT101", "beta-key-in-ga", E, "A beta-era key in a GA session.",
         "GA answers \"Unknown parameter: 'session.voice'\" and applies nothing (R-ERA1)."),
    Code("RT102", "ga-key-in-beta", E, "A GA-only key in a beta session.",
         "The beta interface answers \"Unknown parameter: 'session.type'\" (R-ERA1)."),
    Code("RT103", "mixed-dialect", E, "The session mixes beta and GA keys.",
         "The most common mistake after the GA change; SDKs silently drop one side (peers C#29)."),
    Code("RT104", "missing-key", E, "A required key is missing.",
         "For example \"Missing required parameter: 'session.type'.\" (R-ERA2)."),
    Code("RT105", "wrong-type", E, "A value of the wrong type.",
         "The API checks types strictly: true is not 1, 5.0 is not a token count."),
    Code("RT106", "null-not-allowed", E, "null where the API does not take it.",
         "\"Invalid type for 'session.speed': expected a decimal, but got null\" (R-NULL)."),
    Code("RT107", "invalid-value", E, "A value outside the set the API accepts.",
         "For example \"Invalid value: 'g711-ulaw'\" (R-FMT-BETA)."),
    Code("RT108", "out-of-range", E, "A number, length or pattern outside the API's limits.",
         "For example max_output_tokens above 4096 (R-MAXTOK) or speed above 1.5 (R-SPEED)."),
    Code("RT109", "response-only", W, "A key the server sets in its responses (id, object, expires_at).",
         "Captured session.created payloads carry them; requests must not. render drops them."),
    Code("RT110", "beta-retired", W, "The profile uses the beta interface, which OpenAI retired.",
         "Since May 2026 OpenAI answers beta_api_shape_disabled; run `rtcfg migrate`."),
    Code("RT111", "unknown-model", W, "A model name rtcfg does not know.",
         "The API takes free strings here, so a typo surfaces only at connect time."),
    Code("RT112", "unknown-voice", W, "A voice name rtcfg does not know.",
         "The server validates voices against its own list (R-VOICE)."),
    Code("RT113", "unknown-transcription-model", W, "A transcription model rtcfg does not know.",
         "The API takes free strings here, so a typo surfaces only at run time."),
]

CODES: dict[str, Code] = {c.code: c for c in _ALL}
