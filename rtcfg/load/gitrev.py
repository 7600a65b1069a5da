"""Profiles read from git: `REV:path` (`origin/main:profiles/agent.yaml`), so that a CI job
can compare a profile with the base branch's version of it."""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Callable

from rtcfg.core.cwd import shown
from rtcfg.core.errors import RtcfgError
from rtcfg.load.sources import MAX_FILE_BYTES, Source, from_bytes

_TIMEOUT = 30  # seconds: a git that hangs (a lock, a prompt) must not hang CI


def split_spec(spec: str) -> tuple[str, str] | None:
    """(rev, path) when `spec` is `REV:path` and REV is a revision git knows. Git comes
    first: a pull request can add a file named `origin/main:profiles/agent.yaml`, and a diff
    must not then compare the pull request with itself. A spec whose REV resolves to no
    revision is a file path (an existing file), or else a clear error."""
    if spec == "-" or ":" not in spec:
        return None
    rev, _, path = spec.partition(":")
    if not rev or not path:
        return None
    if rev.startswith("-"):
        raise RtcfgError(f"{spec}: a revision cannot start with '-' (write ./{spec} for a file of that name)")
    if _resolves(rev):
        return rev, path
    if os.path.exists(spec):
        return None
    raise RtcfgError(f"{spec}: no such file, and {rev!r} is not a revision git knows here")


def _resolves(rev: str) -> bool:
    git = shutil.which("git")
    if git is None:
        return False
    try:
        done = subprocess.run(
            [git, "rev-parse", "--verify", "--quiet", "--end-of-options", f"{rev}^{{commit}}"],
            capture_output=True,
            timeout=_TIMEOUT,
            check=False,
            env={**os.environ, "GIT_TERMINAL_PROMPT": "0"},
        )
    except (subprocess.TimeoutExpired, OSError):
        return False
    return done.returncode == 0


def read_rev(rev: str, path: str) -> Source:
    """The file `path` (relative to the current directory, as a user types it) at `rev`."""
    name = f"{rev}:{path}"
    git = shutil.which("git")
    if git is None:
        raise RtcfgError(f"{name}: reading a git revision needs git, which is not installed")
    # `./` makes git read the path relative to the current directory, not the repository root.
    object_name = f"{rev}:{path if path.startswith(('/', './', '../')) else './' + path}"
    size = _git(git, name, "cat-file", "-s", object_name).strip()
    if size.isdigit() and int(size) > MAX_FILE_BYTES:  # refused before the blob is read
        raise RtcfgError(f"{name}: {int(size):,} bytes; the limit is {MAX_FILE_BYTES:,}")
    return from_bytes(name, _git(git, name, "cat-file", "blob", object_name))


def _git(git: str, name: str, *args: str) -> bytes:
    try:
        done = subprocess.run(
            [git, *args],
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
    return done.stdout


def reader(rev: str) -> Callable[[str], Source]:
    """Read the files a profile at `rev` names (bases, includes) at the same revision."""

    def read(path: str) -> Source:
        return read_rev(rev, shown(path))

    return read
