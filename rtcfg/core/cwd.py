"""The working directory, which can vanish under a running process (a CI step that deleted
its checkout, a shell in a removed folder): paths given in full must still work then."""

from __future__ import annotations

import os


def current_directory() -> str:
    """The working directory; if it was deleted, the path the shell says it was ($PWD), or
    the root: only a string to resolve relative names against, and relative names then
    fail as missing files, with the usual message."""
    try:
        return os.getcwd()
    except (FileNotFoundError, PermissionError):
        return os.environ.get("PWD") or os.sep


def shown(path: str) -> str:
    """`path` relative to the working directory, as a user would type it; in full when it
    is elsewhere on another drive or the working directory is gone."""
    try:
        return os.path.relpath(path)
    except (FileNotFoundError, PermissionError, ValueError):
        return path
