"""`rtcfg render`: every envelope of both dialects and both session kinds, accepted by a strict
reading of the openai package's request types; nothing invented, nothing lost; beta -> GA
exactly as hand-written expectations say; round trips; the command's contract."""

from __future__ import annotations

import json
import os
import stat
from pathlib import Path
from typing import Any

import oracle
import pytest
from conftest import FIXTURES, REPO, good_fixtures, shipped_profiles

from rtcfg.check.pipeline import check_path, check_text
from rtcfg.check.result import Profile
from rtcfg.dialects import RESPONSE_ONLY
from rtcfg.transform.render import ENVELOPES, render

CONVERT = FIXTURES / "convert"
# Beta keys from the spec and the Ruby seed that the Python SDK's beta request types lack.
BETA_NOT_IN_SDK_TYPES = ("include", "prompt")


def valid(path: Path) -> Profile:
    profile = check_path(str(path))
    assert profile.valid, profile.diagnostics
    return profile


def _for_beta_oracle(payload: dict[str, Any], envelope: str) -> dict[str, Any]:
    def strip(session: dict[str, Any]) -> dict[str, Any]:
        return {k: v for k, v in session.items() if k not in BETA_NOT_IN_SDK_TYPES}

    if envelope == "update":
        return {**payload, "session": strip(payload["session"])}
    return strip(payload)


PROFILES = good_fixtures() + shipped_profiles()


@pytest.mark.parametrize("envelope", ENVELOPES)
@pytest.mark.parametrize("path", PROFILES, ids=lambda p: p.name)
def test_every_envelope_is_accepted_by_the_sdk_types(path: Path, envelope: str) -> None:
    profile = valid(path)
    if profile.dialect == "live":  # the Live envelopes (start, accept too) in tests/dialects/test_live.py
        result = render(profile, envelope=envelope, sdp="v=0\r\n")
        if envelope == "update" and not {"delegation", "triggers"} & set(profile.session or {}):
            assert [d.code for d in result.diagnostics] == ["RT402"]  # nothing that may change
            return
        assert result.ok and result.payload is not None
        assert oracle.live_payload_errors(result.payload, envelope, profile.kind or "startup") == []
        return
    result = render(
        profile,
        envelope=envelope,
        event_id="evt_1" if envelope == "update" else None,
        expires_in=300 if envelope == "create" else None,
    )
    assert result.ok and result.diagnostics == []
    payload = result.payload
    assert payload is not None
    if profile.dialect == "beta":
        payload = _for_beta_oracle(payload, envelope)
    assert oracle.payload_errors(payload, envelope, profile.dialect or "", profile.kind or "") == []


@pytest.mark.parametrize("envelope", ENVELOPES)
@pytest.mark.parametrize("path", PROFILES, ids=lambda p: p.name)
def test_converted_payloads_are_accepted_too(path: Path, envelope: str) -> None:
    profile = valid(path)
    target = "ga" if profile.dialect == "beta" else "beta"
    result = render(profile, envelope=envelope, api=target)
    if not result.ok:  # GA-only settings: an error for each, naming it
        assert target == "beta" and {d.code for d in result.diagnostics} == {"RT300"}
        return
    payload = result.payload
    assert payload is not None
    if target == "beta":
        payload = _for_beta_oracle(payload, envelope)
    assert oracle.payload_errors(payload, envelope, target, profile.kind or "") == []


def _keys(value: Any, at: str = "") -> set[str]:
    """Every key path in a JSON value."""
    out: set[str] = set()
    if isinstance(value, dict):
        for k, v in value.items():
            out.add(f"{at}.{k}")
            out |= _keys(v, f"{at}.{k}")
    elif isinstance(value, list):
        for i, v in enumerate(value):
            out |= _keys(v, f"{at}[{i}]")
    return out


