"""Untrusted input, round two: every command ends with exit 1 or 2 and a clear message (never
exit 3, a traceback or a hang), reads nothing outside the project root, prints no secret,
and writes nothing it should not. Hostile files are generated here, not committed."""

from __future__ import annotations

import json
import os
import signal
import stat
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import REPO, Run

from rtcfg.load.yamlio import MAX_DEPTH

COMMANDS = ["validate", "render", "show", "migrate", "explain", "diff"]


def _args(command: str, name: str) -> list[str]:
    if command == "diff":
        return ["diff", name, name]
    if command == "explain":
        return ["explain", "Unknown parameter: 'session.x'.", name]
    return [command, name]


def _nested_parameters(levels: int) -> dict[str, object]:
    value: dict[str, object] = {"type": "string"}
    for _ in range(levels):
        value = {"type": "object", "properties": {"a": value}}
    return {"type": "realtime", "tools": [{"type": "function", "name": "f", "parameters": value}]}


def _nested_metadata(levels: int) -> dict[str, object]:
    value: dict[str, object] = {"x": 1}
    for _ in range(levels):
        value = {"k": value}
    return {"type": "realtime", "tracing": {"workflow_name": "w", "metadata": value}}


# name -> (file name, content, code, line, column)
CRASHERS: dict[str, tuple[str, str, str, int, int]] = {
    "!!int abc": ("tag.yaml", "type: realtime\ninstructions: !!int abc\n", "RT006", 2, 15),
    "!!float x": ("tag.yaml", "type: realtime\nmax_output_tokens: !!float x\n", "RT006", 2, 20),
    "!!bool maybe": ("tag.yaml", "type: realtime\ninstructions: !!bool maybe\n", "RT006", 2, 15),
    "!!timestamp 2001-13-45": ("tag.yaml", "type: realtime\ninstructions: !!timestamp 2001-13-45\n", "RT006", 2, 15),
    "!!set x": ("tag.yaml", "type: realtime\ninstructions: !!set x\n", "RT006", 2, 15),
    "!!map x": ("tag.yaml", "type: realtime\ninstructions: !!map x\n", "RT006", 2, 15),
    "!!str [a]": ("tag.yaml", "type: realtime\ninstructions: !!str [a]\n", "RT006", 2, 15),
    "!!int [1]": ("tag.yaml", "type: realtime\nmax_output_tokens: !!int [1]\n", "RT006", 2, 20),
    "JSON 300 levels of metadata": ("deep.json", json.dumps(_nested_metadata(300)), "RT008", 1, -1),
    "JSON parameters 100 levels deep": ("deep.json", json.dumps(_nested_parameters(100)), "RT008", 1, 0),
    "JSON parameters 95 levels deep": ("deep.json", json.dumps(_nested_parameters(95)), "RT008", 1, 80),
    "JSON lone surrogate": ("s.json", '{"type": "realtime", "instructions": "a\\ud800b"}', "RT005", 1, 40),
    # PyYAML refuses the escape itself: a load error at it, as for any bad escape
    "YAML lone surrogate": ("s.yaml", 'type: realtime\ninstructions: "a\\udc80b"\n', "RT001", 2, 19),
}


@pytest.mark.parametrize("command", COMMANDS)
@pytest.mark.parametrize("case", sorted(CRASHERS))
def test_inputs_that_crashed_are_errors_at_their_place(run: Run, chdir_tmp: Path, case: str, command: str) -> None:
    name, content, code, line, column = CRASHERS[case]
    Path(name).write_text(content)
    result = run(*_args(command, name))
    # explain explains the API's error (exit 0) and says the profile does not parse
    expected = (0,) if command == "explain" else (1, 2)
    assert result.exit_code in expected and "Traceback" not in result.output, result.output
    assert "internal error" not in result.output
    if command == "validate":
        got = json.loads(run("validate", "--format", "json", name).stdout)["files"][0]["diagnostics"]
        assert got[0]["code"] == code, got
        if column < 0:  # the first bracket that opens a level over the limit
            column = [i for i, ch in enumerate(content) if ch == "{"][MAX_DEPTH] + 1
        assert got[0]["line"] == line and (column == 0 or got[0]["column"] == column), got


