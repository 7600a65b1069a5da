"""A strict reading of the openai package's request types, used as an independent oracle.

The package's TypedDicts are `total=False` and nothing enforces them at run time; this walker
does: unknown keys are rejected at every level, `Required[...]` keys must be present, `null`
only where the type says `Optional`, `bool` is not an integer, and literals are exact.
It knows nothing of rtcfg's models, so agreement between the two means something.
"""

from __future__ import annotations

import collections.abc
import types
import typing
from typing import Any, Literal, get_args, get_origin

from typing_extensions import NotRequired, Required, is_typeddict

# Keys the API documents as nullable ("set to null to turn off") whose SDK *param* types lack
# `Optional` (reference §7.1 #7: beta turn_detection, input_audio_transcription,
# input_audio_noise_reduction, tracing; GA audio.input.transcription and noise_reduction).
NULLABLE_DESPITE_TYPES = frozenset(
    {
        "turn_detection",
        "input_audio_transcription",
        "input_audio_noise_reduction",
        "tracing",
        "transcription",
        "noise_reduction",
    }
)


def _hints(td: Any) -> dict[str, Any]:
    return typing.get_type_hints(td, include_extras=True)


def _required(td: Any) -> set[str]:
    # `from __future__ import annotations` in the package hides Required from
    # __required_keys__, so read it from the evaluated hints.
    return {k for k, v in _hints(td).items() if get_origin(v) is Required}


def _strip(tp: Any) -> Any:
    while get_origin(tp) in (Required, NotRequired, typing.Annotated):
        tp = get_args(tp)[0]
    return tp


def errors(value: Any, tp: Any, path: str = "$") -> list[str]:
    tp = _strip(tp)
    origin = get_origin(tp)
    if tp is Any or tp is object:
        return []
    if tp is type(None):
        return [] if value is None else [f"{path}: expected null"]
    if origin in (typing.Union, types.UnionType):
        found = []
        for member in get_args(tp):
            errs = errors(value, member, path)
            if not errs:
                return []
            found.append(errs)
        return [f"{path}: matches no member of the union ({min(found, key=len)[0]})"]
    if origin is Literal:
        ok = any(value == v and type(value) is type(v) for v in get_args(tp))
        return [] if ok else [f"{path}: {value!r} is not one of {get_args(tp)}"]
    if is_typeddict(tp):
        if not isinstance(value, dict):
            return [f"{path}: expected an object"]
        hints = _hints(tp)
        out = [f"{path}: unknown key {k!r}" for k in value if k not in hints]
        out += [f"{path}: missing {k!r}" for k in _required(tp) if k not in value]
        for k, v in value.items():
            if k in hints and not (v is None and k in NULLABLE_DESPITE_TYPES):
                out += errors(v, hints[k], f"{path}.{k}")
        return out
    if tp is str:
        return [] if isinstance(value, str) else [f"{path}: expected a string"]
    if tp is bool:
        return [] if isinstance(value, bool) else [f"{path}: expected a boolean"]
    if tp is int:
        return [] if isinstance(value, int) and not isinstance(value, bool) else [f"{path}: expected an integer"]
    if tp is float:
        ok = isinstance(value, (int, float)) and not isinstance(value, bool)
        return [] if ok else [f"{path}: expected a number"]
    if origin in (list, collections.abc.Sequence, collections.abc.Iterable) or (
        origin is None and getattr(tp, "__name__", "") == "SequenceNotStr"
    ):
        if not isinstance(value, list):
            return [f"{path}: expected a list"]
        (item,) = get_args(tp) or (Any,)
        return [e for i, v in enumerate(value) for e in errors(v, item, f"{path}[{i}]")]
    if origin is not None and getattr(origin, "__name__", "") == "SequenceNotStr":
        return errors(value, list[get_args(tp)[0]], path)  # type: ignore[misc]
    if origin in (dict, collections.abc.Mapping):
        if not isinstance(value, dict):
            return [f"{path}: expected an object"]
        _, val = get_args(tp)
        return [e for k, v in value.items() for e in errors(v, val, f"{path}.{k}")]
    raise TypeError(f"oracle cannot read type {tp!r} at {path}")


