"""Which of the profile shapes a document has, and which API dialect its session speaks.

Shapes: an envelope (`session:` plus profile keys), a bare session, a request body (the
client_secrets body, a Live WebRTC create body with its `transport`), or a captured client
event (`session.update`, `transcription_session.update`, Live's `session.start`). Dialects:
`ga` (the default), `beta` (retired by OpenAI in May 2026, still spoken by compatible
servers) and `live` (the Live API: `api: live`, `type: live`, a gpt-live model, or a key
only Live has).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from rtcfg.core.diagnostics import Diagnostic, Path, Severity
from rtcfg.core.suggest import close_match
from rtcfg.dialects import BETA, EXPIRES_MAX, EXPIRES_MIN, GA, LIVE, MAX_EVENT_ID, NAMES, REALTIME, TRANSCRIPTION
from rtcfg.dialects import beta as beta_facts
from rtcfg.dialects import ga as ga_facts
from rtcfg.dialects import live as live_facts

__all__ = ["BETA", "GA", "REALTIME", "TRANSCRIPTION", "Shape", "kind_name", "split"]

# `expires_after` makes the document the body of POST /v1/realtime/client_secrets (what
# `rtcfg render --as create` writes): {expires_after: {anchor, seconds}, session: {...}}.
# `transport` makes it the body of the Live WebRTC create request: {session, transport}.
ENVELOPE_KEYS = ("session", "description", "api", "kind", "ignore", "extends", "expires_after", "transport")
# session.update is both a Realtime and a Live event: its session decides (a Live update
# changes delegation or triggers). session.start is Live's alone.
EVENT_TYPES: dict[str, str | None] = {
    **ga_facts.EVENTS,
    **beta_facts.EVENTS,
    live_facts.START_EVENT: live_facts.EVENTS[live_facts.START_EVENT],
}
EVENT_KEYS = ("type", "session", "event_id")
# Events the server sends with the session it runs: recognised, and explained (RT115).
SERVER_EVENTS = (
    "session.created",
    "session.updated",
    "transcription_session.created",
    "transcription_session.updated",
    "session.started",  # Live
)


@dataclass
class Shape:
    """Where the session sits in the document and what the document says about it."""

    session: Any
    prefix: Path  # the session's path in the document: () or ("session",)
    dialect: str = GA
    kind: str | None = None  # None: GA's `type` decides
    envelope: dict[str, Any] = field(default_factory=dict)  # the keys around the session
    diagnostics: list[Diagnostic] = field(default_factory=list)
    mixed: tuple[list[str], list[str]] | None = None  # (beta keys, GA keys) when both appear
    declared_by: Path | None = None  # the document key that named the dialect, if one did
    ignore: frozenset[str] = frozenset()  # codes the envelope's `ignore:` turns off
    event: str | None = None  # the event type, when the document is a captured event
    ambiguous: bool = False  # nothing (document, keys, command line) says GA or beta
    mixed_live: tuple[list[str], list[str]] | None = None  # (Realtime keys, Live keys), undeclared
    server_event: bool = False  # a captured server event (session.created ...), not a request


def _error(code: str, message: str, path: Path, hint: str | None = None) -> Diagnostic:
    return Diagnostic(Severity.ERROR, code, message, path, hint=hint)


def split(doc: Any, declared: str | None = None) -> Shape:
    """Find the session in a parsed document and decide its dialect. `declared` is the
    dialect the command line names (--api); a document's own `api:` says more."""
    if not isinstance(doc, dict):
        what = "empty" if doc is None else f"a {kind_name(doc)}"
        return Shape(
            None,
            (),
            diagnostics=[
                _error(
                    "RT003",
                    f"the document is {what}, not a mapping",
                    (),
                    "a profile is a mapping: a session, or `session:` with profile keys",
                )
            ],
        )
    event_type = doc.get("type")
    if isinstance(event_type, str) and event_type in SERVER_EVENTS:
        return Shape(
            doc.get("session"),
            ("session",),
            event=event_type,
            envelope={k: v for k, v in doc.items() if k != "session"},
            server_event=True,
        )
    if isinstance(event_type, str) and event_type in EVENT_TYPES:
        shape = _event(doc, event_type)
    elif "session" in doc:
        shape = _envelope(doc)
    else:
        shape = Shape(doc, ())
    if isinstance(shape.session, dict) and not any(d.code == "RT003" for d in shape.diagnostics):
        if declared is not None and shape.declared_by is None:
            shape.dialect, shape.declared_by = declared, ()  # declared, by no key of the document
        _decide_dialect(shape)
    if shape.dialect == LIVE and shape.kind in (REALTIME, TRANSCRIPTION):
        shape.kind = None
    return shape