def test_a_pair_of_surrogate_escapes_is_one_character() -> None:
    from rtcfg.load.yamlio import parse

    assert parse("e.json", '{"a": "\\ud83d\\ude00 \\ud800"}'.replace(" \\ud800", ""), is_json=True).data == {"a": "😀"}


def test_the_json_depth_rule_is_the_yaml_one() -> None:
    from rtcfg.load.yamlio import LoadError, parse

    text = '{"a":' * (MAX_DEPTH + 5) + "1" + "}" * (MAX_DEPTH + 5)
    with pytest.raises(LoadError) as caught:
        parse("d.json", text, is_json=True)
    d = caught.value.diagnostic
    assert (d.code, d.line, d.column) == ("RT008", 1, 5 * MAX_DEPTH + 1)
    # brackets inside strings are not nesting
    quoted = json.dumps({"instructions": "[" * 500 + "{" * 500})
    assert parse("q.json", quoted, is_json=True).data["instructions"].startswith("[[[")


# -- secrets ---------------------------------------------------------------------------------------

TOKEN = "ghp_" + "x" * 36


def test_a_value_from_the_environment_is_never_echoed(run: Run, chdir_tmp: Path, monkeypatch) -> None:
    monkeypatch.setenv("RTCFG_TEST_TOKEN", TOKEN)
    Path("p.yaml").write_text(
        "session:\n  type: realtime\n  model: ${RTCFG_TEST_TOKEN}\n  voice: ${RTCFG_TEST_TOKEN}\n"
    )
    outputs = [run("validate", "--format", fmt, "p.yaml") for fmt in ("text", "json", "github", "sarif")]
    outputs += [run("explain", "Invalid value: 'x'.", "p.yaml"), run("show", "p.yaml")]
    for result in outputs:
        assert TOKEN not in result.output, result.output
    report = json.loads(outputs[1].stdout)
    messages = [d["message"] for d in report["files"][0]["diagnostics"]]
    assert any("${RTCFG_TEST_TOKEN}" in m for m in messages), messages  # shown as it is written


SECRET_KEYS = """\
type: realtime
tools:
  - type: mcp
    server_label: docs
    server_url: https://admin:hunter2-password@docs.example.com/mcp
    authorization: "Bearer $${{not-a-reference}}-sk-live-LITERAL-123"
    headers: {{X-Api-Key: 4815162342, X-Flag: true, X-Date: 2026-01-01}}
  - type: mcp
    server_label: docs
    server_url: https://b.example.com/mcp
{extra}"""


def test_masking_is_decided_by_the_key(run: Run, chdir_tmp: Path) -> None:
    # numbers and dates where a header value belongs: invalid, and still never shown
    Path("bad.yaml").write_text(SECRET_KEYS.format(extra=""))
    valid = SECRET_KEYS.format(extra="").replace("4815162342, X-Flag: true, X-Date: 2026-01-01", "'4815162342'")
    Path("a.yaml").write_text(valid)
    Path("b.yaml").write_text(valid.replace("4815162342", "4815162343") + "instructions: changed\n")
    outputs = [
        run("validate", "--format", fmt, name)
        for fmt in ("text", "json", "github", "sarif")
        for name in ("bad.yaml", "a.yaml")
    ]
    outputs += [run("show", "--format", fmt, "a.yaml") for fmt in ("text", "json")]
    outputs += [run("diff", "--format", fmt, "a.yaml", "b.yaml") for fmt in ("text", "json")]
    assert json.loads(outputs[2].stdout)["files"][0]["valid"] is False
    for result in outputs:
        for secret in ("LITERAL-123", "4815162342", "4815162343", "hunter2", "2026-01-01"):
            assert secret not in result.output, (secret, result.output)
    shown = json.loads(run("show", "--format", "json", "a.yaml").stdout)
    assert shown["tools"][0]["server_url"] == "https://********@docs.example.com/mcp"
    assert set(shown["tools"][0]["headers"].values()) == {"********"}


