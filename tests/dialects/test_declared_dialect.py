"""Sessions that cannot tell their dialect: a beta app's partial updates and a /sessions body
with only a model. Undeclared, they get one error naming both readings; `--api` declares
them (a document's own `api:` says more)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import Run

PARTIAL = {
    "update.json": json.dumps({"type": "session.update", "session": {"tools": [], "tool_choice": "auto"}}),
    "instructions.yaml": "instructions: Be brief.\n",
    "sessions-body.json": json.dumps({"model": "gpt-4o-realtime-preview-2025-06-03"}),
}


@pytest.mark.parametrize("name", sorted(PARTIAL))
def test_an_undeclared_partial_session_is_one_error_naming_both_readings(run: Run, chdir_tmp: Path, name: str) -> None:
    Path(name).write_text(PARTIAL[name])
    result = run("validate", "--format", "json", name)
    assert result.exit_code == 1
    (d,) = json.loads(result.stdout)["files"][0]["diagnostics"]
    assert d["code"] == "RT114" and "read as GA it lacks type" in d["message"] and "as beta it is valid" in d["message"]
    assert "--api" in d["hint"] and "api: beta" in d["hint"]


@pytest.mark.parametrize("name", sorted(PARTIAL))
def test_declared_on_the_command_line_it_is_read_so(run: Run, chdir_tmp: Path, name: str) -> None:
    Path(name).write_text(PARTIAL[name])
    beta = json.loads(run("validate", "--api", "beta", "--format", "json", name).stdout)["files"][0]
    assert beta["valid"] and {d["code"] for d in beta["diagnostics"]} <= {"RT110", "RT231"}  # retired, a preview model
    ga = json.loads(run("validate", "--api", "ga", "--format", "json", name).stdout)["files"][0]
    assert [d["code"] for d in ga["diagnostics"]] == ["RT104"]  # GA's own answer: type is missing
    assert run("show", "--api", "beta", name).exit_code == 0
    assert run("diff", "--api", "beta", name, name).exit_code == 0


def test_a_documents_own_api_wins_over_the_command_line(run: Run, chdir_tmp: Path) -> None:
    Path("p.yaml").write_text("api: ga\nsession:\n  instructions: Be brief.\n")
    got = json.loads(run("validate", "--api", "beta", "--format", "json", "p.yaml").stdout)["files"][0]
    assert [d["code"] for d in got["diagnostics"]] == ["RT104"]


def test_keys_of_one_era_still_decide(run: Run, chdir_tmp: Path) -> None:
    Path("b.yaml").write_text("voice: alloy\ninstructions: hi\n")
    assert json.loads(run("validate", "--format", "json", "b.yaml").stdout)["valid"] is True


def test_render_reads_an_undeclared_session_as_the_dialect_it_writes(run: Run, chdir_tmp: Path) -> None:
    Path("u.json").write_text(PARTIAL["update.json"])
    result = run("render", "--api", "beta", "u.json")
    assert result.exit_code == 0
    assert json.loads(result.stdout) == {"type": "session.update", "session": {"tools": [], "tool_choice": "auto"}}
    assert run("render", "u.json").exit_code == 1  # undeclared: RT114, nothing rendered