def _event(doc: dict[str, Any], event_type: str) -> Shape:
    shape = Shape(
        doc.get("session"),
        ("session",),
        kind=EVENT_TYPES[event_type],
        event=event_type,
        envelope={k: v for k, v in doc.items() if k != "session"},
    )
    if event_type == "transcription_session.update":
        shape.dialect, shape.declared_by = BETA, ("type",)
    elif event_type == live_facts.START_EVENT:
        shape.dialect, shape.declared_by, shape.kind = LIVE, ("type",), live_facts.WEBSOCKET
    elif event_type == live_facts.UPDATE_EVENT and _live_update(doc.get("session")):
        shape.dialect, shape.kind = LIVE, live_facts.UPDATE
    for key in doc:
        if key not in EVENT_KEYS:
            shape.diagnostics.append(
                _error(
                    "RT100",
                    f"unknown key {key!r} in a {event_type} event",
                    (key,),
                    "an event has type, session and event_id",
                )
            )
    event_id = doc.get("event_id")
    live_null = event_id is None and shape.dialect == LIVE  # Live events take event_id: null
    if "event_id" in doc and not isinstance(event_id, str) and not live_null:
        shape.diagnostics.append(_error("RT105", "event_id must be a string", ("event_id",)))
    elif isinstance(event_id, str) and len(event_id) > MAX_EVENT_ID:
        shape.diagnostics.append(
            _error("RT108", f"event_id is {len(event_id)} characters; the limit is {MAX_EVENT_ID}", ("event_id",))
        )
    _require_mapping_session(doc, shape)
    return shape


def _envelope(doc: dict[str, Any]) -> Shape:
    shape = Shape(doc.get("session"), ("session",), envelope={k: v for k, v in doc.items() if k != "session"})
    for key in doc:
        if key not in ENVELOPE_KEYS:
            guess = close_match(key, ENVELOPE_KEYS)
            hint = (
                f"did you mean {guess!r}?"
                if guess
                else "profile keys are: " + ", ".join(ENVELOPE_KEYS[1:]) + "; session settings go under session:"
            )
            shape.diagnostics.append(_error("RT100", f"unknown profile key {key!r}", (key,), hint))
    api = doc.get("api")
    if "api" in doc:
        if api in NAMES:
            shape.dialect, shape.declared_by = api, ("api",)
        else:
            expected = ", ".join(repr(n) for n in NAMES)
            shape.diagnostics.append(_error("RT107", f"invalid api {api!r}; expected one of {expected}", ("api",)))
    if "transport" in doc:
        _read_transport(doc["transport"], shape)
    kind = doc.get("kind")
    if "kind" in doc:
        live = shape.dialect == LIVE
        allowed = live_facts.TRANSPORTS if live else (REALTIME, TRANSCRIPTION)
        if kind in allowed:
            shape.kind = kind
        else:
            expected = ", ".join(repr(k) for k in allowed)
            hint = "a Live profile's kind is its transport" if live else "a Live profile says api: live first"
            shape.diagnostics.append(
                _error("RT107", f"invalid kind {kind!r}; expected one of {expected}", ("kind",), hint)
            )
    desc = doc.get("description")
    if "description" in doc and not isinstance(desc, str):
        shape.diagnostics.append(_error("RT105", "description must be a string", ("description",)))
    if "ignore" in doc:
        _read_ignore(doc["ignore"], shape)
    if "expires_after" in doc:
        _read_expires_after(doc["expires_after"], shape)
    _require_mapping_session(doc, shape)
    return shape


