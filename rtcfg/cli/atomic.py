"""Write a file so that readers see the old content or the new, never half of either, and
so that no write damages what was there: only regular files are replaced, a symlink is
written through (the link stays, its target gets the new content), the file's mode and
owner are kept, a read-only file is refused, and the temporary file is removed whatever
stops the write (an error, Ctrl-C, SIGTERM)."""

from __future__ import annotations

import contextlib
import os
import signal
import stat
import tempfile
import threading
from collections.abc import Iterator

from rtcfg.core.errors import RtcfgError


def target_of(path: str) -> str:
    """The file a write to `path` changes: `path`, or the file a symlink at `path` names.
    Raises RtcfgError for a target that is not a regular file or is read-only."""
    real = os.path.realpath(path)
    try:
        st = os.stat(real)
    except FileNotFoundError:
        if not os.path.isdir(os.path.dirname(real) or "."):
            raise RtcfgError(f"cannot write {path}: no such directory") from None
        return real
    if not stat.S_ISREG(st.st_mode):
        raise RtcfgError(f"cannot write {path}: not a regular file (a device, FIFO, socket or directory)")
    if not st.st_mode & (stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH) or not os.access(real, os.W_OK):
        raise RtcfgError(f"cannot write {path}: the file is read-only")
    return real


def same_file(a: str, b: str) -> bool:
    try:
        return os.path.samefile(a, b)
    except OSError:
        return False


class _Terminated(BaseException):
    """SIGTERM during a write: unwinds like Ctrl-C, so the temporary file is removed."""


@contextlib.contextmanager
def _terminate_as_exception() -> Iterator[None]:
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def stop(signum: int, frame: object) -> None:
        raise _Terminated

    previous = signal.signal(signal.SIGTERM, stop)
    try:
        yield
    except _Terminated:
        raise SystemExit(128 + signal.SIGTERM) from None
    finally:
        signal.signal(signal.SIGTERM, previous)


def write_atomic(path: str, text: str) -> None:
    """Write `text` to a temporary file beside the target, flush it to disk, then rename it
    over the target. A failure at any point leaves the target as it was. A new file gets
    the mode the umask allows, as `open()` would."""
    real = target_of(path)
    directory = os.path.dirname(real) or "."
    try:
        st: os.stat_result | None = os.stat(real)
    except FileNotFoundError:
        st = None
    if st is not None:
        mode = stat.S_IMODE(st.st_mode)
    else:
        umask = os.umask(0)
        os.umask(umask)
        mode = 0o666 & ~umask
    with _terminate_as_exception():
        fd, tmp = tempfile.mkstemp(prefix=f".{os.path.basename(real)}.", suffix=".tmp", dir=directory)
        try:
            with os.fdopen(fd, "w", encoding="utf-8", newline="") as handle:
                handle.write(text)
                handle.flush()
                os.fsync(handle.fileno())
            os.chmod(tmp, mode)
            if st is not None and (st.st_uid, st.st_gid) != (os.getuid(), os.getgid()):
                try:
                    os.chown(tmp, st.st_uid, st.st_gid)
                except PermissionError:
                    raise RtcfgError(f"cannot write {path}: its owner could not be kept") from None
            os.replace(tmp, real)
        except BaseException:
            with contextlib.suppress(FileNotFoundError):
                os.unlink(tmp)
            raise
