"""`rtcfg explain`: the API's real error messages (as users reported them) mapped to their
rule and to the place in a profile that caused them."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from rtcfg.transform.explain import explain, parse_param, read_error

GA_WITH_BETA_KEYS = """\
api: ga
session:
  type: realtime
  voice: alloy
  instructions: Be brief.
"""
BETA = """\
api: beta
session:
  modalities: [audio, text]
  voice: alloy
  input_audio_format: g711-ulaw
"""
GA = """\
session:
  type: realtime
  audio:
    output:
      voice: cedar
      speed: 1.1
  tools:
    - type: function
      name: lookup
      meta: {owner: crm}
"""
GA_NO_TYPE = """\
session:
  model: gpt-realtime-2.1
  instructions: Be brief.
"""
WHISPER = """\
session:
  type: transcription
  audio:
    input:
      transcription: {model: gpt-realtime-whisper}
      turn_detection: {type: server_vad}
"""


@pytest.fixture
def profile(tmp_path: Path):  # type: ignore[no-untyped-def]
    def write(text: str, name: str = "agent.yaml") -> str:
        path = tmp_path / name
        path.write_text(text)
        return str(path)

    return write


def codes(ex) -> list[str]:  # type: ignore[no-untyped-def]
    return [r.code for r in ex.rules]


def places(ex) -> list[tuple[str, int, int]]:  # type: ignore[no-untyped-def]
    return [(".".join(map(str, p.path)), p.line, p.column) for p in ex.places]


def test_param_paths_are_read_relative_to_the_session() -> None:
    assert parse_param("session.tools[0].meta") == ("tools", 0, "meta")
    assert parse_param("'session.audio.output.voice'") == ("audio", "output", "voice")
    assert parse_param("response.max_output_tokens") == ("max_output_tokens",)


def test_the_whole_error_event_is_read() -> None:
    event = {
        "type": "error",
        "event_id": "event_1",
        "error": {
            "type": "invalid_request_error",
            "code": "unknown_parameter",
            "message": "Unknown parameter: 'session.voice'.",
            "param": "session.voice",
            "event_id": None,
        },
    }
    err = read_error(json.dumps(event))
    assert (err.message, err.code, err.param) == (
        "Unknown parameter: 'session.voice'.",
        "unknown_parameter",
        "session.voice",
    )
    assert read_error(json.dumps(event["error"])).param == "session.voice"


def test_a_beta_key_sent_to_ga_points_at_the_key_and_validate_agrees(profile) -> None:
    ex = explain("Unknown parameter: 'session.voice'.", profile(GA_WITH_BETA_KEYS))
    assert ex.recognised and codes(ex) == ["RT101"]
    assert "audio.output.voice" in ex.meaning
    assert places(ex) == [("session.voice", 4, 3)]
    assert [d.code for d in ex.diagnostics] == ["RT101"]  # the key itself, once
    assert "rtcfg validate" in (ex.note or "")


def test_a_valid_beta_profile_sent_to_ga_is_told_to_migrate(profile) -> None:
    ex = explain("Unknown parameter: 'session.voice'.", profile(BETA))
    assert places(ex) == [("session.voice", 4, 3)]
    assert "rtcfg migrate" in (ex.note or "")


def test_a_ga_profile_whose_key_arrived_flattened_blames_the_sender(profile) -> None:
    ex = explain("Unknown parameter: 'session.voice'.", profile(GA))
    assert places(ex) == [("session.audio.output.voice", 5, 7)]
    assert "rewrote" in (ex.note or "")


def test_an_unknown_key_inside_a_tool(profile) -> None:
    ex = explain("Unknown parameter: 'session.tools[0].meta'.", profile(GA))
    assert codes(ex) == ["RT100"] and places(ex) == [("session.tools.0.meta", 10, 7)]
    assert [d.code for d in ex.diagnostics] == ["RT100"]


def test_a_ga_key_on_a_beta_server() -> None:
    ex = explain("Unknown parameter: 'session.type'.")
    assert codes(ex) == ["RT102"] and "beta" in ex.meaning


def test_missing_type(profile) -> None:
    # {model, instructions} could be beta too: validate says so in one error (RT114)
    ex = explain("Missing required parameter: 'session.type'.", profile(GA_NO_TYPE))
    assert codes(ex) == ["RT104", "RT114"] and ex.places == []
    assert [d.code for d in ex.diagnostics] == ["RT114"]


def test_nested_tool_choice_is_explained() -> None:
    ex = explain("Missing required parameter: 'session.tool_choice.name'.")
    assert codes(ex) == ["RT104"] and "flat" in ex.meaning


def test_null_speed_that_the_profile_never_set(profile) -> None:
    ex = explain("Invalid type for 'session.speed': expected a decimal, but got null", profile(GA))
    assert codes(ex) == ["RT106"] and ex.places == []
    assert "does not set session.speed" in (ex.note or "")


def test_an_invalid_value_is_found_by_its_value(profile) -> None:
    ex = explain(
        "Invalid value: 'g711-ulaw'. Supported values are: 'pcm16', 'g711_ulaw', and 'g711_alaw'.", profile(BETA)
    )
    assert codes(ex) == ["RT107"] and ex.value == "g711-ulaw"
    assert places(ex) == [("session.input_audio_format", 5, 23)]  # at the value
    assert [d.code for d in ex.diagnostics] == ["RT107"]


def test_an_invalid_voice_names_the_voice_rule() -> None:
    ex = explain(
        "{\"error\": {\"message\": \"Invalid value: 'ash'. Supported values are: 'amuch', 'dan'.\", "
        '"param": "session.voice", "code": "invalid_value"}}'
    )
    assert codes(ex) == ["RT112", "RT107"]


def test_tokens_above_the_maximum() -> None:
    ex = explain(
        "Invalid 'response.max_output_tokens': integer above maximum value. Expected a value "
        "<= 4096, but got 5000 instead."
    )
    assert codes(ex) == ["RT108"] and ex.api_path == ("max_output_tokens",)


def test_a_tool_name_pattern_error_names_the_tool_name_rule() -> None:
    ex = explain(
        "Invalid 'tools[0].function.name': string does not match pattern. Expected a string that "
        "matches the pattern '^[a-zA-Z0-9_-]+$'."
    )
    assert codes(ex) == ["RT203"]


def test_modalities(profile) -> None:
    ex = explain(
        "Invalid modalities: ['audio']. Supported combinations are: ['text'] and ['audio', 'text'].", profile(BETA)
    )
    assert codes(ex) == ["RT108", "RT107"]
    assert places(ex) == [("session.modalities", 3, 3)]


def test_voice_change_mid_call_is_not_a_profile_rule(profile) -> None:
    ex = explain(
        '{"type": "error", "error": {"code": "cannot_update_voice", "message": "Cannot update a '
        "conversation's voice if assistant audio is present.\"}}",
        profile(GA),
    )
    assert ex.recognised and codes(ex) == []
    assert places(ex) == [("session.audio.output.voice", 5, 7)]


def test_beta_shape_disabled_points_at_the_beta_declaration(profile) -> None:
    ex = explain(
        '{"type": "error", "error": {"code": "beta_api_shape_disabled", "message": "The Realtime '
        'Beta API is no longer supported. Please use /v1/realtime for the GA API."}}',
        profile(BETA),
    )
    assert codes(ex) == ["RT110"] and places(ex) == [("api", 1, 1)]


def test_turn_detection_with_a_whisper_transcription_session(profile) -> None:
    ex = explain("Turn detection is not supported for this transcription model", profile(WHISPER))
    assert codes(ex)[0] == "RT220"
    assert places(ex) == [("session.audio.input.turn_detection", 6, 7)]
    assert [d.code for d in ex.diagnostics] == ["RT220"]


def test_an_error_given_only_by_code_and_param() -> None:
    ex = explain('{"error": {"code": "unknown_parameter", "param": "session.input_audio_format", "message": ""}}')
    assert codes(ex) == ["RT101"]


def test_an_unrecognised_error_says_so() -> None:
    ex = explain("The server had an error while processing your request.")
    assert not ex.recognised and codes(ex) == []


# -- the command -------------------------------------------------------------------------


def test_cli_text(run, profile) -> None:
    path = profile(GA_WITH_BETA_KEYS)
    result = run("explain", "Unknown parameter: 'session.voice'.", path)
    assert result.exit_code == 0
    assert "RT101 beta-key-in-ga" in result.stdout
    assert f"{path}:4:3" in result.stdout


def test_cli_json_and_stdin(run, profile) -> None:
    path = profile(GA_WITH_BETA_KEYS)
    result = run("explain", "-", path, "--format", "json", input="Unknown parameter: 'session.voice'.\n")
    doc = json.loads(result.stdout)
    assert result.exit_code == 0
    assert doc["recognised"] is True and doc["rules"][0]["code"] == "RT101" and doc["path"] == "voice"
    assert doc["profile"]["places"] == [{"path": "session.voice", "line": 4, "column": 3}]
    assert "RT101" in [d["code"] for d in doc["profile"]["diagnostics"]]


def test_cli_unrecognised_exits_0_and_says_so(run) -> None:
    result = run("explain", "The server had an error while processing your request.")
    assert result.exit_code == 0 and "does not recognise" in result.stdout


@pytest.mark.parametrize("args", [["explain", ""], ["explain", "x", "/no/such/profile.yaml"]])
def test_cli_usage_errors_exit_2(run, args: list[str]) -> None:
    result = run(*args)
    assert result.exit_code == 2 and "Traceback" not in result.output
    assert result.stdout == ""
