"""One file through the pipeline: read, parse, find the session, model it, report.

Every problem becomes a Diagnostic with a file, a line and a column; nothing here prints,
exits or raises for a bad profile.
"""

from __future__ import annotations

import functools
import os
from collections.abc import Mapping
from datetime import date
from typing import TYPE_CHECKING, Any, NamedTuple

from pydantic import TypeAdapter, ValidationError

from rtcfg import dialects
from rtcfg.check import rules
from rtcfg.check.result import Profile, View, place, with_file
from rtcfg.core.cwd import current_directory
from rtcfg.core.diagnostics import Diagnostic, Path, Severity, sort_key
from rtcfg.dialects import detect
from rtcfg.dialects.detect import Shape
from rtcfg.load.sources import PROFILE_SUFFIXES, Source, from_bytes, read_path
from rtcfg.load.yamlio import LoadError, parse

if TYPE_CHECKING:
    from rtcfg.load.compose import Reader


class Options(NamedTuple):
    """How to check: rules turned off (codes, already validated); the date that decides
    whether a deprecated model is past its shutdown (today, unless a test says otherwise);
    the project root that bases and included files must stay inside (the current
    directory by default); the environment `${VAR}` reads (os.environ by default).

    A NamedTuple, not a frozen dataclass: defining one costs 0.8 ms, at every start."""

    ignore: frozenset[str] = frozenset()
    today: date | None = None
    root: str | None = None
    env: Mapping[str, str] | None = None
    read_files: bool = True  # False: extends and !include are refused (text checked on its own)
    api: str | None = None  # the dialect the command line declares (--api), for documents that do not


_DEFAULT = Options()


@functools.cache
def _adapter(dialect_name: str, kind: str | None) -> tuple[Any, TypeAdapter[Any]]:
    # Each dialect's models are imported when a profile needs them (building pydantic
    # models is most of rtcfg's own start-up).
    root: Any
    if dialect_name == dialects.GA:
        from rtcfg.dialects.ga import models as ga

        root = ga.ROOT
    elif dialect_name == dialects.LIVE:
        from rtcfg.dialects import live
        from rtcfg.dialects.live import models as live_models

        root = live_models.LiveUpdate if kind == live.UPDATE else live_models.LiveSession
    else:
        from rtcfg.dialects.beta import models as beta

        root = beta.TranscriptionSession if kind == dialects.TRANSCRIPTION else beta.RealtimeSession
    return root, TypeAdapter(root)


def warm_up() -> None:
    """Build every dialect's validator now (before worker processes fork from this one)."""
    for dialect_name, kind in (
        (dialects.GA, None),
        (dialects.BETA, dialects.REALTIME),
        (dialects.BETA, dialects.TRANSCRIPTION),
    ):
        _adapter(dialect_name, kind)


def validate_session(session: dict[str, Any], dialect_name: str, kind: str | None) -> Any:
    """The model of a session that must be valid (a converted one); raises ValidationError."""
    return _adapter(dialect_name, kind)[1].validate_python(session)


def _may_compose(text: str) -> bool:
    # Most profiles use none of it: rule them out from the text, without importing compose.
    return "extends" in text or "!include" in text or "${" in text


def _compose() -> Any:
    from rtcfg.load import compose

    return compose


def check_path(path: str, options: Options = _DEFAULT) -> Profile:
    from rtcfg.load.sources import Refused

    if isinstance(path, Refused):
        hint = "name the file itself on the command line if you mean to check it"
        return Profile(path, (Diagnostic(Severity.ERROR, "RT011", path.reason, (), path, 1, 1, hint),))
    return check_source(read_path(path), options, location=path)


def check_bytes(name: str, data: bytes, options: Options = _DEFAULT) -> Profile:
    return check_source(from_bytes(name, data), options)


def check_source(
    source: Source, options: Options = _DEFAULT, *, location: str | None = None, reader: Reader | None = None
) -> Profile:
    """`location`: the file the source stands for, which its bases and includes are relative
    to (None for stdin: the current directory); `reader`: how those files are read."""
    if source.text is None:
        return Profile(source.name, tuple(source.diagnostics), unreadable=source.unreadable)
    profile = check_text(
        source.name, source.text, is_json=source.is_json, options=options, location=location, reader=reader
    )
    if location is None or os.path.realpath(location).lower().endswith(PROFILE_SUFFIXES):
        return profile
    # A file named on the command line whose real name is not a profile's (/etc/shadow, or a
    # .yaml symlink to it) is checked, but nothing of its content is shown: each finding
    # keeps its code and place, with the rule's summary for a message.
    return profile._replace(diagnostics=tuple(_without_content(d) for d in profile.diagnostics), text=None, view=None)


