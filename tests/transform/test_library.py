"""The shipped profiles, `rtcfg profiles`, `rtcfg init`, and `rtcfg schema` checked with the
`jsonschema` library against every shipped profile and fixture."""

from __future__ import annotations

import json
import sys
import zipfile
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml
from conftest import REPO, bad_fixtures, good_fixtures, shipped_profiles

from rtcfg.check.pipeline import check_path
from rtcfg.load.yamlio import Include, LoadError, parse
from rtcfg.transform.json_schema import profile_schema

# What the issue asks the library to cover, by profile: a fact each one must show.
REQUIRED = {
    "browser-assistant": lambda s: s["audio"]["input"]["format"]["type"] == "audio/pcm",
    "phone-agent-twilio": lambda s: (
        (s["audio"]["input"]["format"], s["audio"]["output"]["format"])
        == ({"type": "audio/pcmu"}, {"type": "audio/pcmu"})
        and s["audio"]["input"]["turn_detection"]["idle_timeout_ms"]
    ),
    "sip-agent": lambda s: s["audio"]["output"]["format"]["type"] == "audio/pcma",
    "language-tutor": lambda s: s["audio"]["input"]["turn_detection"]["type"] == "semantic_vad",
    "push-to-talk": lambda s: s["audio"]["input"]["turn_detection"] is None,
    "support-agent": lambda s: (
        all(t["type"] == "function" and t["parameters"]["type"] == "object" for t in s["tools"])
        and len(s["tools"]) >= 2
    ),
    "mcp-agent": lambda s: s["tools"][0]["type"] == "mcp" and "server_url" in s["tools"][0],
    "reasoning-agent": lambda s: s["model"] == "gpt-realtime-2" and "reasoning" in s and s["parallel_tool_calls"],
    "transcription-only": lambda s: s["type"] == "transcription",
    "team/prod": lambda s: s["model"] == "gpt-realtime-2.1",
    "team/dev": lambda s: s["model"] == "gpt-realtime-2.1-mini",
    "legacy-beta": lambda s: "modalities" in s,
}


def test_the_library_covers_what_teams_start_from() -> None:
    names = {p.relative_to(REPO / "profiles").with_suffix("").as_posix(): p for p in shipped_profiles()}
    assert len(names) >= 10
    for name, fact in REQUIRED.items():
        profile = check_path(str(names[name]))
        assert profile.valid and profile.session is not None, name
        assert fact(profile.session), name


def test_the_mcp_token_comes_from_the_environment() -> None:
    text = (REPO / "profiles" / "mcp-agent.yaml").read_text()
    assert "authorization: ${DOCS_MCP_TOKEN" in text


def test_overlays_use_extends_and_include() -> None:
    assert "extends: base.yaml" in (REPO / "profiles" / "team" / "prod.yaml").read_text()
    assert "!include prompts/agent.md" in (REPO / "profiles" / "team" / "base.yaml").read_text()


def test_profiles_lists_every_shipped_profile(run) -> None:
    result = run("profiles", "--format", "json")
    listed = {e["name"]: e for e in json.loads(result.stdout)}
    assert set(REQUIRED) <= set(listed)
    assert listed["sip-agent"]["description"].startswith("SIP agent")
    assert listed["transcription-only"]["kind"] == "transcription" and listed["legacy-beta"]["api"] == "beta"
    text = run("profiles").stdout
    assert "phone-agent-twilio" in text and "Twilio phone agent" in text


def test_every_profiles_folder_is_a_listed_package() -> None:
    if sys.version_info >= (3, 11):
        import tomllib
    else:
        import tomli as tomllib

    listed = set(tomllib.loads((REPO / "pyproject.toml").read_text())["tool"]["setuptools"]["packages"])
    for folder in [REPO / "profiles", *(p for p in (REPO / "profiles").rglob("*") if p.is_dir())]:
        if folder.name == "__pycache__":
            continue
        name = ".".join(["rtcfg", *folder.relative_to(REPO).parts])
        assert name in listed, f"add {name} to [tool.setuptools] packages"
    # and every package of the code itself
    for init in (REPO / "rtcfg").rglob("__init__.py"):
        name = ".".join(init.parent.relative_to(REPO).parts)
        assert name in listed, f"add {name} to [tool.setuptools] packages"


