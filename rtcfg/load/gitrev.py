"""Profiles read from git: `REV:path` (`origin/main:profiles/agent.yaml`), so that a CI job
can compare a profile with the base branch's version of it."""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Callable

from rtcfg.core.errors import RtcfgError
from rtcfg.load.sources import Source, from_bytes

_TIMEOUT = 30  # seconds: a git that hangs (a lock, a prompt) must not hang CI


def split_spec(spec: str) -> tuple[str, str] | None:
    """(rev, path) when `spec` names a git revision rather than a file that exists."""
    if spec == "-" or ":" not in spec or os.path.exists(spec):
        return None
    rev, _, path = spec.partition(":")
    return (rev, path) if rev and path else None


def read_rev(rev: str, path: str) -> Source:
    """The file `path` (relative to the current directory, as a user types it) at `rev`."""
    name = f"{rev}:{path}"
    git = shutil.which("git")
    if git is None:
        raise RtcfgError(f"{name}: reading a git revision needs git, which is not installed")
    # `./` makes git read the path relative to the current directory, not the repository root.
    object_name = f"{rev}:{path if path.startswith(('/', './', '../')) else './' + path}"
    try:
        done = subprocess.run(
            [git, "cat-file", "blob", object_name],
            capture_output=True,
            timeout=_TIMEOUT,
            check=False,
            env={**os.environ, "GIT_TERMINAL_PROMPT": "0"},
        )
    except subprocess.TimeoutExpired:
        raise RtcfgError(f"{name}: git did not answer within {_TIMEOUT} s") from None
    except OSError as exc:
        raise RtcfgError(f"{name}: cannot run git: {exc.strerror or exc}") from None
    if done.returncode != 0:
        message = done.stderr.decode("utf-8", "replace").strip().splitlines()
        reason = message[-1] if message else f"git exited with status {done.returncode}"
        raise RtcfgError(f"{name}: {reason.removeprefix('fatal: ')}")
    return from_bytes(name, done.stdout)  # which also enforces MAX_FILE_BYTES


def reader(rev: str) -> Callable[[str], Source]:
    """Read the files a profile at `rev` names (bases, includes) at the same revision."""

    def read(path: str) -> Source:
        return read_rev(rev, os.path.relpath(path))

    return read
