"""Which files a folder scan checks: include/exclude globs, .gitignore as git reads it
(checked against `git check-ignore` in a real repository), files that are parts of other
profiles, a named file always checked, and stdin named with --stdin-filename."""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

import pytest

from rtcfg.project.config import Settings
from rtcfg.project.select import select

GOOD = "type: realtime\nmodel: gpt-realtime-2.1\n"


def write(path: Path, text: str = GOOD) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text)
    return path


def checked(run, *args: str) -> list[str]:
    result = run("validate", "--format", "json", *args)
    assert result.exit_code in (0, 1), result.stderr
    return [f["path"] for f in json.loads(result.stdout)["files"]]


def names(top: Path, paths: list[str]) -> set[str]:
    return {os.path.relpath(p, top).replace(os.sep, "/") for p in paths}


def test_gitignore_is_honoured_as_git_reads_it(tmp_path: Path) -> None:
    top = tmp_path / "repo"
    files = [
        "a.yaml",
        "gen/out.yaml",
        "gen/keep.yaml",
        "deep/x/build.yaml",
        "deep/x/local.yaml",
        "deep/y/tmp.yaml",
        "logs/run.json",
        "nested/inner/skip.yml",
        "nested/inner/stay.yml",
    ]
    for f in files:
        write(top / f)
    write(top / ".gitignore", "gen/*\n!gen/keep.yaml\n*.json\nbuild.yaml\n/deep/y/\n")
    write(top / "nested/.gitignore", "inner/skip.yml\n")
    write(top / "deep/x/.gitignore", "*.yaml\n!local.yaml\n")
    subprocess.run(["git", "init", "-q", str(top)], check=True)
    ignored_by_git = set(
        subprocess.run(
            ["git", "check-ignore", "--no-index", *files], cwd=top, capture_output=True, text=True
        ).stdout.split()
    )
    assert ignored_by_git  # the probe itself works
    chosen = select([str(top)], Settings(root=str(top)))
    assert names(top, list(chosen.files)) == set(files) - ignored_by_git
    # turned off: everything again
    every = select([str(top)], Settings(root=str(top)), respect_gitignore=False)
    assert names(top, list(every.files)) == set(files)


def test_exclude_extend_exclude_and_the_option(run, tmp_path: Path, monkeypatch) -> None:
    for f in ("p.yaml", "node_modules/pkg/x.yaml", "generated/g.yaml", "drafts/d.yaml", ".hidden/h.yaml"):
        write(tmp_path / f)
    write(tmp_path / "rtcfg.toml", 'extend-exclude = ["generated/"]\n')
    monkeypatch.chdir(tmp_path)
    assert names(tmp_path, checked(run)) == {"p.yaml", "drafts/d.yaml"}
    assert names(tmp_path, checked(run, ".", "--exclude", "drafts")) == {"p.yaml"}
    # a file named on the command line is always checked
    assert names(tmp_path, checked(run, "generated/g.yaml", "node_modules/pkg/x.yaml")) == {
        "generated/g.yaml",
        "node_modules/pkg/x.yaml",
    }
    # exclude replaces the defaults
    write(tmp_path / "rtcfg.toml", 'exclude = ["drafts"]\n')
    assert names(tmp_path, checked(run)) == {"p.yaml", "node_modules/pkg/x.yaml", "generated/g.yaml"}


