"""Composition: extends, !include and ${VAR}, with every fault reported in the file and at
the line that holds it, and the project root kept."""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path
from typing import Any

import pytest

from rtcfg.check.pipeline import Options, check_path
from rtcfg.check.result import Profile
from rtcfg.transform.render import render


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An empty project directory, made the current directory (the default root)."""
    root = tmp_path / "project"
    root.mkdir()
    monkeypatch.chdir(root)
    return root


def write(root: Path, name: str, text: str) -> Path:
    path = root / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text)
    return path


def check(path: Path, **options: Any) -> Profile:
    return check_path(os.path.relpath(path), Options(**options))


def session(profile: Profile) -> dict[str, Any]:
    assert profile.valid, [(d.code, d.file, d.line, d.message) for d in profile.diagnostics]
    payload = render(profile, envelope="session").payload
    assert payload is not None
    return payload


def found(profile: Profile) -> list[tuple[str, str, int]]:
    return [(d.code, d.file, d.line) for d in profile.diagnostics]


BASE = """\
description: base
session:
  type: realtime
  model: gpt-realtime-2.1
  instructions: Be brief.
  audio:
    input:
      turn_detection: {type: server_vad, threshold: 0.5, silence_duration_ms: 500}
    output: {voice: cedar, speed: 1.1}
  tools:
    - {type: function, name: lookup}
    - {type: function, name: hang_up}
"""


# -- merge semantics -------------------------------------------------------------------------


def test_mappings_merge_deeply_and_everything_else_replaces(project: Path) -> None:
    write(project, "base.yaml", BASE)
    child = write(
        project,
        "child.yaml",
        """\
extends: base.yaml
description: child
session:
  audio:
    input:
      turn_detection: {threshold: 0.7}
    output: {voice: marin}
  tools:
    - {type: function, name: transfer}
""",
    )
    got = session(check(child))
    assert got["audio"] == {
        "input": {"turn_detection": {"type": "server_vad", "threshold": 0.7, "silence_duration_ms": 500}},
        "output": {"voice": "marin", "speed": 1.1},
    }
    assert got["tools"] == [{"type": "function", "name": "transfer"}]  # lists replace
    assert got["instructions"] == "Be brief."


def test_null_is_a_value_not_a_deletion(project: Path) -> None:
    write(project, "base.yaml", BASE)
    child = write(
        project, "child.yaml", "extends: base.yaml\nsession:\n  audio:\n    input:\n      turn_detection: null\n"
    )
    assert session(check(child))["audio"]["input"] == {"turn_detection": None}


def test_bases_apply_in_order_then_the_profile_and_bases_may_extend_bases(project: Path) -> None:
    write(project, "root.yaml", "session: {type: realtime, instructions: root, model: gpt-realtime-2}\n")
    write(
        project,
        "base/phone.yaml",
        "extends: ../root.yaml\nsession: {instructions: phone, audio: {output: {voice: cedar}}}\n",
    )
    write(project, "base/eu.yaml", "session: {instructions: eu, audio: {output: {speed: 0.9}}}\n")
    child = write(
        project, "prod.yaml", "extends: [base/phone.yaml, base/eu.yaml]\nsession: {model: gpt-realtime-2.1}\n"
    )
    got = session(check(child))
    assert got["instructions"] == "eu"  # the later base wins over the earlier one
    assert got["model"] == "gpt-realtime-2.1"  # the profile wins over every base
    assert got["audio"] == {"output": {"voice": "cedar", "speed": 0.9}}


def test_a_bare_session_can_be_a_base(project: Path) -> None:
    write(project, "bare.yaml", "type: realtime\ninstructions: from a bare base\n")
    child = write(project, "child.yaml", "extends: bare.yaml\nsession: {model: gpt-realtime-2.1}\n")
    assert session(check(child)) == {
        "type": "realtime",
        "model": "gpt-realtime-2.1",
        "instructions": "from a bare base",
    }


def test_envelope_keys_merge_too(project: Path) -> None:
    write(
        project,
        "base.yaml",
        "api: ga\nignore: [RT214]\nsession: {type: realtime, audio: {input: {format: {type: audio/pcmu}}}}\n",
    )
    child = write(project, "child.yaml", "extends: base.yaml\nsession: {instructions: hi}\n")
    profile = check(child)
    assert profile.valid and profile.diagnostics == ()  # the base's ignore applies


# -- include -------------------------------------------------------------------------------------


def test_include_text_and_data(project: Path) -> None:
    write(project, "prompts/agent.md", "# Agent\nBe kind.\n")
    write(project, "schemas/lookup.json", '{"type": "object", "properties": {"id": {"type": "string"}}}')
    write(project, "schemas/book.yaml", "type: object\nproperties:\n  when: !include when.yaml\n")
    write(project, "schemas/when.yaml", "{type: string, description: ISO 8601}\n")
    profile = write(
        project,
        "agent.yaml",
        """\
