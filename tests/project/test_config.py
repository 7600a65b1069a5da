"""The project configuration through the real CLI: found upward, rtcfg.toml over
pyproject.toml, options over the file, --config and --isolated, faults with their line and a
did-you-mean, and a root that does not depend on where rtcfg runs from."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

GOOD = "type: realtime\nmodel: gpt-realtime-2.1\n"
# An input/output format mismatch: a warning (RT214) that configurations can turn off.
MISMATCH = (
    "type: realtime\nmodel: gpt-realtime-2.1\naudio:\n  input:\n    format: {type: audio/pcmu}\n"
    "  output:\n    voice: cedar\n"
)


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text)
    return path


def composed_project(top: Path) -> Path:
    """The README's composition layout: a base, a profile that extends it, an instruction
    file, a parameter schema pulled in with !include, and a configuration file."""
    write(top / "profiles/team/base.yaml", "session:\n  type: realtime\n  model: gpt-realtime-2.1\n")
    write(top / "profiles/team/prompts/agent.md", "Be brief.\n")
    write(
        top / "profiles/team/schemas/lookup.json",
        json.dumps({"type": "object", "properties": {"id": {"type": "string"}}, "required": ["id"]}),
    )
    write(
        top / "profiles/team/prod.yaml",
        "extends: base.yaml\nsession:\n  instructions: !include prompts/agent.md\n  tools:\n"
        "    - type: function\n      name: lookup_order\n      parameters: !include schemas/lookup.json\n",
    )
    write(
        top / "pyproject.toml",
        '[project]\nname = "voice"\n\n[tool.rtcfg]\ninclude = ["profiles/**/*.yaml", "profiles/**/*.json"]\n',
    )
    return top


def test_a_composed_project_validates_with_no_flags_from_any_folder(run, tmp_path: Path, monkeypatch) -> None:
    top = composed_project(tmp_path / "repo")
    for where in (top, top / "profiles", top / "profiles/team", top / "profiles/team/prompts"):
        monkeypatch.chdir(where)
        result = run("validate", "-v")
        assert result.exit_code == 0, (where, result.stdout, result.stderr)
        # the base and the parameter schema are checked as parts of prod.yaml, not alone
        assert "prod.yaml: ok" in result.stdout
        assert "lookup.json" not in result.stdout and "base.yaml" not in result.stdout
        assert "1 file valid" in result.stderr


def test_the_root_is_the_configuration_files_folder_not_the_current_one(run, tmp_path: Path, monkeypatch) -> None:
    top = composed_project(tmp_path / "repo")
    monkeypatch.chdir(top / "profiles/team")
    # Before: the root was the current folder, and prod.yaml's bases were "outside" it from
    # anywhere below; now the same answer from every folder.
    assert run("validate", "prod.yaml").exit_code == 0
    assert run("show", "prod.yaml").exit_code == 0
    out = run("show-settings", "--format", "json")
    assert json.loads(out.stdout)["root"] == {"value": str(top), "from": "default: the configuration file's folder"}


def test_without_a_configuration_the_git_top_is_the_root(run, tmp_path: Path, monkeypatch) -> None:
    top = tmp_path / "repo"
    write(top / "a/base.yaml", "session:\n  type: realtime\n")
    write(top / "a/b/p.yaml", "extends: ../base.yaml\nsession:\n  model: gpt-realtime-2.1\n")
    subprocess.run(["git", "init", "-q", str(top)], check=True)
    monkeypatch.chdir(top / "a/b")
    assert run("validate", "p.yaml").exit_code == 0
    # --isolated: no configuration, no git: the current folder is the root again
    isolated = run("validate", "p.yaml", "--isolated")
    assert isolated.exit_code == 1 and "RT011" in isolated.stdout


def test_rtcfg_toml_wins_over_pyproject_in_one_folder(run, tmp_path: Path, monkeypatch) -> None:
    write(tmp_path / "pyproject.toml", "[tool.rtcfg]\nstrict = true\n")
    write(tmp_path / "rtcfg.toml", "strict = false\n")
    write(tmp_path / "p.yaml", MISMATCH)
    monkeypatch.chdir(tmp_path)
    assert run("validate", "p.yaml").exit_code == 0
    settings = json.loads(run("show-settings", "-f", "json").stdout)
    assert settings["config"]["value"] == str(tmp_path / "rtcfg.toml")
    assert settings["strict"] == {"value": False, "from": f"{tmp_path / 'rtcfg.toml'}:1"}


def test_a_pyproject_without_the_table_is_not_a_configuration(run, tmp_path: Path, monkeypatch) -> None:
    write(tmp_path / "rtcfg.toml", "strict = true\n")
    write(tmp_path / "sub/pyproject.toml", '[project]\nname = "x"\n')
    write(tmp_path / "sub/p.yaml", MISMATCH)
    monkeypatch.chdir(tmp_path / "sub")
    assert run("validate", "p.yaml").exit_code == 1  # the rtcfg.toml above governs


def test_options_win_over_the_file(run, tmp_path: Path, monkeypatch) -> None:
    write(tmp_path / "rtcfg.toml", 'strict = true\nformat = "json"\n')
    write(tmp_path / "p.yaml", MISMATCH)
    monkeypatch.chdir(tmp_path)
    from_file = run("validate", "p.yaml")
    assert from_file.exit_code == 1 and json.loads(from_file.stdout)["valid"] is False
    overridden = run("validate", "p.yaml", "--no-strict", "--format", "concise")
    assert overridden.exit_code == 0
    assert overridden.stdout.startswith("p.yaml:5:") and " RT214 " in overridden.stdout
    origin = json.loads(run("show-settings", "-f", "json").stdout)["strict"]["from"]
    assert origin.endswith("rtcfg.toml:1")


def test_ignore_and_per_path_overrides(run, tmp_path: Path, monkeypatch) -> None:
    write(
        tmp_path / "pyproject.toml",
        '[tool.rtcfg]\nignore = ["model-deprecated"]\n\n'
        '[[tool.rtcfg.overrides]]\npaths = ["phone/**"]\nignore = ["RT214"]\n\n'
        '[[tool.rtcfg.overrides]]\npaths = ["legacy/*.yaml"]\napi = "beta"\n',
    )
    write(tmp_path / "phone/p.yaml", MISMATCH)
    write(tmp_path / "web/p.yaml", MISMATCH)
    # a beta app's partial update: nothing in it says its era (RT114 unless declared)
    write(tmp_path / "legacy/update.yaml", "instructions: be brief\n")
    write(tmp_path / "other/update.yaml", "instructions: be brief\n")
    monkeypatch.chdir(tmp_path)
    result = run("validate", "--format", "json")
    by_path = {f["path"]: {d["code"] for d in f["diagnostics"]} for f in json.loads(result.stdout)["files"]}
    assert by_path[os.path.join(".", "phone", "p.yaml")] == set()
    assert by_path[os.path.join(".", "web", "p.yaml")] == {"RT214"}
    assert by_path[os.path.join(".", "legacy", "update.yaml")] == {"RT110"}  # read as beta
    assert by_path[os.path.join(".", "other", "update.yaml")] == {"RT114"}
    # the same for a single-file command, and what show-settings says about the file
    assert run("show", "legacy/update.yaml").exit_code == 0
    per_file = json.loads(run("show-settings", "legacy/update.yaml", "-f", "json").stdout)
    assert per_file["for legacy/update.yaml: api"]["value"] == "beta"
    # --api on the command line wins over the file's
    assert run("validate", "legacy/update.yaml", "--api", "ga").exit_code == 1


@pytest.mark.parametrize(
    ("config", "line", "words"),
    [
        (
            "[tool.rtcfg]\nstrict = true\nexlude = ['x']\n",
            3,
            "unknown key 'exlude' in [tool.rtcfg]; did you mean 'exclude'?",
        ),
        ("[tool.rtcfg]\nstrict = 'yes'\n", 2, "strict must be true or false"),
        ("[tool.rtcfg]\nignore = ['RT2144']\n", 2, "unknown rule 'RT2144'; did you mean RT214?"),
        ("[tool.rtcfg]\nignore = ['RT100']\n", 2, "RT100 (unknown-key) cannot be turned off"),
        ("[tool.rtcfg]\napi = 'gaa'\n", 2, "api must be one of ga, beta, live, not 'gaa'; did you mean 'ga'?"),
        ("[tool.rtcfg]\nformat = 'junitxml'\n", 2, "format must be one of"),
        ("[tool.rtcfg]\nroot = 'nowhere'\n", 2, "root 'nowhere' is not a folder"),
        (
            "[tool.rtcfg]\nstrict = true\n\n[[tool.rtcfg.overrides]]\npaths = ['a']\n\n"
            "[[tool.rtcfg.overrides]]\npath = ['b']\n",
            8,
            "unknown key 'path' in [tool.rtcfg] overrides; did you mean 'paths'?",
        ),
        ("[tool.rtcfg]\n\n[[tool.rtcfg.overrides]]\nignore = ['RT214']\n", 3, "an override needs paths"),
    ],
)
def test_configuration_faults_name_the_file_and_line(run, tmp_path: Path, monkeypatch, config, line, words) -> None:
    write(tmp_path / "pyproject.toml", config)
    write(tmp_path / "p.yaml", GOOD)
    monkeypatch.chdir(tmp_path)
    result = run("validate", "p.yaml")
    assert result.exit_code == 2
    assert f"rtcfg: {tmp_path / 'pyproject.toml'}:{line}: " in result.stderr
    assert words in result.stderr
    assert "Traceback" not in result.stderr


def test_invalid_toml_and_hostile_config_files(run, tmp_path: Path, monkeypatch) -> None:
    write(tmp_path / "rtcfg.toml", "strict = \n")
    write(tmp_path / "p.yaml", GOOD)
    monkeypatch.chdir(tmp_path)
    result = run("validate", "p.yaml")
    assert result.exit_code == 2 and "not valid TOML" in result.stderr and "line 1" in result.stderr
    (tmp_path / "rtcfg.toml").unlink()
    os.mkfifo(tmp_path / "rtcfg.toml")  # would block a plain open() forever
    result = run("validate", "p.yaml")
    assert result.exit_code == 2 and "not a readable regular file" in result.stderr
    (tmp_path / "rtcfg.toml").unlink()
    (tmp_path / "rtcfg.toml").write_bytes(b"strict = true\n" + b"#" * (2 * 1024 * 1024))
    assert "over 1,048,576 bytes" in run("validate", "p.yaml").stderr
    # --isolated reads none of it
    assert run("validate", "p.yaml", "--isolated").exit_code == 0


def test_config_option_names_the_file(run, tmp_path: Path, monkeypatch) -> None:
    write(tmp_path / "ci/strict.toml", "strict = true\n")
    write(tmp_path / "p.yaml", MISMATCH)
    monkeypatch.chdir(tmp_path)
    assert run("validate", "p.yaml").exit_code == 0
    assert run("validate", "p.yaml", "--config", "ci/strict.toml").exit_code == 1
    missing = run("validate", "p.yaml", "--config", "nope.toml")
    assert missing.exit_code == 2 and "--config nope.toml: no such file" in missing.stderr
    shown = run("show-settings", "--config", "ci/strict.toml")
    assert "strict            = true" in shown.stdout and "ci/strict.toml:1" in shown.stdout


def test_show_settings_prints_every_key_and_its_origin(run, tmp_path: Path, monkeypatch) -> None:
    write(tmp_path / "rtcfg.toml", '# team settings\nextend-exclude = ["generated/"]\nignore = ["RT214"]\n')
    monkeypatch.chdir(tmp_path)
    out = run("show-settings").stdout
    for key in (
        "config",
        "root",
        "include",
        "exclude",
        "extend-exclude",
        "respect-gitignore",
        "ignore",
        "strict",
        "api",
        "format",
        "overrides",
    ):
        assert any(line.startswith(key + " ") for line in out.splitlines()), key
    assert 'extend-exclude    = ["generated/"]  # ' + str(tmp_path / "rtcfg.toml") + ":2" in out
    assert 'ignore            = ["RT214"]  # ' + str(tmp_path / "rtcfg.toml") + ":3" in out
    assert "include           = " in out and "# default" in out


def test_the_configuration_costs_no_toml_parse_when_there_is_none(tmp_path: Path) -> None:
    # A folder without configuration: the walk up reads no TOML (tomllib is not imported).
    write(tmp_path / "p.yaml", GOOD)
    probe = (
        "import sys\nfrom rtcfg.cli import main\nsys.argv=['rtcfg','validate','--format','json','p.yaml']\n"
        "try:\n    main()\nexcept SystemExit:\n    pass\n"
        "print('TOML' if {'tomllib','tomli'} & set(sys.modules) else 'none', file=sys.stderr)\n"
    )
    out = subprocess.run([sys.executable, "-c", probe], cwd=tmp_path, capture_output=True, text=True)
    assert out.stderr.strip().endswith("none"), out.stderr


def test_a_configuration_with_thousands_of_overrides_is_read_in_one_pass(run, tmp_path: Path, monkeypatch) -> None:
    # each override's line is found within its own table: 12,000 overrides are one pass over
    # the file (searching from the top for each would be 1e8 line matches)
    body = "".join(f'[[tool.rtcfg.overrides]]\npaths = ["p{n}/**"]\nignore = ["RT214"]\n\n' for n in range(12_000))
    write(
        tmp_path / "pyproject.toml",
        "[tool.rtcfg]\nstrict = true\n\n" + body + "[[tool.rtcfg.overrides]]\npaths = ['x']\napi = 'gaa'\n",
    )
    write(tmp_path / "p.yaml", GOOD)
    monkeypatch.chdir(tmp_path)
    result = run("validate", "p.yaml")
    assert result.exit_code == 2 and f"pyproject.toml:{3 + 1 + 4 * 12_000 + 2}: api must be one of" in result.stderr


def test_the_library_reads_the_same_configuration(tmp_path: Path) -> None:
    import rtcfg

    top = composed_project(tmp_path / "repo")
    write(top / "pyproject.toml", '[tool.rtcfg]\nignore = ["RT214"]\n')
    write(top / "profiles/team/phone.yaml", MISMATCH)
    # the root is the configuration's folder: prod.yaml's bases are inside it
    assert rtcfg.load_profile(str(top / "profiles/team/prod.yaml")).valid
    assert rtcfg.load_profile(str(top / "profiles/team/phone.yaml")).diagnostics == ()
    write(top / "pyproject.toml", "[tool.rtcfg]\nignor = []\n")
    with pytest.raises(rtcfg.ConfigError, match=r"pyproject.toml:2: unknown key 'ignor'.*did you mean 'ignore'"):
        rtcfg.load_profile(str(top / "profiles/team/prod.yaml"))


def test_every_command_that_reads_a_profile_takes_config_and_isolated(run, tmp_path: Path, monkeypatch) -> None:
    write(tmp_path / "ci/beta.toml", 'api = "beta"\n')
    write(tmp_path / "update.yaml", "instructions: be brief\n")  # cannot tell its dialect
    write(tmp_path / "other.yaml", "instructions: be briefer\n")
    monkeypatch.chdir(tmp_path)
    for argv in (["show", "update.yaml"], ["render", "update.yaml"], ["diff", "update.yaml", "other.yaml"]):
        assert run(*argv, "--config", "ci/beta.toml").exit_code in (0, 1), argv
        undeclared = run(*argv, "--isolated")
        assert "RT114" in undeclared.stderr, argv
    explained = run("explain", "Unknown parameter: 'session.type'.", "update.yaml", "--config", "ci/beta.toml")
    assert explained.exit_code == 0
