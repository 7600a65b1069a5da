from __future__ import annotations

import os
import sys
from datetime import date
from pathlib import Path

import pytest
from typer.testing import CliRunner

HERE = Path(__file__).parent
FIXTURES = HERE / "fixtures"
REPO = HERE.parent
sys.path.insert(0, str(HERE))  # for tests/oracle.py


@pytest.fixture(autouse=True)
def _plain_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    # Tests must not depend on the developer's terminal or CI's colour settings.
    for var in ("FORCE_COLOR", "NO_COLOR", "GITHUB_ACTIONS", "TERM"):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setenv("COLUMNS", "120")


# The day the capability table was read. Deprecation rules compare shutdown dates with
# today; tests pin the day so that they mean the same thing next year.
TODAY = date(2026, 11, 21)


@pytest.fixture(autouse=True)
def _pinned_today(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("rtcfg.check.pipeline._today", lambda: TODAY)


@pytest.fixture(autouse=True)
def _no_network_but_loopback(monkeypatch: pytest.MonkeyPatch) -> None:
    # Nothing in the suite may reach another host: `validate --live` is tested against a
    # server on 127.0.0.1, and every other path must not open a connection at all.
    import socket

    real = socket.socket.connect

    def connect(self: socket.socket, address: object) -> object:
        if self.family in (socket.AF_INET, socket.AF_INET6):
            host = address[0] if isinstance(address, tuple) else address
            assert host in ("127.0.0.1", "::1", "localhost"), f"a test tried to connect to {address!r}"
        return real(self, address)  # type: ignore[arg-type]

    monkeypatch.setattr(socket.socket, "connect", connect)


@pytest.fixture(autouse=True)
def _in_the_repository(monkeypatch: pytest.MonkeyPatch) -> None:
    # The project root (where extends/!include may reach) is the current directory: run
    # every test from the repository, wherever pytest was started.
    monkeypatch.chdir(REPO)


class Run:
    def __init__(self) -> None:
        self.runner = CliRunner()

    def __call__(self, *args: str, input: str | bytes | None = None):
        from rtcfg.cli import load_commands

        return self.runner.invoke(load_commands(), list(args), input=input, catch_exceptions=False)


@pytest.fixture
def run() -> Run:
    return Run()


@pytest.fixture
def chdir_tmp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    return tmp_path


def good_fixtures() -> list[Path]:
    return sorted((FIXTURES / "good").iterdir())


def bad_fixtures() -> list[Path]:
    return sorted(p for p in (FIXTURES / "bad").iterdir() if p.name != "expected.yaml")


def shipped_profiles() -> list[Path]:
    return sorted(p for p in (REPO / "profiles").rglob("*") if p.suffix in (".yaml", ".yml", ".json"))


os.environ.setdefault("PYTHONIOENCODING", "utf-8")