@pytest.mark.parametrize("path", PROFILES, ids=lambda p: p.name)
def test_nothing_invented_nothing_lost(path: Path) -> None:
    profile = valid(path)
    assert profile.session is not None
    written = {k: v for k, v in profile.session.items() if k not in RESPONSE_ONLY}
    session = render(profile, envelope="session").payload
    assert session is not None
    if "client_secret" in written:  # belongs to the create body, said on stderr
        written.pop("client_secret")
    assert _keys(session) == _keys(written)
    assert session == json.loads(json.dumps(written))  # the same values (1 == 1.0 in JSON)


def test_nulls_empty_strings_and_empty_lists_survive(tmp_path: Path) -> None:
    path = tmp_path / "p.yaml"
    path.write_text(
        "session:\n  type: realtime\n  instructions: ''\n  tools: []\n"
        "  audio: {input: {turn_detection: null, transcription: null}}\n  tracing: null\n"
    )
    payload = render(valid(path), envelope="session").payload
    assert payload == {
        "type": "realtime",
        "instructions": "",
        "audio": {"input": {"transcription": None, "turn_detection": None}},
        "tracing": None,
        "tools": [],
    }


def test_keys_come_out_in_the_reference_order_but_schemas_keep_theirs(tmp_path: Path) -> None:
    path = tmp_path / "p.yaml"
    path.write_text(
        "session:\n"
        "  tools:\n"
        "    - parameters: {type: object, required: [b], properties: {z: {type: string}, b: {type: string}}}\n"
        "      name: f\n"
        "      type: function\n"
        "  audio: {output: {voice: cedar, format: {rate: 24000, type: audio/pcm}}}\n"
        "  instructions: hi\n"
        "  type: realtime\n"
    )
    payload = render(valid(path), envelope="session").payload
    assert payload is not None
    assert list(payload) == ["type", "instructions", "audio", "tools"]
    assert list(payload["audio"]["output"]) == ["format", "voice"]
    assert list(payload["audio"]["output"]["format"]) == ["type", "rate"]
    assert list(payload["tools"][0]) == ["type", "name", "parameters"]
    assert list(payload["tools"][0]["parameters"]) == ["type", "required", "properties"]
    assert list(payload["tools"][0]["parameters"]["properties"]) == ["z", "b"]


def _conversion_cases() -> list[tuple[Path, Path]]:
    cases = []
    for expected in sorted(CONVERT.glob("*.ga.json")):
        stem = expected.name.removesuffix(".ga.json")
        source = CONVERT / f"{stem}.beta.yaml"
        cases.append((source if source.exists() else FIXTURES / "good" / f"{stem}.yaml", expected))
    return cases


def test_there_are_at_least_ten_conversions_covering_every_beta_fixture() -> None:
    cases = _conversion_cases()
    assert len(cases) >= 10
    beta_fixtures = {p for p in good_fixtures() if valid(p).dialect == "beta"}
    assert beta_fixtures <= {source for source, _ in cases}


@pytest.mark.parametrize(("source", "expected"), _conversion_cases(), ids=lambda p: p.name)
def test_beta_converts_to_ga_exactly_as_written_by_hand(source: Path, expected: Path) -> None:
    profile = valid(source)
    assert profile.dialect == "beta"
    result = render(profile, envelope="session", api="ga")
    want = json.loads(expected.read_text())
    # Compare the text, so that the key order is compared too.
    assert json.dumps(result.payload, indent=1) == json.dumps(want, indent=1)
    assert oracle.payload_errors(want, "session", "ga", profile.kind or "") == []


