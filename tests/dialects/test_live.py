"""The Live API dialect against the openai package's Live types (3.57.0), read strictly by
tests/oracle.py: every good fixture, in every shape, is valid for rtcfg and accepted by the
types; every bad one has its pinned diagnostics and is refused by the types where they can
say it; rendering and migrating produce what both accept."""

from __future__ import annotations

import json
import re
from pathlib import Path

import oracle
import pytest
import yaml
from conftest import FIXTURES, REPO, shipped_profiles

from rtcfg.check.pipeline import check_path, check_text
from rtcfg.dialects import detect
from rtcfg.transform.migrate import to_live
from rtcfg.transform.render import LIVE_ENVELOPES, render

LIVE = FIXTURES / "live"
GOOD = sorted((LIVE / "good").iterdir())
BAD = sorted((LIVE / "bad").iterdir())
MARK = re.compile(r"#\s*expect:\s*(RT\d{3})\s+(\S+)")


def load(path: Path) -> dict:
    text = path.read_text()
    return json.loads(text) if path.suffix == ".json" else yaml.safe_load(text)


def document_errors(path: Path) -> list[str]:
    """The whole document against the SDK type of its shape."""
    doc = load(path)
    shape = detect.split(doc)
    if doc.get("type") == "session.start":
        return oracle.live_payload_errors(doc, "start", "websocket")
    if doc.get("type") == "session.update":
        return oracle.live_payload_errors(doc, "update", "update")
    if "transport" in doc:
        return oracle.live_payload_errors(doc, "create", "webrtc")
    if shape.kind == "sip" and "session" in doc:
        return oracle.live_payload_errors({"session": doc["session"]}, "accept", "sip")
    return oracle.live_session_errors(shape.session, shape.kind or "startup")


@pytest.mark.parametrize("path", GOOD, ids=lambda p: p.name)
def test_good_live_fixtures_are_valid_and_the_sdk_types_agree(path: Path) -> None:
    profile = check_path(str(path))
    assert profile.dialect == "live"
    assert profile.diagnostics == (), [(d.code, d.dotted_path, d.message) for d in profile.diagnostics]
    assert document_errors(path) == []


def test_good_fixtures_cover_every_shape() -> None:
    kinds = {check_path(str(p)).kind for p in GOOD}
    assert kinds == {"websocket", "webrtc", "sip", "update", "startup"}


def expected(path: Path) -> list[tuple[str, str, int]]:
    out = []
    for n, line in enumerate(path.read_text().splitlines(), start=1):
        for code, where in MARK.findall(line):
            out.append((code, "" if where == "-" else where, n))
    return sorted(out)


@pytest.mark.parametrize("path", BAD, ids=lambda p: p.name)
def test_bad_live_fixtures_raise_exactly_their_marked_diagnostics(path: Path) -> None:
    profile = check_path(str(path))
    got = sorted((d.code, d.dotted_path, d.line) for d in profile.diagnostics)
    assert got == expected(path)
    assert not profile.valid


@pytest.mark.parametrize("path", BAD, ids=lambda p: p.name)
def test_the_sdk_types_refuse_the_bad_fixtures_too(path: Path) -> None:
    # Every bad fixture breaks what the types can say: key sets, Required, literals, null.
    # Limits the types cannot express (lengths, ranges) are SPEC constraints (reference A.3).
    beyond_the_types = {"choices_one.yaml", "input_two_parts.yaml", "max_tokens_small.yaml", "transport_bad.yaml"}
    errs = document_errors(path)
    if path.name in beyond_the_types - {"input_two_parts.yaml", "transport_bad.yaml"}:
        assert errs == []  # the types let them through: rtcfg is the stricter one
    else:
        assert errs != [], path.name


def _startup_profiles() -> list[Path]:
    shipped = [p for p in shipped_profiles() if check_path(str(p)).dialect == "live"]
    assert len(shipped) >= 3  # a browser WebRTC assistant, a WebSocket phone agent, a SIP accept
    return [p for p in [*GOOD, *shipped] if check_path(str(p)).kind != "update"]