def test_files_other_profiles_use_are_parts_not_profiles(run, tmp_path: Path, monkeypatch) -> None:
    write(tmp_path / "bases/voice.yaml", "session:\n  audio:\n    output:\n      voice: cedar\n")
    write(tmp_path / "bases/model.yaml", "session:\n  type: realtime\n  model: gpt-realtime-2.1\n")
    write(tmp_path / "schemas/lookup.json", '{"type": "object", "properties": {}}')
    write(
        tmp_path / "agents/a.yaml",
        "# uses two bases\nextends:\n  - ../bases/model.yaml\n  - ../bases/voice.yaml\nsession:\n  tools:\n"
        "    - type: function\n      name: f\n      parameters: !include '../schemas/lookup.json'\n",
    )
    write(tmp_path / "agents/b.json", json.dumps({"extends": "../bases/model.yaml", "session": {}}))
    write(
        tmp_path / "partial.yaml",
        "# rtcfg: partial -- only extended by the apps' own profiles\nsession:\n  tools: []\n",
    )
    monkeypatch.chdir(tmp_path)
    assert names(tmp_path, checked(run)) == {"agents/a.yaml", "agents/b.json"}
    # named, a part is checked as the user asks
    assert names(tmp_path, checked(run, "bases/voice.yaml")) == {"bases/voice.yaml"}
    # a part is a part only of a profile in the same run: scanned alone, the bases are profiles
    assert names(tmp_path, checked(run, "bases")) == {"bases/model.yaml", "bases/voice.yaml"}


def test_a_folder_of_parts_only_says_so(run, tmp_path: Path, monkeypatch) -> None:
    write(tmp_path / "only/partial.yaml", "# rtcfg: partial\nsession:\n  tools: []\n")
    monkeypatch.chdir(tmp_path)
    result = run("validate", "only")
    assert result.exit_code == 2
    assert "no profiles found in only" in result.stderr and "1 files there are parts of other profiles" in result.stderr


def test_a_fifo_in_a_scanned_folder_does_not_hang_the_scan(run, tmp_path: Path, monkeypatch) -> None:
    write(tmp_path / "p.yaml")
    os.mkfifo(tmp_path / "pipe.yaml")
    os.mkfifo(tmp_path / ".gitignore")
    subprocess.run(["git", "init", "-q", str(tmp_path)], check=True)
    monkeypatch.chdir(tmp_path)
    result = run("validate", ".", "--format", "json")
    assert result.exit_code == 2  # the FIFO is reported unreadable, not opened
    codes = {f["path"]: [d["code"] for d in f["diagnostics"]] for f in json.loads(result.stdout)["files"]}
    assert codes[os.path.join(".", "pipe.yaml")] == ["RT009"]
    assert codes[os.path.join(".", "p.yaml")] == []


def test_stdin_filename_names_the_input_and_finds_its_bases(run, tmp_path: Path, monkeypatch) -> None:
    write(tmp_path / "team/base.yaml", "session:\n  type: realtime\n  model: gpt-realtime-2.1\n")
    write(tmp_path / "rtcfg.toml", '[[overrides]]\npaths = ["team/**"]\nignore = ["RT214"]\n')
    monkeypatch.chdir(tmp_path)
    text = "extends: base.yaml\nsession:\n  audio:\n    input:\n      format: {type: audio/pcmu}\n"
    result = run("validate", "-", "--stdin-filename", "team/new.yaml", "--format", "concise", input=text)
    assert result.exit_code == 0, result.stdout + result.stderr
    assert result.stdout == ""  # RT214 turned off for team/** by the configuration
    named = run("validate", "-", "--stdin-filename", "elsewhere/new.yaml", "--format", "concise", input=text)
    assert named.stdout.startswith("elsewhere/new.yaml:1:10: RT010 ")  # its base is looked up next to it
    unnamed = run("validate", "--stdin-filename", "x.yaml", "p.yaml")
    assert unnamed.exit_code == 2 and "give - as a PATH" in unnamed.stderr


@pytest.mark.parametrize("depth", [1, 40])
def test_selection_grows_with_the_files_not_faster(tmp_path: Path, depth: int) -> None:
    # Deep folders each with a .gitignore: every file asks each .gitignore above it once;
    # the specs are read once per folder (a cache), so the work is files x depth at worst.
    folder = tmp_path
    for n in range(depth):
        folder = folder / f"d{n}"
        write(folder / ".gitignore", f"ignored{n}.yaml\n")
        write(folder / f"ignored{n}.yaml")
        write(folder / f"kept{n}.yaml")
    chosen = select([str(tmp_path)], Settings(root=str(tmp_path)))
    assert len(chosen.files) == depth
