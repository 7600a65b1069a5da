"""Plain-text views of validation results: JSON and GitHub annotations (stdlib only)."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from typing import TYPE_CHECKING, Any, TextIO

from rtcfg.core.diagnostics import Diagnostic, dotted
from rtcfg.output.terminal import symbol

if TYPE_CHECKING:
    from rtcfg.check.result import Profile

# A clean text run needs only Tally and summary from here: what the other formats use
# (escaping, masking) is imported by the functions that make them.

if TYPE_CHECKING:
    from rtcfg.transform.explain import Explanation


def passes(profile: Profile, strict: bool) -> bool:
    return profile.valid and not (strict and profile.warnings)


def diagnostic_json(
    d: Diagnostic, profile_path: str | None = None, secrets: Mapping[str, str] | None = None
) -> dict[str, Any]:
    from rtcfg.core.secrets import hide

    secrets = secrets or {}
    out = {
        "severity": d.severity.value,
        "code": d.code,
        "message": hide(d.message, secrets),
        "path": d.dotted_path,
        "line": d.line,
        "column": d.column,
        "hint": hide(d.hint, secrets) if d.hint else d.hint,
    }
    if profile_path is not None and d.file and d.file != profile_path:
        out["file"] = d.file  # the fault is in a base or an included file, at this line
    return out


class Tally:
    """What the summary and the exit status need, counted as profiles go by (so that a
    batch of thousands does not have to be held)."""

    def __init__(self, strict: bool) -> None:
        self.strict = strict
        self.files = self.errors = self.warnings = self.failing = 0
        self.unreadable = False
        # A fault in a base or an included file, by where and what it is -> the profiles
        # that use that file: counted and shown once, however many profiles extend it.
        self.shared: dict[tuple[str, int, int, str, str], list[str]] = {}
        self._repeats: set[int] = set()  # id() of the diagnostics already shown elsewhere

    def add(self, profile: Profile) -> Profile:
        self.files += 1
        for d in profile.diagnostics:
            if d.file and d.file != profile.name:
                users = self.shared.setdefault((d.file, d.line, d.column, d.code, d.message), [])
                users.append(profile.name)
                if len(users) > 1:
                    self._repeats.add(id(d))
                    continue
            if d.is_error:
                self.errors += 1
            else:
                self.warnings += 1
        self.failing += 0 if passes(profile, self.strict) else 1
        self.unreadable = self.unreadable or profile.unreadable
        return profile

    def first_time(self, d: Diagnostic) -> bool:
        """Whether `d` is shown here: not a fault of a shared file already shown."""
        return id(d) not in self._repeats


def shared_faults(tally: Tally) -> list[str]:
    """A line for each fault in a file that several profiles use, naming them."""
    out = []
    for (file, line, column, code, _message), users in tally.shared.items():
        if len(users) > 1:
            out.append(
                f"note: {file}:{line}:{column} {code} is in a file {len(users)} profiles use: {', '.join(users)}"
            )
    return out


def unique(profiles: Sequence[Profile]) -> Iterator[tuple[Profile, Diagnostic]]:
    """Each profile's diagnostics, a fault in a shared file only the first time."""
    seen: set[tuple[str, int, int, str, str]] = set()
    for p in profiles:
        for d in p.diagnostics:
            if d.file and d.file != p.name:
                key = (d.file, d.line, d.column, d.code, d.message)
                if key in seen:
                    continue
                seen.add(key)
            yield p, d


def summary(tally: Tally) -> tuple[str, str]:
    """The last line of a text report, and its style (a rich style name)."""
    errors, warnings, failing = tally.errors, tally.warnings, tally.failing
    files = f"{tally.files} file{'s' if tally.files != 1 else ''}"
    counts = f"{errors} error{'s' if errors != 1 else ''}, {warnings} warning{'s' if warnings != 1 else ''}"
    if failing:
        return symbol(f"✗ {failing} of {files} failed: {counts}"), "bold red"
    if warnings:
        return symbol(f"✓ {files} valid, {warnings} warning{'s' if warnings != 1 else ''}"), "yellow"
    return symbol(f"✓ {files} valid"), "green"


def file_json(p: Profile, strict: bool) -> dict[str, Any]:
    return {
        "path": p.name,
        "valid": passes(p, strict),
        "diagnostics": [diagnostic_json(d, p.name, p.secrets) for d in p.diagnostics],
    }


