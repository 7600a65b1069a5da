"""`rtcfg diff` and `rtcfg show`: the laws of a diff, impact classes, masking, git revisions,
and golden output for realistic pairs."""

from __future__ import annotations

import json
import random
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
import yaml
from conftest import FIXTURES, REPO, good_fixtures, shipped_profiles

from rtcfg.check.pipeline import check_path
from rtcfg.transform.diff import ADDED, BEHAVIOUR, CHANGED, NEW_SESSION, REMOVED, compare, effective

DIFF = FIXTURES / "diff"
VALID = list(good_fixtures() + shipped_profiles() + sorted(DIFF.glob("*.yaml")))


def session_of(path: Path) -> dict[str, Any]:
    profile = check_path(str(path))
    assert profile.valid, profile.diagnostics
    return effective(profile).session


def changes_between(a: dict[str, Any], b: dict[str, Any]) -> list[tuple[str, str, Any, Any, str]]:
    return [(c.op, c.dotted, c.old, c.new, c.impact) for c in compare(a, b)]


# -- laws ----------------------------------------------------------------------------------


@pytest.mark.parametrize("path", VALID, ids=lambda p: p.name)
def test_a_profile_equals_itself(path: Path) -> None:
    assert compare(session_of(path), session_of(path)) == []


_MIRROR = {ADDED: REMOVED, REMOVED: ADDED, CHANGED: CHANGED}


@pytest.mark.parametrize(("a", "b"), [(VALID[i], VALID[i + 1]) for i in range(len(VALID) - 1)], ids=lambda p: p.name)
def test_diff_b_a_mirrors_diff_a_b(a: Path, b: Path) -> None:
    forward = {(c.dotted, c.op, json.dumps(c.old), json.dumps(c.new)) for c in compare(session_of(a), session_of(b))}
    backward = {
        (c.dotted, _MIRROR[c.op], json.dumps(c.new), json.dumps(c.old)) for c in compare(session_of(b), session_of(a))
    }
    assert forward == backward


def _shuffled(value: Any, rng: random.Random, at: tuple[Any, ...] = ()) -> Any:
    if isinstance(value, dict):
        items = list(value.items())
        rng.shuffle(items)
        return {k: _shuffled(v, rng, (*at, k)) for k, v in items}
    if isinstance(value, list) and at == ("tools",):
        items = [_shuffled(v, rng, (*at, i)) for i, v in enumerate(value)]
        rng.shuffle(items)
        return items
    return value


@pytest.mark.parametrize("path", VALID, ids=lambda p: p.name)
def test_reordering_keys_and_tools_changes_nothing(path: Path, tmp_path: Path) -> None:
    session = session_of(path)
    for seed in range(3):
        shuffled = _shuffled(session, random.Random(seed))
        again = tmp_path / f"shuffled{seed}.json"
        again.write_text(json.dumps(shuffled))
        assert compare(session, session_of(again)) == []


def test_other_lists_compare_as_values() -> None:
    a = {"type": "realtime", "include": ["item.input_audio_transcription.logprobs"], "output_modalities": ["audio"]}
    b = {**a, "output_modalities": ["text"]}
    assert changes_between(a, b) == [(CHANGED, "output_modalities", ["audio"], ["text"], BEHAVIOUR)]


def test_types_are_compared_strictly_but_numbers_by_value() -> None:
    assert compare({"x": 1}, {"x": 1.0}) == []
    assert [c.op for c in compare({"x": True}, {"x": 1})] == [CHANGED]
    assert [c.op for c in compare({"x": None}, {})] == [REMOVED]  # null is a value, not absence


@pytest.mark.parametrize(
    "path",
    [p for p in good_fixtures() + shipped_profiles() if check_path(str(p)).dialect == "beta"],
    ids=lambda p: p.name,
)
def test_a_beta_profile_equals_its_migration(run, path: Path, tmp_path: Path) -> None:
    migrated = tmp_path / "migrated.yaml"
    assert run("migrate", str(path), "-o", str(migrated)).exit_code == 0
    result = run("diff", str(path), str(migrated))
    assert result.exit_code == 0, result.stdout
    assert "set the same session" in result.stdout


# -- impact ------------------------------------------------------------------------------------


def _with(base: dict[str, Any], **changes: Any) -> dict[str, Any]:
    return {**base, **changes}


BASE = {
    "type": "realtime",
    "model": "gpt-realtime-2.1",
    "instructions": "hi",
    "audio": {"output": {"voice": "marin", "speed": 1.0}},
}