@pytest.mark.parametrize("envelope", LIVE_ENVELOPES)
@pytest.mark.parametrize("path", _startup_profiles(), ids=lambda p: p.name)
def test_every_rendered_live_payload_validates_and_the_types_accept_it(path: Path, envelope: str) -> None:
    profile = check_path(str(path))
    result = render(profile, envelope=envelope, sdp="v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\n")
    if envelope == "update" and not {"delegation", "triggers"} & set(profile.session or {}):
        assert not result.ok and [d.code for d in result.diagnostics] == ["RT402"]  # nothing may change
        return
    assert result.ok, result.diagnostics
    payload = result.payload
    assert payload is not None
    # the law: what render writes, validate accepts (as Live, with no error)
    again = check_text("rendered.json", json.dumps(payload), is_json=True)
    assert again.dialect == "live" and again.valid, [(d.code, d.message) for d in again.diagnostics]
    assert oracle.live_payload_errors(payload, envelope, profile.kind or "startup") == []


def test_an_update_render_keeps_only_what_may_change(capsys) -> None:  # type: ignore[no-untyped-def]
    profile = check_path(str(LIVE / "good" / "ws_start_event.yaml"))
    result = render(profile, envelope="update")
    assert result.payload is not None and set(result.payload["session"]) == {"delegation"}
    assert any("left out" in n and "model" in n for n in result.notes)


def test_render_keeps_nulls_and_invents_nothing() -> None:
    profile = check_path(str(LIVE / "good" / "bare_startup.yaml"))
    session = render(profile, envelope="session").payload
    assert session is not None
    assert session["instructions"] is None and session["delegation"] is None
    assert "audio" not in session  # not set, not invented


def test_a_create_render_needs_the_sdp(run, tmp_path: Path) -> None:
    sdp = tmp_path / "offer.sdp"
    sdp.write_bytes(b"v=0\r\no=- 7 2 IN IP4 127.0.0.1\r\n")
    path = str(LIVE / "good" / "ws_start_event.yaml")
    without = run("render", path, "--as", "create")
    assert without.exit_code == 1 and "SDP offer" in without.stderr
    done = run("render", path, "--as", "create", "--sdp", str(sdp))
    assert done.exit_code == 0
    body = json.loads(done.stdout)
    assert body["transport"]["sdp"].endswith("\r\n")  # unmodified, final CRLF kept
    assert "format" not in body["session"]["audio"] and "audio.format left out" in done.stderr


def test_the_default_render_is_the_request_of_the_transport(run) -> None:
    sip = json.loads(run("render", str(LIVE / "good" / "sip_accept.yaml")).stdout)
    assert sip["session"]["type"] == "live"
    start = json.loads(run("render", str(LIVE / "good" / "envelope_websocket.yaml")).stdout)
    assert start["type"] == "session.start"


def _migratable() -> list[Path]:
    out = []
    for path in shipped_profiles():
        profile = check_path(str(path))
        text = path.read_text()
        composed = profile.view.composed is not None or "extends" in text or "!include" in text
        if profile.dialect != "live" and profile.kind != "transcription" and not composed:
            out.append(path)
    return out


@pytest.mark.parametrize("path", _migratable(), ids=lambda p: p.name)
def test_every_shipped_realtime_profile_migrates_to_a_valid_live_one(path: Path) -> None:
    profile = check_path(str(path))
    done = to_live(profile, path.read_text())
    assert done.changed and done.result is not None and done.result.valid
    migrated = yaml.safe_load(done.text)
    shape = detect.split(migrated)
    assert shape.dialect == "live"
    assert oracle.live_session_errors(shape.session, "websocket") == []
    # the voice does not change: the Realtime default is written out
    voice = shape.session["audio"]["output"]["voice"]
    ga_voice = (profile.session or {}).get("audio", {}).get("output", {}).get("voice") or (
        (profile.session or {}).get("voice")
    )
    assert voice == (ga_voice or "alloy")