def write_json_stream(files: Iterable[dict[str, Any]], out: TextIO) -> None:
    """`{"files": [...], "valid": bool}`, written entry by entry: "files" first, then
    "valid" (JSON objects are unordered), so that thousands of files are never held."""
    from rtcfg.output import escape

    out.write('{\n  "files": [')
    valid, first = True, True
    for entry in files:
        valid = valid and entry["valid"]
        text = escape.json_document(entry).replace("\n", "\n    ")
        out.write(("\n    " if first else ",\n    ") + text)
        first = False
    out.write(("\n  ]" if not first else "]") + f',\n  "valid": {"true" if valid else "false"}\n}}\n')


def to_github(profiles: Sequence[Profile], first_time: Callable[[Diagnostic], bool] | None = None) -> str:
    """GitHub Actions workflow commands: one annotation per diagnostic, pinned to its line."""
    from rtcfg.core.secrets import hide
    from rtcfg.output import escape

    lines = []
    # A fault in a shared base: one annotation (`first_time` says so across a stream of calls).
    pairs = (
        unique(profiles) if first_time is None else ((p, d) for p in profiles for d in p.diagnostics if first_time(d))
    )
    for p, d in pairs:
        level = "error" if d.is_error else "warning"
        message = hide(d.message + (f" (hint: {d.hint})" if d.hint else ""), p.secrets)
        props = (
            f"file={escape.github_property(d.file or p.name)},line={d.line},col={d.column},"
            f"title={escape.github_property(d.code)}"
        )
        lines.append(f"::{level} {props}::{escape.github_data(message)}")
    return "".join(line + "\n" for line in lines)


def _place_json(place: Any, profile_path: str) -> dict[str, Any]:
    out = {"path": dotted(place.path), "line": place.line, "column": place.column}
    if place.file and place.file != profile_path:
        out["file"] = place.file  # set in a base or an included file, at this line
    return out


def explanation_json(ex: Explanation) -> str:
    from rtcfg.output import escape

    doc: dict[str, Any] = {
        "error": {"message": ex.error.message, "code": ex.error.code, "param": ex.error.param},
        "recognised": ex.recognised,
        "meaning": ex.meaning,
        "rules": [{"code": r.code, "name": r.name, "severity": r.severity.value} for r in ex.rules],
        "path": dotted(ex.api_path) if ex.api_path else None,
        "value": ex.value,
    }
    if ex.profile is not None:
        doc["profile"] = {
            "path": ex.profile.name,
            "places": [_place_json(p, ex.profile.name) for p in ex.places],
            "diagnostics": [diagnostic_json(d, ex.profile.name, ex.profile.secrets) for d in ex.diagnostics],
            "note": ex.note,
        }
    return escape.json_document(doc) + "\n"


def session_json(profile: Profile) -> str:
    """`rtcfg show --format json`: the effective session as the profile sets it, secrets
    masked, without the client_secret a request body would carry."""
    from rtcfg.core.secrets import mask
    from rtcfg.output import escape
    from rtcfg.transform.render import ordered_session

    session = ordered_session(profile)
    session.pop("client_secret", None)
    return escape.json_document(mask((), session)) + "\n"


def diff_json(changes: Sequence[Any]) -> str:
    """`{"equal": bool, "changes": [{"op", "path", "old", "new", "impact"}]}`; secrets masked."""
    from rtcfg.core.secrets import mask
    from rtcfg.output import escape

    doc = {
        "equal": not changes,
        "changes": [
            {"op": c.op, "path": c.dotted, "old": mask(c.path, c.old), "new": mask(c.path, c.new), "impact": c.impact}
            for c in changes
        ],
    }
    return escape.json_document(doc) + "\n"


def settings_text(rows: Sequence[tuple[str, Any, str]]) -> str:
    """`rtcfg show-settings`: one setting per line, `key = value  # where from` (TOML-like,
    so that it can be pasted into a configuration file)."""
    import json

    from rtcfg.output import escape

    width = max(len(key) for key, _, _ in rows)
    out = []
    for key, value, origin in rows:
        shown = "(none)" if value is None else json.dumps(value, ensure_ascii=False)
        out.append(escape.text(f"{key:<{width}} = {shown}") + f"  # {escape.text(origin)}")
    return "".join(line + "\n" for line in out)


def settings_json(rows: Sequence[tuple[str, Any, str]]) -> str:
    from rtcfg.output import escape

    return escape.json_document({key: {"value": value, "from": origin} for key, value, origin in rows}) + "\n"
