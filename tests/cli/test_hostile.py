"""Hostile and broken input, through every command that reads profiles and through stdin:
a clear message, exit 1 (a bad profile) or 2 (cannot run as asked), never a traceback."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import REPO

from rtcfg.load.sources import MAX_FILE_BYTES
from rtcfg.load.yamlio import MAX_DEPTH, MAX_NODES, MAX_NUMBER_DIGITS

BOMB = b"".join(
    f"{name}: &{name} [{', '.join([f'*{prev}'] * 9) if prev else ', '.join(['x'] * 9)}]\n".encode()
    for prev, name in zip(["", "a", "b", "c", "d", "e", "f", "g", "h"], "abcdefghi")
)

# name -> (file content, or a function making the path; expected code; expected text)
CASES: dict[str, tuple[bytes | Callable[[Path], Path], str, str]] = {
    "alias_bomb": (BOMB, "RT008", f"more than {MAX_NODES:,} values"),
    "deep_nesting": (b"[" * 20000 + b"]" * 20000, "RT008", f"deeper than {MAX_DEPTH} levels"),
    "deep_json": (b'{"a":' * 20000 + b"1" + b"}" * 20000, "RT008", "nesting"),
    "binary": (bytes(range(128, 256)) * 20, "RT005", "invalid UTF-8"),
    "nul_bytes": (b"type: realtime\x00\n", "RT001", "#x0000"),
    "latin1": ("instructions: café\n".encode("latin-1"), "RT005", "0xe9"),
    "python_tag": (b"!!python/object/apply:os.system ['touch pwned']\n", "RT006", "python/object/apply"),
    "unknown_tag": (b"type: !custom realtime\n", "RT006", "!custom"),
    "empty": (b"", "RT003", "empty"),
    "comments_only": (b"# just\n# comments\n", "RT003", "empty"),
    "two_documents": (b"type: realtime\n---\ntype: realtime\n", "RT004", "more than one"),
    "nan": (b"type: realtime\naudio: {output: {speed: .nan}}\n", "RT105", "finite"),
    "infinity": (b"type: realtime\nmax_output_tokens: .inf\n", "RT105", "inf"),
    "huge_integer": (b"type: realtime\nmax_output_tokens: " + b"9" * 5000 + b"\n", "RT008", "5,000 digits"),
    "huge_integer_json": (b'{"type": "realtime", "max_output_tokens": ' + b"9" * 5000 + b"}", "RT008", "digits"),
    "non_string_key": (b"type: realtime\non: true\n", "RT007", "boolean"),
    "tab_indent": (b"type: realtime\naudio:\n\toutput: {}\n", "RT001", "tabs"),
    "unset_variable": (
        b"session: {type: realtime, instructions: '${RTCFG_TEST_UNSET}'}\n",
        "RT013",
        "RTCFG_TEST_UNSET",
    ),
    "extends_cycle": (b"extends: extends_cycle.yaml\nsession: {type: realtime}\n", "RT012", "cycle"),
    "escape_root": (b"extends: ../../../etc/hostname\nsession: {type: realtime}\n", "RT011", "outside"),
    "missing_include": (b"session: {type: realtime, instructions: !include nowhere.md}\n", "RT010", "nowhere.md"),
}
# Cases that make the command unable to run at all (exit 2, one line on stderr).
UNREADABLE: dict[str, tuple[Callable[[Path], Path], str]] = {
    "missing": (lambda d: d / "missing.yaml", "no such file"),
    "directory": (lambda d: (d / "dir.yaml").mkdir() or d / "dir.yaml", "directory"),
    "fifo": (lambda d: (os.mkfifo(d / "fifo.yaml"), d / "fifo.yaml")[1], "FIFO"),
}
COMMANDS = ["validate", "render", "show", "migrate", "diff"]


def _big(path: Path) -> Path:
    with path.open("wb") as fh:
        fh.truncate(60 * 1024 * 1024)  # 60 MB, sparse
    return path


def _args(command: str, path: str) -> list[str]:
    return [command, path, path] if command == "diff" else [command, path]


@pytest.fixture
def here(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    (tmp_path / "project").mkdir()
    monkeypatch.chdir(tmp_path / "project")
    monkeypatch.delenv("RTCFG_TEST_UNSET", raising=False)
    return tmp_path / "project"


@pytest.mark.parametrize("command", COMMANDS)
@pytest.mark.parametrize("case", sorted(CASES))
def test_a_bad_profile_is_a_clear_error(run, here: Path, case: str, command: str) -> None:
    content, code, text = CASES[case]
    name = f"{case}.json" if case.endswith("json") else f"{case}.yaml"
    (here / name).write_bytes(content)  # type: ignore[arg-type]
    result = run(*_args(command, name))
    assert "Traceback" not in result.output and "internal error" not in result.output
    if command == "migrate" and code in ("RT010", "RT011", "RT012", "RT013"):
        # migrate rewrites one file as written: a composed profile is not its job (exit 2)
        assert result.exit_code == 2 and "one by one" in result.stderr
        return
    # validate reports on stdout (exit 1); the others cannot go on (1, or 2 for diff).
    assert result.exit_code == (2 if command == "diff" else 1), result.output
    shown = result.stdout if command == "validate" else result.stderr
    assert f"[{code}]" in shown and text in shown


@pytest.mark.parametrize("case", sorted(CASES))
def test_a_bad_profile_on_stdin(run, here: Path, case: str) -> None:
    content, code, _text = CASES[case]
    if code in ("RT010", "RT011", "RT012"):  # relative paths on stdin resolve in the current directory
        content = content.replace(b"extends_cycle.yaml", b"stdin_base.yaml")  # type: ignore[union-attr]
        (here / "stdin_base.yaml").write_bytes(b"extends: stdin_base.yaml\nsession: {type: realtime}\n")
    result = run("validate", "-", input=content)  # type: ignore[arg-type]
    assert result.exit_code == 1 and "Traceback" not in result.output
    assert f"[{code}]" in result.stdout


@pytest.mark.parametrize("command", COMMANDS)
@pytest.mark.parametrize("case", sorted(UNREADABLE))
def test_a_path_that_cannot_be_read_exits_2(run, here: Path, case: str, command: str) -> None:
    make, text = UNREADABLE[case]
    path = make(here)
    result = run(*_args(command, str(path)))
    assert "Traceback" not in result.output
    if command == "validate" and case != "directory":
        assert result.exit_code == 2 and text in result.stdout  # listed with the other files
    elif command == "validate":
        assert result.exit_code == 2 and "no profiles found" in result.stderr
    else:
        assert result.exit_code == 2 and text in result.stderr


@pytest.mark.parametrize("command", COMMANDS)
def test_a_file_over_the_size_limit_is_refused_without_reading_it(run, here: Path, command: str) -> None:
    _big(here / "big.yaml")  # 60 MB
    result = run(*_args(command, "big.yaml"))
    assert result.exit_code == (2 if command == "diff" else 1) and "Traceback" not in result.output
    assert f"limit is {MAX_FILE_BYTES:,}" in (result.stdout + result.stderr)


def test_utf16_is_read_with_or_without_a_byte_order_mark(run, here: Path) -> None:
    (here / "bom.yaml").write_bytes("type: realtime\ninstructions: héllo\n".encode("utf-16"))
    (here / "le.yaml").write_bytes("type: realtime\ninstructions: héllo\n".encode("utf-16-le"))
    (here / "be.yaml").write_bytes("type: realtime\ninstructions: héllo\n".encode("utf-16-be"))
    for name in ("bom.yaml", "le.yaml", "be.yaml"):
        result = run("render", name, "--as", "session")
        assert result.exit_code == 0 and '"héllo"' in result.stdout


def test_nothing_is_executed(run, here: Path) -> None:
    (here / "p.yaml").write_text("!!python/object/apply:os.system ['touch pwned']\n")
    run("validate", "p.yaml")
    assert not (here / "pwned").exists()


def test_limits_are_named_constants() -> None:
    assert (MAX_FILE_BYTES, MAX_DEPTH, MAX_NODES, MAX_NUMBER_DIGITS) == (16 * 1024 * 1024, 200, 1_000_000, 400)


def test_aliases_within_the_limit_render_without_blowing_up(run, here: Path) -> None:
    # Anchors a real profile might use; render writes each alias out once where it is used.
    (here / "p.yaml").write_text("""\
