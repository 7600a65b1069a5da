"""Turn the paths a user names into decoded text, one `Source` per file.

Read faults are diagnostics on the source, not exceptions, so that one unreadable file
never hides the others.
"""

from __future__ import annotations

import codecs
import os
import stat
from collections.abc import Iterator
from dataclasses import dataclass, field

from rtcfg.core.diagnostics import Diagnostic, Severity

PROFILE_SUFFIXES = (".yaml", ".yml", ".json")
MAX_FILE_BYTES = 16 * 1024 * 1024  # far above any real profile; keeps hostile input cheap
STDIN_NAME = "<stdin>"

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)


@dataclass
class Source:
    name: str
    text: str | None = None
    diagnostics: list[Diagnostic] = field(default_factory=list)

    @property
    def is_json(self) -> bool:
        return self.name.lower().endswith(".json")

    @property
    def unreadable(self) -> bool:
        """True when the file could not be read at all (exit 2, not a profile fault)."""
        return any(d.code == "RT009" for d in self.diagnostics)


def _fault(name: str, code: str, message: str, line: int = 1, column: int = 1, hint: str | None = None) -> Source:
    diag = Diagnostic(Severity.ERROR, code, message, (), name, line, column, hint)
    return Source(name, None, [diag])


class Refused(str):
    """A path a directory scan found but does not read; `reason` says why."""

    reason: str


def refused(path: str, reason: str) -> Refused:
    out = Refused(path)
    out.reason = reason
    return out


def expand_paths(paths: list[str], root: str | None = None) -> Iterator[str]:
    """Files as given (a file named on the command line is the user's choice); directories
    walked recursively for profile suffixes, sorted, without following a symlinked folder.
    A symlink the walk finds that leads outside `root` (a pull request can add one that
    points at /etc/shadow or a credentials file) is yielded as `Refused`, never read."""
    real_root = os.path.realpath(root) if root is not None else None
    for path in paths:
        if path != "-" and os.path.isdir(path):
            found: list[str] = []
            for folder, dirs, files in os.walk(path):
                dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                found.extend(
                    os.path.join(folder, f)
                    for f in files
                    if f.lower().endswith(PROFILE_SUFFIXES) and not f.startswith(".")
                )
            for file in sorted(found):
                if real_root is not None and os.path.islink(file):
                    real = os.path.realpath(file)
                    if os.path.commonpath([real, real_root]) != real_root:
                        yield refused(file, "a symlink to a file outside the project root: not read")
                        continue
                yield file
        else:
            yield path


def read_regular(path: str, limit: int) -> bytes | None:
    """Up to `limit` bytes of `path` when it is a regular file; None for anything else (a
    FIFO, a device, a folder, a missing file). Opened without blocking, then checked on the
    open descriptor: a FIFO planted where a configuration or .gitignore is expected can
    neither hang the run nor be swapped in between a check and the open."""
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0))
    except OSError:
        return None
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            return None
        with os.fdopen(fd, "rb", closefd=False) as fh:
            return fh.read(limit)
    except OSError:
        return None
    finally:
        os.close(fd)


def read_path(path: str) -> Source:
    try:
        st = os.stat(path)
    except FileNotFoundError:
        return _fault(path, "RT009", "no such file")
    except OSError as exc:
        return _fault(path, "RT009", f"cannot read: {exc.strerror or exc}")
    if stat.S_ISDIR(st.st_mode):
        return _fault(path, "RT009", "is a directory, not a profile file")
    if not stat.S_ISREG(st.st_mode):
        # Opening a FIFO or a device could block forever or never end.
        return _fault(path, "RT009", "not a regular file (a FIFO, socket or device)")
    if st.st_size > MAX_FILE_BYTES:
        return _fault(path, "RT008", f"file is {st.st_size:,} bytes; the limit is {MAX_FILE_BYTES:,}")
    try:
        with open(path, "rb") as fh:
            data = fh.read(MAX_FILE_BYTES + 1)
    except OSError as exc:
        return _fault(path, "RT009", f"cannot read: {exc.strerror or exc}")
    return from_bytes(path, data)


def _utf16_without_bom(data: bytes) -> str | None:
    """UTF-16 text saved without a byte order mark (Windows tools do it): ASCII-range text
    has a NUL in every other byte. Read it rather than fail on the first NUL."""
    if len(data) < 4 or len(data) % 2 or b"\x00" not in data[:64]:
        return None
    odd, even = data[1::2], data[0::2]
    if odd.count(0) >= 0.9 * len(odd) and even.count(0) == 0:
        return "utf-16-le"
    if even.count(0) >= 0.9 * len(even) and odd.count(0) == 0:
        return "utf-16-be"
    return None


def from_bytes(name: str, data: bytes) -> Source:
    if len(data) > MAX_FILE_BYTES:
        return _fault(name, "RT008", f"input exceeds the limit of {MAX_FILE_BYTES:,} bytes")
    encoding = "utf-8"
    for bom, enc in _BOMS:
        if data.startswith(bom):
            encoding, data = enc, data[len(bom) :]
            break
    else:
        encoding = _utf16_without_bom(data) or encoding
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError as exc:
        if encoding != "utf-8":
            return _fault(name, "RT005", f"not valid {encoding.upper()} text")
        line = data.count(b"\n", 0, exc.start) + 1
        column = exc.start - (data.rfind(b"\n", 0, exc.start) + 1) + 1
        byte = data[exc.start : exc.start + 1].hex()
        return _fault(
            name,
            "RT005",
            f"invalid UTF-8 byte 0x{byte}",
            line,
            column,
            "save the file as UTF-8 (for example: iconv -f latin1 -t utf-8)",
        )
    return Source(name, text)