def test_migrate_to_live_through_the_cli(run, tmp_path: Path) -> None:
    source = REPO / "profiles" / "phone-agent-twilio.yaml"
    out = tmp_path / "live.yaml"
    result = run("migrate", str(source), "--to", "live", "-o", str(out), "--backend-model", "gpt-5.4-mini")
    assert result.exit_code == 0, result.stderr
    assert "turn_detection" in result.stderr and "instructions moved to the backend" in result.stderr
    migrated = yaml.safe_load(out.read_text())
    assert migrated["api"] == "live"
    session = migrated["session"]
    assert session["model"] == "gpt-live-1.1"
    assert session["audio"]["format"] == {"type": "audio/pcmu", "rate": 8000}
    assert session["delegation"]["responses"]["model"] == "gpt-5.4-mini"
    assert run("validate", str(out)).exit_code == 0
    refused = run("migrate", str(REPO / "profiles" / "transcription-only.yaml"), "--to", "live")
    assert refused.exit_code == 1 and "no Live equivalent" in refused.stderr and refused.stdout == ""
    sip = run("migrate", str(source), "--to", "live", "--transport", "sip")
    sip_doc = yaml.safe_load(sip.stdout)
    assert (
        sip_doc["kind"] == "sip"
        and sip_doc["session"]["type"] == "live"
        and "format" not in sip_doc["session"].get("audio", {})
    )


def test_token_limits_are_estimated(tmp_path: Path) -> None:
    # generated, not committed: 70 KB of instructions and a 40 KB history
    long_text = "word " * 14_000
    p = tmp_path / "long.yaml"
    p.write_text(yaml.safe_dump({"api": "live", "session": {"model": "gpt-live-1.1", "instructions": long_text}}))
    found = {d.code: d for d in check_path(str(p)).diagnostics}
    assert "RT407" in found and "about 17,500 tokens (estimated)" in found["RT407"].message
    history = [{"role": "user", "content": [{"text": "chat " * 1000}]} for _ in range(8)]
    p.write_text(yaml.safe_dump({"api": "live", "session": {"model": "gpt-live-1.1", "input": history}}))
    assert {d.code for d in check_path(str(p)).diagnostics} == {"RT408"}
    p.write_text(yaml.safe_dump({"api": "live", "session": {"model": "gpt-live-1.1", "input": history[:6]}}))
    assert check_path(str(p)).diagnostics == ()


def test_live_and_realtime_profiles_cannot_be_diffed(run) -> None:
    result = run("diff", str(LIVE / "good" / "ws_start_event.yaml"), str(REPO / "profiles" / "sip-agent.yaml"))
    assert result.exit_code == 2 and "different APIs" in result.stderr


def test_diff_marks_immutable_live_changes(run, tmp_path: Path) -> None:
    old = LIVE / "good" / "ws_start_event.yaml"
    new = tmp_path / "new.yaml"
    new.write_text(
        old.read_text()
        .replace("voice: cedar", "voice: marin")
        .replace("max_output_tokens: 512", "max_output_tokens: 256")
        .replace("name: lookup_order", "name: find_order")
    )
    result = run("diff", str(old), str(new), "--format", "json")
    changes = {c["path"]: c["impact"] for c in json.loads(result.stdout)["changes"]}
    assert changes["audio.output.voice"] == "new-session"
    assert changes["delegation.responses.max_output_tokens"] == "behaviour"
    # backend tools are matched by name: a renamed tool is one removed, one added
    assert changes["delegation.responses.tools[lookup_order]"] == "behaviour"
    assert changes["delegation.responses.tools[find_order]"] == "behaviour"


def test_show_lists_live_defaults(run) -> None:
    out = run("show", str(LIVE / "good" / "bare_startup.yaml"), "--format", "json")
    assert out.exit_code == 0
    text = run("show", str(LIVE / "good" / "bare_startup.yaml")).stdout
    assert "audio.output.voice" in text and '"marin"' in text and "default" in text


def test_the_live_schema_accepts_good_and_refuses_realtime_keys() -> None:
    import jsonschema

    from rtcfg.transform.json_schema import profile_schema

    schema = profile_schema("live")
    jsonschema.Draft202012Validator.check_schema(schema)
    validator = jsonschema.Draft202012Validator(schema)
    for path in GOOD:
        assert not list(validator.iter_errors(load(path))), path.name
    assert list(validator.iter_errors(load(LIVE / "bad" / "realtime_keys.yaml")))


