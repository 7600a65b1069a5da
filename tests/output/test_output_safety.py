"""Every command in every format, fed profiles whose keys, values, tool names and file names
are hostile: no raw control character reaches any output (no escape sequence for the
terminal, no second line for a CI log to execute as `::error ...`), every JSON output is
valid UTF-8, and no secret is printed."""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

import pytest
from conftest import Run

SECRETS = ("sk-SECRET-TOKEN-1234", "SECRET-HEADER-5678")
# YAML double-quoted escapes: the file itself holds no control character, the values do.
HOSTILE = "\\e[2J\\e]0;owned\\a\\r\\n::error file=x::pwned\\u202e\\x85"
PROFILE = f"""\
type: realtime
model: gpt-realtime
instructions: "be brief {HOSTILE}"
tracing:
  workflow_name: "w {HOSTILE}"
  metadata:
    "key {HOSTILE}": "value {HOSTILE}"
tools:
  - type: function
    name: lookup
    description: "d {HOSTILE}"
    parameters: {{type: object, properties: {{"p {HOSTILE}": {{type: string}}}}}}
  - type: mcp
    server_label: docs
    server_url: https://docs.example.com/mcp
    authorization: "Bearer {SECRETS[0]}"
    headers: {{X-Api-Key: "{SECRETS[1]}"}}
"""
# The same with a different value everywhere, for diff; and one with an unknown hostile key.
OTHER = PROFILE.replace("be brief", "be very brief").replace("value ", "other value ")
# A tool name outside the API's pattern is an error (RT203): only the invalid profile has one.
INVALID = (
    PROFILE.replace("name: lookup", f'name: "lookup {HOSTILE}"') + f'"unknown {HOSTILE}": 1\nvoice: "alloy {HOSTILE}"\n'
)
# Control characters that may not appear raw; LF separates lines and is checked apart.
RAW = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")
NAMES = ["evil\x1b[2J\n::error file=x::pwned.yaml", os.fsdecode(b"bad-\xff-utf8.yaml")]


@pytest.fixture
def files(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> dict[str, str]:
    monkeypatch.chdir(tmp_path)
    out = {}
    for label, text in (("valid", PROFILE), ("other", OTHER), ("invalid", INVALID)):
        for i, name in enumerate(NAMES):
            path = f"{label}-{i}-{name}"
            Path(path).write_text(text)
            out[f"{label}-{i}"] = path
    return out


def _commands(f: dict[str, str]) -> list[list[str]]:
    runs: list[list[str]] = []
    for i in range(len(NAMES)):
        valid, other, invalid = f[f"valid-{i}"], f[f"other-{i}"], f[f"invalid-{i}"]
        for fmt in ("text", "json", "github", "sarif"):
            runs.append(["validate", "--format", fmt, valid, invalid])
        runs.append(["validate", "--strict", "-v", valid])
        for fmt in ("text", "json"):
            runs.append(["show", "--format", fmt, valid])
            runs.append(["diff", "--format", fmt, valid, other])
            runs.append(["explain", "--format", fmt, "Unknown parameter: 'session.unknown'.", invalid])
        runs.append(["show", invalid])
        runs.append(["diff", valid, invalid])
        runs.append(["render", invalid])
        runs.append(["render", "--as", "session", valid])
        runs.append(["migrate", invalid])
        runs.append(["migrate", valid])
        runs.append(["validate", f"{valid}.missing"])
    return runs


def test_no_output_carries_a_raw_control_character_or_a_secret(run: Run, files: dict[str, str]) -> None:
    for args in _commands(files):
        result = run(*args)
        for stream, data in (("stdout", result.stdout_bytes), ("stderr", result.stderr_bytes)):
            text = data.decode("utf-8")  # strictly: every output is valid UTF-8
            where = f"{' '.join(map(repr, args))} ({stream})"
            assert not RAW.search(text), f"{where}: raw {RAW.search(text)!r} in {text[:300]!r}"
            lines = text.splitlines()
            if args[:3] == ["validate", "--format", "github"] and stream == "stdout":
                # one annotation per line, nothing else: nothing injected a command of its own
                annotation = re.compile(r"::(error|warning) file=[^:]*,line=\d+,col=\d+,title=RT\d+::")
                assert lines and all(annotation.match(x) for x in lines)
            else:
                assert not any(x.lstrip().startswith("::") for x in lines), f"{where}: {text[:300]!r}"
            # render writes the API's JSON and migrate the profile itself: both must carry the
            # real token. The only places a secret may appear, and only on stdout.
            if not (args[0] in ("render", "migrate") and stream == "stdout"):
                for secret in SECRETS:
                    assert secret not in text, f"{where} shows a secret"
            if ("json" in args or "sarif" in args) and stream == "stdout" and text:
                json.loads(text)


def test_the_hostile_profiles_reach_the_code_under_test(run: Run, files: dict[str, str]) -> None:
    # A test that cannot fail is a defect: the profiles must give diagnostics and changes
    # that quote the hostile text (so that the escaping is what keeps it out).
    report = json.loads(run("validate", "--format", "json", files["invalid-0"]).stdout)
    paths = " ".join(d["path"] for f in report["files"] for d in f["diagnostics"])
    assert "\x1b[2J" in paths and "\n::error" in paths
    changes = json.loads(run("diff", "--format", "json", files["valid-0"], files["other-0"]).stdout)["changes"]
    assert any("\x1b" in str(c["new"]) for c in changes)
    shown = json.loads(run("show", "--format", "json", files["valid-0"]).stdout)
    assert "\x1b" in shown["instructions"]