def test_the_wheel_ships_the_profiles(tmp_path: Path) -> None:
    import warnings

    build = pytest.importorskip("setuptools.build_meta")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # setuptools' own notices about its configuration
        name = build.build_wheel(str(tmp_path))
    files = zipfile.ZipFile(tmp_path / name).namelist()
    for profile in shipped_profiles():
        assert f"rtcfg/profiles/{profile.relative_to(REPO / 'profiles').as_posix()}" in files
    assert "rtcfg/profiles/team/prompts/agent.md" in files


# -- init --------------------------------------------------------------------------------------


def test_init_copies_a_profile_with_its_comments(run, chdir_tmp: Path) -> None:
    result = run("init", "agent", "--from", "phone-agent-twilio")
    assert result.exit_code == 0
    written = chdir_tmp / "agent.yaml"
    assert written.read_text() == (REPO / "profiles" / "phone-agent-twilio.yaml").read_text()
    assert check_path("agent.yaml").valid
    assert "rtcfg validate agent.yaml" in result.stderr


def test_init_copies_what_an_overlay_needs(run, chdir_tmp: Path) -> None:
    assert run("init", "--from", "team/prod", "-o", "bot/prod.yaml").exit_code == 0
    assert (chdir_tmp / "bot" / "base.yaml").exists() and (chdir_tmp / "bot" / "prompts" / "agent.md").exists()
    assert check_path("bot/prod.yaml").valid


def test_init_refuses_to_overwrite_without_force(run, chdir_tmp: Path) -> None:
    (chdir_tmp / "profile.yaml").write_text("mine\n")
    result = run("init", "profile")
    assert result.exit_code == 2 and "--force" in result.stderr
    assert (chdir_tmp / "profile.yaml").read_text() == "mine\n"
    assert run("init", "profile", "--force").exit_code == 0
    assert check_path("profile.yaml").valid


def test_init_defaults_and_stdout(run, chdir_tmp: Path) -> None:
    assert run("init").exit_code == 0 and (chdir_tmp / "browser-assistant.yaml").exists()
    result = run("init", "--from", "sip-agent", "-o", "-")
    assert result.stdout == (REPO / "profiles" / "sip-agent.yaml").read_text()


def test_init_from_an_unknown_profile_lists_the_shipped_ones(run, chdir_tmp: Path) -> None:
    result = run("init", "--from", "nope")
    assert result.exit_code == 2 and "sip-agent" in result.stderr


# -- schema ------------------------------------------------------------------------------------------


def raw(path: Path) -> Any:
    """A profile as an editor sees it: plain YAML, `!include` a string."""
    data = parse(str(path), path.read_text(), is_json=path.suffix == ".json").data

    def plain(value: Any) -> Any:
        if isinstance(value, Include):
            return value.path
        if isinstance(value, dict):
            return {k: plain(v) for k, v in value.items()}
        if isinstance(value, list):
            return [plain(v) for v in value]
        return value

    return plain(data)


VALIDATORS = {api: jsonschema.Draft202012Validator(profile_schema(api)) for api in ("ga", "beta", "live")}


@pytest.mark.parametrize("api", ["ga", "beta", "live"])
def test_the_schema_is_a_valid_json_schema(api: str) -> None:
    jsonschema.Draft202012Validator.check_schema(VALIDATORS[api].schema)


@pytest.mark.parametrize("path", shipped_profiles() + good_fixtures(), ids=lambda p: p.name)
def test_every_good_profile_passes_the_schema(path: Path) -> None:
    profile = check_path(str(path))
    errors = [e.message for e in VALIDATORS[profile.dialect or "ga"].iter_errors(raw(path))]
    assert errors == []


