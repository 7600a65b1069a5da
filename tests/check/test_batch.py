"""Many profiles at once: the process pool gives exactly what one process gives, in order,
and slimmed results still quote the lines their diagnostics point at."""

from __future__ import annotations

import faulthandler
import json
import os
import shutil
import signal
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from conftest import FIXTURES, REPO

from rtcfg.check import batch
from rtcfg.check.pipeline import Options, check_path


def _corpus(tmp_path: Path, copies: int) -> Path:
    folder = tmp_path / "many"
    folder.mkdir()
    sources = sorted((FIXTURES / "good").iterdir()) + sorted((FIXTURES / "rules").glob("*.trip.yaml"))
    for i in range(copies):
        src = sources[i % len(sources)]
        shutil.copy(src, folder / f"{i:04d}-{src.name}")
    return folder


def test_jobs_for() -> None:
    assert batch.jobs_for(1, None) == 1
    assert batch.jobs_for(batch.PARALLEL_FROM - 1, None) == 1
    assert batch.jobs_for(3, 2) == 2  # asked for: given


def test_the_pool_gives_what_one_process_gives(tmp_path: Path) -> None:
    folder = _corpus(tmp_path, batch.PARALLEL_FROM * 2)
    cmd = [sys.executable, "-m", "rtcfg", "validate", "--format", "json", "--root", str(tmp_path)]
    one = subprocess.run([*cmd, "-j", "1", str(folder)], capture_output=True, text=True, cwd=tmp_path, check=False)
    two = subprocess.run([*cmd, "-j", "2", str(folder)], capture_output=True, text=True, cwd=tmp_path, check=False)
    assert one.returncode == two.returncode == 1
    assert json.loads(one.stdout) == json.loads(two.stdout)
    names = [f["path"] for f in json.loads(two.stdout)["files"]]
    assert names == sorted(names) and len(names) == batch.PARALLEL_FROM * 2


def test_stdin_keeps_its_place_among_files(tmp_path: Path) -> None:
    folder = _corpus(tmp_path, batch.PARALLEL_FROM)
    files = sorted(str(p) for p in folder.iterdir())
    done = subprocess.run(
        [sys.executable, "-m", "rtcfg", "validate", "--format", "json", "-j", "2", files[0], "-", *files[1:]],
        input="type: realtime\n",
        capture_output=True,
        text=True,
        cwd=REPO,
        check=False,
    )
    paths = [f["path"] for f in json.loads(done.stdout)["files"]]
    assert paths[1] == "<stdin>" and paths[0] == files[0] and paths[2:] == files[1:]


def test_a_slim_profile_still_quotes_its_lines(tmp_path: Path) -> None:
    profile = check_path(str(FIXTURES / "bad" / "c01_beta_keys_in_ga.yaml")).slim()
    assert profile.session is None and profile.view is None and profile.text is None
    d = next(d for d in profile.diagnostics if d.code == "RT101")
    assert profile.source_line(d.line, d.file) == "  voice: alloy"


def test_a_slim_profile_quotes_lines_in_its_base(tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.chdir(tmp_path)
    (tmp_path / "base.yaml").write_text("session:\n  type: realtime\n  audio: {output: {speed: 3}}\n")
    (tmp_path / "child.yaml").write_text("extends: base.yaml\nsession: {instructions: hi}\n")
    profile = check_path("child.yaml", Options()).slim()
    d = profile.diagnostics[0]
    assert (d.file, profile.source_line(d.line, d.file)) == ("base.yaml", "  audio: {output: {speed: 3}}")


def test_the_streamed_json_is_the_same_document() -> None:
    import io

    from rtcfg.output import report

    cases = [
        [],
        [{"path": "a", "valid": True, "diagnostics": []}],
        [
            {"path": "b\nc", "valid": False, "diagnostics": [{"message": "x\ny", "line": 1}]},
            {"path": "é", "valid": True, "diagnostics": []},
        ],
    ]
    for files in cases:
        out = io.StringIO()
        report.write_json_stream(iter(files), out)
        assert json.loads(out.getvalue()) == {"files": files, "valid": all(f["valid"] for f in files)}
        assert out.getvalue().endswith("}\n")


def _victims(tmp_path: Path, count: int) -> list[str]:
    folder = _corpus(tmp_path, count)
    return sorted(str(p) for p in folder.iterdir())


@pytest.mark.parametrize("how", [signal.SIGSEGV, signal.SIGKILL])
def test_a_worker_that_dies_is_reported_and_the_run_goes_on(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, how: signal.Signals
) -> None:
    # A real worker process kills itself (a crash in C, the OOM killer) on two files;
    # the run names them with the signal, checks every other file, keeps the order.
    files = _victims(tmp_path, batch.PARALLEL_FROM * 2)
    victims = {files[5], files[70]}
    real = batch._check

    def dying(args: tuple[str, Options]) -> Any:
        if args[0] in victims:
            faulthandler.disable()  # pytest's: its dump of the stack is noise here
            os.kill(os.getpid(), how)
        return real(args)

    monkeypatch.setattr(batch, "_check", dying)  # the forked workers inherit it
    got = list(batch.check_paths(files, Options(), jobs=2))
    expected = [check_path(f).slim() for f in files]
    assert [p.name for p in got] == files
    for profile, alone in zip(got, expected):
        if profile.name in victims:
            (d,) = profile.diagnostics
            assert profile.unreadable and d.code == "RT009" and d.file == profile.name
            assert f"killed by {how.name}" in d.message
        else:
            assert profile.diagnostics == alone.diagnostics and not profile.unreadable


def test_validate_with_a_dying_worker_exits_2_with_complete_json(tmp_path: Path) -> None:
    # The real command in its own process; the worker dies on one file. It must end (the
    # timeout fails the test rather than hanging it), say which file and which signal.
    files = _victims(tmp_path, batch.PARALLEL_FROM)
    victim = files[20]
    script = (
        "import os, signal, sys\n"
        "from rtcfg.check import batch\n"
        "real = batch._check\n"
        "def dying(args):\n"
        f"    if args[0] == {victim!r}: os.kill(os.getpid(), signal.SIGSEGV)\n"
        "    return real(args)\n"
        "batch._check = dying\n"
        "from rtcfg.startup import main\n"
        "main()\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script, "validate", "--format", "json", "-j", "2", *files],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        timeout=120,
        check=False,
    )
    assert done.returncode == 2, done.stderr[-800:]
    report = json.loads(done.stdout)
    assert [f["path"] for f in report["files"]] == files
    (entry,) = [f for f in report["files"] if f["path"] == victim]
    assert "killed by SIGSEGV" in entry["diagnostics"][0]["message"] and not entry["valid"]
    assert "Traceback" not in done.stderr
