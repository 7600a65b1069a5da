"""The JSON the API takes, from a valid profile: a session.update event, the bare session,
or the session-creation request body, in the profile's dialect or converted to the other.

Nothing is invented: a key the profile does not set is not emitted, an explicit null is
emitted as null, "" and [] survive. Keys come out in the order the API reference lists them
(the models' field order), except inside free-form objects (tool parameter schemas, MCP
headers, tracing metadata), which keep the profile's order.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from rtcfg import dialects
from rtcfg.check.pipeline import validate_session
from rtcfg.check.result import Profile
from rtcfg.core.codes import CODES
from rtcfg.core.diagnostics import Diagnostic, dotted
from rtcfg.dialects import RESPONSE_ONLY, facts
from rtcfg.dialects.beta import convert

UPDATE, SESSION, CREATE = "update", "session", "create"
START, ACCEPT = "start", "accept"  # Live: the WebSocket session.start event, the SIP accept body
ENVELOPES = (UPDATE, SESSION, CREATE)  # the Realtime API's
LIVE_ENVELOPES = (START, UPDATE, SESSION, CREATE, ACCEPT)


@dataclass
class Rendered:
    payload: dict[str, Any] | None  # None: nothing can be rendered (see diagnostics)
    dialect: str
    kind: str
    diagnostics: list[Diagnostic] = field(default_factory=list)  # conversion warnings and errors
    notes: list[str] = field(default_factory=list)  # what render did, for stderr

    @property
    def ok(self) -> bool:
        return self.payload is not None


def ordered_session(profile: Profile) -> dict[str, Any]:
    """The session as the profile set it, in the reference's key order, without the keys
    only the server sends."""
    assert profile.model is not None, "render needs a valid profile"
    data = profile.model.model_dump(mode="json", exclude_unset=True)
    return {k: v for k, v in data.items() if k not in RESPONSE_ONLY}


def render(
    profile: Profile,
    *,
    envelope: str = UPDATE,
    api: str | None = None,
    event_id: str | None = None,
    expires_in: int | None = None,
    mid_session: bool = False,
    sdp: str | None = None,
) -> Rendered:
    """Render a valid profile. `api` converts to that dialect; `mid_session` leaves out of an
    update what cannot change once a conversation is under way."""
    assert profile.valid and profile.dialect and profile.kind
    if dialects.LIVE in (profile.dialect, api) and (api or profile.dialect) != profile.dialect:
        out = Rendered(None, api or profile.dialect, profile.kind)
        message = f"render does not convert between the Realtime API and the Live API ({profile.dialect} to {api})"
        hint = "`rtcfg migrate --to live` writes a Live profile from a Realtime one"
        out.diagnostics.append(Diagnostic(CODES["RT300"].severity, "RT300", message, profile.prefix, hint=hint))
        return out
    if profile.dialect == dialects.LIVE:
        return _live(profile, envelope, event_id, sdp)
    session, kind, target = ordered_session(profile), profile.kind, api or profile.dialect
    out = Rendered(None, target, kind)
    if envelope in (START, ACCEPT):
        out.diagnostics.append(
            Diagnostic(
                CODES["RT300"].severity,
                "RT300",
                f"--as {envelope} is a Live API request; this is a Realtime profile",
                profile.prefix,
                hint="`rtcfg migrate --to live` writes a Live profile",
            )
        )
        return out
    expires_after = None
    if target != profile.dialect:
        converted = convert.beta_to_ga(session, kind) if target == dialects.GA else convert.ga_to_beta(session)
        for change in converted.changes:
            if change.impossible or change.lossy:
                code = "RT300" if change.impossible else "RT301"
                out.diagnostics.append(
                    Diagnostic(
                        CODES[code].severity,
                        code,
                        change.message,
                        (*profile.prefix, *change.source),
                        hint=CODES[code].hint,
                    )
                )
        if converted.impossible:
            return out
        session, expires_after = _canonical(converted.session, target, kind), converted.expires_after
    if expires_in is None and expires_after is None and isinstance(profile.envelope.get("expires_after"), dict):
        expires_after = profile.envelope["expires_after"]  # a client_secrets body keeps its expiry
    if event_id is None and profile.event and isinstance(profile.envelope.get("event_id"), str):
        event_id = profile.envelope["event_id"]  # a captured event keeps its id
    if envelope == SESSION:
        out.payload = _without_client_secret(session, out)
    elif envelope == UPDATE:
        out.payload = _update(session, target, kind, event_id, mid_session, out)
    else:
        out.payload = _create(session, target, kind, expires_in, expires_after, out)
    return out


def _canonical(session: dict[str, Any], dialect_name: str, kind: str) -> dict[str, Any]:
    """A converted session, validated by the target dialect's models and in their order.
    Conversion only produces valid sessions; a failure here is a bug, and says so."""
    model = validate_session(session, dialect_name, kind)
    data = model.model_dump(mode="json", exclude_unset=True)
    return dict(data)


def _without_client_secret(session: dict[str, Any], out: Rendered) -> dict[str, Any]:
    if "client_secret" in session:
        out.notes.append("client_secret left out: it belongs to the session-creation request (--as create)")
        return {k: v for k, v in session.items() if k != "client_secret"}
    return session


def _update(
    session: dict[str, Any], dialect_name: str, kind: str, event_id: str | None, mid_session: bool, out: Rendered
) -> dict[str, Any]:
    session = _without_client_secret(session, out)
    fixed = facts(dialect_name)
    if _has(session, fixed.FIXED_AT_CONNECT):
        session = _drop(session, fixed.FIXED_AT_CONNECT)
        out.notes.append(
            f"{dotted(fixed.FIXED_AT_CONNECT)} left out: the model is fixed when the connection opens "
            "(wss://.../v1/realtime?model=...); a session.update cannot change it"
        )
    voice_path = fixed.FIXED_ONCE_SPOKEN
    if _has(session, voice_path):
        if mid_session:
            session = _drop(session, voice_path)
            out.notes.append(
                f"{dotted(voice_path)} left out (--mid-session): the voice cannot change once the "
                "model has spoken (cannot_update_voice)"
            )
        else:
            out.notes.append(
                f"{dotted(voice_path)} kept: send this update before the model first speaks, or "
                "render later updates with --mid-session"
            )
    if _has(session, fixed.FIXED_ONCE_ENABLED):
        if mid_session:
            session = _drop(session, fixed.FIXED_ONCE_ENABLED)
            out.notes.append("tracing left out (--mid-session): once enabled it cannot change")
        elif session["tracing"] is not None:
            out.notes.append(
                "tracing kept: once enabled it cannot change, so later updates should leave it out (--mid-session)"
            )
    event_type = (
        "transcription_session.update"
        if dialect_name == dialects.BETA and kind == dialects.TRANSCRIPTION
        else "session.update"
    )
    event: dict[str, Any] = {"type": event_type}
    if event_id is not None:
        event["event_id"] = event_id
    event["session"] = session
    return event


def _create(
    session: dict[str, Any],
    dialect_name: str,
    kind: str,
    expires_in: int | None,
    expires_after: dict[str, Any] | None,
    out: Rendered,
) -> dict[str, Any]:
    if expires_in is not None:
        expires_after = {"anchor": "created_at", "seconds": expires_in}
    if dialect_name == dialects.GA:
        body: dict[str, Any] = {}
        if expires_after is not None:
            body["expires_after"] = expires_after
        body["session"] = session
        return body
    # Beta: the flat session is the body; the expiry lives in client_secret (spelled
    # expires_at by the transcription-sessions endpoint).
    if expires_in is not None:
        key = "expires_at" if kind == dialects.TRANSCRIPTION else "expires_after"
        if "client_secret" in session:
            out.notes.append("--expires-in replaces the profile's client_secret expiry")
        session = {**session, "client_secret": {key: expires_after}}
    return session


def _has(data: dict[str, Any], path: tuple[str, ...]) -> bool:
    for key in path:
        if not isinstance(data, dict) or key not in data:
            return False
        data = data[key]
    return True


def _drop(data: dict[str, Any], path: tuple[str, ...]) -> dict[str, Any]:
    """A copy of `data` without the key at `path`, and without mappings it leaves empty."""
    if len(path) == 1:
        return {k: v for k, v in data.items() if k != path[0]}
    child = _drop(data[path[0]], path[1:])
    rest = {k: v for k, v in data.items() if k != path[0]}
    if child:
        return {k: (child if k == path[0] else v) for k, v in data.items()}
    return rest


# -- the Live API --------------------------------------------------------------------------------


def _live(profile: Profile, envelope: str, event_id: str | None, sdp: str | None) -> Rendered:
    """A Live profile as the request of its transport: the WebSocket session.start event,
    the WebRTC create body (with the SDP offer), the SIP accept body, a session.update, or
    the bare session. What a transport does not take is left out and said on stderr."""
    from rtcfg.dialects import live

    session, kind = ordered_session(profile), profile.kind or live.STARTUP
    out = Rendered(None, dialects.LIVE, kind)
    if event_id is None and profile.event and isinstance(profile.envelope.get("event_id"), str):
        event_id = profile.envelope["event_id"]
    if kind == live.UPDATE and envelope not in (UPDATE, SESSION):
        out.diagnostics.append(
            Diagnostic(
                CODES["RT402"].severity,
                "RT402",
                f"a session.update cannot be rendered --as {envelope}: it holds only what changes",
                profile.prefix,
                hint="render the startup profile instead",
            )
        )
        return out
    transport = {START: live.WEBSOCKET, CREATE: live.WEBRTC, ACCEPT: live.SIP}.get(envelope)
    if transport is not None:
        for path, allowed in live.ONLY_ON.items():
            if transport not in allowed and _has(session, path) and path != ("type",):
                session = _drop(session, path)
                out.notes.append(f"{dotted(path)} left out: {live.TRANSPORT_NAMES[transport]} does not take it")
        session = {k: v for k, v in session.items() if k != "type"}
    if envelope == SESSION:
        out.payload = session
    elif envelope == UPDATE:
        kept = {k: v for k, v in session.items() if k in live.MUTABLE}
        left = [k for k in session if k not in live.MUTABLE]
        if not kept:
            out.diagnostics.append(
                Diagnostic(
                    CODES["RT402"].severity,
                    "RT402",
                    "nothing in this profile can change in a running Live session (only delegation and triggers)",
                    profile.prefix,
                    hint="render --as start, create or accept for a new session",
                )
            )
            return out
        if left:
            out.notes.append(f"{', '.join(left)} left out: a running Live session changes only delegation and triggers")
        out.payload = _event(live.UPDATE_EVENT, kept, event_id)
    elif envelope == START:
        out.payload = _event(live.START_EVENT, session, event_id)
    elif envelope == ACCEPT:
        out.payload = {"session": {"type": live.SESSION_TYPE, **session}}
    else:
        offer = sdp
        if offer is None and isinstance(profile.envelope.get("transport"), dict):
            offer = profile.envelope["transport"].get("sdp")
        if not isinstance(offer, str) or not offer:
            out.diagnostics.append(
                Diagnostic(
                    CODES["RT402"].severity,
                    "RT402",
                    "a WebRTC create body needs the browser's SDP offer",
                    profile.prefix,
                    hint="render --as create --sdp FILE (the offer, unmodified)",
                )
            )
            return out
        out.payload = {"session": session, "transport": {"type": "webrtc", "sdp": offer}}
    return out


def _event(event_type: str, session: dict[str, Any], event_id: str | None) -> dict[str, Any]:
    event: dict[str, Any] = {"type": event_type}
    if event_id is not None:
        event["event_id"] = event_id
    event["session"] = session
    return event
