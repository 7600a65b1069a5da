"""The capability table against what we did not write: the openai package's literals and
docstrings (models, voices, deprecations with dates, per-model features) and pycountry's
ISO 639 tables. A new SDK release that changes any of them fails here, on purpose."""

from __future__ import annotations

import inspect
import re
import typing
from datetime import date
from typing import Any, get_args

import pycountry
from openai.types.beta.realtime import session_create_params as beta_session
from openai.types.beta.realtime import transcription_session_create_params as beta_trx
from openai.types.realtime import (
    audio_transcription_param,
    realtime_audio_config_output_param,
    realtime_session_create_request_param,
    realtime_transcription_session_audio_input_param,
)

from rtcfg.dialects import capabilities, iso639


def literals(tp: Any) -> set[str]:
    """Every string literal inside a (nested) Union/Literal type."""
    out: set[str] = set()
    if typing.get_origin(tp) is typing.Literal:
        return {a for a in get_args(tp) if isinstance(a, str)}
    for arg in get_args(tp):
        out |= literals(arg)
    return out


def deprecated_values(module: Any) -> dict[str, date]:
    """Parse `Deprecated values: - "a", "b": Announced shutdown date: YYYY-MM-DD` docstrings."""
    text = inspect.getsource(module)
    block = re.search(r"Deprecated values:(.*?)See", text, re.S)
    assert block, f"no deprecation block in {module.__name__}"
    out = {}
    for names, day in re.findall(
        r"-\s*((?:\"[^\"]+\",?\s*)+):\s*Announced shutdown date:\s*(\d{4}-\d{2}-\d{2})", block.group(1)
    ):
        for name in re.findall(r"\"([^\"]+)\"", names):
            out[name] = date.fromisoformat(day)
    assert out
    return out


def hints(td: Any) -> dict[str, Any]:
    return typing.get_type_hints(td, include_extras=True)


def test_realtime_models_are_the_sdk_literal() -> None:
    sdk = literals(hints(realtime_session_create_request_param.RealtimeSessionCreateRequestParam)["model"])
    assert set(capabilities.REALTIME_MODELS) == sdk


def test_realtime_shutdown_dates_are_the_sdk_docstrings() -> None:
    sdk = deprecated_values(realtime_session_create_request_param)
    ours = {n: m.shutdown for n, m in capabilities.REALTIME_MODELS.items() if m.shutdown}
    assert ours == sdk


def test_transcription_models_and_shutdown_dates_are_the_sdk() -> None:
    sdk = literals(hints(audio_transcription_param.AudioTranscriptionParam)["model"])
    assert set(capabilities.TRANSCRIPTION_MODELS) == sdk
    ours = {n: m.shutdown for n, m in capabilities.TRANSCRIPTION_MODELS.items() if m.shutdown}
    assert ours == deprecated_values(audio_transcription_param)


def test_transcription_features_follow_the_sdk_docstrings() -> None:
    source = inspect.getsource(audio_transcription_param)
    # keywords and languages: "Supported by `gpt-transcribe` and `gpt-live-transcribe`."
    supported = re.findall(r"Supported by (`[^.]+`)\.", source)
    assert supported
    for sentence in supported:
        assert set(re.findall(r"`([^`]+)`", sentence)) == {
            n for n, m in capabilities.TRANSCRIPTION_MODELS.items() if m.keywords
        }
    # "Prompt is not supported with `gpt-realtime-whisper`"
    assert "Prompt is not supported with `gpt-realtime-whisper`" in source
    assert not capabilities.TRANSCRIPTION_MODELS["gpt-realtime-whisper"].prompt
    assert "(excluding `gpt-4o-transcribe-diarize`)" in source
    assert not capabilities.TRANSCRIPTION_MODELS["gpt-4o-transcribe-diarize"].prompt
    # delay: the SDK documents it for gpt-realtime-whisper only.
    assert [n for n, m in capabilities.TRANSCRIPTION_MODELS.items() if m.delay] == ["gpt-realtime-whisper"]
    vad = inspect.getsource(realtime_transcription_session_audio_input_param)
    assert re.search(r"`gpt-realtime-whisper` transcription sessions, turn detection must be set to\s+`null`", vad)
    assert not capabilities.TRANSCRIPTION_MODELS["gpt-realtime-whisper"].turn_detection


def test_reasoning_models_include_the_one_the_sdk_names() -> None:
    source = inspect.getsource(realtime_session_create_request_param)
    named = set(re.findall(r"reasoning Realtime models such as `([^`]+)`", source)) | set(
        re.findall(r"reasoning-capable Realtime models such as `([^`]+)`", source)
    )
    assert named == {"gpt-realtime-2"}
    assert all(capabilities.REALTIME_MODELS[n].reasoning for n in named)
    assert not capabilities.REALTIME_MODELS["gpt-realtime-1.5"].reasoning


def test_voices_are_the_sdk_literals() -> None:
    ga = literals(realtime_audio_config_output_param.Voice)
    assert set(capabilities.GA_VOICES) == ga
    beta = literals(hints(beta_session.SessionCreateParams)["voice"])
    assert set(capabilities.BETA_VOICES) == beta
    assert not set(capabilities.NOT_REALTIME_VOICES) & ga


def test_beta_model_lists_are_the_sdk_literals() -> None:
    assert set(capabilities.BETA_REALTIME_MODELS) == literals(hints(beta_session.SessionCreateParams)["model"])
    trx = hints(beta_trx.InputAudioTranscription)["model"]
    assert set(capabilities.BETA_TRANSCRIPTION_MODELS) == literals(trx)


def test_iso_639_1_codes_are_the_standard_tables() -> None:
    assert {lang.alpha_2 for lang in pycountry.languages if hasattr(lang, "alpha_2")} == iso639.CODES
    for old, new in iso639.WITHDRAWN.items():
        assert old not in iso639.CODES and new in iso639.CODES


def test_the_table_is_stamped_with_its_source_and_date() -> None:
    assert "openai" in capabilities.SOURCE
    date.fromisoformat(capabilities.READ_ON)
