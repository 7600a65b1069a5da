"""Exit codes and the one exception family for "cannot run as asked"."""

from __future__ import annotations

from enum import IntEnum


class ExitCode(IntEnum):
    OK = 0
    FINDINGS = 1  # an invalid profile, or a difference for `diff`
    USAGE = 2  # cannot run as asked: bad arguments, missing or unreadable input
    INTERNAL = 3  # a bug in rtcfg
    INTERRUPTED = 130


class RtcfgError(Exception):
    """An expected failure that ends a command with a one-line message and exit 2."""

    exit_code = ExitCode.USAGE
