"""`rtcfg explain`: read an error the Realtime API returned, say what it means, which rule
catches it, and where the offending key is in a profile.

Takes the message as users paste it: the bare text ("Unknown parameter: 'session.voice'."),
the `error` object, or the whole server event (`{"type": "error", "error": {...}}`).
Nothing here prints; the CLI renders an `Explanation`.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

from rtcfg import dialects
from rtcfg.check.pipeline import check_path
from rtcfg.check.result import Profile
from rtcfg.core import datapath
from rtcfg.core.codes import CODES, Code
from rtcfg.core.diagnostics import Diagnostic, Path, dotted
from rtcfg.dialects import beta as beta_facts
from rtcfg.dialects import detect
from rtcfg.dialects import ga as ga_facts


@dataclass
class ApiError:
    message: str
    code: str | None = None
    param: str | None = None


@dataclass
class Place:
    path: Path
    line: int
    column: int
    file: str = ""  # the file that writes it: the profile, or a base or included file


@dataclass
class Explanation:
    error: ApiError
    recognised: bool
    meaning: str
    rules: list[Code] = field(default_factory=list)
    api_path: Path | None = None  # session-relative, parsed from the error's param
    value: str | None = None  # the rejected value, when the error names one
    places: list[Place] = field(default_factory=list)  # where the profile sets it
    diagnostics: list[Diagnostic] = field(default_factory=list)  # what validate says there
    note: str | None = None  # what the profile has to do with it
    profile: Profile | None = None
    when_set: str | None = None  # the note when the profile sets the key and validates
    other_place: bool = False  # the key may sit at its place in the other interface


def read_error(text: str) -> ApiError:
    """The message, code and param of a pasted error, JSON or plain."""
    text = text.strip()
    try:
        data = json.loads(text)
    except ValueError:
        return ApiError(text)
    if isinstance(data, dict):
        inner: dict[str, Any] = data["error"] if isinstance(data.get("error"), dict) else data
        message = inner.get("message")
        if isinstance(message, str) or isinstance(inner.get("code"), str):
            return ApiError(
                message if isinstance(message, str) else "", _str(inner.get("code")), _str(inner.get("param"))
            )
    return ApiError(text)


def _str(value: Any) -> str | None:
    return value if isinstance(value, str) and value else None


_PARAM = re.compile(r"\[(\d+)\]|([^.\[\]]+)")


def parse_param(param: str) -> Path:
    """`session.tools[0].meta` -> ('tools', 0, 'meta'): relative to the session object."""
    path: list[str | int] = [int(i) if i else name for i, name in _PARAM.findall(param.strip().strip("'\""))]
    # Errors name the request object first; a profile's paths start inside the session.
    # A response.create error names the response, whose settings mirror the session's.
    if path and path[0] in ("session", "response"):
        path = path[1:]
    return tuple(path)


# -- what each error means ---------------------------------------------------------------

Matcher = Callable[[ApiError, "re.Match[str] | None"], "Explanation | None"]


def _unknown(err: ApiError, m: re.Match[str] | None) -> Explanation:
    param = m.group(1) if m else err.param or ""
    path = parse_param(param)
    key = next((k for k in reversed(path) if isinstance(k, str)), "")
    code = "RT100"
    meaning = (
        f"The server does not accept {key!r} at {param}. It rejected the whole event, so "
        "nothing in it was applied (not the instructions, not the tools)."
    )
    if len(path) == 1 and key in beta_facts.ONLY:
        code = "RT101"
        meaning += f" {key!r} is a beta-interface key and the server speaks GA" + (
            f": in GA it is {beta_facts.TO_GA[key]}." if beta_facts.TO_GA[key] else ", which has no such setting."
        )
    elif len(path) == 1 and key in ga_facts.ONLY:
        code = "RT102"
        meaning += (
            f" {key!r} is a GA key and the server speaks the beta interface (an older or "
            "compatible server, e.g. an Azure preview deployment)."
        )
    return Explanation(err, True, meaning, [CODES[code]], path, other_place=True)


def _missing(err: ApiError, m: re.Match[str] | None) -> Explanation:
    param = m.group(1) if m else err.param or ""
    path = parse_param(param)
    meaning = f"The request lacks {param}, which the server requires."
    codes = ["RT104"]
    if path == ("type",):
        meaning += " A GA session names its type: realtime or transcription."
        codes.append("RT114")  # a session whose keys could be beta as well
    elif path[-1:] == ("name",) and "tool_choice" in path:
        meaning += (
            " A forced tool choice is flat: {type: function, name: ...}, not {type: function, function: {name: ...}}."
        )
    return Explanation(err, True, meaning, [CODES[c] for c in codes], path)


def _invalid_type(err: ApiError, m: re.Match[str] | None) -> Explanation:
    assert m is not None
    param, expected, got = m.group(1), m.group(2), m.group(3)
    if got == "null":
        meaning = (
            f"{param} was sent as null, which it does not take. Omit the key to leave the "
            "setting alone; null only turns off the settings that may be turned off."
        )
        code = "RT106"
    else:
        meaning = f"{param} must be {expected}, but the request sent {got}."
        code = "RT105"
    return Explanation(err, True, meaning, [CODES[code]], parse_param(param))


def _invalid_value(err: ApiError, m: re.Match[str] | None) -> Explanation:
    assert m is not None
    value, supported = m.group(1), (m.group(2) or "").strip().rstrip(".")
    meaning = f"The server does not accept the value {value!r}"
    meaning += f"; it takes {supported}." if supported else "."
    path = parse_param(err.param) if err.param else None
    last = path[-1] if path else None
    codes = ["RT107"]
    if last == "voice" or (path is None and value.lower() in _VOICE_HINTS):
        codes = ["RT112", "RT107"]
        meaning += " Voices are checked against the server's own list; it may differ by deployment."
    elif value in beta_facts.FORMAT_TO_GA or value in beta_facts.FORMAT_MISSPELLINGS:
        ga_formats = ", ".join(
            "{" + ", ".join(f"{k}: {v}" for k, v in fmt.items()) + "}" for fmt in beta_facts.FORMAT_TO_GA.values()
        )
        meaning += f" Beta formats are {', '.join(beta_facts.FORMAT_TO_GA)}; GA formats are objects: {ga_formats}."
    return Explanation(err, True, meaning, [CODES[c] for c in codes], path, value=value)


_VOICE_HINTS = frozenset(
    {"alloy", "ash", "ballad", "coral", "echo", "sage", "shimmer", "verse", "marin", "cedar", "fable", "onyx", "nova"}
)


def _out_of_range(err: ApiError, m: re.Match[str] | None) -> Explanation:
    assert m is not None
    param, what = m.group(1), m.group(2).strip().rstrip(".")
    path = parse_param(param)
    if "pattern" in what and path[-1:] == ("name",):
        return Explanation(
            err,
            True,
            f"{param} is not a valid name ({what}). Names use letters, digits, _ and -, at most 64 characters.",
            [CODES["RT203"]],
            path,
        )
    return Explanation(err, True, f"{param} is outside the range the API accepts ({what}).", [CODES["RT108"]], path)


def _modalities(err: ApiError, m: re.Match[str] | None) -> Explanation:
    assert m is not None
    return Explanation(
        err,
        True,
        f"The modality set {m.group(1)} is not one the server takes. GA output_modalities is "
        "exactly [audio] or [text] (audio already includes a transcript); beta modalities is [text] "
        "or [audio, text].",
        [CODES["RT108"], CODES["RT107"]],
        ("output_modalities",),
        other_place=True,
    )


def _voice_change(err: ApiError, m: re.Match[str] | None) -> Explanation:
    return Explanation(
        err,
        True,
        "A session.update changed the voice after the model had already spoken. The voice is "
        "fixed once assistant audio exists; set it in the session-creation request (or the first "
        "update, before any response), and leave it out of later updates.",
        [],
        ga_facts.PLACES["voice"],
        when_set="the profile's voice is fine; send it before the first response only",
    )


def _beta_disabled(err: ApiError, m: re.Match[str] | None) -> Explanation:
    return Explanation(
        err,
        True,
        "The request used the retired beta interface (the OpenAI-Beta: realtime=v1 header, a "
        "beta endpoint, or a beta-shaped session). OpenAI answers this way since May 2026. Send the GA "
        "shape: `rtcfg migrate` rewrites a beta profile.",
        [CODES["RT110"]],
    )


def _turn_detection(err: ApiError, m: re.Match[str] | None) -> Explanation:
    return Explanation(
        err,
        True,
        "The transcription model takes no server-side turn detection (gpt-realtime-whisper, "
        "gpt-live-transcribe). Set audio.input.turn_detection to null and commit the input audio "
        "buffer from the client.",
        [CODES["RT220"]],
        ga_facts.PLACES["turn_detection"],
    )


def _expired(err: ApiError, m: re.Match[str] | None) -> Explanation:
    return Explanation(
        err,
        True,
        "The session reached the API's maximum duration (30 minutes) and was closed. This is "
        "not a configuration error: open a new session and carry the conversation over.",
        [],
    )


def _client_secret(err: ApiError, m: re.Match[str] | None) -> Explanation:
    return Explanation(
        err,
        True,
        "client_secret belongs to the session-creation request, not to session.update "
        "(and in GA, expires_after sits at the top level of POST /v1/realtime/client_secrets).",
        [CODES["RT240"]],
        ("client_secret",),
    )


# Ordered: the first pattern that matches the message explains it.
_MESSAGES: list[tuple[re.Pattern[str], Matcher]] = [
    (re.compile(r"Unknown parameter:\s*'([^']+)'", re.I), _unknown),
    (re.compile(r"Missing required parameter:\s*'([^']+)'", re.I), _missing),
    (
        re.compile(r"Invalid type for\s*'([^']+)':\s*expected (?:an? )?(.+?),\s*but got (?:an? )?(\w+)", re.I),
        _invalid_type,
    ),
    (re.compile(r"Invalid value:\s*'([^']*)'\.?\s*(?:Supported values are:\s*(.*))?", re.I | re.S), _invalid_value),
    (re.compile(r"Invalid modalities:\s*(\[[^\]]*\])", re.I), _modalities),
    (re.compile(r"Invalid\s*'([^']+)':\s*(.+)", re.I | re.S), _out_of_range),
    (re.compile(r"Cannot update a conversation's voice", re.I), _voice_change),
    (re.compile(r"Realtime Beta API is no longer supported|beta_api_shape_disabled", re.I), _beta_disabled),
    (re.compile(r"Turn detection is not supported for this transcription model", re.I), _turn_detection),
    (re.compile(r"session_expired|maximum duration", re.I), _expired),
    (re.compile(r"client_secret", re.I), _client_secret),
]
_CODES: dict[str, Matcher] = {
    "unknown_parameter": _unknown,
    "missing_required_parameter": _missing,
    "cannot_update_voice": _voice_change,
    "beta_api_shape_disabled": _beta_disabled,
    "session_expired": _expired,
}


def explain(text: str, profile: Profile | str | None = None) -> Explanation:
    """What `text` (an API error) means and, given a profile (checked, or a path to check),
    where the profile sets what the error is about (in the file that writes it, a base or
    an included file included) and what `rtcfg validate` says there."""
    err = read_error(text)
    found = _match(err)
    if found is None:
        found = Explanation(
            err,
            False,
            "rtcfg does not recognise this error. `rtcfg validate` checks "
            "what the API's schema and its known run-time errors say; if the profile "
            "validates, the error may come from the code that sends it.",
        )
    if isinstance(profile, str):
        profile = check_path(profile)
    if profile is not None and profile.dialect == dialects.LIVE:
        found = _for_live(found, profile)
    if profile is not None:
        found.profile = profile
        if profile.view is None:
            if not profile.unreadable:
                found.note = "the profile does not parse; `rtcfg validate` says why"
        else:
            _locate(found, profile)
    return found


def _for_live(ex: Explanation, profile: Profile) -> Explanation:
    """The same error, read for a Live session: a Realtime key (RT400), something a
    session.update may not change (RT401), a key of another transport (RT402), a refused
    text-to-speech voice (RT404)."""
    from rtcfg.dialects import live

    path = ex.api_path or ()
    if not ex.recognised and ex.error.code == "forbidden" and ex.error.param:
        path = parse_param(ex.error.param)
        if path == live.PLACES["voice"]:
            meaning = "The Live API refused the voice: text-to-speech voices (fable, nova, onyx) are not Live voices."
            return Explanation(ex.error, True, meaning, [CODES["RT404"]], path)
    if not ex.rules or ex.rules[0].code not in ("RT100", "RT101", "RT102") or not path:
        return ex
    key = path[0] if isinstance(path[0], str) else ""
    if profile.kind == live.UPDATE and len(path) >= 1 and key in live.IMMUTABLE_WHY:
        meaning = f"A running Live session cannot change {key!r}: {live.IMMUTABLE_WHY[key]}."
        return Explanation(ex.error, True, meaning, [CODES["RT401"]], path)
    if len(path) == 1 and key in live.FROM_REALTIME:
        meaning = (
            f"The Live API does not take {key!r}: it is a Realtime key. {live.FROM_REALTIME[key][:1].upper()}"
            f"{live.FROM_REALTIME[key][1:]}."
        )
        return Explanation(ex.error, True, meaning, [CODES["RT400"]], path)
    named = tuple(str(k) for k in path)
    if named in live.ONLY_ON:
        allowed = " or ".join(live.TRANSPORT_NAMES[t] for t in live.ONLY_ON[named])
        meaning = f"The Live API takes {dotted(path)} only in {allowed}."
        return Explanation(ex.error, True, meaning, [CODES["RT402"]], path)
    return ex


def _match(err: ApiError) -> Explanation | None:
    for pattern, matcher in _MESSAGES:
        m = pattern.search(err.message)
        if m:
            return matcher(err, m)
    if err.code in _CODES and (err.param or err.code not in ("unknown_parameter", "missing_required_parameter")):
        return _CODES[err.code](err, None)
    return None


# -- where the profile says it -------------------------------------------------------------


def _locate(ex: Explanation, profile: Profile) -> None:
    shape = detect.split(profile.view.data)
    if not isinstance(shape.session, dict):
        ex.note = "the profile has no session to look in (run `rtcfg validate` on it)"
        return
    session, prefix = shape.session, shape.prefix
    paths: list[Path] = []
    moved = False
    if ex.api_path:
        target = _find_path(session, ex.api_path, moved=ex.other_place)
        if target is not None:
            paths.append(target)
            moved = target != ex.api_path
    if ex.value is not None:
        paths += [p for p in _paths_of_value(session, ex.value) if p not in paths]
    wanted = [prefix + p for p in paths]
    if not wanted and ex.rules and ex.rules[0].code == "RT110" and shape.dialect == dialects.BETA:
        # What made the profile beta: its `api: beta`, or its first beta-only key.
        first = next((k for k in session if k in beta_facts.ONLY), None)
        wanted.append(shape.declared_by or ((*prefix, first) if first else prefix))
    for path in wanted:
        file, line, column = profile.locate(path, at_key=bool(path) and ex.value is None)
        ex.places.append(Place(path, line, column, file))
    related = {r.code for r in ex.rules}
    if wanted:
        ex.diagnostics = [
            d
            for d in profile.diagnostics
            if d.path and any(d.path[: len(w)] == w or w[: len(d.path)] == d.path for w in wanted)
        ]
    else:
        ex.diagnostics = [d for d in profile.diagnostics if d.code in related]
    ex.note = _note(ex, profile, shape.dialect, bool(paths), moved)


def _note(ex: Explanation, profile: Profile, dialect_name: str, found: bool, moved: bool) -> str | None:
    if not ex.recognised:
        return None
    where = dotted(("session", *ex.api_path)) if ex.api_path else (repr(ex.value) if ex.value else None)
    if moved and ex.places and ex.rules and ex.rules[0].code in ("RT100", "RT101", "RT102"):
        at = dotted(ex.places[0].path)
        return (
            f"{profile.name} sets it at {at}, but the request carried it at {where}: the code that "
            "sends the profile rewrote it into the other interface's shape (an SDK older than the "
            "profile?)"
        )
    if ex.diagnostics:
        return f"`rtcfg validate {profile.name}` reports it: fix the profile and render it again"
    if not found:
        if where is None:
            return None
        if ex.rules and ex.rules[0].code == "RT104":
            return f"{profile.name} does not set {where} either: add it to the profile"
        return (
            f"{profile.name} does not set {where}: whatever sent the request added it (an SDK's "
            "default, or the code around it); check that layer"
        )
    if ex.rules and ex.rules[0].code in ("RT101", "RT102"):
        era = "beta" if dialect_name == dialects.BETA else "GA"
        return f"{profile.name} is a valid {era} profile, sent to a server that speaks the other interface; " + (
            "`rtcfg migrate` turns it into GA" if era == "beta" else "target a GA endpoint"
        )
    if ex.when_set:
        return ex.when_set
    return f"{profile.name} sets it here, and rtcfg finds nothing wrong with it for the profile's interface"


def _find_path(session: dict[str, Any], path: Path, *, moved: bool) -> Path | None:
    """`path` if the session sets it; with `moved`, a top-level key's place in the other
    interface (an unknown `session.voice` may be the profile's `audio.output.voice`)."""
    if datapath.has(session, path):
        return path
    if moved and len(path) == 1 and isinstance(path[0], str):
        elsewhere = beta_facts.TO_GA.get(path[0]) or _reverse(path[0])
        if elsewhere:
            alt = tuple(elsewhere.split("."))
            if datapath.has(session, alt):
                return alt
    return None


def _reverse(key: str) -> str | None:
    return next((beta for beta, ga in beta_facts.TO_GA.items() if ga == key), None)


def _paths_of_value(data: Any, value: str, at: Path = ()) -> Iterator[Path]:
    if isinstance(data, dict):
        for k, v in data.items():
            yield from _paths_of_value(v, value, (*at, k))
    elif isinstance(data, list):
        for i, v in enumerate(data):
            yield from _paths_of_value(v, value, (*at, i))
    elif isinstance(data, str) and data == value:
        yield at