session:
  type: realtime
  instructions: !include prompts/agent.md
  tools:
    - {type: function, name: lookup, parameters: !include schemas/lookup.json}
    - {type: function, name: book, parameters: !include schemas/book.yaml}
""",
    )
    got = session(check(profile))
    assert got["instructions"] == "# Agent\nBe kind.\n"
    assert got["tools"][0]["parameters"]["properties"] == {"id": {"type": "string"}}
    assert got["tools"][1]["parameters"]["properties"]["when"]["description"] == "ISO 8601"


def test_a_missing_include_is_reported_at_the_include(project: Path) -> None:
    write(project, "schemas/book.yaml", "type: object\nproperties:\n  when: !include nowhere.yaml\n")
    profile = write(
        project,
        "agent.yaml",
        "session:\n  type: realtime\n  tools:\n"
        "    - {type: function, name: book, parameters: !include schemas/book.yaml}\n",
    )
    got = check(profile)
    assert found(got) == [("RT010", os.path.join("schemas", "book.yaml"), 3)]
    assert "nowhere.yaml" in got.diagnostics[0].message


# -- variables ----------------------------------------------------------------------------------


def test_variables_defaults_and_the_escape(project: Path) -> None:
    profile = write(
        project,
        "mcp.yaml",
        """\
session:
  type: realtime
  model: ${MODEL:-gpt-realtime-2.1}
  instructions: "Say $${NAME} literally; region ${REGION:-eu}."
  tools:
    - type: mcp
      server_label: docs
      server_url: https://mcp.example.com/${REGION:-eu}
      authorization: ${DOCS_TOKEN}