def _read_ignore(value: Any, shape: Shape) -> None:
    """`ignore: [RT203, tool-name]`: codes or names of rules to turn off for this profile."""
    from rtcfg.core.codes import guess, lookup

    if not isinstance(value, list):
        shape.diagnostics.append(
            _error(
                "RT105",
                f"ignore must be a list of rule codes, not a {kind_name(value)}",
                ("ignore",),
                "for example ignore: [RT214]",
            )
        )
        return
    codes = set()
    for i, item in enumerate(value):
        entry = lookup(item) if isinstance(item, str) else None
        if entry is None:
            meant = guess(item) if isinstance(item, str) else None
            shape.diagnostics.append(
                _error(
                    "RT107",
                    f"ignore: {item!r} is not a rule code",
                    ("ignore", i),
                    f"did you mean {meant}?" if meant else "`rtcfg rules` lists the codes",
                )
            )
        elif not entry.ignorable:
            shape.diagnostics.append(
                _error(
                    "RT107",
                    f"ignore: {entry.code} ({entry.name}) cannot be turned off: the API rejects such a session",
                    ("ignore", i),
                    "fix the profile instead",
                )
            )
        else:
            codes.add(entry.code)
    shape.ignore = frozenset(codes)


def _read_expires_after(value: Any, shape: Shape) -> None:
    """The client secret's lifetime: {anchor: created_at, seconds: 10..7200}."""
    at: Path = ("expires_after",)
    if not isinstance(value, dict):
        shape.diagnostics.append(_error("RT105", f"expires_after must be a mapping, not {kind_name(value)}", at))
        return
    for key in value:
        if key not in ("anchor", "seconds"):
            hint = "it takes anchor and seconds"
            shape.diagnostics.append(_error("RT100", f"unknown key {key!r} in expires_after", (*at, key), hint))
    anchor = value.get("anchor")
    if "anchor" not in value:
        shape.diagnostics.append(_error("RT104", "missing key 'anchor' in expires_after", at, "anchor: created_at"))
    elif anchor != "created_at":
        shape.diagnostics.append(_error("RT107", f"invalid anchor {anchor!r}; expected 'created_at'", (*at, "anchor")))
    seconds = value.get("seconds")
    if "seconds" in value and (not isinstance(seconds, int) or isinstance(seconds, bool)):
        message = f"seconds must be an integer, not {kind_name(seconds)}"
        shape.diagnostics.append(_error("RT105", message, (*at, "seconds")))
    elif isinstance(seconds, int) and not EXPIRES_MIN <= seconds <= EXPIRES_MAX:
        message = f"seconds is {seconds}; it must be {EXPIRES_MIN} to {EXPIRES_MAX}"
        shape.diagnostics.append(_error("RT108", message, (*at, "seconds")))


def _read_transport(value: Any, shape: Shape) -> None:
    """The Live WebRTC create body's transport: {type: webrtc, sdp: the offer, unmodified}."""
    shape.dialect, shape.declared_by, shape.kind = LIVE, ("transport",), live_facts.WEBRTC
    at: Path = ("transport",)
    if not isinstance(value, dict):
        shape.diagnostics.append(_error("RT105", f"transport must be a mapping, not {kind_name(value)}", at))
        return
    for key in value:
        if key not in ("type", "sdp"):
            shape.diagnostics.append(
                _error("RT100", f"unknown key {key!r} in transport", (*at, key), "it takes type and sdp")
            )
    if "type" not in value:
        shape.diagnostics.append(_error("RT104", "missing key 'type' in transport", at, "type: webrtc"))
    elif value["type"] != "webrtc":
        shape.diagnostics.append(
            _error("RT107", f"invalid transport type {value['type']!r}; expected 'webrtc'", (*at, "type"))
        )
    sdp = value.get("sdp")
    if "sdp" not in value:
        hint = "the browser's SDP offer, unmodified (rtcfg render --as create --sdp FILE fills it in)"
        shape.diagnostics.append(_error("RT104", "missing key 'sdp' in transport", at, hint))
    elif not isinstance(sdp, str):
        shape.diagnostics.append(_error("RT105", f"sdp must be a string, not {kind_name(sdp)}", (*at, "sdp")))
    elif not sdp:
        shape.diagnostics.append(_error("RT108", "sdp is empty", (*at, "sdp"), "send the SDP offer unmodified"))