def _without_content(d: Diagnostic) -> Diagnostic:
    from rtcfg.core.codes import CODES

    hint = "its content is not shown: the file's name is not a profile's (.yaml, .yml, .json)"
    return Diagnostic(d.severity, d.code, CODES[d.code].summary, (), d.file, d.line, d.column, hint)


def check_text(
    name: str,
    text: str,
    *,
    is_json: bool = False,
    options: Options = _DEFAULT,
    location: str | None = None,
    reader: Reader | None = None,
) -> Profile:
    try:
        doc = parse(name, text, is_json=is_json)
    except LoadError as exc:
        return Profile(name, (with_file(exc.diagnostic, name),), text=text)
    diags = list(doc.problems)
    view = View(doc)
    if _may_compose(text) and _compose().needed(doc.data, text):
        composed = _compose().compose(
            doc,
            options.root or current_directory(),
            options.env,
            location=location,
            reader=reader,
            read_files=options.read_files,
        )
        view = View(doc, composed)
        diags += view.composed.diagnostics
    shape = detect.split(view.data, options.api)
    diags += shape.diagnostics
    checked = _Checked()
    found_secrets: dict[str, str] = {}
    if view.environment or (isinstance(shape.session, dict) and "tools" in shape.session):
        from rtcfg.core import secrets  # only tools hold secret places

        found_secrets = secrets.environment_values(view.environment)
        found_secrets.update(secrets.values_in(shape.session))
    if shape.server_event:
        diags.append(_server_event(shape))
    elif isinstance(shape.session, dict) and not any(d.is_error for d in diags if d.code in _COMPOSITION):
        if shape.ambiguous:
            diags.append(_ambiguous(shape))
        elif shape.mixed_live is not None:
            diags.append(_mixed_live(shape))
        else:
            checked = _check_session(view, shape, options)
            diags += checked.diagnostics
    ignore = options.ignore | shape.ignore
    found = [place(d, view) for d in diags]
    if "rtcfg:" in text or len(view.texts) > 1:
        from rtcfg.check import suppress

        texts = {name: body for name, body in view.texts.items() if "rtcfg:" in body}
        found = suppress.apply(found, texts, {n: n.lower().endswith(".json") for n in texts})
    placed = tuple(sorted((d for d in found if d.code not in ignore), key=sort_key))
    valid = not any(d.is_error for d in placed)
    return Profile(
        name,
        placed,
        dialect=shape.dialect if isinstance(shape.session, dict) else None,
        kind=checked.kind,
        session=checked.session if valid else None,
        model=checked.model if valid else None,
        envelope=shape.envelope,
        prefix=tuple(str(k) for k in shape.prefix),
        event=shape.event,
        text=text if placed else None,
        view=view,
        secrets=found_secrets,
    )


class _Checked(NamedTuple):
    """What the model and rules steps found out about a session."""

    diagnostics: list[Diagnostic] = []  # noqa: RUF012 - never mutated: each result builds its own
    model: Any = None
    session: dict[str, Any] | None = None
    kind: str | None = None


# A profile whose bases or included files could not be read is not the profile it says it
# is: its session is not checked (the missing half would raise errors of its own).
_COMPOSITION = frozenset(
    {
        "RT001",
        "RT002",
        "RT003",
        "RT004",
        "RT005",
        "RT006",
        "RT007",
        "RT008",
        "RT010",
        "RT011",
        "RT012",
        "RT013",
        "RT014",
    }
)