@pytest.mark.parametrize(
    ("new", "path", "impact"),
    [
        (_with(BASE, type="transcription"), "type", NEW_SESSION),
        (_with(BASE, model="gpt-realtime-2"), "model", NEW_SESSION),
        (_with(BASE, audio={"output": {"voice": "cedar", "speed": 1.0}}), "audio.output.voice", NEW_SESSION),
        (_with(BASE, audio={"output": {"voice": "marin", "speed": 1.2}}), "audio.output.speed", BEHAVIOUR),
        (_with(BASE, instructions="hello"), "instructions", BEHAVIOUR),
        (_with(BASE, tracing="auto"), "tracing", BEHAVIOUR),  # enabling tracing is an update
    ],
)
def test_each_change_has_its_impact(new: dict[str, Any], path: str, impact: str) -> None:
    found = [c for c in compare(BASE, new) if c.dotted == path]
    assert [c.impact for c in found] == [impact]
    if impact == NEW_SESSION:
        assert found[0].why


def test_tracing_once_enabled_needs_a_new_session() -> None:
    a = _with(BASE, tracing={"workflow_name": "w"})
    b = _with(BASE, tracing={"workflow_name": "w2"})
    assert [(c.dotted, c.impact) for c in compare(a, b)] == [("tracing.workflow_name", NEW_SESSION)]
    assert [c.impact for c in compare(a, _with(BASE, tracing=None))] == [NEW_SESSION]


def test_tools_are_matched_by_name_and_server_label() -> None:
    a = {
        "type": "realtime",
        "tools": [
            {"type": "function", "name": "lookup", "description": "old"},
            {"type": "mcp", "server_label": "crm", "server_url": "https://a"},
        ],
    }
    b = {
        "type": "realtime",
        "tools": [
            {"type": "mcp", "server_label": "crm", "server_url": "https://b"},
            {"type": "function", "name": "lookup", "description": "new"},
            {"type": "function", "name": "hang_up"},
        ],
    }
    assert [(c.op, c.dotted) for c in compare(a, b)] == [
        (CHANGED, "tools[lookup].description"),
        (CHANGED, "tools[crm].server_url"),
        (ADDED, "tools[hang_up]"),
    ]


# -- the command ---------------------------------------------------------------------------------


