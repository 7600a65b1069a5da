"""One fault, one message: a fault in a base shared by several profiles is shown and counted
once (and says which profiles use it); a duplicate key names its own path; hints speak the
profile's dialect and never send it to a command that would refuse it."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import Run

from rtcfg.check.pipeline import Options, check_text


@pytest.fixture
def shared(chdir_tmp: Path) -> list[str]:
    Path("base.yaml").write_text("api: ga\nsession:\n  type: realtime\n  bogus: 1\n")
    names = []
    for name in ("a", "b", "c"):
        Path(f"{name}.yaml").write_text(f"extends: base.yaml\nsession:\n  instructions: {name}\n")
        names.append(f"{name}.yaml")
    return names


def test_a_shared_base_fault_is_shown_and_counted_once(run: Run, shared: list[str]) -> None:
    text = run("validate", "--color", "never", *shared)
    assert text.exit_code == 1
    assert text.stdout.count("error[RT100] unknown key 'bogus'") == 1
    assert "is in a file 3 profiles use: a.yaml, b.yaml, c.yaml" in text.stderr
    assert "3 of 3 files failed: 1 error" in text.stderr
    github = run("validate", "--format", "github", *shared)
    assert github.stdout.count("::error file=base.yaml,line=4,col=3") == 1
    sarif = json.loads(run("validate", "--format", "sarif", *shared).stdout)
    assert len(sarif["runs"][0]["results"]) == 1
    # JSON keeps each profile's own list: a tool reads per-file validity from it
    report = json.loads(run("validate", "--format", "json", *shared).stdout)
    assert [len(f["diagnostics"]) for f in report["files"]] == [1, 1, 1]
    assert all(f["diagnostics"][0]["file"] == "base.yaml" for f in report["files"])


def test_a_duplicate_key_names_its_path_and_stays_at_its_line() -> None:
    profile = check_text("d.yaml", "type: realtime\naudio:\n  output:\n    voice: alloy\n    voice: cedar\n")
    (d,) = profile.diagnostics
    assert (d.code, d.dotted_path, d.line, d.column) == ("RT002", "audio.output.voice", 5, 5)


def test_the_null_hint_speaks_the_profiles_dialect() -> None:
    beta = check_text("b.yaml", "api: beta\nsession:\n  voice: null\n")
    (d,) = [d for d in beta.diagnostics if d.code == "RT106"]
    assert "input_audio_transcription" in (d.hint or "") and "MCP" not in (d.hint or "")
    ga = check_text("g.yaml", "type: realtime\ninstructions: null\n")
    (d,) = [d for d in ga.diagnostics if d.code == "RT106"]
    assert "transcription" in (d.hint or "") and "MCP" in (d.hint or "")


def test_a_stray_beta_key_is_not_sent_to_migrate(run: Run, chdir_tmp: Path) -> None:
    Path("p.yaml").write_text("type: realtime\nvoice: alloy\n")
    (d,) = [d for d in check_text("p.yaml", Path("p.yaml").read_text()).diagnostics if d.code == "RT101"]
    assert "migrate" not in (d.hint or "")
    assert run("migrate", "p.yaml").exit_code == 1  # migrate would refuse it: so no hint says to use it


def _live_question(question: dict[str, object]) -> str:
    decisions = {"model": "gpt-6-luna", "questions": [question]}
    return json.dumps(
        {
            "api": "live",
            "session": {"model": "gpt-live-1.1", "delegation": {"type": "decisions", "decisions": decisions}},
        }
    )


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a Live union member per kind of input: one message, not one per member
        (
            _live_question({"type": "predicate", "instructions": [{"type": "input_json", "data": 3}]}),
            ("RT105", "data must be an object or a list of objects, not the integer 3"),
        ),
        (
            _live_question({"type": "choice", "instructions": "x", "choices": [{"value": 3}, {"value": "b"}]}),
            ("RT105", "value must be a string or true/false, not the integer 3"),
        ),
        (
            '{"model": "gpt-live-1.1", "input": [{"role": "assistant", "content": [{"text": 1}]}]}',
            ("RT105", "text must be a string, not the integer 1"),
        ),
        (
            '{"model": "gpt-live-1.1",'
            ' "input": [{"role": "assistant", "content": [{"type": "input_text", "text": "a"}]}]}',
            ("RT107", "invalid type 'input_text' for content; expected one of 'text', 'output_text'"),
        ),
    ],
)
def test_a_live_union_fault_is_one_message(text: str, expected: tuple[str, str]) -> None:
    found = [
        (d.code, d.message) for d in check_text("l.json", text, is_json=True, options=Options(api="live")).diagnostics
    ]
    assert found == [expected]