def _check_session(doc: View, shape: Shape, options: Options) -> _Checked:
    session: dict[str, Any] = shape.session
    diags: list[Diagnostic] = []
    if shape.dialect == dialects.LIVE and shape.kind == "update":
        # What a running Live session cannot change is one error naming why, not an
        # unknown key; the rest of the update is checked as usual.
        from rtcfg.check.rules import live as live_rules

        fixed = live_rules.immutable_in_update(session, shape.prefix)
        diags += fixed
        if fixed:
            session = {k: v for k, v in session.items() if (*shape.prefix, k) not in {d.path for d in fixed}}
    # A key of the other dialect gets its own RT101/RT102 (which names its place there):
    # one fault, one message (RT103, which said the same at the same place, is retired).
    root, adapter = _adapter(shape.dialect, shape.kind)
    model = None
    try:
        model = adapter.validate_python(session)
    except ValidationError as exc:
        from rtcfg.check.translate import Translator, collapse

        translator = Translator(root, shape.dialect, shape.prefix, doc.scalar_text)
        diags += collapse([translator.translate(dict(e)) for e in exc.errors(include_url=False)])
    kind = _kind_of(shape, session)
    n = len(shape.prefix)
    written_as = {p[n:]: text for p, text in doc.references.items() if p[:n] == shape.prefix}
    ctx = rules.Context(
        session,
        shape.dialect,
        kind,
        shape.prefix,
        is_event=shape.event is not None,
        today=options.today or _today(),
        references=written_as,
        declared_by=shape.declared_by,
    )
    # Rules read the session as valid data: on a broken shape each runs, and what it found
    # counts unless it read a key whose value did not validate.
    diags += rules.check(ctx, broken=_broken_keys(diags, shape.prefix, model))
    return _Checked(diags, model, session if model is not None else None, kind)


def _mixed_live(shape: Shape) -> Diagnostic:
    realtime, live = shape.mixed_live or ([], [])
    message = (
        f"the session mixes Realtime keys ({', '.join(realtime)}) and Live keys ({', '.join(live)}): no API takes both"
    )
    hint = (
        "a Live session: declare api: live (or --api live) to see where each Realtime key goes; "
        "a Realtime session: remove the Live keys (`rtcfg migrate --to live` converts a Realtime profile)"
    )
    return Diagnostic(Severity.ERROR, "RT116", message, shape.prefix, hint=hint)


def _server_event(shape: Shape) -> Diagnostic:
    session = shape.session if isinstance(shape.session, dict) else {}
    only = [k for k in dialects.RESPONSE_ONLY if k in session]
    nulls = sum(1 for v in session.values() if v is None)
    held = (f"what only responses carry ({', '.join(only)})" if only else "") + (
        f"{' and ' if only else ''}{nulls} null field{'s' if nulls != 1 else ''} the server filled in" if nulls else ""
    )
    return Diagnostic(
        Severity.ERROR,
        "RT115",
        f"{shape.event} is an event the server sends: the session it runs"
        + (f", with {held}" if held else "")
        + "; it is not a request",
        ("type",),
        hint="take its session into a session.update without id, object and expires_at (rtcfg render writes one)",
    )


def _ambiguous(shape: Shape) -> Diagnostic:
    """One error for a session whose keys cannot tell GA from beta, naming both readings."""
    try:
        _adapter(dialects.BETA, dialects.REALTIME)[1].validate_python(shape.session)
        as_beta = "as beta it is valid"
    except ValidationError:
        as_beta = "as beta it has problems of its own"
    return Diagnostic(
        Severity.ERROR,
        "RT114",
        "nothing in this session tells GA from beta: read as GA it lacks type (type: realtime); " + as_beta,
        shape.prefix,
        hint="declare it: api: ga or api: beta next to session:, or --api ga|beta on the command line",
    )


def _broken_keys(diags: list[Diagnostic], prefix: Path, model: Any) -> frozenset[str]:
    """The session's top-level keys that hold an error; EVERYTHING when an error sits at
    the session itself (a missing type: nothing is typed)."""
    errors = [d for d in diags if d.is_error]
    if model is not None and not errors:
        return frozenset()
    keys: set[str] = set()
    n = len(prefix)
    for d in errors:
        inner = d.path[n:] if d.path[:n] == prefix else ()
        if not inner or not isinstance(inner[0], str) or inner == ("type",):
            return frozenset({rules.EVERYTHING})
        keys.add(inner[0])
    return frozenset(keys) if keys else frozenset({rules.EVERYTHING})


def _today() -> date:
    return date.today()


def _kind_of(shape: Shape, session: dict[str, Any]) -> str:
    if shape.dialect == dialects.LIVE:
        return shape.kind or "startup"
    if shape.dialect == dialects.GA:
        return dialects.TRANSCRIPTION if session.get("type") == dialects.TRANSCRIPTION else dialects.REALTIME
    return shape.kind or dialects.REALTIME
