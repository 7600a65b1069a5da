"""The benchmark scripts run (on a tiny corpus), so they cannot rot. Nothing about speed is
asserted here: bench/RESULTS.md records the measured numbers."""

from __future__ import annotations

import subprocess
import sys

from conftest import REPO


def test_the_speed_benchmark_runs_on_a_tiny_corpus() -> None:
    done = subprocess.run(
        [sys.executable, str(REPO / "bench" / "speed.py"), "--tiny"],
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    for heading in ("Many files", "One file", "Two large profiles", "Memory as the file count grows", "Targets"):
        assert heading in done.stdout
    assert "| rtcfg validate (auto) |" in done.stdout


def test_the_corpus_is_deterministic(tmp_path) -> None:  # type: ignore[no-untyped-def]
    sys.path.insert(0, str(REPO / "bench"))
    from corpus import write_corpus

    first = [p.read_text() for p in write_corpus(tmp_path / "a", 5, seed=3, large=0)]
    second = [p.read_text() for p in write_corpus(tmp_path / "b", 5, seed=3, large=0)]
    assert first == second


def test_every_generated_profile_validates(tmp_path) -> None:  # type: ignore[no-untyped-def]
    sys.path.insert(0, str(REPO / "bench"))
    from corpus import write_corpus

    from rtcfg.check.pipeline import check_path

    for path in write_corpus(tmp_path, 30, seed=5, large=0):
        profile = check_path(str(path))
        assert profile.valid, (path.name, profile.errors)
