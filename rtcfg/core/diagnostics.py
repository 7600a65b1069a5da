"""The one currency of every problem rtcfg finds."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum
from typing import NamedTuple, Union

PathElem = Union[str, int]
Path = tuple[PathElem, ...]


class Severity(str, Enum):
    ERROR = "error"
    WARNING = "warning"


# What a fix does to the document, at document paths (the session's prefix included).
SET, RENAME, MOVE, DELETE = "set", "rename", "move", "delete"
PREPEND = "prepend"  # set a key that is not there yet as its mapping's first


class Edit(NamedTuple):
    """One change to a document: `set` the value at `path` to `value`; `rename` the key at
    `path` to `value` (a key name); `move` the entry at `path` to the path `value`, with
    its comments; `delete` the entry at `path`."""

    # NamedTuples, not frozen dataclasses: each of those costs about a millisecond to
    # define, at every start.
    op: str
    path: Path
    value: object = None

    def rerooted(self, old: Path, new: Path) -> Edit:
        """The edit with `old` at the head of its paths replaced by `new`: a rule's
        session-relative edit placed in the document, or a base file's own place."""

        def move(path: Path) -> Path:
            return (*new, *path[len(old) :])

        return Edit(self.op, move(self.path), move(self.value) if self.op == MOVE else self.value)  # type: ignore[arg-type]


class Fix(NamedTuple):
    """The repair of one finding. Safe: the session means the same, or what the API surely
    meant. Unsafe: behaviour may change (a replacement model, a renamed tool, a dropped key)."""

    safe: bool
    description: str
    edits: tuple[Edit, ...]

    def rerooted(self, old: Path, new: Path) -> Fix:
        return Fix(self.safe, self.description, tuple(e.rerooted(old, new) for e in self.edits))


@dataclass(frozen=True)
class Diagnostic:
    severity: Severity
    code: str
    message: str
    path: Path = ()
    file: str = ""
    line: int = 1
    column: int = 1
    hint: str | None = None
    # not compared or hashed: a fix may hold mappings, and two findings are the same finding
    # whatever repair they offer
    fix: Fix | None = field(default=None, compare=False)

    def at(self, file: str, line: int | None = None, column: int | None = None) -> Diagnostic:
        """The same finding placed in `file` (at `line` and `column` when given). Built
        directly: placing runs once per finding, and dataclasses.replace costs three times
        as much."""
        return Diagnostic(
            self.severity,
            self.code,
            self.message,
            self.path,
            file,
            self.line if line is None else line,
            self.column if column is None else column,
            self.hint,
            self.fix,
        )

    @property
    def is_error(self) -> bool:
        return self.severity is Severity.ERROR

    @property
    def dotted_path(self) -> str:
        return dotted(self.path)


def dotted(path: Path) -> str:
    """`('session', 'tools', 2, 'name')` -> `session.tools[2].name`."""
    out = ""
    for elem in path:
        if isinstance(elem, int):
            out += f"[{elem}]"
        else:
            out += f".{elem}" if out else str(elem)
    return out


def sort_key(d: Diagnostic) -> tuple[str, int, int]:
    return (d.file, d.line, d.column)  # a stable sort keeps a summary before its details
