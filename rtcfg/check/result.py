"""The one result of checking a profile: its diagnostics (each placed once, in the file
that holds the value), the effective data with the locator that knows every value's file
and line across `extends` and `!include`, the dialect, the kind and the validated model.
Every command reads this; none re-parses, re-composes or re-places."""

from __future__ import annotations

import functools
from collections.abc import Mapping
from typing import Any, NamedTuple

from rtcfg.core.codes import CODES
from rtcfg.core.diagnostics import Diagnostic, Path
from rtcfg.load.yamlio import Document

# Codes placed at the key rather than at its value.
_AT_KEY = frozenset(c.code for c in CODES.values() if c.at_key)


@functools.lru_cache(maxsize=16)
def _lines(text: str) -> list[str]:
    """A file's lines, split once however many diagnostics quote it (a string caches its
    own hash, so the lookup costs nothing after the first)."""
    return text.splitlines()


class Profile(NamedTuple):
    """A checked profile: its diagnostics and, when valid, its session. Immutable: made once,
    at the end of the check; `slim()` makes a smaller copy. (A NamedTuple: a frozen
    dataclass of this size costs a millisecond to define, at every start.)"""

    name: str
    diagnostics: tuple[Diagnostic, ...] = ()
    dialect: str | None = None
    kind: str | None = None  # "realtime" or "transcription"
    session: dict[str, Any] | None = None  # the session as written, once it validates
    model: Any = None  # the validated pydantic model of the session
    envelope: dict[str, Any] = {}  # noqa: RUF012 - never mutated
    prefix: tuple[str, ...] = ()  # where the session sits in the document: () or ("session",)
    event: str | None = None  # the event type, when the document is a captured event
    unreadable: bool = False  # the file could not be read at all (exit 2)
    text: str | None = None  # kept only when there is something to show
    view: Any = None  # where each value is written (a View)
    quoted: dict[tuple[str, int], str] = {}  # noqa: RUF012 - lines kept by slim(); never mutated
    # What no output may quote, and what to show instead (rtcfg.core.secrets).
    secrets: Mapping[str, str] = {}

    def source_line(self, line: int, file: str | None = None) -> str | None:
        key = file or self.name
        kept = self.quoted.get((key, line))
        if kept is not None:
            return kept
        text = self.text if key == self.name else None
        if text is None and self.view is not None:
            text = self.view.texts.get(key)
        if text is None:
            return None
        lines = _lines(text)
        return lines[line - 1] if 0 < line <= len(lines) else None

    @property
    def valid(self) -> bool:
        return not any(d.is_error for d in self.diagnostics)

    def locate(self, path: Path, *, at_key: bool = False) -> tuple[str, int, int]:
        """The file, line and column where the value at `path` (a document path) is
        written: in the profile, or in the base or included file it came from."""
        if self.view is None:
            return self.name, 1, 1
        return self.view.locate(path, at_key=at_key)  # type: ignore[no-any-return]

    def place(self, diagnostics: list[Diagnostic]) -> list[Diagnostic]:
        """Diagnostics made after the check (by a conversion) placed as the check's own are:
        in the file that holds the value, at its line and column."""
        if self.view is None:
            return [d if d.file else with_file(d, self.name) for d in diagnostics]
        return [place(d, self.view) for d in diagnostics]

    def slim(self) -> Profile:
        """What a report needs (diagnostics and the lines they quote) without the data: a
        batch of thousands of profiles then holds only their findings."""
        quoted = dict(self.quoted)
        for d in self.diagnostics:
            line = self.source_line(d.line, d.file or None)
            if line is not None:
                quoted[(d.file or self.name, d.line)] = line
        return self._replace(view=None, session=None, model=None, text=None, envelope={}, quoted=quoted)

    @property
    def errors(self) -> list[Diagnostic]:
        return [d for d in self.diagnostics if d.is_error]

    @property
    def warnings(self) -> list[Diagnostic]:
        return [d for d in self.diagnostics if not d.is_error]


class View:
    """A profile's data and where each of its values is written: one file, or several when
    the profile composes (`rtcfg.load.compose`)."""

    def __init__(self, doc: Document, composed: Any = None) -> None:
        self.doc, self.composed = doc, composed
        self.data = composed.data if composed is not None else doc.data
        self.texts: dict[str, str] = dict(composed.texts) if composed is not None else {doc.name: doc.text}
        self.references: dict[Path, str] = composed.references() if composed is not None else {}
        self.environment: dict[str, str] = composed.environment if composed is not None else {}

    def locate(self, path: Path, *, at_key: bool = False) -> tuple[str, int, int]:
        if self.composed is not None:
            return self.composed.locate(path, at_key=at_key)  # type: ignore[no-any-return]
        return (self.doc.name, *self.doc.locate(path, at_key=at_key))

    def scalar_text(self, path: Path) -> tuple[str, str | None] | None:
        source = self.composed if self.composed is not None else self.doc
        found: tuple[str, str | None] | None = source.scalar_text(path)
        return found


def with_file(d: Diagnostic, name: str) -> Diagnostic:
    return d.at(name)


def place(d: Diagnostic, view: View | Document) -> Diagnostic:
    """Give a diagnostic its file, and a line and column from its path when it has one.
    A diagnostic that already names its file (a fault inside a base) is placed already."""
    if d.file:
        return d
    if isinstance(view, Document):
        view = View(view)
    if not d.path:
        return d.at(view.doc.name)
    file, line, column = view.locate(d.path, at_key=d.code in _AT_KEY)
    return d.at(file, line, column)