_SHARED = frozenset({"type", "audio"})  # keys both APIs have (their values differ)


def _live_update(session: Any) -> bool:
    """A session.update for a Live session: it changes delegation or triggers (a Realtime
    session has neither) and carries no Realtime key."""
    if not isinstance(session, dict):
        return False
    return any(k in live_facts.ONLY for k in session) and not any(
        k in live_facts.REALTIME_ONLY or k in ga_facts.ONLY - _SHARED for k in session
    )


def _is_live_model(model: Any) -> bool:
    return isinstance(model, str) and model.startswith("gpt-live-") and "transcribe" not in model


def _require_mapping_session(doc: dict[str, Any], shape: Shape) -> None:
    session = doc.get("session")
    if "session" not in doc:
        shape.diagnostics.append(_error("RT104", "missing key 'session'", ()))
    elif not isinstance(session, dict):
        shape.diagnostics.append(
            _error(
                "RT003",
                f"session is {'null' if session is None else 'a ' + kind_name(session)}, not a mapping",
                ("session",),
            )
        )


def _decide_dialect(shape: Shape) -> None:
    session: dict[str, Any] = shape.session
    beta_keys = [k for k in session if k in beta_facts.ONLY]
    ga_keys = [k for k in session if k in ga_facts.ONLY]
    if beta_keys and ga_keys:
        shape.mixed = (beta_keys, ga_keys)
    if shape.dialect == LIVE:
        _live_kind(shape)
    if shape.declared_by is not None:
        return  # the document says so; keys of the other era are reported one by one
    live_keys = [k for k in session if k in live_facts.ONLY]
    if _is_live_model(session.get("model")):
        live_keys.insert(0, "model")
    if session.get("type") == live_facts.SESSION_TYPE:
        live_keys.insert(0, "type")
    if live_keys:
        realtime_keys = [k for k in session if k in live_facts.REALTIME_ONLY or k in ga_facts.ONLY - _SHARED]
        if session.get("type") in (REALTIME, TRANSCRIPTION):
            realtime_keys.insert(0, "type")
        if realtime_keys:
            shape.mixed_live = (realtime_keys, live_keys)  # one error names both sides
        shape.dialect = LIVE
        _live_kind(shape)
        return
    # `type` means GA; otherwise the era-specific keys decide, GA winning a tie (it is the default).
    if "type" not in session and len(beta_keys) > len(ga_keys):
        shape.dialect = BETA
    elif "type" not in session and not beta_keys and not ga_keys and shape.kind is None:
        shape.ambiguous = True  # valid beta as written, GA but for its type: say so, once
    if shape.dialect == GA and shape.kind is not None:
        declared = session.get("type")
        if isinstance(declared, str) and declared != shape.kind:
            shape.diagnostics.append(
                _error("RT107", f"kind is {shape.kind!r} but session.type is {declared!r}", ("kind",))
            )


def _live_kind(shape: Shape) -> None:
    """A Live session's transport, from its shape: a SIP accept body says type: live."""
    if shape.event == live_facts.UPDATE_EVENT:
        shape.kind = live_facts.UPDATE  # a session.update declared Live (--api live)
    elif (
        shape.kind is None and isinstance(shape.session, dict) and shape.session.get("type") == live_facts.SESSION_TYPE
    ):
        shape.kind = live_facts.SIP
    if shape.dialect != LIVE:
        shape.dialect = LIVE


def kind_name(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int):
        return "integer"
    if isinstance(value, float):
        return "number"
    if isinstance(value, str):
        return "string"
    if isinstance(value, (list, tuple)):
        return "list"
    if isinstance(value, dict):
        return "mapping"
    return type(value).__name__