@pytest.mark.parametrize(
    ("name", "messages"),
    [
        (
            "forced_function.beta.yaml",
            [
                "the forced function 'lookup_order' became {type: function, name: lookup_order}",
                "dropped temperature 0.6: GA has no temperature",
            ],
        ),
        (
            "vad_keys.beta.yaml",
            [
                "modalities [audio, text] became output_modalities [audio]: GA audio output includes its transcript",
                "dropped turn_detection.threshold 0.4: semantic_vad has no threshold",
                "dropped turn_detection.prefix_padding_ms 100: semantic_vad has no prefix_padding_ms",
                "dropped turn_detection.silence_duration_ms 900: semantic_vad has no silence_duration_ms",
            ],
        ),
    ],
)
def test_every_lossy_step_is_a_warning_at_its_place(name: str, messages: list[str]) -> None:
    result = render(valid(CONVERT / name), envelope="session", api="ga")
    assert [d.message for d in result.diagnostics] == messages
    assert {(d.code, d.severity.value) for d in result.diagnostics} == {("RT301", "warning")}


def test_a_beta_client_secret_becomes_expires_after_in_the_ga_create_body() -> None:
    result = render(valid(FIXTURES / "good" / "beta_seed003_node_create.yaml"), envelope="create", api="ga")
    assert result.payload is not None
    assert result.payload["expires_after"] == {"anchor": "created_at", "seconds": 600}
    assert list(result.payload) == ["expires_after", "session"]
    assert "client_secret" not in result.payload["session"]


def test_ga_to_beta_names_every_ga_only_setting() -> None:
    result = render(valid(FIXTURES / "good" / "ga_every_realtime_field.yaml"), envelope="session", api="beta")
    assert result.payload is None
    paths = [d.dotted_path for d in result.diagnostics if d.code == "RT300"]
    for expected in (
        "session.audio.input.transcription.languages",
        "session.audio.input.transcription.keywords",
        "session.audio.input.noise_reduction.strength",
        "session.reasoning",
        "session.parallel_tool_calls",
        "session.truncation",
    ):
        assert expected in paths


@pytest.mark.parametrize("path", [p for p in PROFILES if p.suffix != ".json"], ids=lambda p: p.name)
def test_round_trip_a_rendered_session_renders_the_same(path: Path) -> None:
    profile = valid(path)
    first = render(profile, envelope="session").payload
    text = json.dumps(first)
    if profile.dialect == "beta":  # a bare beta session needs its interface said
        text = json.dumps({"api": "beta", "kind": profile.kind, "session": first})
    again = check_text("again.json", text, is_json=True)
    assert again.valid, again.diagnostics
    assert json.dumps(render(again, envelope="session").payload) == json.dumps(first)


# -- envelopes and mid-session safety ---------------------------------------------------------


def test_update_envelopes_by_dialect_and_kind() -> None:
    ga_trx = render(valid(FIXTURES / "good" / "ga_transcription_session.yaml")).payload
    assert ga_trx is not None and ga_trx["type"] == "session.update" and ga_trx["session"]["type"] == "transcription"
    beta_trx = render(valid(FIXTURES / "good" / "beta_transcription_event.yaml"), event_id="e1").payload
    assert beta_trx is not None and list(beta_trx) == ["type", "event_id", "session"]
    assert beta_trx["type"] == "transcription_session.update"
    beta_create = render(
        valid(FIXTURES / "good" / "beta_transcription_create.yaml"), envelope="create", expires_in=120
    ).payload
    assert beta_create is not None
    assert beta_create["client_secret"] == {"expires_at": {"anchor": "created_at", "seconds": 120}}


def test_a_captured_event_keeps_its_event_id_unless_told_otherwise() -> None:
    profile = valid(FIXTURES / "good" / "ga_event.json")
    captured = json.loads((FIXTURES / "good" / "ga_event.json").read_text())
    captured["session"].pop("model")  # an update never carries the model
    assert render(profile).payload == captured
    assert (render(profile, event_id="evt_new").payload or {})["event_id"] == "evt_new"


def test_an_update_leaves_the_model_out_and_says_so() -> None:
    result = render(valid(FIXTURES / "good" / "ga_every_realtime_field.yaml"))
    assert result.payload is not None and "model" not in result.payload["session"]
    assert any(n.startswith("model left out") for n in result.notes)
    assert any(n.startswith("audio.output.voice kept") for n in result.notes)