def test_a_finding_about_a_secret_key_quotes_neither_value_nor_line(run: Run, chdir_tmp: Path) -> None:
    Path("p.yaml").write_text(
        "type: realtime\ntools:\n  - type: mcp\n    server_label: docs\n    server_url: https://d.example.com\n"
        "    authorization: sk-live-abcdefghijklmnop\n"
    )
    result = run("validate", "--color", "never", "p.yaml")
    assert "RT209" in result.stdout and "sk-live" not in result.stdout and "6 │" not in result.stdout


# -- reading outside the root ----------------------------------------------------------------------

SENTINEL = "outside-the-root-secret-4b1d"


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "creds.yaml").write_text(f"token: {SENTINEL}\n")
    (outside / "shadow").write_text(f"root:{SENTINEL}:19000:0:99999:7:::\n")
    root = tmp_path / "repo"
    (root / "profiles").mkdir(parents=True)
    (root / "profiles" / "ok.yaml").write_text("type: realtime\n")
    (root / "profiles" / "evil.yaml").symlink_to(outside / "creds.yaml")
    monkeypatch.chdir(root)
    return root


def test_a_scan_never_reads_a_symlink_out_of_the_root(run: Run, project: Path) -> None:
    for fmt in ("text", "json", "github", "sarif"):
        result = run("validate", "--format", fmt, "profiles")
        assert SENTINEL not in result.output and result.exit_code == 1
    report = json.loads(run("validate", "--format", "json", "profiles").stdout)
    (evil,) = [f for f in report["files"] if f["path"].endswith("evil.yaml")]
    assert evil["diagnostics"][0]["code"] == "RT011" and "not read" in evil["diagnostics"][0]["message"]
    assert [f["valid"] for f in report["files"] if f["path"].endswith("ok.yaml")] == [True]


def test_a_file_named_explicitly_is_read_but_never_quoted_when_not_a_profile(run: Run, project: Path) -> None:
    (project / "agent.yaml").symlink_to(project.parent / "outside" / "shadow")
    for target in (str(project.parent / "outside" / "shadow"), "agent.yaml"):
        for fmt in ("text", "json", "github", "sarif"):
            result = run("validate", "--format", fmt, target)
            assert SENTINEL not in result.output, result.output


def test_includes_and_bases_never_reach_into_git(run: Run, project: Path) -> None:
    (project / ".git").mkdir()
    (project / ".git" / "config").write_text(f"[http]\n\textraheader = AUTHORIZATION: basic {SENTINEL}\n")
    (project / "p.yaml").write_text("type: realtime\ninstructions: !include .git/config\n")
    (project / "q.yaml").write_text("extends: .git/config\nsession: {type: realtime}\n")
    for name in ("p.yaml", "q.yaml"):
        result = run("validate", "--format", "json", name)
        assert SENTINEL not in result.output
        assert json.loads(result.stdout)["files"][0]["diagnostics"][0]["code"] == "RT011"


def test_the_library_reads_no_file_and_no_environment_unless_asked(project: Path, monkeypatch) -> None:
    import rtcfg

    monkeypatch.setenv("RTCFG_TEST_TOKEN", "from-the-environment")
    text = rtcfg.load_text("extends: profiles/ok.yaml\nsession: {instructions: hi}\n")
    assert [d.code for d in text.errors] == ["RT011"]
    assert rtcfg.load_text("extends: profiles/ok.yaml\nsession: {instructions: hi}\n", root=str(project)).valid
    (project / "profiles" / "env.yaml").write_text("type: realtime\ninstructions: ${RTCFG_TEST_TOKEN}\n")
    assert [d.code for d in rtcfg.load_profile("profiles/env.yaml").errors] == ["RT013"]
    read = rtcfg.load_profile("profiles/env.yaml", env=os.environ)
    assert read.valid and read.session is not None and read.session["instructions"] == "from-the-environment"
    # confined to the profile's project, wherever the process stands
    (project / "pyproject.toml").write_text("")
    (project / "profiles" / "up.yaml").write_text("extends: ../../outside/creds.yaml\nsession: {type: realtime}\n")
    monkeypatch.chdir(project.parent)
    assert [d.code for d in rtcfg.load_profile(str(project / "profiles" / "up.yaml")).errors] == ["RT011"]


