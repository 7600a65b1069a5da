"""Fitting the ecosystem: GitHub Actions annotations, SARIF, colour and verbosity, help,
pre-commit, the library API, and the JSON Schemas of rtcfg's own outputs."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest
import yaml
from conftest import FIXTURES, REPO, bad_fixtures, good_fixtures

import rtcfg
from rtcfg.transform.json_schema import DIFF_OUTPUT, VALIDATE_OUTPUT

BAD = FIXTURES / "bad" / "c01_beta_keys_in_ga.yaml"
GOOD = FIXTURES / "good" / "ga_every_realtime_field.yaml"
WARNS = REPO / "profiles" / "legacy-beta.yaml"


# -- GitHub Actions and SARIF ---------------------------------------------------------------


def test_inside_github_actions_annotations_are_the_default(run, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    result = run("validate", str(BAD), str(WARNS))
    lines = result.stdout.splitlines()
    assert result.exit_code == 1
    assert f"::error file={BAD},line=4,col=3,title=RT101::" in lines[0]
    assert any(line.startswith(f"::warning file={WARNS},line=5,col=1,title=RT110::") for line in lines)
    assert all(line.startswith("::") for line in lines)


def test_an_explicit_format_wins_inside_github_actions(run, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    assert "error[RT101]" in run("validate", str(BAD), "--format", "text").stdout


def test_outside_github_actions_the_default_is_text(run) -> None:
    assert "error[RT101]" in run("validate", str(BAD)).stdout


def test_sarif(run) -> None:
    result = run("validate", str(BAD), str(WARNS), "--format", "sarif")
    doc = json.loads(result.stdout)
    assert doc["version"] == "2.1.0" and result.exit_code == 1
    run_ = doc["runs"][0]
    rules = [r["id"] for r in run_["tool"]["driver"]["rules"]]
    assert rules == sorted(set(rules)) and "RT101" in rules and "RT110" in rules
    first = run_["results"][0]
    assert first["ruleId"] == "RT101" and first["level"] == "error"
    assert rules[first["ruleIndex"]] == "RT101"
    region = first["locations"][0]["physicalLocation"]["region"]
    assert (region["startLine"], region["startColumn"]) == (4, 3)
    assert first["locations"][0]["logicalLocations"][0]["fullyQualifiedName"] == "session.voice"


# -- terminal manners -----------------------------------------------------------------------------


def test_quiet_shows_only_errors_and_verbose_names_passing_files(run) -> None:
    quiet = run("validate", "-q", str(BAD), str(WARNS))
    assert "error[RT101]" in quiet.stdout and "warning[" not in quiet.stdout and quiet.stderr == ""
    verbose = run("validate", "-v", str(GOOD), str(WARNS))
    assert f"{GOOD}: ok" in verbose.stdout and "warning[RT110]" in verbose.stdout
    assert run("validate", "-q", "-v", str(GOOD)).exit_code == 2


@pytest.mark.parametrize(
    ("env", "args", "coloured"),
    [
        ({}, [], False),  # piped: plain
        ({"FORCE_COLOR": "1"}, [], True),
        ({"FORCE_COLOR": "1", "NO_COLOR": "1"}, [], False),
        ({}, ["--color", "always"], True),
        ({"FORCE_COLOR": "1"}, ["--color", "never"], False),
    ],
)
def test_colour(run, monkeypatch: pytest.MonkeyPatch, env: dict[str, str], args: list[str], coloured: bool) -> None:
    for key, value in env.items():
        monkeypatch.setenv(key, value)
    result = run("validate", str(BAD), *args)
    assert ("\x1b[" in result.stdout) is coloured


def test_every_command_has_help_with_an_example(run) -> None:
    # plain help (no rich panels): the commands are listed under "Commands:"
    listing = run("--help").stdout.split("Commands:", 1)[1]
    commands = re.findall(r"^  ([\w-]+)\s{2,}", listing, re.M)
    every = {"validate", "render", "migrate", "diff", "show", "profiles", "init", "schema", "rules", "explain"}
    assert every | {"show-settings"} <= set(commands)
    for command in commands:
        assert "Example" in run(command, "--help").stdout, command


def test_version(run) -> None:
    assert run("--version").stdout == f"rtcfg {rtcfg.__version__}\n"


# -- pre-commit -------------------------------------------------------------------------------------


def test_the_pre_commit_hook() -> None:
    hooks = yaml.safe_load((REPO / ".pre-commit-hooks.yaml").read_text())
    hook = next(h for h in hooks if h["id"] == "rtcfg-validate")
    assert hook["entry"] == "rtcfg validate" and hook["language"] == "python"
    pattern = re.compile(hook["files"])
    assert pattern.search("profiles/agent.yaml") and pattern.search("voice/profiles/team/prod.yml")
    assert not pattern.search("README.md") and not pattern.search("profiles/prompts/agent.md")
    # What pre-commit runs: the entry with the matching files as arguments.
    files = [
        str(p.relative_to(REPO))
        for p in sorted((REPO / "profiles").rglob("*"))
        if pattern.search(str(p.relative_to(REPO)))
    ]
    done = subprocess.run(
        [sys.executable, "-m", "rtcfg", *hook["entry"].split()[1:], *files], cwd=REPO, capture_output=True, text=True
    )
    assert done.returncode == 0, done.stdout + done.stderr


def test_the_project_dogfoods_its_hook() -> None:
    config = yaml.safe_load((REPO / ".pre-commit-config.yaml").read_text())
    ids = {h["id"] for repo in config["repos"] for h in repo["hooks"]}
    assert {"rtcfg-validate", "ruff-check", "ruff-format", "mypy"} <= ids


# -- the library ----------------------------------------------------------------------------------------


def test_the_library_loads_renders_and_diffs() -> None:
    phone = rtcfg.load_profile(str(REPO / "profiles" / "phone-agent-twilio.yaml"))
    sip = rtcfg.load_profile(str(REPO / "profiles" / "sip-agent.yaml"))
    assert phone.valid and isinstance(phone.diagnostics, tuple)  # the result is immutable
    update = rtcfg.render_profile(phone, event_id="e1")
    assert update["type"] == "session.update" and update["event_id"] == "e1"
    assert "expires_after" in rtcfg.render_profile(phone, envelope="create", expires_in=60)
    changes = rtcfg.diff_profiles(phone, sip)
    assert any(c.path == ("audio", "output", "format", "type") for c in changes)
    bad = rtcfg.load_text("type: realtime\nvoice: alloy\n")
    with pytest.raises(rtcfg.RenderError) as caught:
        rtcfg.render_profile(bad)
    assert "RT101" in [d.code for d in caught.value.diagnostics]


def test_the_package_is_typed() -> None:
    assert (Path(rtcfg.__file__).parent / "py.typed").exists()
    assert set(rtcfg.__all__) >= {"load_profile", "render_profile", "diff_profiles", "Diagnostic", "Profile"}


def test_every_public_name_is_the_librarys_own() -> None:
    from rtcfg import api
    from rtcfg.core import diagnostics

    assert set(api.__all__) <= set(rtcfg.__all__)
    for name in rtcfg.__all__:
        home = diagnostics if name in ("Diagnostic", "Severity") else api if name != "__version__" else rtcfg
        assert getattr(rtcfg, name) is getattr(home, name), name
    with pytest.raises(AttributeError):
        rtcfg.load_profiles  # noqa: B018 - a near miss is not a public name


# -- rtcfg's own JSON outputs ------------------------------------------------------------------------------


def test_output_schemas_are_valid_and_pin_the_documented_keys(run) -> None:
    for schema in (VALIDATE_OUTPUT, DIFF_OUTPUT):
        jsonschema.Draft202012Validator.check_schema(schema)
    assert VALIDATE_OUTPUT["required"] == ["valid", "files"]
    assert VALIDATE_OUTPUT["properties"]["files"]["items"]["required"] == ["path", "valid", "diagnostics"]
    diag = VALIDATE_OUTPUT["properties"]["files"]["items"]["properties"]["diagnostics"]["items"]
    assert diag["required"] == ["severity", "code", "message", "path", "line", "column", "hint"]
    assert DIFF_OUTPUT["properties"]["changes"]["items"]["required"] == ["op", "path", "old", "new", "impact"]
    assert json.loads(run("schema", "--output", "validate").stdout) == VALIDATE_OUTPUT
    assert json.loads(run("schema", "--output", "diff").stdout) == DIFF_OUTPUT


def test_validate_json_output_follows_its_schema(run) -> None:
    paths = [str(p) for p in good_fixtures() + bad_fixtures() if p.name != "expected.yaml"]
    doc = json.loads(run("validate", *paths, "--format", "json").stdout)
    jsonschema.validate(doc, VALIDATE_OUTPUT)
    assert len(doc["files"]) == len(paths)


def test_diff_json_output_follows_its_schema(run) -> None:
    doc = json.loads(
        run(
            "diff",
            str(FIXTURES / "diff" / "phone-v1.yaml"),
            str(FIXTURES / "diff" / "phone-v2.yaml"),
            "--format",
            "json",
        ).stdout
    )
    jsonschema.validate(doc, DIFF_OUTPUT)
    assert doc["changes"]