x-vad: &vad {type: server_vad, threshold: 0.6}
session:
  type: realtime
  audio:
    input: {turn_detection: *vad}
""")
    assert run("validate", "p.yaml").exit_code == 1  # x-vad is not a profile key: anchors live in the session
    (here / "q.yaml").write_text(
        "type: realtime\naudio:\n  input: {format: &f {type: audio/pcmu}}\n  output: {format: *f}\n"
    )
    result = run("render", "q.yaml", "--as", "session", "--compact")
    assert result.stdout.count("audio/pcmu") == 2


# -- clean edges (real processes) ---------------------------------------------------------


RTCFG = [sys.executable, "-m", "rtcfg"]


def test_a_closed_pipe_ends_quietly() -> None:
    profile = str(REPO / "profiles" / "support-agent.yaml")
    render = subprocess.Popen([*RTCFG, "render", profile], stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    assert render.stdout is not None
    render.stdout.read(10)
    render.stdout.close()  # what `| head -c 10` does
    _, err = render.communicate(timeout=30)
    assert render.returncode in (0, 141) and b"Traceback" not in err and b"Error" not in err


def test_ctrl_c_exits_130_quietly(tmp_path: Path) -> None:
    fifo = tmp_path / "slow"
    os.mkfifo(fifo)
    # Reading stdin from a FIFO nobody writes to blocks: a stand-in for a slow run.
    with open(os.open(fifo, os.O_RDONLY | os.O_NONBLOCK), "rb") as reader:
        proc = subprocess.Popen([*RTCFG, "validate", "-"], stdin=reader, stderr=subprocess.PIPE, stdout=subprocess.PIPE)
        writer = os.open(fifo, os.O_WRONLY)
        try:
            time.sleep(1.0)
            proc.send_signal(signal.SIGINT)
            _, err = proc.communicate(timeout=30)
        finally:
            os.close(writer)
    assert proc.returncode == 130 and b"Traceback" not in err


def test_an_internal_error_is_one_line_and_debug_shows_the_traceback(tmp_path: Path) -> None:
    probe = (
        "import sys, rtcfg.check.pipeline as p\n"
        "def boom(*a, **k): raise ZeroDivisionError('x')\n"
        "p.check_source = boom\n"
        "from rtcfg.startup import main\nsys.argv = ['rtcfg'] + sys.argv[1:]\nmain()\n"
    )
    profile = str(REPO / "profiles" / "sip-agent.yaml")
    quiet = subprocess.run([sys.executable, "-c", probe, "render", profile], capture_output=True, text=True)
    loud = subprocess.run([sys.executable, "-c", probe, "--debug", "render", profile], capture_output=True, text=True)
    assert quiet.returncode == 3 and quiet.stderr.count("\n") == 1 and "Traceback" not in quiet.stderr
    assert "report it" in quiet.stderr
    assert loud.returncode == 3 and "Traceback" in loud.stderr and "ZeroDivisionError" in loud.stderr
    # --debug after the command, where people add it after reading the hint
    after = subprocess.run([sys.executable, "-c", probe, "render", profile, "--debug"], capture_output=True, text=True)
    assert after.returncode == 3 and "ZeroDivisionError" in after.stderr
    # after `--` it is a file name, not the option
    named = subprocess.run(
        [sys.executable, "-c", probe, "validate", "--", "--debug"], capture_output=True, text=True, cwd=tmp_path
    )
    assert named.returncode == 3 and "Traceback" not in named.stderr


def test_pretty_exceptions_never_show_locals() -> None:
    from rtcfg.cli import load_commands

    assert load_commands().pretty_exceptions_show_locals is False


# -- nothing lost -----------------------------------------------------------------------------


def test_in_place_keeps_the_mode_and_a_failure_leaves_the_file(
    run, here: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = here / "legacy.yaml"
    path.write_text("api: beta\nsession: {modalities: [text], voice: ash}\n")
    os.chmod(path, 0o600)
    assert run("migrate", "legacy.yaml", "--in-place").exit_code == 0
    assert (path.stat().st_mode & 0o777) == 0o600 and "type: realtime" in path.read_text()
    before = path.read_text()

    def full_disk(fd: int) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", full_disk)
    path.write_text("api: beta\nsession: {modalities: [text], voice: sage}\n")
    before = path.read_text()
    result = run("migrate", "legacy.yaml", "--in-place")
    assert result.exit_code == 2 and "No space left" in result.stderr and "Traceback" not in result.output
    assert path.read_text() == before
    assert sorted(p.name for p in here.iterdir()) == ["legacy.yaml"]  # no temporary file left


def test_render_output_failure_leaves_the_old_file(run, here: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    out = here / "session.json"
    out.write_text("old\n")
    monkeypatch.setattr(os, "replace", lambda *a: (_ for _ in ()).throw(OSError(13, "Permission denied")))
    profile = str(REPO / "profiles" / "sip-agent.yaml")
    result = run("render", profile, "-o", "session.json")
    assert result.exit_code == 2 and out.read_text() == "old\n"
    assert sorted(p.name for p in here.iterdir()) == ["session.json"]


def test_deep_flow_nesting_is_refused_before_it_is_composed() -> None:
    # libyaml's composing is quadratic in the depth; the refusal comes first, at the
    # bracket that goes one level too deep.
    from rtcfg.load.yamlio import LoadError, parse

    for text, column in (("[" * 20000 + "]" * 20000, MAX_DEPTH + 1), ('{"a":' * 20000 + "1" + "}" * 20000, 1001)):
        with pytest.raises(LoadError) as caught:
            parse("deep.yaml", text)
        d = caught.value.diagnostic
        assert (d.code, d.line, d.column) == ("RT008", 1, column)
    # brackets inside quoted text are not nesting: no false refusal
    quoted = "instructions: '" + "[" * 500 + "'\n"
    assert parse("q.yaml", quoted).data["instructions"] == "[" * 500
