"""rtcfg's models against a strict reading of the openai package's types (an oracle we did
not write): what rtcfg accepts, the package's types accept; what they can reject, rtcfg rejects;
and every field they describe, rtcfg's models know."""

from __future__ import annotations

import typing
from pathlib import Path
from typing import Any, get_args, get_origin

import oracle
import pytest
import yaml
from conftest import FIXTURES, bad_fixtures, good_fixtures, shipped_profiles
from typing_extensions import is_typeddict

from rtcfg.check.pipeline import check_path
from rtcfg.check.typewalk import field_index
from rtcfg.dialects import RESPONSE_ONLY, detect
from rtcfg.load.yamlio import parse

EXPECTED = yaml.safe_load((FIXTURES / "bad" / "expected.yaml").read_text())
# Beta keys from the spec and the Ruby seed that the Python SDK's beta request types lack.
BETA_NOT_IN_SDK_TYPES = ("include", "prompt")


def _request_session(session: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in session.items() if k not in RESPONSE_ONLY}


@pytest.mark.parametrize("path", good_fixtures() + shipped_profiles(), ids=lambda p: p.name)
def test_good_session_is_accepted_by_the_sdk_types(path: Path) -> None:
    profile = check_path(str(path))
    assert profile.session is not None
    session = _request_session(profile.session)
    if profile.dialect == "live":
        assert oracle.live_session_errors(session, profile.kind or "startup") == []
    elif profile.dialect == "ga":
        assert oracle.ga_update_errors(session) == []
        assert oracle.ga_client_secret_errors(session) == []
    else:
        session = {k: v for k, v in session.items() if k not in BETA_NOT_IN_SDK_TYPES}
        update = {k: v for k, v in session.items() if k != "client_secret"}  # create-only
        assert oracle.beta_update_errors(update, profile.kind or "realtime") == []
        assert oracle.beta_create_errors(session, profile.kind or "realtime") == []


@pytest.mark.parametrize("path", [p for p in bad_fixtures() if not p.name.startswith("l_")], ids=lambda p: p.name)
def test_bad_session_agrees_with_the_sdk_types(path: Path) -> None:
    doc = parse(path.name, path.read_text(), is_json=path.suffix == ".json")
    shape = detect.split(doc.data)
    if shape.dialect == "ga":
        errors = oracle.ga_update_errors(shape.session)
    else:
        errors = oracle.beta_update_errors(shape.session, shape.kind or "realtime")
    verdict = EXPECTED[path.name]["oracle"]
    assert verdict in ("reject", "accept")
    assert bool(errors) == (verdict == "reject"), errors


def test_bad_event_is_rejected_by_the_sdk_event_type() -> None:
    from openai.types.realtime.session_update_event_param import SessionUpdateEventParam

    event = parse("e", (FIXTURES / "bad" / "r_event_shape.json").read_text(), is_json=True).data
    assert oracle.errors(event, SessionUpdateEventParam)


def test_the_oracle_can_fail() -> None:
    assert oracle.ga_update_errors({"type": "realtime", "voice": "alloy"})
    assert oracle.ga_update_errors({"type": "realtime", "max_output_tokens": True})
    assert oracle.ga_update_errors({"type": "realtime", "audio": {"output": {"speed": None}}})
    assert oracle.ga_update_errors({"type": "realtime", "tools": [{"type": "function", "meta": 1}]})
    assert not oracle.ga_update_errors({"type": "realtime", "audio": {"output": {"speed": 1}}})


def _sdk_paths(tp: Any, prefix: str = "", seen: frozenset[Any] = frozenset()) -> set[str]:
    """Every dotted key path a TypedDict tree describes (through unions, lists and dicts)."""
    tp = oracle._strip(tp)
    origin = get_origin(tp)
    if origin in (typing.Union, __import__("types").UnionType):
        return set().union(*(_sdk_paths(a, prefix, seen) for a in get_args(tp)))
    if is_typeddict(tp) and tp not in seen:
        out: set[str] = set()
        for key, sub in oracle._hints(tp).items():
            place = f"{prefix}.{key}" if prefix else key
            out.add(place)
            out |= _sdk_paths(sub, place, seen | {tp})
        return out
    if origin is not None and get_args(tp) and origin is not typing.Literal:
        return set().union(*(_sdk_paths(a, prefix, seen) for a in get_args(tp)[-1:]))
    return set()


