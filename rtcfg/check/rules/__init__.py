"""Rules beyond the shape: cross-field checks, model capabilities and deprecations.

They run on a session whose shape the models accepted, so every value has the type the
API documents and a rule never guards against a wrong type. Each rule reports through
`Context.report` with a code from `rtcfg.core.codes`, which gives it its severity.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from types import ModuleType
from typing import Any

from rtcfg import dialects
from rtcfg.core import datapath
from rtcfg.core.codes import CODES
from rtcfg.core.diagnostics import Diagnostic, Fix, Path


@dataclass
class Context:
    """One valid session and what the rules need to know about where it came from."""

    session: dict[str, Any]
    dialect: str
    kind: str  # dialects.REALTIME or dialects.TRANSCRIPTION; a Live session's transport
    prefix: Path = ()  # the session's path in the document
    is_event: bool = False  # the document is a captured session.update event
    today: date = field(default_factory=date.today)
    references: dict[Path, str] = field(default_factory=dict)  # values written as ${...}, as written
    declared_by: Path | None = None  # the document key that named the dialect, if one did
    found: list[Diagnostic] = field(default_factory=list)

    @property
    def beta(self) -> bool:
        return self.dialect == dialects.BETA

    @property
    def transcription(self) -> bool:
        return self.kind == dialects.TRANSCRIPTION

    @property
    def facts(self) -> ModuleType:
        """The description of the session's dialect (`rtcfg.dialects.ga` or `.beta`)."""
        return dialects.facts(self.dialect)

    def place(self, setting: str) -> Path:
        return self.facts.PLACES[setting]  # type: ignore[no-any-return]

    def has(self, path: Path) -> bool:
        return datapath.has(self.session, path)

    def get(self, path: Path, default: Any = None) -> Any:
        """The value at `path`, or `default` where the path is not there (or, in a session
        with shape errors, passes through something that is not a mapping or a list)."""
        return datapath.get(self.session, path, default)

    def setting(self, name: str, default: Any = None) -> Any:
        return self.get(self.place(name), default)

    def report(self, code: str, message: str, path: Path, hint: str | None = None, fix: Fix | None = None) -> None:
        """A finding at a session-relative path; severity (and hint, unless one is given)
        from the code registry, so that the two cannot disagree. A fix's edits are written
        with session-relative paths too."""
        if fix is not None:
            fix = fix.rerooted((), self.prefix)
        self.report_at(code, message, self.prefix + tuple(path), hint, fix)

    def report_at(self, code: str, message: str, path: Path, hint: str | None = None, fix: Fix | None = None) -> None:
        """A finding at a document path (a key around the session, such as `api`)."""
        entry = CODES[code]
        self.found.append(Diagnostic(entry.severity, code, message, tuple(path), hint=hint or entry.hint, fix=fix))


Rule = Callable[[Context], None]


def _all_rules(dialect: str) -> list[Rule]:
    if dialect == dialects.LIVE:
        from rtcfg.check.rules import live

        return live.RULES
    from rtcfg.check.rules import audio, capability, tools, transcription, turns

    return [*tools.RULES, *turns.RULES, *audio.RULES, *transcription.RULES, *capability.RULES]


def _any_shape_rules(dialect: str) -> list[Rule]:
    if dialect == dialects.LIVE:
        return []
    from rtcfg.check.rules import interface

    return interface.RULES


EVERYTHING = "*"  # in `broken`: the session as a whole did not validate (no type to go by)


def check(ctx: Context, *, broken: frozenset[str] = frozenset()) -> list[Diagnostic]:
    """Every rule's findings, in one run whatever else is wrong.

    Most rules read the session as valid data. `broken` names the session's top-level keys
    whose values did not validate: each rule then runs on a session that records what it
    reads, and its findings are kept only if it read none of those keys (a rule that read a
    broken part would only be guessing, and may fail on it). Those of `rules.interface` read
    only the keys they check and always run."""
    for rule in _any_shape_rules(ctx.dialect):
        rule(ctx)
    if EVERYTHING in broken:
        return ctx.found
    whole = ctx.session
    for rule in _all_rules(ctx.dialect):
        if not broken:
            rule(ctx)
            continue
        before = len(ctx.found)
        ctx.session = watched = _Watched(whole)
        try:
            rule(ctx)
            clean = not watched.read & broken
        except Exception:
            clean = False
        finally:
            ctx.session = whole
        if not clean:
            del ctx.found[before:]
    return ctx.found


class _Watched(dict):  # type: ignore[type-arg]
    """A session that records which of its top-level keys a rule read."""

    def __init__(self, data: dict[str, Any]) -> None:
        super().__init__(data)
        self.read: set[str] = set()

    def __getitem__(self, key: str) -> Any:
        self.read.add(key)
        return super().__getitem__(key)

    def get(self, key: str, default: Any = None) -> Any:
        self.read.add(key)
        return super().get(key, default)

    def __contains__(self, key: object) -> bool:
        self.read.add(str(key))
        return super().__contains__(key)

    def __iter__(self) -> Any:
        self.read.update(super().keys())
        return super().__iter__()

    def items(self) -> Any:
        self.read.update(super().keys())
        return super().items()

    def values(self) -> Any:
        self.read.update(super().keys())
        return super().values()
