"""One checked result that every command reads: what a command reports after the check
(conversion warnings, explain's places) is placed by the check's own locator, in the file
that writes the value, at its exact line and column."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import REPO, Run

BETA = """\
# Header comment: never the place of a finding.
api: beta
session:
  model: gpt-realtime
  modalities: [text]
  temperature: 0.7
"""
BASE = """\
# The team's base.
api: beta
session:
  modalities: [text]
  voice: alloy
  temperature: 0.6
"""
OVERLAY = """\
extends: base.yaml
session:
  instructions: Be brief.
"""


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "agents").mkdir()
    (tmp_path / "beta.yaml").write_text(BETA)
    (tmp_path / "agents" / "base.yaml").write_text(BASE)
    (tmp_path / "agents" / "agent.yaml").write_text(OVERLAY)
    return tmp_path


def test_render_places_a_conversion_warning_at_its_line(run: Run, project: Path) -> None:
    result = run("render", "--api", "ga", "--color", "never", "beta.yaml")
    assert result.exit_code == 0
    assert "beta.yaml:6:3: warning[RT301] dropped temperature 0.7" in result.stderr
    assert "    6 │   temperature: 0.7" in result.stderr
    assert "Header comment" not in result.stderr and ":1:1:" not in result.stderr


def test_render_places_a_conversion_warning_in_the_base_that_writes_it(run: Run, project: Path) -> None:
    result = run("render", "--api", "ga", "--color", "never", "agents/agent.yaml")
    assert result.exit_code == 0
    assert "agents/base.yaml:6:3: warning[RT301] dropped temperature 0.6" in result.stderr
    assert "    6 │   temperature: 0.6" in result.stderr


def test_explain_finds_the_bases_of_a_profile_run_from_elsewhere(run: Run, project: Path, monkeypatch) -> None:
    # from another folder: the base is looked up beside the profile, not in the cwd
    elsewhere = project / "elsewhere"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)
    result = run(
        "explain",
        "--format",
        "json",
        "--root",
        str(project),
        "Unknown parameter: 'session.voice'.",
        "../agents/agent.yaml",
    )
    assert result.exit_code == 0, result.output
    profile = json.loads(result.stdout)["profile"]
    assert profile["places"] == [{"path": "session.voice", "line": 5, "column": 3, "file": "../agents/base.yaml"}]
    assert not any(d["code"].startswith("RT01") for d in profile["diagnostics"])  # the base was read


def test_explain_points_into_the_base_file_that_sets_the_key(run: Run) -> None:
    # profiles/team/prod.yaml sets no voice; its base does, at line 17
    result = run("explain", "--color", "never", "Invalid value: 'marin'.", "profiles/team/prod.yaml")
    assert result.exit_code == 0
    assert "in profile: profiles/team/base.yaml:17:14  (session.audio.output.voice)" in result.stdout
    assert "17 │       voice: marin" in result.stdout
    assert "does not set" not in result.stdout
    assert (REPO / "profiles/team/base.yaml").read_text().splitlines()[16] == "      voice: marin"
