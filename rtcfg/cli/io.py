"""What commands share below their arguments: reading the one profile a command works on,
and writing to the terminal, stdout or a file. Every message goes through the output
layer's escaping (`rtcfg.output.escape`) before it is written."""

import io
import os
import sys
from typing import TYPE_CHECKING, Any

from rtcfg.cli.options import Color
from rtcfg.output.terminal import console, print_line

__all__ = ["checked_root", "console", "emit", "print_diagnostics", "print_line", "read_one", "say", "stdin_bytes"]
from rtcfg.core.errors import RtcfgError

if TYPE_CHECKING:
    from rtcfg.check.pipeline import Options
    from rtcfg.check.result import Profile
    from rtcfg.project.config import Settings


def say(message: str) -> None:
    """One line on stderr. Messages quote paths and profile text: escaped, so that none
    can start a second line or move the terminal's cursor."""
    from rtcfg.output.escape import text

    try:
        sys.stderr.write(text(message) + "\n")
        sys.stderr.flush()
    except (OSError, ValueError):
        pass


def silence_stdout() -> None:
    # Python flushes stdout at exit; pointing it at /dev/null keeps a second error away.
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError, AttributeError):
        pass


def stdin_bytes(limit: int) -> bytes:
    """Up to `limit` bytes of standard input. A stdin left non-blocking by whoever started
    us would return nothing (or None) at once: make it blocking first."""
    if sys.stdin is None:  # started with stdin closed (`rtcfg validate - <&-`)
        raise RtcfgError("standard input is closed: there is nothing to read for -")
    try:
        os.set_blocking(sys.stdin.fileno(), True)
    except (OSError, ValueError, AttributeError, io.UnsupportedOperation):
        pass  # not a real file descriptor (tests, embedded use): read as it is
    data = sys.stdin.buffer.read(limit)
    return data or b""


def checked_root(root: str | None) -> str | None:
    if root is not None and not os.path.isdir(root):
        raise RtcfgError(f"--root {root}: not a directory")
    return root


def project_settings(config: str | None = None, isolated: bool = False, root: str | None = None) -> "Settings":
    """The project's configuration for a run from the current directory, with --root on top."""
    from rtcfg.core.cwd import current_directory
    from rtcfg.project.config import resolve

    settings = resolve(current_directory(), config, isolated=isolated)
    if checked_root(root) is not None:
        settings = settings.with_option("root", os.path.abspath(str(root)), "--root")
    return settings


def file_options(
    settings: "Settings", path: str, ignore: frozenset[str] = frozenset(), api: str | None = None
) -> "Options":
    """How to check the file at `path`: the project's root, the rules the configuration turns
    off for it plus `ignore` (--ignore adds), and its declared dialect unless `api` (--api)
    says another."""
    from rtcfg.check import pipeline

    own_ignore, declared = settings.for_file(path)
    return pipeline.Options(ignore=own_ignore | ignore, root=settings.root, api=api or declared)


def read_one(
    path: str,
    *,
    revisions: bool = True,
    root: str | None = None,
    api: str | None = None,
    config: str | None = None,
    isolated: bool = False,
) -> tuple["Profile", str | None, bool]:
    """One profile (a file, - for stdin, or REV:path from git) checked, with its text, under
    the project's configuration (its root, the dialect and rules it sets for the file);
    unreadable -> exit 2."""
    from rtcfg.check import pipeline
    from rtcfg.load import gitrev
    from rtcfg.load.sources import MAX_FILE_BYTES, STDIN_NAME, from_bytes, read_path

    settings = project_settings(config, isolated, root)
    rev = gitrev.split_spec(path) if revisions else None
    options = file_options(settings, rev[1] if rev is not None else path, api=api)
    if rev is not None:
        source = gitrev.read_rev(*rev)
        location, reader = os.path.abspath(rev[1]), gitrev.reader(rev[0])
    elif path == "-":
        source, location, reader = from_bytes(STDIN_NAME, stdin_bytes(MAX_FILE_BYTES + 1)), None, None
    else:
        source, location, reader = read_path(path), path, None
    if source.unreadable:
        raise RtcfgError(f"{path}: {source.diagnostics[0].message}")
    return pipeline.check_source(source, options, location=location, reader=reader), source.text, source.is_json


def print_diagnostics(profile: "Profile", color: Color, diagnostics: list[Any] | None = None) -> None:
    from rtcfg.output import text as report_text

    err = console(color, stderr=True)
    for d in profile.diagnostics if diagnostics is None else diagnostics:
        err.print(report_text.diagnostic_text(profile, d), soft_wrap=True, highlight=False)


def emit(text: str, output: str | None) -> None:
    if output is None or output == "-":
        sys.stdout.write(text)
        sys.stdout.flush()
        return
    from rtcfg.cli.atomic import write_atomic

    try:
        write_atomic(output, text)
    except OSError as exc:
        raise RtcfgError(f"cannot write {output}: {exc.strerror or exc}") from None