def _rtcfg_paths(dialect_name: str) -> set[str]:
    return {place for places in field_index(dialect_name).values() for place in places}


def test_ga_models_know_every_field_of_the_sdk_types() -> None:
    from openai.types.realtime.realtime_session_create_request_param import (
        RealtimeSessionCreateRequestParam,
    )
    from openai.types.realtime.realtime_transcription_session_create_request_param import (
        RealtimeTranscriptionSessionCreateRequestParam,
    )

    sdk = _sdk_paths(RealtimeSessionCreateRequestParam) | _sdk_paths(RealtimeTranscriptionSessionCreateRequestParam)
    assert {"audio.output.voice", "tools.server_label", "truncation.token_limits.post_instructions"} <= sdk
    missing = sorted(p for p in sdk - _rtcfg_paths("ga") if not p.startswith("prompt.variables."))
    assert missing == []


def test_beta_models_know_every_field_of_the_sdk_types() -> None:
    from openai.types.beta.realtime.session_create_params import SessionCreateParams
    from openai.types.beta.realtime.transcription_session_create_params import (
        TranscriptionSessionCreateParams,
    )

    sdk = _sdk_paths(SessionCreateParams) | _sdk_paths(TranscriptionSessionCreateParams)
    assert {"turn_detection.eagerness", "client_secret.expires_after.seconds"} <= sdk
    assert sorted(sdk - _rtcfg_paths("beta")) == []


# Field sets of the four seed documents, read from shared/seeds/ (request fields, then the
# response-only ones, which rtcfg understands and warns about).
SEED_FIELDS = {
    "000 python beta Session": (
        [
            "input_audio_format",
            "input_audio_transcription",
            "instructions",
            "max_response_output_tokens",
            "modalities",
            "model",
            "output_audio_format",
            "temperature",
            "tool_choice",
            "tools",
            "turn_detection",
            "voice",
        ],
        ["id"],
    ),
    "002 ruby RealtimeSession": (
        [
            "include",
            "input_audio_format",
            "input_audio_noise_reduction",
            "input_audio_transcription",
            "instructions",
            "max_response_output_tokens",
            "modalities",
            "model",
            "output_audio_format",
            "prompt",
            "speed",
            "temperature",
            "tool_choice",
            "tools",
            "tracing",
            "turn_detection",
            "voice",
        ],
        ["expires_at", "id", "object"],
    ),
    "003 node sessions": (
        [
            "input_audio_format",
            "input_audio_transcription",
            "instructions",
            "max_response_output_tokens",
            "modalities",
            "model",
            "output_audio_format",
            "temperature",
            "tool_choice",
            "tools",
            "turn_detection",
            "voice",
            "client_secret",
        ],
        ["id"],
    ),
    "004 rust realtime_session": (
        [
            "input_audio_noise_reduction",
            "modalities",
            "tools",
            "tracing",
            "turn_detection",
            "input_audio_format",
            "max_response_output_tokens",
            "model",
            "output_audio_format",
        ],
        [],
    ),
}


@pytest.mark.parametrize("seed", sorted(SEED_FIELDS))
def test_every_seed_field_is_understood(seed: str) -> None:
    from rtcfg.dialects.beta import models as beta

    request, response = SEED_FIELDS[seed]
    assert set(request) <= set(beta.RealtimeSession.model_fields)
    assert set(response) <= set(RESPONSE_ONLY)
    fixtures = [check_path(str(p)) for p in good_fixtures()]
    covered = set().union(*(set(p.session or {}) for p in fixtures if p.dialect == "beta"))
    assert set(request) | set(response) <= covered, "a good fixture must use every seed field"
