"""The words users read: hints name the right fix."""

from __future__ import annotations

import pytest

from rtcfg.check.pipeline import check_text


def diag(text: str, code: str, name: str = "p.yaml"):  # type: ignore[no-untyped-def]
    found = [d for d in check_text(name, text).diagnostics if d.code == code]
    assert found, check_text(name, text).diagnostics
    return found[0]


@pytest.mark.parametrize(
    ("key", "place"),
    [
        ("voice: alloy", "audio.output.voice"),
        ("speed: 1.0", "audio.output.speed"),
        ("turn_detection: null", "audio.input.turn_detection"),
        ("input_audio_noise_reduction: null", "audio.input.noise_reduction"),
        ("output_audio_format: pcm16", "audio.output.format"),
    ],
)
def test_beta_key_in_ga_names_its_ga_place(key: str, place: str) -> None:
    d = diag(f"type: realtime\n{key}\n", "RT101")
    assert d.line == 2 and f"in GA it is {place}" in (d.hint or "")


def test_camel_case_suggests_snake_case() -> None:
    text = "type: realtime\naudio:\n  input:\n    turn_detection: {type: server_vad, silenceDurationMs: 200}\n"
    assert diag(text, "RT100").hint == "did you mean 'silence_duration_ms'?"


def test_a_misplaced_key_names_where_it_belongs() -> None:
    d = diag("type: realtime\naudio:\n  voice: marin\n", "RT100")
    assert "audio.output.voice" in (d.hint or "")


def test_misspelled_value_gets_did_you_mean() -> None:
    d = diag("type: realtime\naudio:\n  input:\n    turn_detection: {type: semantic_vad, eagerness: hihg}\n", "RT107")
    assert d.hint == "did you mean 'high'?"


def test_yaml_11_boolean_trap_names_the_quoted_spelling() -> None:
    d = diag("type: realtime\naudio:\n  input:\n    transcription: {language: no}\n", "RT105")
    assert d.hint == 'YAML reads the unquoted no as a boolean; quote it: "no"'
    assert check_text("q.yaml", "type: realtime\naudio:\n  input:\n    transcription: {language: 'no'}\n").valid


def test_beta_profile_is_warned_about_retirement_and_pointed_at_migrate() -> None:
    d = diag("modalities: [text]\nvoice: alloy\n", "RT110")
    assert d.severity.value == "warning" and "migrate" in (d.hint or "")


def test_unknown_voice_is_a_warning_with_a_reason() -> None:
    d = diag("type: realtime\naudio:\n  output: {voice: onyx}\n", "RT112")
    assert d.severity.value == "warning" and "text-to-speech" in (d.hint or "")
    assert check_text("v.yaml", "type: realtime\naudio:\n  output: {voice: onyx}\n").valid


def test_beta_voice_from_the_ga_era_is_warned_about() -> None:
    d = diag("api: beta\nsession: {voice: marin}\n", "RT112")
    assert "GA-era" in (d.hint or "")


def test_a_key_of_the_other_dialect_is_one_message_that_names_its_place() -> None:
    profile = check_text("m.yaml", "type: realtime\nvoice: alloy\naudio: {}\n")
    assert [(d.code, d.dotted_path) for d in profile.diagnostics] == [("RT101", "voice")]
    assert profile.diagnostics[0].hint == "in GA it is audio.output.voice"


def test_beta_detected_without_an_envelope() -> None:
    profile = check_text("b.yaml", "voice: alloy\ninput_audio_format: g711_ulaw\ninstructions: hi\n")
    assert profile.dialect == "beta" and profile.valid


def test_a_ga_only_model_in_a_beta_profile_is_warned_about() -> None:
    d = diag("api: beta\nsession: {model: gpt-realtime-2, modalities: [text]}\n", "RT111")
    assert d.severity.value == "warning" and "GA-era" in (d.hint or "")
    assert not [
        x for x in check_text("m.yaml", "api: beta\nsession: {model: gpt-realtime}\n").diagnostics if x.code == "RT111"
    ]
