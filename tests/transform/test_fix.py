"""`validate --fix`: the laws over the fixture corpora (idempotent; a safe fix never adds an
error; after unsafe fixes nothing fixable is left; a fixed file differs from its original
only where a fix applied, checked line by line), edits that keep comments and styles, the
CLI's --fix, --diff, --unsafe-fixes and --show-fixes, bases fixed in place, JSON kept."""

from __future__ import annotations

import difflib
import json
import os
import re
import shutil
import stat
from pathlib import Path

import pytest
import yaml
from conftest import FIXTURES, REPO, shipped_profiles

from rtcfg.check import pipeline
from rtcfg.core.diagnostics import Edit
from rtcfg.load.sources import from_bytes
from rtcfg.transform.edit import apply, merge
from rtcfg.transform.fix import fix_profile

CORPUS = sorted(
    p
    for folder in ("bad", "good", "rules")
    for p in (FIXTURES / folder).iterdir()
    if p.suffix in (".yaml", ".yml", ".json") and p.name != "expected.yaml"
)


def fix_text(name: str, text: str, *, unsafe: bool) -> tuple[str, list[tuple[str, int, str, str]]]:
    real = os.path.realpath(name)
    options = pipeline.Options(root=os.path.dirname(real))

    def check(texts: dict[str, str]) -> pipeline.Profile:
        return pipeline.check_source(from_bytes(name, texts[real].encode("utf-8")), options, location=name)

    done = fix_profile(real, {real: text}, check, unsafe=unsafe, is_json=lambda f: f.endswith(".json"))
    return done.texts.get(real, text), done.applied


def errors(name: str, text: str) -> int:
    profile = pipeline.check_text(name, text, is_json=name.endswith(".json"))
    return sum(1 for d in profile.diagnostics if d.is_error)


