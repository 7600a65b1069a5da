"""The real CLI through typer's CliRunner: exit codes, output formats, streams."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import FIXTURES, REPO

GOOD = FIXTURES / "good" / "ga_every_realtime_field.yaml"
BAD = FIXTURES / "bad" / "c01_beta_keys_in_ga.yaml"
BETA = FIXTURES / "good" / "beta_seed000_python_session.yaml"


def test_valid_profile_exits_0(run) -> None:
    result = run("validate", str(GOOD))
    assert result.exit_code == 0
    assert result.stdout == ""
    assert "1 file valid" in result.stderr


def test_invalid_profile_exits_1_with_positions_and_source(run) -> None:
    result = run("validate", str(BAD))
    assert result.exit_code == 1
    assert f"{BAD}:4:3: error[RT101]" in result.stdout
    assert "    4 │   voice: alloy" in result.stdout
    assert "hint: in GA it is audio.output.voice" in result.stdout
    assert "Traceback" not in result.output


def test_shipped_profiles_validate(run) -> None:
    result = run("validate", str(REPO / "profiles"))
    assert result.exit_code == 0, result.output


def test_directories_are_walked_and_many_files_share_one_run(run) -> None:
    result = run("validate", str(FIXTURES / "good"), "--format", "json")
    doc = json.loads(result.stdout)
    assert result.exit_code == 0
    assert len(doc["files"]) == len(list((FIXTURES / "good").iterdir()))


def test_warnings_fail_only_under_strict(run) -> None:
    assert run("validate", str(BETA)).exit_code == 0
    result = run("validate", str(BETA), "--strict", "--format", "json")
    assert result.exit_code == 1
    assert json.loads(result.stdout)["valid"] is False


def test_missing_path_exits_2_and_others_are_still_checked(run) -> None:
    result = run("validate", "/no/such.yaml", str(BAD), "--format", "json")
    assert result.exit_code == 2
    files = json.loads(result.stdout)["files"]
    assert [f["diagnostics"][0]["code"] for f in files] == ["RT009", "RT101"]


def test_empty_directory_exits_2(run, tmp_path: Path) -> None:
    result = run("validate", str(tmp_path))
    assert result.exit_code == 2
    assert "no profiles found" in result.stderr


def test_json_output_has_exactly_the_documented_shape(run) -> None:
    result = run("validate", str(BAD), str(GOOD), "--format", "json")
    assert result.exit_code == 1
    assert result.stderr == ""
    doc = json.loads(result.stdout)
    assert set(doc) == {"valid", "files"} and doc["valid"] is False
    first, second = doc["files"]
    assert set(first) == {"path", "valid", "diagnostics"}
    assert (first["path"], first["valid"], second["valid"]) == (str(BAD), False, True)
    diag = first["diagnostics"][0]
    assert diag == {
        "severity": "error",
        "code": "RT101",
        "message": "'voice' is a beta key; the GA interface does not take it",
        "path": "session.voice",
        "line": 4,
        "column": 3,
        "hint": "in GA it is audio.output.voice",
    }
    assert "\x1b[" not in result.stdout


def test_github_annotations(run, tmp_path: Path) -> None:
    path = tmp_path / "a,b.yaml"
    path.write_text("type: realtime\naudio:\n  output:\n    speed: 9\n")
    result = run("validate", str(path), "--format", "github")
    assert result.exit_code == 1
    (line,) = result.stdout.splitlines()
    escaped = str(path).replace(",", "%2C")
    assert line.startswith(f"::error file={escaped},line=4,col=12,title=RT108::speed is 9")


def test_stdin(run) -> None:
    result = run("validate", "-", "--format", "json", input=BAD.read_bytes())
    doc = json.loads(result.stdout)
    assert result.exit_code == 1
    assert doc["files"][0]["path"] == "<stdin>"
    assert doc["files"][0]["diagnostics"][0]["line"] == 4


def test_color_never_and_always(run) -> None:
    plain = run("validate", str(BAD), "--color", "never")
    assert "\x1b[" not in plain.stdout
    coloured = run("validate", str(BAD), "--color", "always")
    assert "\x1b[" in coloured.stdout


def test_force_color_and_no_color_are_honoured(run, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("FORCE_COLOR", "1")
    assert ";31m" in run("validate", str(BAD)).stdout  # red, although not a terminal
    monkeypatch.setenv("NO_COLOR", "1")
    assert "31m" not in run("validate", str(BAD)).stdout


def test_version(run) -> None:
    from rtcfg import __version__

    result = run("--version")
    assert result.exit_code == 0 and result.stdout.strip() == f"rtcfg {__version__}"


def test_usage_error_exits_2(run) -> None:
    assert run("validate", str(GOOD), "--no-such-option").exit_code == 2
    assert run("validate", str(GOOD), "--format", "xml").exit_code == 2


def test_internal_error_is_one_line_and_exit_3(run, monkeypatch: pytest.MonkeyPatch) -> None:
    from rtcfg.check import pipeline

    def boom(path: str, *options: object) -> None:
        raise ZeroDivisionError("secret-token-123")

    monkeypatch.setattr(pipeline, "check_path", boom)
    result = run("validate", str(GOOD))
    assert result.exit_code == 3
    assert "internal error (ZeroDivisionError)" in result.stderr
    assert "Traceback" not in result.output and "secret-token-123" not in result.output
    debug = run("--debug", "validate", str(GOOD))
    assert debug.exit_code == 3 and "Traceback" in debug.stderr


def test_ctrl_c_exits_130(run, monkeypatch: pytest.MonkeyPatch) -> None:
    from rtcfg.check import pipeline

    def interrupted(path: str, *options: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(pipeline, "check_path", interrupted)
    assert run("validate", str(GOOD)).exit_code == 130


def test_every_loading_fault_is_reported_without_a_traceback(run) -> None:
    faults = sorted((FIXTURES / "bad").glob("l_*"))
    result = run("validate", *map(str, faults), "--format", "json")
    assert result.exit_code == 1
    doc = json.loads(result.stdout)
    assert all(not f["valid"] and f["diagnostics"] for f in doc["files"])
    assert "Traceback" not in result.output


class _Stream(io.StringIO):
    def __init__(self, tty: bool) -> None:
        super().__init__()
        self.tty = tty

    def isatty(self) -> bool:
        return self.tty


_TERMINAL_ENV = ("NO_COLOR", "FORCE_COLOR", "TTY_COMPATIBLE", "TTY_INTERACTIVE", "TERM", "COLORTERM")


def _stderr_of(write: Callable[[], None], tty: bool, environ: dict[str, str]) -> str:
    stream = _Stream(tty)
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(sys, "stderr", stream)
        for name in _TERMINAL_ENV:
            mp.delenv(name, raising=False)
        for name, value in environ.items():
            mp.setenv(name, value)
        write()
    return stream.getvalue()


ENVIRONS = [{}, {"TERM": "xterm-256color"}, {"COLORTERM": "truecolor"}, {"NO_COLOR": "1"}, {"FORCE_COLOR": "1"}]


@pytest.mark.parametrize("style", ["green", "yellow", "bold red"])
@pytest.mark.parametrize("color", ["auto", "always", "never"])
@pytest.mark.parametrize("tty", [True, False])
@pytest.mark.parametrize("environ", [*ENVIRONS, {"TERM": "dumb"}])
def test_the_summary_line_is_what_rich_would_print(style: str, color: str, tty: bool, environ: dict[str, str]) -> None:
    # The summary skips rich where the answer is clear; rich is the oracle for what it writes.
    from rich.text import Text

    from rtcfg.cli.options import Color
    from rtcfg.output.terminal import console, print_line

    line = "✓ 3 files valid, 1 warning"
    ours = _stderr_of(lambda: print_line(line, style, Color(color), stderr=True), tty, environ)
    theirs = _stderr_of(
        lambda: console(Color(color), stderr=True).print(Text(line, style=style), soft_wrap=True), tty, environ
    )
    assert ours == theirs


def test_a_clean_text_run_does_not_import_rich() -> None:
    code = (
        "import sys\nsys.argv = ['rtcfg', 'validate', sys.argv[1]]\n"
        "import atexit\natexit.register(lambda: print(sorted(m for m in sys.modules if m.startswith('rich'))))\n"
        "from rtcfg.startup import main\nmain()\n"
    )
    done = subprocess.run([sys.executable, "-c", code, str(GOOD)], capture_output=True, text=True)
    assert done.returncode == 0 and done.stderr == "✓ 1 file valid\n"
    assert done.stdout.strip() == "[]"


def test_quiet_strict_shows_the_warnings_that_fail_the_run(run) -> None:  # type: ignore[no-untyped-def]
    from conftest import REPO

    result = run("validate", "-q", "--strict", str(REPO / "profiles" / "legacy-beta.yaml"))
    assert result.exit_code == 1 and "warning[RT110]" in result.stdout
    plain = run("validate", "-q", str(REPO / "profiles" / "legacy-beta.yaml"))
    assert plain.exit_code == 0 and plain.stdout == ""