def test_explain_reads_live_errors(run) -> None:
    update = LIVE / "bad" / "update_immutable.yaml"
    out = run("explain", "Unknown parameter: 'session.instructions'.", str(update), "--format", "json")
    doc = json.loads(out.stdout)
    assert [r["code"] for r in doc["rules"]] == ["RT401"]
    assert doc["profile"]["places"][0]["line"] == 4
    realtime = run("explain", "Unknown parameter: 'session.voice'.", str(LIVE / "bad" / "realtime_keys.yaml"))
    assert "RT400" in realtime.stdout and "audio.output.voice" in realtime.stdout
    forbidden = '{"error": {"code": "forbidden", "message": "x", "param": "session.audio.output.voice"}}'
    refused = run("explain", forbidden, str(REPO / "tests" / "fixtures" / "rules" / "RT404.trip.yaml"), "-f", "json")
    assert [r["code"] for r in json.loads(refused.stdout)["rules"]] == ["RT404"]
    # without a Live profile the same text reads as a Realtime error
    plain = json.loads(run("explain", "Unknown parameter: 'session.instructions'.", "-f", "json").stdout)
    assert [r["code"] for r in plain["rules"]] == ["RT100"]


def test_validate_api_live_declares_a_document(run, tmp_path: Path) -> None:
    update = tmp_path / "update.yaml"
    update.write_text("type: session.update\nsession: {}\n")
    declared = run("validate", str(update), "--api", "live", "--format", "concise")
    assert "RT421" in declared.stdout  # an empty Live update, not a GA one


def test_the_capability_table_knows_the_sdks_live_models_and_voices() -> None:
    import typing

    from openai.types.live.built_in_voice import BuiltInVoice
    from openai.types.live.session_config_param import SessionConfigParam

    from rtcfg.dialects import capabilities

    model = typing.get_type_hints(SessionConfigParam, include_extras=True)["model"]
    literals = {v for arg in typing.get_args(oracle._strip(model)) for v in typing.get_args(arg) if isinstance(v, str)}
    assert literals == set(capabilities.LIVE_MODELS)
    assert set(typing.get_args(BuiltInVoice)) == set(capabilities.LIVE_VOICES)
    assert not set(capabilities.LIVE_DOC_ONLY_VOICES) & set(capabilities.LIVE_VOICES)


def test_a_live_event_may_say_event_id_null(tmp_path: Path) -> None:
    path = tmp_path / "start.yaml"
    path.write_text("type: session.start\nevent_id: null\nsession: {model: gpt-live-1.1}\n")
    assert check_path(str(path)).diagnostics == ()
    path.write_text("type: session.start\nevent_id: 7\nsession: {model: gpt-live-1.1}\n")
    assert [d.code for d in check_path(str(path)).diagnostics] == ["RT105"]


def test_the_hosted_tools_are_one_list() -> None:
    import typing

    from rtcfg.check.typewalk import union_types
    from rtcfg.dialects import live as facts
    from rtcfg.dialects.live import models

    literal = typing.get_args(typing.get_type_hints(models.HostedTool)["type"])
    assert set(literal) == set(facts.TYPE_ONLY_TOOLS)
    tags = set(union_types(models.BackendTool))
    assert tags == {"function", "mcp", "shell", *facts.TYPE_ONLY_TOOLS}
    choice = typing.get_args(typing.get_type_hints(models.ChoiceHosted)["type"])
    assert set(union_types(models.ToolChoiceObject)) == {"function", "mcp", "custom", *choice}


def test_the_literals_the_types_spell_are_the_facts() -> None:
    import typing

    from rtcfg.dialects import live as facts
    from rtcfg.dialects.live import models

    assert typing.get_args(typing.get_type_hints(models.AudioPCM)["rate"]) == facts.PCM_RATES
    assert typing.get_args(typing.get_type_hints(models.Trigger)["event_type"]) == facts.TRIGGER_EVENT_TYPES