# -- writes ------------------------------------------------------------------------------------------

PROFILE = str(REPO / "profiles" / "sip-agent.yaml")


def test_a_write_never_replaces_what_is_not_a_regular_file(run: Run, chdir_tmp: Path) -> None:
    os.mkfifo("fifo.json")
    for target in ("/dev/null", "fifo.json", "."):
        result = run("render", PROFILE, "-o", target)
        assert result.exit_code == 2 and "not a regular file" in result.stderr, (target, result.stderr)
    assert stat.S_ISCHR(os.stat("/dev/null").st_mode) and stat.S_ISFIFO(os.stat("fifo.json").st_mode)


def test_a_symlink_is_written_through_and_mode_and_owner_are_kept(run: Run, chdir_tmp: Path) -> None:
    Path("real.json").write_text("old\n")
    os.chmod("real.json", 0o640)
    Path("link.json").symlink_to("real.json")
    assert run("render", PROFILE, "-o", "link.json").exit_code == 0
    assert Path("link.json").is_symlink() and json.loads(Path("real.json").read_text())["type"] == "session.update"
    assert stat.S_IMODE(os.stat("real.json").st_mode) == 0o640
    assert sorted(p.name for p in Path().iterdir()) == ["link.json", "real.json"]


def test_a_read_only_file_is_not_overwritten(run: Run, chdir_tmp: Path) -> None:
    Path("out.json").write_text("keep\n")
    os.chmod("out.json", 0o444)
    result = run("render", PROFILE, "-o", "out.json")
    assert result.exit_code == 2 and "read-only" in result.stderr and Path("out.json").read_text() == "keep\n"


def test_render_refuses_to_write_over_its_own_input(run: Run, chdir_tmp: Path) -> None:
    Path("p.yaml").write_text(Path(PROFILE).read_text())
    Path("alias.yaml").symlink_to("p.yaml")
    for target in ("p.yaml", "./p.yaml", "alias.yaml"):
        result = run("render", "p.yaml", "-o", target)
        assert result.exit_code == 2 and "the profile itself" in result.stderr
    assert Path("p.yaml").read_text() == Path(PROFILE).read_text()


def test_sigterm_during_a_write_leaves_no_temporary_file(chdir_tmp: Path, monkeypatch) -> None:
    from rtcfg.cli import atomic

    Path("out.json").write_text("old\n")
    monkeypatch.setattr(atomic.os, "fsync", lambda fd: os.kill(os.getpid(), signal.SIGTERM))
    with pytest.raises(SystemExit) as stopped:
        atomic.write_atomic("out.json", "new\n")
    assert stopped.value.code == 128 + signal.SIGTERM
    assert sorted(p.name for p in Path().iterdir()) == ["out.json"] and Path("out.json").read_text() == "old\n"
    assert signal.getsignal(signal.SIGTERM) is not None


# -- REV:path ----------------------------------------------------------------------------------------


def _git(cwd: Path, *args: str) -> None:
    subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True)


def test_rev_path_is_git_first_when_the_revision_resolves(run: Run, chdir_tmp: Path) -> None:
    _git(chdir_tmp, "init", "-q")
    _git(chdir_tmp, "config", "user.email", "t@example.com")
    _git(chdir_tmp, "config", "user.name", "t")
    Path("agent.yaml").write_text("type: realtime\ninstructions: committed\n")
    _git(chdir_tmp, "add", "agent.yaml")
    _git(chdir_tmp, "commit", "-q", "-m", "one")
    Path("agent.yaml").write_text("type: realtime\ninstructions: changed\n")
    # a pull request adds a file named like the revision, to make the diff compare itself
    Path("HEAD:agent.yaml").write_text("type: realtime\ninstructions: changed\n")
    result = run("diff", "--format", "json", "HEAD:agent.yaml", "agent.yaml")
    assert result.exit_code == 1 and json.loads(result.stdout)["changes"][0]["old"] == "committed"
    bad = run("diff", "--upload-pack=x:agent.yaml", "agent.yaml")
    assert bad.exit_code == 2
    worse = run("diff", "--", "-x:agent.yaml", "agent.yaml")
    assert worse.exit_code == 2 and "cannot start with '-'" in worse.stderr
    missing = run("diff", "nosuchrev:agent.yaml", "agent.yaml")
    assert missing.exit_code == 2 and "not a revision" in missing.stderr


