"""The formats CI systems read, through the real CLI: JUnit XML against the Jenkins xunit
schema (tests/fixtures/junit-10.xsd, MIT, as pytest's own tests use it), GitLab's Code
Quality report against the fields GitLab requires, concise lines, --statistics,
--exit-zero, and docs/rules.md kept equal to the registry."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
import xmlschema
from conftest import FIXTURES, REPO

from rtcfg.core.codes import CODES
from rtcfg.output import catalog

ERROR = "type: realtime\nmodel: gpt-realtime-2.1\ntools:\n  - type: function\n    name: bad name\n"
WARNING = (
    "type: realtime\nmodel: gpt-realtime-2.1\naudio:\n  input:\n    format: {type: audio/pcmu}\n"
    "  output:\n    voice: cedar\n"
)


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    (tmp_path / "bad.yaml").write_text(ERROR)
    (tmp_path / "warn.yaml").write_text(WARNING)
    # hostile text in a key: it must stay inside its XML attribute and JSON string
    (tmp_path / "hostile.yaml").write_text('type: realtime\n"a<b>&\\"\\x1b[31m\\u0000": 1\n')
    (tmp_path / "ok.yaml").write_text("type: realtime\nmodel: gpt-realtime-2.1\n")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_junit_is_valid_against_the_xunit_schema(run, project: Path) -> None:
    schema = xmlschema.XMLSchema(str(FIXTURES / "junit-10.xsd"))
    result = run("validate", "--format", "junit")
    assert result.exit_code == 1
    schema.validate(result.stdout)  # raises on any violation
    doc = schema.to_dict(result.stdout)
    suite = doc["testsuite"][0]
    cases = {c["@name"]: c for c in suite["testcase"]}
    assert set(cases) == {"./bad.yaml", "./hostile.yaml", "./ok.yaml", "./warn.yaml"}
    assert [f["@type"] for f in cases["./bad.yaml"]["failure"]] == ["RT203"]
    assert "failure" not in cases["./warn.yaml"] and "RT214" in cases["./warn.yaml"]["system-out"][0]
    assert "failure" not in cases["./ok.yaml"]
    assert int(suite["@failures"]) == 2 and int(suite["@tests"]) == 4
    strict = run("validate", "--format", "junit", "--strict")
    schema.validate(strict.stdout)
    assert [f["@type"] for f in schema.to_dict(strict.stdout)["testsuite"][0]["testcase"][3]["failure"]] == ["RT214"]


def test_junit_of_a_mutation_fails_the_schema(run, project: Path) -> None:
    # the check above can fail: the same report without a required attribute is refused
    schema = xmlschema.XMLSchema(str(FIXTURES / "junit-10.xsd"))
    broken = run("validate", "--format", "junit").stdout.replace(' errors="0"', "")
    with pytest.raises(xmlschema.XMLSchemaValidationError):
        schema.validate(broken)


def _check_gitlab(report: list[dict]) -> None:
    """GitLab's Code Quality format: the fields GitLab requires, with their types."""
    assert isinstance(report, list)
    for issue in report:
        assert isinstance(issue["description"], str) and issue["description"]
        assert isinstance(issue["check_name"], str) and issue["check_name"]
        assert isinstance(issue["fingerprint"], str) and issue["fingerprint"]
        assert issue["severity"] in ("info", "minor", "major", "critical", "blocker")
        assert isinstance(issue["location"]["path"], str) and not issue["location"]["path"].startswith("/")
        assert isinstance(issue["location"]["lines"]["begin"], int) and issue["location"]["lines"]["begin"] >= 1
    fingerprints = [i["fingerprint"] for i in report]
    assert len(set(fingerprints)) == len(fingerprints)


def test_gitlab_code_quality(run, project: Path) -> None:
    result = run("validate", "--format", "gitlab")
    assert result.exit_code == 1
    report = json.loads(result.stdout)
    _check_gitlab(report)
    by_code = {i["check_name"]: i for i in report}
    assert by_code["RT203"]["severity"] == "critical" and by_code["RT203"]["location"] == {
        "path": "bad.yaml",
        "lines": {"begin": 5},
    }
    assert by_code["RT214"]["severity"] == "minor"
    # stable across runs, and across an edit that moves the finding's line
    assert json.loads(run("validate", "--format", "gitlab").stdout) == report
    (project / "bad.yaml").write_text("# a new comment moves every line\n" + ERROR)
    moved = {i["check_name"]: i for i in json.loads(run("validate", "--format", "gitlab").stdout)}
    assert moved["RT203"]["location"]["lines"]["begin"] == 6
    assert moved["RT203"]["fingerprint"] == by_code["RT203"]["fingerprint"]


def test_concise_is_one_line_per_finding(run, project: Path) -> None:
    result = run("validate", "--format", "concise")
    lines = result.stdout.splitlines()
    assert "./bad.yaml:5:11: RT203 function name 'bad name' has characters" in result.stdout
    assert all(re.match(r"^\./\S+:\d+:\d+: RT\d{3} ", line) for line in lines), lines
    assert len(lines) == sum(1 for _ in re.finditer(r"RT\d{3} ", result.stdout))
    assert "\x1b" not in result.stdout  # the hostile key's ESC is shown as an escape
    assert result.stderr == ""


def test_statistics_and_exit_zero(run, project: Path) -> None:
    result = run("validate", "--statistics")
    assert result.exit_code == 1
    rows = [line.split("\t") for line in result.stdout.splitlines()]
    assert {r[1] for r in rows} >= {"RT203", "RT214"}
    assert all(r[0].strip().isdigit() and r[2] == CODES[r[1]].name for r in rows)
    as_json = json.loads(run("validate", "--statistics", "--format", "json").stdout)
    assert {e["code"]: e["count"] for e in as_json}["RT203"] == 1
    assert run("validate", "--exit-zero").exit_code == 0
    assert run("validate", "missing.yaml", "--exit-zero").exit_code == 2  # could not run stays 2


def test_sarif_carries_each_rules_documentation(run, project: Path) -> None:
    doc = json.loads(run("validate", "--format", "sarif").stdout)
    rules = doc["runs"][0]["tool"]["driver"]["rules"]
    for rule in rules:
        assert rule["help"]["markdown"] == catalog.rule_section(CODES[rule["id"]])
        assert f"rtcfg rules {rule['id']}" in rule["help"]["text"]


def test_text_output_points_at_the_rules_documentation(run, project: Path) -> None:
    result = run("validate", "bad.yaml")
    assert "`rtcfg rules CODE` explains a finding" in result.stderr
    assert "explains a finding" not in run("validate", "ok.yaml").stderr


def test_docs_rules_md_is_the_registry_with_an_anchor_per_code() -> None:
    page = (REPO / "docs" / "rules.md").read_text()
    assert page == catalog.to_document(), "regenerate with `rtcfg rules --format reference > docs/rules.md`"
    for code in CODES:
        assert f'<a id="{code.lower()}"></a>' in page and f"](#{code.lower()})" in page


def test_rules_reference_for_one_code(run) -> None:
    out = run("rules", "RT214", "--format", "reference").stdout
    assert out.startswith('<a id="rt214"></a>\n## RT214 `audio-format-mismatch` (warning)')