""",
    )
    got = session(check(profile, env={"DOCS_TOKEN": "tok-123", "REGION": "us"}))
    assert got["model"] == "gpt-realtime-2.1"
    assert got["instructions"] == "Say ${NAME} literally; region us."
    assert got["tools"][0]["server_url"] == "https://mcp.example.com/us"
    assert got["tools"][0]["authorization"] == "tok-123"


def test_an_unset_variable_is_an_error_at_its_line(project: Path) -> None:
    profile = write(
        project,
        "mcp.yaml",
        "session:\n  type: realtime\n  instructions: hi\n"
        "  tools:\n    - type: mcp\n      server_label: docs\n"
        "      server_url: https://x\n      authorization: ${DOCS_TOKEN}\n",
    )
    got = check(profile, env={})
    assert found(got) == [("RT013", "mcp.yaml", 8)]
    assert "DOCS_TOKEN" in got.diagnostics[0].message and got.session is None


def test_a_malformed_reference_is_an_error(project: Path) -> None:
    profile = write(project, "p.yaml", "session: {type: realtime, instructions: 'cost ${1}'}\n")
    assert [d.code for d in check(profile, env={}).diagnostics] == ["RT013"]


def test_a_token_from_the_environment_is_not_a_literal_secret(project: Path) -> None:
    text = (
        "session:\n  type: realtime\n  tools:\n    - type: mcp\n      server_label: docs\n"
        "      server_url: https://x\n      authorization: {}\n"
    )
    from_env = write(project, "env.yaml", text.format("${DOCS_TOKEN}"))
    literal = write(project, "lit.yaml", text.format("tok-123"))
    assert check(from_env, env={"DOCS_TOKEN": "tok-123"}).diagnostics == ()
    assert [d.code for d in check(literal).diagnostics] == ["RT209"]


# -- cycles and the root -------------------------------------------------------------------------


def test_a_cycle_names_the_chain(project: Path) -> None:
    write(project, "a.yaml", "extends: b.yaml\nsession: {type: realtime}\n")
    write(project, "b.yaml", "extends: c.yaml\nsession: {instructions: b}\n")
    write(project, "c.yaml", "extends: a.yaml\nsession: {instructions: c}\n")
    got = check(project / "a.yaml")
    assert found(got) == [("RT012", "c.yaml", 1)]
    assert "a.yaml -> b.yaml -> c.yaml -> a.yaml" in got.diagnostics[0].message


def test_including_itself_is_a_cycle(project: Path) -> None:
    write(project, "self.yaml", "x: !include self.yaml\n")
    profile = write(
        project,
        "p.yaml",
        "session: {type: realtime, tools: [{type: function, name: f, parameters: !include self.yaml}]}\n",
    )
    assert [d.code for d in check(profile).diagnostics] == ["RT012"]


@pytest.mark.parametrize("target", ["../outside.yaml", "{outside}"])
def test_escaping_the_root_is_an_error(project: Path, target: str) -> None:
    outside = project.parent / "outside.yaml"
    outside.write_text("session: {type: realtime}\n")
    child = write(project, "child.yaml", f"extends: {target.format(outside=outside)}\nsession: {{instructions: hi}}\n")
    got = check(child)
    assert found(got) == [("RT011", "child.yaml", 1)]
    assert check(child, root=str(project.parent)).valid  # a wider root allows it


def test_a_symlink_out_of_the_root_is_an_escape(project: Path) -> None:
    secret = project.parent / "secret.md"
    secret.write_text("not for profiles")
    (project / "prompt.md").symlink_to(secret)
    profile = write(project, "p.yaml", "session: {type: realtime, instructions: !include prompt.md}\n")
    assert [d.code for d in check(profile).diagnostics] == ["RT011"]


# -- positions -------------------------------------------------------------------------------------


def test_a_syntax_error_in_a_base_is_reported_in_the_base(project: Path) -> None:
    write(project, "bases/base.yaml", "session:\n  type: realtime\n  instructions: [unclosed\n")
    child = write(project, "child.yaml", "extends: bases/base.yaml\nsession: {model: gpt-realtime-2.1}\n")
    got = check(child)
    assert [(c, f) for c, f, _ in found(got)] == [("RT001", os.path.join("bases", "base.yaml"))]


def test_a_shape_error_from_a_base_points_into_the_base(project: Path) -> None:
    write(project, "base.yaml", "session:\n  type: realtime\n  audio:\n    output:\n      speed: 3\n")
    child = write(
        project,
        "child.yaml",
        "extends: base.yaml\nsession:\n  model: gpt-realtime-2.1\n  instructions: [not, a, string]\n",
    )
    got = check(child)
    assert sorted(found(got)) == [("RT105", "child.yaml", 4), ("RT108", "base.yaml", 5)]


def test_a_shape_error_inside_an_included_file_points_into_it(project: Path) -> None:
    write(project, "schema.yaml", "type: object\nproperties:\n  id: {type: strin}\n")
    profile = write(
        project,
        "p.yaml",
        "session:\n  type: realtime\n  tools:\n    - {type: function, name: f, parameters: !include schema.yaml}\n",
    )
    assert found(check(profile)) == [("RT204", "schema.yaml", 3)]


def test_json_output_names_the_file_that_holds_the_fault(run, project: Path) -> None:
    write(project, "base.yaml", "session:\n  type: realtime\n  audio: {output: {speed: 3}}\n")
    write(project, "child.yaml", "extends: base.yaml\nsession: {instructions: hi}\n")
    doc = json.loads(run("validate", "child.yaml", "--format", "json").stdout)
    diag = doc["files"][0]["diagnostics"][0]
    assert (doc["files"][0]["path"], diag["file"], diag["line"], diag["code"]) == (
        "child.yaml",
        "base.yaml",
        3,
        "RT108",
    )
    text = run("validate", "child.yaml").stdout
    assert "base.yaml:3:" in text and "audio: {output: {speed: 3}}" in text


# -- the whole story ----------------------------------------------------------------------------------


FLAT = """\
description: flat
session:
  type: realtime
  model: gpt-realtime-2.1
  instructions: |
    You answer the phone for Acme.
    Be brief.
  audio:
    input:
      format: {type: audio/pcmu}
      turn_detection: {type: server_vad, threshold: 0.6, idle_timeout_ms: 8000}
    output:
      format: {type: audio/pcmu}
      voice: cedar
  tools:
    - type: mcp
      server_label: crm
      server_url: https://crm.example.com/mcp
      authorization: tok-from-env