# -- cost that grows no faster than the input --------------------------------------------------------


def test_each_base_and_include_is_read_once_however_often_it_is_named(chdir_tmp: Path) -> None:
    # 18 files, each extending the next twice: 2 ** 18 compositions without memory of them
    from rtcfg.check.pipeline import Options, check_path
    from rtcfg.load import compose

    depth = 18
    for i in range(depth):
        nxt = f"f{i + 1}.yaml"
        Path(f"f{i}.yaml").write_text(f"extends: [{nxt}, {nxt}]\nsession: {{type: realtime}}\n")
    Path(f"f{depth}.yaml").write_text("session: {type: realtime, instructions: !include prompt.md}\n")
    Path("prompt.md").write_text("Be brief.\n")
    reads: list[str] = []
    real = compose.read_file

    def counting(path: str):  # type: ignore[no-untyped-def]
        reads.append(os.path.basename(path))
        return real(path)

    original = compose.read_file
    compose.read_file = counting
    try:
        profile = check_path("f0.yaml", Options(root=str(chdir_tmp)))
    finally:
        compose.read_file = original
    assert profile.valid, profile.diagnostics
    assert sorted(reads) == sorted({*reads}) and len(reads) == depth + 1  # every file once


def test_an_include_used_many_times_counts_against_the_budget(chdir_tmp: Path, monkeypatch) -> None:
    from rtcfg.check.pipeline import Options, check_path
    from rtcfg.load import compose

    monkeypatch.setattr(compose, "MAX_COMPOSED_BYTES", 100_000)
    Path("big.txt").write_text("x" * 10_000)
    aliases = "".join(f"    b{i}: *t\n" for i in range(20))
    Path("p.yaml").write_text(
        "type: realtime\ntracing:\n  workflow_name: w\n  metadata:\n    a: &t !include big.txt\n" + aliases
    )
    profile = check_path("p.yaml", Options(root=str(chdir_tmp)))
    assert [d.code for d in profile.errors] == ["RT008"] and "counted each time" in profile.errors[0].message


def test_a_long_string_aliased_many_times_is_too_large(monkeypatch) -> None:
    from rtcfg.load import yamlio

    monkeypatch.setattr(yamlio, "MAX_EXPANDED_TEXT", 100_000)
    text = "a: &s " + "x" * 10_000 + "\nb: [" + ", ".join(["*s"] * 20) + "]\n"
    with pytest.raises(yamlio.LoadError) as caught:
        yamlio.parse("p.yaml", text)
    assert caught.value.diagnostic.code == "RT008" and "MiB of text" in caught.value.diagnostic.message


def test_thousands_of_unknown_keys_stay_linear(monkeypatch) -> None:
    from rtcfg.check import translate
    from rtcfg.check.pipeline import check_text
    from rtcfg.core import suggest

    calls = []
    real = suggest.close_match
    monkeypatch.setattr(translate, "close_match", lambda *a: calls.append(a) or real(*a))
    text = "type: realtime\n" + "".join(f"k{i}: 1\n" for i in range(3000))
    profile = check_text("keys.yaml", text)
    assert len(profile.errors) == 3000
    assert [d.line for d in profile.errors] == list(range(2, 3002))  # each placed at its own line
    assert len(calls) <= 2 * translate.MAX_GUESSES  # did-you-mean for the first ones only