def ga_update_errors(session: dict[str, Any]) -> list[str]:
    from openai.types.realtime.session_update_event_param import SessionUpdateEventParam

    return errors({"type": "session.update", "session": session}, SessionUpdateEventParam)


def ga_client_secret_errors(session: dict[str, Any]) -> list[str]:
    from openai.types.realtime.client_secret_create_params import ClientSecretCreateParams

    return errors({"session": session}, ClientSecretCreateParams)


def beta_update_errors(session: dict[str, Any], kind: str) -> list[str]:
    if kind == "transcription":
        from openai.types.beta.realtime.transcription_session_update_param import (
            TranscriptionSessionUpdateParam,
        )

        return errors({"type": "transcription_session.update", "session": session}, TranscriptionSessionUpdateParam)
    from openai.types.beta.realtime.session_update_event_param import SessionUpdateEventParam

    return errors({"type": "session.update", "session": session}, SessionUpdateEventParam)


def beta_create_errors(session: dict[str, Any], kind: str) -> list[str]:
    if kind == "transcription":
        from openai.types.beta.realtime.transcription_session_create_params import (
            TranscriptionSessionCreateParams,
        )

        return errors(session, TranscriptionSessionCreateParams)
    from openai.types.beta.realtime.session_create_params import SessionCreateParams

    return errors(session, SessionCreateParams)


def payload_errors(payload: dict[str, Any], envelope: str, dialect: str, kind: str) -> list[str]:
    """A whole rendered payload against the request type of its envelope."""
    if dialect == "ga":
        if envelope == "update":
            from openai.types.realtime.session_update_event_param import SessionUpdateEventParam

            return errors(payload, SessionUpdateEventParam)
        if envelope == "create":
            from openai.types.realtime.client_secret_create_params import ClientSecretCreateParams

            return errors(payload, ClientSecretCreateParams)
        from openai.types.realtime.session_update_event_param import Session

        return errors(payload, Session)
    if envelope == "update":
        if kind == "transcription":
            from openai.types.beta.realtime.transcription_session_update_param import (
                TranscriptionSessionUpdateParam,
            )

            return errors(payload, TranscriptionSessionUpdateParam)
        from openai.types.beta.realtime.session_update_event_param import SessionUpdateEventParam

        return errors(payload, SessionUpdateEventParam)
    return beta_create_errors(payload, kind)


# -- the Live API (openai 3.57.0 `types/live/`) -------------------------------------------------------


def _live_types() -> dict[str, Any]:
    from openai.types.live.live_create_params import LiveCreateParams
    from openai.types.live.media_session_config_param import MediaSessionConfigParam
    from openai.types.live.session_accept_params import Session as AcceptSession
    from openai.types.live.session_accept_params import SessionAcceptParams
    from openai.types.live.session_config_param import SessionConfigParam
    from openai.types.live.session_start_event_param import SessionStartEventParam
    from openai.types.live.session_update_config_param import SessionUpdateConfigParam
    from openai.types.live.session_update_event_param import SessionUpdateEventParam

    return {
        "websocket": SessionConfigParam,
        "webrtc": MediaSessionConfigParam,
        "sip": AcceptSession,
        "update": SessionUpdateConfigParam,
        "start_event": SessionStartEventParam,
        "update_event": SessionUpdateEventParam,
        "create_body": LiveCreateParams,
        "accept_body": SessionAcceptParams,
    }


def live_session_errors(session: dict[str, Any], kind: str) -> list[str]:
    """A Live session against its transport's type; a startup session that does not say its
    transport must be accepted by the WebSocket or the WebRTC type."""
    types_ = _live_types()
    if kind == "startup":
        ws, rtc = errors(session, types_["websocket"]), errors(session, types_["webrtc"])
        return [] if not ws or not rtc else min(ws, rtc, key=len)
    return errors(session, types_[kind])


def live_payload_errors(payload: dict[str, Any], envelope: str, kind: str) -> list[str]:
    """A rendered Live payload against the request type of its envelope."""
    types_ = _live_types()
    if envelope == "start":
        return errors(payload, types_["start_event"])
    if envelope == "update":
        return errors(payload, types_["update_event"])
    if envelope == "create":
        return errors(payload, types_["create_body"])
    if envelope == "accept":
        return errors(payload, types_["accept_body"])
    return live_session_errors(payload, kind)