"""


def test_extends_include_and_env_render_the_same_json_as_the_flat_profile(
    run, project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write(project, "prompts/phone.md", "You answer the phone for Acme.\nBe brief.\n")
    write(
        project,
        "base.yaml",
        """\
session:
  type: realtime
  model: gpt-realtime-2.1
  instructions: !include prompts/phone.md
  audio:
    input:
      format: {type: audio/pcmu}
      turn_detection: {type: server_vad, threshold: 0.5}
    output: {format: {type: audio/pcmu}, voice: cedar}
""",
    )
    write(
        project,
        "prod.yaml",
        """\
extends: base.yaml
description: prod
session:
  audio:
    input:
      turn_detection: {threshold: 0.6, idle_timeout_ms: 8000}
  tools:
    - type: mcp
      server_label: crm
      server_url: https://crm.example.com/mcp
      authorization: ${CRM_TOKEN}
""",
    )
    write(project, "flat.yaml", FLAT)
    monkeypatch.setenv("CRM_TOKEN", "tok-from-env")
    assert run("validate", "prod.yaml").exit_code == 0
    composed = run("render", "prod.yaml", "--as", "create")
    flat = run("render", "flat.yaml", "--as", "create")
    assert composed.exit_code == 0 and composed.stdout == flat.stdout
    shown = run("show", "prod.yaml").stdout
    assert "prompts/phone.md:1" in shown and "base.yaml:" in shown and "prod.yaml:" in shown
    assert "${CRM_TOKEN}" in shown and "tok-from-env" not in shown
    assert run("diff", "prod.yaml", "flat.yaml").exit_code == 0


def test_migrate_refuses_a_composed_profile(run, project: Path) -> None:
    write(project, "base.yaml", "api: beta\nsession: {modalities: [text]}\n")
    write(project, "child.yaml", "extends: base.yaml\napi: beta\nsession: {voice: ash}\n")
    result = run("migrate", "child.yaml")
    assert result.exit_code == 2 and "one by one" in result.stderr


def test_a_git_revision_reads_its_bases_at_the_same_revision(
    run, project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    for key, value in {
        "GIT_AUTHOR_NAME": "t",
        "GIT_AUTHOR_EMAIL": "t@e",
        "GIT_COMMITTER_NAME": "t",
        "GIT_COMMITTER_EMAIL": "t@e",
        "GIT_CONFIG_GLOBAL": "/dev/null",
    }.items():
        monkeypatch.setenv(key, value)
    write(project, "base.yaml", "session: {type: realtime, audio: {output: {voice: cedar}}}\n")
    write(project, "dev.yaml", "extends: base.yaml\nsession: {instructions: hi}\n")
    for args in (["init", "-q", "-b", "main"], ["add", "."], ["commit", "-q", "-m", "v1"]):
        subprocess.run(["git", *args], check=True, capture_output=True)
    write(project, "base.yaml", "session: {type: realtime, audio: {output: {voice: marin}}}\n")
    result = run("diff", "main:dev.yaml", "dev.yaml", "--format", "json")
    changes = json.loads(result.stdout)["changes"]
    assert [(c["path"], c["old"], c["new"]) for c in changes] == [("audio.output.voice", "cedar", "marin")]


def test_root_must_be_a_directory(run, project: Path) -> None:
    write(project, "p.yaml", "type: realtime\n")
    result = run("validate", "p.yaml", "--root", "nope")
    assert result.exit_code == 2 and "not a directory" in result.stderr