def test_a_schema_too_large_to_check_is_rt008() -> None:
    from rtcfg.check.pipeline import check_text
    from rtcfg.check.rules.parameters import MAX_VALUES

    properties = {f"p{i}": {"type": "string"} for i in range(MAX_VALUES // 2 + 10)}
    session = {
        "type": "realtime",
        "tools": [{"type": "function", "name": "f", "parameters": {"type": "object", "properties": properties}}],
    }
    profile = check_text("big.json", json.dumps(session), is_json=True)
    assert [d.code for d in profile.errors] == ["RT008"]


def test_a_diff_of_very_long_lines_is_bounded(run: Run, chdir_tmp: Path) -> None:
    words = [f"w{i}" for i in range(2000)]
    Path("a.yaml").write_text("type: realtime\ninstructions: '" + " ".join(words) + "'\n")
    changed = [f"z{w}" if i % 3 == 0 else w for i, w in enumerate(words)]
    Path("b.yaml").write_text("type: realtime\ninstructions: '" + " ".join(changed) + "'\n")
    result = run("diff", "--color", "never", "a.yaml", "b.yaml")
    assert result.exit_code == 1
    assert "  -w0 w1" in result.stdout and "  +zw0 w1" in result.stdout  # the two lines, not a word diff
    short = run("diff", "--color", "never", "a.yaml", "a.yaml")
    assert short.exit_code == 0


def test_a_directory_mixing_every_hostile_case_with_valid_profiles(tmp_path: Path, monkeypatch) -> None:
    # every case above and the first round's, beside valid profiles, in one parallel run
    from conftest import good_fixtures
    from test_hostile import CASES

    from rtcfg.check import batch

    monkeypatch.chdir(tmp_path)
    folder = tmp_path / "profiles"
    folder.mkdir()
    names = []
    for i, (case, (name, content, *_)) in enumerate(sorted(CRASHERS.items())):
        (folder / f"c{i:02d}-{name}").write_text(content)
        names.append(case)
    for case, (content, _code, _text) in CASES.items():
        if isinstance(content, bytes):
            (folder / f"h-{case}{'.json' if case.endswith('json') else '.yaml'}").write_bytes(content)
    outside = tmp_path / "creds.yaml"
    outside.write_text(f"token: {SENTINEL}\n")
    (folder / "link.yaml").symlink_to(outside)
    goods = good_fixtures()
    for i in range(batch.PARALLEL_FROM):
        src = goods[i % len(goods)]
        (folder / f"ok{i:03d}{src.suffix}").write_text(src.read_text())
    expected = len(list(folder.iterdir()))
    for fmt in ("json", "sarif"):
        done = subprocess.run(
            [sys.executable, "-m", "rtcfg", "validate", "-j", "2", "--format", fmt, str(folder)],
            capture_output=True,
            text=True,
            timeout=300,
            cwd=tmp_path,
        )
        assert done.returncode in (1, 2) and "Traceback" not in done.stderr, done.stderr[-1000:]
        assert SENTINEL not in done.stdout
        report = json.loads(done.stdout)
        if fmt == "json":
            assert len(report["files"]) == expected and report["valid"] is False
            failing = {Path(f["path"]).name for f in report["files"] if not f["valid"]}
            assert {p.name for p in folder.iterdir() if not p.name.startswith("ok")} <= failing
        else:
            assert report["version"] == "2.1.0" and report["runs"][0]["results"]


@pytest.mark.skipif(os.geteuid() != 0, reason="giving a file to another owner needs root")
def test_a_write_keeps_the_owner(run: Run, chdir_tmp: Path) -> None:
    Path("out.json").write_text("old\n")
    os.chown("out.json", 65534, 65534)
    assert run("render", PROFILE, "-o", "out.json").exit_code == 0
    st = os.stat("out.json")
    assert (st.st_uid, st.st_gid) == (65534, 65534) and json.loads(Path("out.json").read_text())["type"]


def test_help_says_how_rev_path_is_read(run: Run) -> None:
    assert "git first" in run("diff", "--help").stdout