def test_mid_session_leaves_out_voice_and_tracing() -> None:
    profile = valid(FIXTURES / "good" / "beta_seed002_ruby_session.yaml")
    first = render(profile).payload
    later = render(profile, mid_session=True)
    assert first is not None and later.payload is not None
    assert "voice" in first["session"] and "tracing" in first["session"]
    assert "voice" not in later.payload["session"] and "tracing" not in later.payload["session"]
    assert any("cannot_update_voice" in n for n in later.notes)


# -- the command --------------------------------------------------------------------------------


SHIPPED = str(REPO / "profiles" / "phone-agent-twilio.yaml")


def test_cli_render_prints_json_and_notes_on_stderr(run) -> None:
    result = run("render", SHIPPED)
    assert result.exit_code == 0
    doc = json.loads(result.stdout)
    assert doc["type"] == "session.update" and doc["session"]["audio"]["output"]["voice"] == "cedar"
    assert "note: model left out" in result.stderr


def test_cli_compact_is_one_line(run) -> None:
    result = run("render", SHIPPED, "--compact", "--as", "session")
    assert result.exit_code == 0 and result.stdout.count("\n") == 1
    assert json.loads(result.stdout)["model"] == "gpt-realtime-2.1"


def test_cli_invalid_profile_renders_nothing(run, tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("session:\n  type: realtime\n  voice: alloy\n")
    out = tmp_path / "out.json"
    out.write_text("previous\n")
    result = run("render", str(bad), "-o", str(out))
    assert result.exit_code == 1 and result.stdout == ""
    assert "error[RT101]" in result.stderr
    assert out.read_text() == "previous\n"


def test_cli_conversion_error_renders_nothing(run) -> None:
    result = run("render", SHIPPED, "--api", "beta")
    assert result.exit_code == 1 and result.stdout == ""
    assert "error[RT300]" in result.stderr and "idle_timeout_ms" in result.stderr


def test_cli_output_file_is_written_atomically_keeping_its_mode(run, tmp_path: Path) -> None:
    out = tmp_path / "session.json"
    out.write_text("old")
    os.chmod(out, 0o640)
    result = run("render", SHIPPED, "--as", "create", "--expires-in", "600", "-o", str(out))
    assert result.exit_code == 0 and result.stdout == ""
    doc = json.loads(out.read_text())
    assert doc["expires_after"] == {"anchor": "created_at", "seconds": 600}
    assert stat.S_IMODE(out.stat().st_mode) == 0o640
    assert [p.name for p in tmp_path.iterdir()] == ["session.json"]  # no temporary file left behind


def test_cli_output_into_a_missing_directory_is_a_usage_error(run, tmp_path: Path) -> None:
    result = run("render", SHIPPED, "-o", str(tmp_path / "no" / "such" / "dir.json"))
    assert result.exit_code == 2 and "cannot write" in result.stderr and "Traceback" not in result.output


@pytest.mark.parametrize(
    "args",
    [
        ["--as", "create", "--expires-in", "9"],
        ["--as", "create", "--expires-in", "7201"],
        ["--expires-in", "600"],
        ["--as", "session", "--event-id", "e1"],
        ["--event-id", "e" * 513],
        ["--as", "create", "--mid-session"],
        ["--as", "xml"],
        ["--api", "v2"],
    ],
)
def test_cli_bad_options_exit_2(run, args: list[str]) -> None:
    result = run("render", SHIPPED, *args)
    assert result.exit_code == 2 and result.stdout == "" and "Traceback" not in result.output


def test_cli_render_reads_stdin(run) -> None:
    result = run("render", "-", "--as", "session", input="type: realtime\ninstructions: hi\n")
    assert result.exit_code == 0 and json.loads(result.stdout) == {"type": "realtime", "instructions": "hi"}
