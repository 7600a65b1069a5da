"""`rtcfg migrate`: beta profiles become GA profiles of the same shape, as readable YAML;
GA profiles are left exactly as they are."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
import yaml
from conftest import FIXTURES, REPO, good_fixtures

from rtcfg.check.pipeline import check_path, check_text
from rtcfg.transform.render import render

LEGACY = REPO / "profiles" / "legacy-beta.yaml"
BETA_FIXTURES = [
    p
    for p in good_fixtures() + sorted((FIXTURES / "convert").glob("*.beta.yaml"))
    if check_path(str(p)).dialect == "beta"
]


@pytest.mark.parametrize("path", BETA_FIXTURES, ids=lambda p: p.name)
def test_migrated_profile_is_valid_ga_and_renders_as_the_conversion(run, path: Path) -> None:
    result = run("migrate", str(path))
    assert result.exit_code == 0, result.stderr
    migrated = check_text("migrated.yaml", result.stdout)
    assert migrated.valid and migrated.dialect == "ga"
    # The GA profile says what `render --api ga` says of the beta one.
    original = render(check_path(str(path)), envelope="session", api="ga").payload
    assert render(migrated, envelope="session").payload == original


def test_envelope_keys_are_kept_and_api_kind_rewritten(run, tmp_path: Path) -> None:
    path = tmp_path / "trx.yaml"
    path.write_text(
        "description: Dictation\napi: beta\nkind: transcription\nignore: [RT231]\n"
        "session:\n  input_audio_format: g711_ulaw\n  input_audio_transcription: {model: whisper-1}\n"
    )
    result = run("migrate", str(path))
    doc = yaml.safe_load(result.stdout)
    assert list(doc) == ["description", "api", "ignore", "session"]
    assert doc["description"] == "Dictation" and doc["api"] == "ga" and doc["ignore"] == ["RT231"]
    assert doc["session"] == {
        "type": "transcription",
        "audio": {"input": {"format": {"type": "audio/pcmu"}, "transcription": {"model": "whisper-1"}}},
    }
    assert "dropped kind" in result.stderr and "api: beta became api: ga" in result.stderr


def test_output_keeps_the_original_styles(run, tmp_path: Path) -> None:
    path = tmp_path / "p.yaml"
    path.write_text(
        "api: beta\nsession:\n  modalities: [audio, text]\n  instructions: |\n    Line one.\n"
        "    Line two.\n  voice: 'on'\n  tools: [{type: function, name: f}]\n"
    )
    result = run("migrate", str(path))
    assert result.exit_code == 0
    # the original's styles are kept: a flow list stays flow, a literal block stays a block
    assert "  tools: [{type: function, name: f}]\n" in result.stdout
    assert "  instructions: |\n    Line one.\n    Line two.\n" in result.stdout
    assert "voice: 'on'" in result.stdout  # still a quoted string, not YAML 1.1's true
    assert "  output_modalities: [audio]\n" in result.stdout


def test_every_change_is_listed_on_stderr_with_lossy_ones_as_warnings(run) -> None:
    result = run("migrate", str(LEGACY))
    lines = result.stderr.splitlines()
    assert "  voice moved to audio.output.voice" in lines
    assert "warning: dropped temperature 0.8: GA has no temperature" in lines
    # comments are kept now (only the one on the removed temperature goes with it)
    assert not any(line.startswith("note:") and "comments" in line for line in lines)
    original_comments = [line for line in LEGACY.read_text().splitlines() if line.startswith("#")]
    assert all(c in result.stdout.splitlines() for c in original_comments)
    assert "GA has no temperature" not in result.stdout


def test_a_captured_beta_event_becomes_a_ga_event(run) -> None:
    result = run("migrate", str(FIXTURES / "good" / "beta_transcription_event.yaml"))
    doc = yaml.safe_load(result.stdout)
    assert list(doc) == ["type", "event_id", "session"]
    assert doc["type"] == "session.update" and doc["event_id"] == "evt_9"
    assert doc["session"]["type"] == "transcription"


def test_a_bare_beta_session_stays_bare(run) -> None:
    doc = yaml.safe_load(run("migrate", str(FIXTURES / "good" / "beta_captured_session.yaml")).stdout)
    assert doc["type"] == "realtime" and "id" not in doc and "session" not in doc


@pytest.mark.parametrize(
    "path", [REPO / "profiles" / "phone-agent-twilio.yaml", FIXTURES / "good" / "ga_event.json"], ids=lambda p: p.name
)
def test_a_ga_profile_changes_nothing(run, path: Path) -> None:
    result = run("migrate", str(path))
    assert result.exit_code == 0 and result.stdout == path.read_text()
    assert "already a GA profile" in result.stderr


def test_in_place_on_a_ga_profile_does_not_touch_the_file(run, tmp_path: Path) -> None:
    path = tmp_path / "ga.yaml"
    path.write_text((REPO / "profiles" / "browser-assistant.yaml").read_text())
    os.utime(path, (1_000_000, 1_000_000))
    assert run("migrate", str(path), "--in-place").exit_code == 0
    assert path.stat().st_mtime == 1_000_000


def test_in_place_rewrites_a_beta_profile(run, tmp_path: Path) -> None:
    path = tmp_path / "legacy.yaml"
    path.write_text(LEGACY.read_text())
    result = run("migrate", str(path), "--in-place")
    assert result.exit_code == 0 and result.stdout == ""
    assert check_path(str(path)).dialect == "ga"
    assert [p.name for p in tmp_path.iterdir()] == ["legacy.yaml"]


def test_output_file(run, tmp_path: Path) -> None:
    out = tmp_path / "ga.yaml"
    result = run("migrate", str(LEGACY), "-o", str(out))
    assert result.exit_code == 0 and result.stdout == "" and check_path(str(out)).valid


def test_json_beta_profile_migrates_to_yaml(run, tmp_path: Path) -> None:
    path = tmp_path / "b.json"
    path.write_text(json.dumps({"api": "beta", "session": {"modalities": ["text"], "voice": "ash"}}))
    result = run("migrate", str(path))
    assert result.exit_code == 0 and yaml.safe_load(result.stdout)["session"]["type"] == "realtime"


@pytest.mark.parametrize(
    ("args", "code"),
    [
        (["--in-place", "-o", "x.yaml"], 2),
        (["/no/such/file.yaml"], 2),
    ],
)
def test_usage_errors(run, args: list[str], code: int) -> None:
    target = [] if args[0].startswith("/") else [str(LEGACY)]
    result = run("migrate", *target, *args)
    assert result.exit_code == code and "Traceback" not in result.output


def test_an_invalid_profile_is_not_migrated(run, tmp_path: Path) -> None:
    path = tmp_path / "bad.yaml"
    path.write_text("api: beta\nsession:\n  modalities: [audio]\n")
    original = path.read_text()
    result = run("migrate", str(path), "--in-place")
    assert result.exit_code == 1 and "error[RT107]" in result.stderr
    assert path.read_text() == original


def test_in_place_from_stdin_is_refused(run) -> None:
    result = run("migrate", "-", "--in-place", input="api: beta\nsession: {modalities: [text]}\n")
    assert result.exit_code == 2
