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
from rtcfg.core.diagnostics import Diagnostic, Path


@dataclass
class Context:
    """One valid session and what the rules need to know about where it came from."""

    session: dict[str, Any]
    dialect: str
    kind: str  # dialects.REALTIME or dialects.TRANSCRIPTION
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

    def report(self, code: str, message: str, path: Path, hint: str | None = None) -> None:
        """A finding at a session-relative path; severity (and hint, unless one is given)
        from the code registry, so that the two cannot disagree."""
        self.report_at(code, message, self.prefix + tuple(path), hint)

    def report_at(self, code: str, message: str, path: Path, hint: str | None = None) -> None:
        """A finding at a document path (a key around the session, such as `api`)."""
        entry = CODES[code]
        self.found.append(Diagnostic(entry.severity, code, message, tuple(path), hint=hint or entry.hint))


Rule = Callable[[Context], None]


def _all_rules() -> list[Rule]:
    from rtcfg.check.rules import audio, capability, tools, transcription, turns

    return [*tools.RULES, *turns.RULES, *audio.RULES, *transcription.RULES, *capability.RULES]


def _any_shape_rules() -> list[Rule]:
    from rtcfg.check.rules import interface

    return interface.RULES


def check(ctx: Context, *, valid_shape: bool) -> list[Diagnostic]:
    """Every rule's findings. Most rules read the session as valid data and wait for a
    valid shape (on a broken one they would guess); those of `rules.interface` read only
    the keys they check and always run."""
    for rule in _any_shape_rules():
        rule(ctx)
    if valid_shape:
        for rule in _all_rules():
            rule(ctx)
    return ctx.found
