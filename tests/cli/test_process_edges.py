"""The process around rtcfg: closed streams, a reader that stops early, Ctrl-C in a parallel
run, a deleted working directory, an ASCII-only locale. Real processes, as a shell runs them."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import FIXTURES, REPO

RTCFG = [sys.executable, "-m", "rtcfg"]
VALID = str(REPO / "profiles" / "sip-agent.yaml")
WARNS = str(REPO / "profiles" / "legacy-beta.yaml")


def _sh(script: str, cwd: Path | str = REPO, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        ["bash", "-c", script], cwd=cwd, capture_output=True, text=True, timeout=120, env=env or dict(os.environ)
    )


def _cmd() -> str:
    return " ".join(RTCFG)


def test_a_closed_stdout_is_one_line_and_exit_2() -> None:
    done = _sh(f"{_cmd()} validate {VALID} >&-")
    assert done.returncode == 2 and done.stderr.strip() == "rtcfg: standard output is closed; nothing can be written"


def test_a_closed_stdin_is_one_line_and_exit_2() -> None:
    done = _sh(f"{_cmd()} validate - <&-")
    assert done.returncode == 2 and "standard input is closed" in done.stderr and "Traceback" not in done.stderr


@pytest.mark.parametrize("fmt", ["text", "json"])
def test_a_report_read_by_head_exits_like_a_closed_pipe(fmt: str, tmp_path: Path) -> None:
    # 141 (SIGPIPE), as the shell reports a pipe its reader closed; not 1, which means
    # "invalid". The report is far larger than a pipe's buffer, so rtcfg is still writing
    # when head goes away.
    for i in range(300):
        shutil.copy(WARNS, tmp_path / f"p{i:03d}.yaml")
    done = _sh(
        f"{_cmd()} validate -j 1 --strict --format {fmt} {tmp_path} | head -c 1 >/dev/null; echo ${{PIPESTATUS[0]}}"
    )
    assert done.stdout.strip() == "141", done.stderr


def test_ctrl_c_in_a_parallel_run_prints_no_worker_traceback(tmp_path: Path) -> None:
    sources = sorted((FIXTURES / "good").iterdir())
    for i in range(400):
        shutil.copy(sources[i % len(sources)], tmp_path / f"{i:04d}{sources[i % len(sources)].suffix}")
    proc = subprocess.Popen(
        [*RTCFG, "validate", "-j", "2", "--format", "json", str(tmp_path)],
        cwd=tmp_path,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,  # a terminal's Ctrl-C reaches the whole process group
    )
    time.sleep(1.0)
    os.killpg(proc.pid, signal.SIGINT)
    _, err = proc.communicate(timeout=60)
    assert proc.returncode in (130, 0, 1), err  # interrupted, or it had already finished
    assert "Traceback" not in err and "KeyboardInterrupt" not in err, err


def test_a_deleted_working_directory_still_works(tmp_path: Path) -> None:
    gone = tmp_path / "gone"
    gone.mkdir()
    prod = REPO / "profiles" / "team" / "prod.yaml"
    done = _sh(f"cd {gone} && rmdir {gone} && {_cmd()} validate --root {REPO} {VALID} {prod}")
    assert done.returncode == 0 and "2 files valid" in done.stderr, done.stdout + done.stderr
    relative = _sh(f"cd {gone.parent} && mkdir gone2 && cd gone2 && rmdir ../gone2 && {_cmd()} validate x.yaml")
    assert relative.returncode == 2 and "no such file" in relative.stdout


def test_an_ascii_only_locale_gets_ascii_symbols() -> None:
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONIOENCODING", "PYTHONUTF8")}
    env.update(LC_ALL="C", LANG="C", PYTHONUTF8="0")
    done = _sh(f"{_cmd()} validate {VALID} {WARNS}", env=env)
    assert done.returncode == 0 and "Traceback" not in done.stderr
    assert "ok 2 files valid" in done.stderr and "    5 | api: beta" in done.stdout
    shown = _sh(f"{_cmd()} show {REPO / 'profiles' / 'language-tutor.yaml'}", env=env)
    assert shown.returncode == 0 and "Traceback" not in shown.stderr