@pytest.mark.parametrize("path", CORPUS, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_fix_laws_over_the_corpus(path: Path, tmp_path: Path) -> None:
    text = path.read_bytes().decode("utf-8", "surrogateescape")
    if max(text, default=" ") >= "\udc80" and any("\udc80" <= c <= "\udcff" for c in text):
        pytest.skip("not UTF-8: nothing to edit")
    copy = tmp_path / path.name
    copy.write_text(text)
    safe, applied = fix_text(str(copy), text, unsafe=False)
    # a safe fix never adds an error
    assert errors(str(copy), safe) <= errors(str(copy), text)
    # idempotent: a second --fix finds nothing
    assert fix_text(str(copy), safe, unsafe=False)[0] == safe
    # a fixed file differs from its original only at the lines of the findings it fixed
    # (and the lines a moved or removed entry spans)
    if safe != text:
        assert applied
        fixed_lines = {line for _, line, _, _ in applied}
        spans = _spans(text, copy)
        allowed = set().union(*(spans.get(line, {line}) for line in fixed_lines))
        removed = _removed_lines(text, safe)
        assert removed <= allowed, (removed - allowed, applied)
    # after unsafe fixes, no finding that carries a fix is left, and a second run is still a no-op
    unsafe_text, _ = fix_text(str(copy), safe, unsafe=True)
    assert fix_text(str(copy), unsafe_text, unsafe=True)[0] == unsafe_text
    profile = pipeline.check_text(str(copy), unsafe_text, is_json=path.suffix == ".json")
    left = [(d.code, d.dotted_path, d.fix.description) for d in profile.diagnostics if d.fix is not None]
    assert left == [] or all(_blocked(str(copy), unsafe_text, d) for d in profile.diagnostics if d.fix), left


def _blocked(name: str, text: str, d) -> bool:  # type: ignore[no-untyped-def]
    """A fix that cannot apply as it stands (its target is taken, or its place is a shape
    the editor does not edit): it is left for a person, never half-applied."""
    from rtcfg.transform.edit import EditError

    try:
        return apply(text, d.fix.edits, is_json=name.endswith(".json")) == text
    except (EditError, ValueError, KeyError, TypeError):
        return True


def _removed_lines(old: str, new: str) -> set[int]:
    out: set[int] = set()
    for tag, i1, i2, _j1, _j2 in difflib.SequenceMatcher(None, old.splitlines(), new.splitlines()).get_opcodes():
        if tag in ("replace", "delete"):
            out.update(range(i1 + 1, i2 + 1))
    return out


def _spans(text: str, path: Path) -> dict[int, set[int]]:
    """For each line where a mapping key starts: the lines its entry spans (key to the end
    of its value), and the comment lines right above it."""
    spans: dict[int, set[int]] = {}
    try:
        root = yaml.compose(text) if path.suffix != ".json" else None
    except yaml.YAMLError:
        return spans
    lines = text.splitlines()
    stack = [root] if root is not None else []
    while stack:
        node = stack.pop()
        if isinstance(node, yaml.MappingNode):
            for key, value in node.value:
                first, last = (
                    key.start_mark.line + 1,
                    max(value.end_mark.line + (value.end_mark.column > 0), key.start_mark.line + 1),
                )
                above = first - 1
                while above >= 1 and lines[above - 1].lstrip().startswith("#"):
                    above -= 1
                span = set(range(above + 1, last + 1))
                spans.setdefault(first, set()).update(span)
                spans.setdefault(value.start_mark.line + 1, set()).update(span)
                stack.append(value)
        elif isinstance(node, yaml.SequenceNode):
            stack.extend(node.value)
    return spans


# -- the editor ------------------------------------------------------------------------------------

COMMENTED = """\
# Header: what this profile is for.
session:
  type: realtime      # GA
  model: gpt-realtime-2.1

  # Why this voice
  voice: cedar        # warm
  instructions: |
    Be brief.
    Be kind.
  tools: [{type: function, name: f}]   # one tool
"""


def test_a_move_carries_its_comments_and_leaves_everything_else_alone() -> None:
    out = apply(COMMENTED, [Edit("move", ("session", "voice"), ("session", "audio", "output", "voice"))])
    assert "  # Why this voice\n" in out and "voice: cedar" in out and "# warm" in out
    assert out.index("# Why this voice") > out.index("audio:")  # moved with its key
    for line in (
        "# Header: what this profile is for.",
        "  type: realtime      # GA",
        "    Be brief.",
        "  tools: [{type: function, name: f}]   # one tool",
    ):
        assert line in out.splitlines()
    assert yaml.safe_load(out)["session"]["audio"]["output"]["voice"] == "cedar"


def test_a_rename_keeps_the_value_the_comment_and_the_position() -> None:
    text = COMMENTED.replace("  voice: cedar", "  voise: cedar")
    out = apply(text, [Edit("rename", ("session", "voise"), "voice")])
    assert out == COMMENTED.replace("voice: cedar        # warm", "voice: cedar        # warm")


def test_setting_a_value_touches_one_line() -> None:
    out = apply(COMMENTED, [Edit("set", ("session", "model"), "gpt-realtime-2.1-mini")])
    changed = [(a, b) for a, b in zip(COMMENTED.splitlines(), out.splitlines()) if a != b]
    assert changed == [("  model: gpt-realtime-2.1", "  model: gpt-realtime-2.1-mini")]


def test_json_keeps_its_key_order_and_indentation() -> None:
    text = '{\n    "type": "realtime",\n    "voice": "alloy",\n    "model": "gpt-realtime-2.1"\n}\n'
    out = apply(text, [Edit("move", ("voice",), ("audio", "output", "voice"))], is_json=True)
    assert out.splitlines()[:2] == ["{", '    "type": "realtime",']
    assert list(json.loads(out)) == ["type", "model", "audio"]
    assert '        "output": {' in out  # four spaces a level, as written


def test_the_merge_keeps_lines_the_renderer_changed_but_the_edit_did_not() -> None:
    original = "a: 1     # spaced\nb: [x: 1]\nc: 3\n"
    before = "a: 1 # spaced\nb: [{x: 1}]\nc: 3\n"
    after = "a: 1 # spaced\nb: [{x: 1}]\nc: 4\n"
    assert merge(original, before, after) == "a: 1     # spaced\nb: [x: 1]\nc: 4\n"


# -- the command line --------------------------------------------------------------------------------

FIXABLE = """\
# A profile with mistakes that have one obvious repair.
type: realtime
model: gpt-realtime   # deprecated on 2027-01-20
# the voice we chose
voice: alloy          # beta spelling
instrucions: Be brief.
output_modalities: [audio, text]
audio:
  input:
    format: g711_ulaw
    transcription: {model: gpt-transcribe, language: en-US}
tools:
  - type: function
    name: look up
tool_choice: {type: function, name: look up}
"""


def test_fix_diff_unsafe_and_show_fixes(run, tmp_path: Path) -> None:
    path = tmp_path / "agent.yaml"
    path.write_text(FIXABLE)
    path.chmod(0o640)
    diff = run("validate", str(path), "--diff", "--isolated")
    assert diff.exit_code == 1 and path.read_text() == FIXABLE  # shown, not written
    assert "-instrucions: Be brief." in diff.stdout and "+instructions: Be brief." in diff.stdout
    assert "gpt-realtime-2.1" not in diff.stdout  # the replacement model is an unsafe fix
    fixed = run("validate", str(path), "--fix", "--show-fixes", "--isolated")
    text = path.read_text()
    assert "fixed " in fixed.stderr and "RT100: rename 'instrucions' to 'instructions'" in fixed.stderr
    assert "# the voice we chose" in text and "# beta spelling" in text and text.startswith("# A profile")
    assert "model: gpt-realtime   # deprecated" in text  # unsafe: left alone
    assert stat.S_IMODE(path.stat().st_mode) == 0o640  # the mode is kept
    assert run("validate", str(path), "--diff", "--isolated").exit_code == 0  # nothing safe left
    unsafe = run("validate", str(path), "--fix", "--unsafe-fixes", "--isolated")
    text = path.read_text()
    assert "model: gpt-realtime-2.1" in text and "name: look_up" in text and text.count("look_up") == 2
    assert unsafe.exit_code == 0
    assert run("validate", str(path), "--diff", "--unsafe-fixes", "--isolated").exit_code == 0


def test_fix_option_misuse_is_a_usage_error(run, tmp_path: Path) -> None:
    path = tmp_path / "p.yaml"
    path.write_text("type: realtime\n")
    assert run("validate", str(path), "--unsafe-fixes").exit_code == 2
    assert run("validate", str(path), "--show-fixes").exit_code == 2
    assert run("validate", str(path), "--fix", "--diff").exit_code == 2


def test_a_fix_in_a_base_edits_the_base(run, tmp_path: Path, monkeypatch) -> None:
    (tmp_path / "rtcfg.toml").write_text("")
    base = tmp_path / "base.yaml"
    base.write_text("# the shared base\nsession:\n  type: realtime\n  instrucions: Be brief.   # house style\n")
    overlay = tmp_path / "prod.yaml"
    overlay.write_text("extends: base.yaml\nsession:\n  model: gpt-realtime-2.1\n")
    monkeypatch.chdir(tmp_path)
    result = run("validate", "prod.yaml", "--fix", "--show-fixes")
    assert result.exit_code == 0, result.stdout + result.stderr
    fixed = base.read_text().splitlines()
    assert fixed[:3] == ["# the shared base", "session:", "  type: realtime"]
    assert re.fullmatch(r"  instructions: Be brief\. +# house style", fixed[3])  # the comment stays at its column
    assert overlay.read_text() == "extends: base.yaml\nsession:\n  model: gpt-realtime-2.1\n"  # no copy


def test_shipped_profiles_have_nothing_safe_to_fix(run) -> None:
    # golden: every shipped profile is its own fixed form (they are commented, valid profiles)
    for path in shipped_profiles():
        text = path.read_text()
        assert fix_text(str(path), text, unsafe=False)[0] == text, path.name


def test_fixing_a_copy_of_the_bad_corpus_leaves_only_findings_without_a_safe_fix(run, tmp_path: Path) -> None:
    folder = tmp_path / "bad"
    shutil.copytree(FIXTURES / "bad", folder)
    (folder / "expected.yaml").unlink()
    run("validate", str(folder), "--fix", "--isolated", "--no-respect-gitignore")
    after = run("validate", str(folder), "--format", "json", "--isolated", "--no-respect-gitignore")
    for entry in json.loads(after.stdout)["files"]:
        name = entry["path"]
        profile = pipeline.check_path(name, pipeline.Options(root=str(folder)))
        safe_left = [
            d
            for d in profile.diagnostics
            if d.fix is not None and d.fix.safe and not _blocked(name, Path(name).read_text(errors="replace"), d)
        ]
        assert safe_left == [], (name, [(d.code, d.fix.description) for d in safe_left])


def test_migrate_keeps_every_comment_of_a_key_that_still_exists(run) -> None:
    legacy = REPO / "profiles" / "legacy-beta.yaml"
    out = run("migrate", str(legacy)).stdout
    kept = [line.strip() for line in legacy.read_text().splitlines() if "#" in line and "temperature" not in line]
    for comment in kept:
        assert any(comment in line or comment.split("#", 1)[1].strip() in line for line in out.splitlines()), comment


def test_the_fix_path_is_the_only_one_that_imports_ruamel(tmp_path: Path) -> None:
    import subprocess
    import sys

    profile = tmp_path / "p.yaml"
    profile.write_text("type: realtime\nmodel: gpt-realtime-2.1\n")
    probe = (
        "import sys\nfrom rtcfg.cli import main\nsys.argv=['rtcfg','validate','--isolated', sys.argv[1]]\n"
        "try:\n    main()\nexcept SystemExit:\n    pass\nprint('ruamel' in sys.modules, file=sys.stderr)\n"
    )
    out = subprocess.run([sys.executable, "-c", probe, str(profile)], capture_output=True, text=True)
    assert out.stderr.strip().endswith("False")


def test_a_moved_float_keeps_every_digit_on_every_ruamel_release() -> None:
    # ruamel 0.18.0 printed 7.633119821548462e-06 back as 7.633119821548461e-06
    text = "session:\n  turn_detection:\n    threshold: 7.633119821548462e-06\n"
    out = apply(text, [Edit("move", ("session", "turn_detection"), ("session", "audio", "input", "turn_detection"))])
    assert yaml.safe_load(out)["session"]["audio"]["input"]["turn_detection"]["threshold"] == 7.633119821548462e-06


def test_thousands_of_fixes_are_applied_in_a_few_passes(run, tmp_path: Path) -> None:
    # every fix of a round in one edit and one check: 2,000 renamed functions cost a few
    # checks (one check per fix would be 2,000 checks of a 2,000-tool profile)
    tools = "".join(f"  - {{type: function, name: tool {i}}}\n" for i in range(2000))
    path = tmp_path / "many.yaml"
    path.write_text("# generated\ntype: realtime\nmodel: gpt-realtime-2.1\ntools:\n" + tools)
    result = run("validate", str(path), "--isolated", "--fix", "--unsafe-fixes")
    assert result.exit_code == 0
    text = path.read_text()
    assert text.startswith("# generated\n") and "name: tool_1999}" in text and "tool 0" not in text


def test_a_text_the_renderer_would_respace_everywhere_changes_on_one_line() -> None:
    text = "type:     realtime\nmodel:    gpt-realtime\n" + "".join(f"k{i}:      {i}\n" for i in range(3000))
    out = apply(text, [Edit("set", ("model",), "gpt-realtime-2.1")])
    changed = [(a, b) for a, b in zip(text.splitlines(), out.splitlines()) if a != b]
    assert len(out.splitlines()) == len(text.splitlines())
    assert changed == [("model:    gpt-realtime", "model: gpt-realtime-2.1")]