# Faults a schema over parsed values cannot see: the parser already merged or converted them.
NOT_EXPRESSIBLE = {
    "l_duplicate_key.json": "the parser keeps one of two duplicate keys",
    "l_duplicate_key.yaml": "the parser keeps one of two duplicate keys",
    "l_non_string_key.yaml": "YAML 1.1 turns the key into a boolean before any schema sees it",
}


def _documents() -> list[Path]:
    out = []
    for path in bad_fixtures():
        try:
            raw(path)
        except LoadError:
            continue  # not a YAML/JSON document: an editor reports the syntax itself
        out.append(path)
    return out


def test_only_unparsable_fixtures_are_left_out_of_the_schema_check() -> None:
    left_out = {p.name for p in bad_fixtures()} - {p.name for p in _documents()}
    assert left_out == {
        "l_python_tag.yaml",
        "l_syntax.json",
        "l_syntax.yaml",
        "l_tab_indent.yaml",
        "l_two_documents.yaml",
    }


@pytest.mark.parametrize("path", _documents(), ids=lambda p: p.name)
def test_bad_fixtures_fail_the_schema_where_a_schema_can_say_it(path: Path) -> None:
    data = raw(path)
    profile = check_path(str(path))
    errors = list(VALIDATORS[profile.dialect or "ga"].iter_errors(data))
    if path.name in NOT_EXPRESSIBLE:
        assert errors == [], "the schema learned to see it: remove it from NOT_EXPRESSIBLE"
    else:
        assert errors, f"{path.name} passes the schema"


def test_schema_command_and_descriptions(run) -> None:
    result = run("schema")
    assert result.exit_code == 0
    doc = json.loads(result.stdout)
    voice = doc["$defs"]["AudioOutput"]["properties"]["voice"]
    assert "marin" in voice["description"] and "default" not in voice
    beta = json.loads(run("schema", "--api", "beta").stdout)
    assert beta["$defs"]["RealtimeSession"]["properties"]["modalities"]["enum"][0] == ["text"]
    assert yaml.safe_load(json.dumps(doc)) == doc  # plain JSON, nothing exotic


def test_an_overlay_session_is_partial_in_the_schema() -> None:
    overlay = {"extends": "base.yaml", "session": {"audio": {"input": {"turn_detection": {"threshold": 0.7}}}}}
    assert list(VALIDATORS["ga"].iter_errors(overlay)) == []
    assert list(VALIDATORS["ga"].iter_errors({"session": overlay["session"]}))  # without extends: not a session
    assert list(VALIDATORS["ga"].iter_errors({**overlay, "session": {"voice": "alloy"}}))  # unknown keys still fail


def test_a_git_install_builds_from_a_clone_at_a_commit(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # `pip install "rtcfg @ git+URL@REF"` (the README's install line) clones the repository,
    # checks out REF and builds it: only committed files exist there. The same here, with
    # the build backend pip would call.
    import shutil
    import subprocess
    import warnings

    if shutil.which("git") is None or not (REPO / ".git").exists():
        pytest.skip("not a git checkout")
    build = pytest.importorskip("setuptools.build_meta")
    clone = tmp_path / "clone"
    subprocess.run(["git", "clone", "-q", "--no-hardlinks", str(REPO), str(clone)], check=True)
    commit = subprocess.run(["git", "-C", str(clone), "rev-parse", "HEAD"], capture_output=True, text=True, check=True)
    subprocess.run(["git", "-C", str(clone), "checkout", "-q", commit.stdout.strip()], check=True)
    monkeypatch.chdir(clone)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        name = build.build_wheel(str(tmp_path / "dist"))
    files = zipfile.ZipFile(tmp_path / "dist" / name).namelist()
    assert "rtcfg/startup.py" in files and "rtcfg/py.typed" in files
    assert "rtcfg/profiles/phone-agent-twilio.yaml" in files
    assert "rtcfg/profiles/team/prompts/agent.md" in files