@pytest.fixture
def in_diff_dir(monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(DIFF)
    return DIFF


@pytest.mark.parametrize(
    ("a", "b", "golden"),
    [
        ("phone-v1.yaml", "phone-v2.yaml", "phone.diff.txt"),
        ("browser-v1.yaml", "browser-v2.yaml", "browser.diff.txt"),
    ],
)
def test_golden_text_output(run, in_diff_dir: Path, a: str, b: str, golden: str) -> None:
    result = run("diff", a, b)
    assert result.exit_code == 1
    assert result.stdout == (in_diff_dir / golden).read_text()


def test_golden_json_output(run, in_diff_dir: Path) -> None:
    result = run("diff", "phone-v1.yaml", "phone-v2.yaml", "--format", "json")
    assert result.exit_code == 1
    assert json.loads(result.stdout) == json.loads((in_diff_dir / "phone.diff.json").read_text())


def test_json_shape(run, in_diff_dir: Path) -> None:
    doc = json.loads(run("diff", "phone-v1.yaml", "phone-v2.yaml", "-f", "json").stdout)
    assert set(doc) == {"equal", "changes"} and doc["equal"] is False
    for change in doc["changes"]:
        assert set(change) == {"op", "path", "old", "new", "impact"}
        assert change["op"] in ("added", "removed", "changed") and change["impact"] in ("new-session", "behaviour")
    same = json.loads(run("diff", "phone-v1.yaml", "phone-v1.yaml", "-f", "json").stdout)
    assert same == {"equal": True, "changes": []}


def test_secrets_are_masked_everywhere(run, in_diff_dir: Path) -> None:
    text = run("diff", "phone-v1.yaml", "phone-v2.yaml").stdout
    data = run("diff", "phone-v1.yaml", "phone-v2.yaml", "-f", "json").stdout
    shown = run("show", "phone-v1.yaml").stdout + run("show", "phone-v1.yaml", "-f", "json").stdout
    for output in (text, data, shown):
        assert "ya29" not in output and "literal-token" not in output
    assert "tools[crm].authorization" in text


def test_invalid_side_exits_2_with_its_diagnostics(run, tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("session:\n  type: realtime\n  voice: alloy\n")
    result = run("diff", str(bad), str(DIFF / "phone-v1.yaml"))
    assert result.exit_code == 2 and result.stdout == ""
    assert "error[RT101]" in result.stderr and "not valid" in result.stderr


def test_missing_side_exits_2(run) -> None:
    result = run("diff", "/no/such.yaml", str(DIFF / "phone-v1.yaml"))
    assert result.exit_code == 2 and "no such file" in result.stderr


def test_stdin_is_one_side(run) -> None:
    text = (DIFF / "phone-v1.yaml").read_text()
    assert run("diff", "-", str(DIFF / "phone-v1.yaml"), input=text).exit_code == 0
    assert run("diff", "-", "-", input=text).exit_code == 2


# -- git revisions ---------------------------------------------------------------------------------


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    env = {
        "GIT_AUTHOR_NAME": "t",
        "GIT_AUTHOR_EMAIL": "t@example.com",
        "GIT_COMMITTER_NAME": "t",
        "GIT_COMMITTER_EMAIL": "t@example.com",
        "GIT_CONFIG_GLOBAL": "/dev/null",
        "GIT_CONFIG_NOSYSTEM": "1",
    }
    for key, value in env.items():
        monkeypatch.setenv(key, value)

    def git(*args: str) -> None:
        subprocess.run(["git", *args], cwd=tmp_path, check=True, capture_output=True)

    git("init", "-q", "-b", "main")
    (tmp_path / "profiles").mkdir()
    shutil.copy(DIFF / "phone-v1.yaml", tmp_path / "profiles" / "agent.yaml")
    git("add", ".")
    git("commit", "-q", "-m", "v1")
    shutil.copy(DIFF / "phone-v2.yaml", tmp_path / "profiles" / "agent.yaml")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_a_git_revision_is_one_side(run, repo: Path) -> None:
    result = run("diff", "main:profiles/agent.yaml", "profiles/agent.yaml", "-f", "json")
    assert result.exit_code == 1
    paths = [c["path"] for c in json.loads(result.stdout)["changes"]]
    assert "audio.output.voice" in paths
    assert run("diff", "HEAD:profiles/agent.yaml", "main:profiles/agent.yaml").exit_code == 0


def test_revision_paths_are_relative_to_the_current_directory(run, repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(repo / "profiles")
    assert run("diff", "HEAD:agent.yaml", str(DIFF / "phone-v1.yaml")).exit_code == 0


@pytest.mark.parametrize(
    ("spec", "message"),
    [
        ("nosuchbranch:profiles/agent.yaml", "nosuchbranch"),
        ("main:profiles/missing.yaml", "missing.yaml"),
    ],
)
def test_a_bad_revision_or_path_is_a_clear_error(run, repo: Path, spec: str, message: str) -> None:
    result = run("diff", spec, "profiles/agent.yaml")
    assert result.exit_code == 2 and message in result.stderr
    assert "Traceback" not in result.output and result.stderr.count("\n") == 1


# -- show ----------------------------------------------------------------------------------------


def test_show_lists_each_setting_with_its_line_and_the_defaults(run) -> None:
    result = run("show", str(REPO / "profiles" / "phone-agent-twilio.yaml"))
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    voice = next(line for line in lines if line.startswith("audio.output.voice "))
    assert '"cedar"' in voice and voice.rstrip().endswith("26")
    speed = next(line for line in lines if line.startswith("audio.output.speed "))
    assert "1.0" in speed and speed.rstrip().endswith("default")
    assert any(line.startswith("tools[book_visit].description") for line in lines)


def test_show_json_is_the_effective_session(run) -> None:
    path = REPO / "profiles" / "browser-assistant.yaml"
    result = run("show", str(path), "--format", "json")
    assert json.loads(result.stdout) == yaml.safe_load(path.read_text())["session"]


def test_show_of_an_invalid_profile_exits_1(run, tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("type: realtime\nspeed: 2\n")
    result = run("show", str(bad))
    assert result.exit_code == 1 and result.stdout == "" and "error[" in result.stderr


def test_show_beta_defaults_are_the_beta_ones(run) -> None:
    result = run("show", str(FIXTURES / "good" / "beta_seed004_rust_session.yaml"))
    assert any(
        line.startswith("temperature") and "0.8" in line and "default" in line for line in result.stdout.splitlines()
    )
