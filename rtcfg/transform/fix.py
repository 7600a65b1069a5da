"""`rtcfg validate --fix`: apply the fixes that findings declare, and nothing else.

Each round checks the text, applies every fix it may (safe ones; unsafe ones too when
asked) one at a time, and checks again; a fix that does not apply, touches what an earlier
fix of the round touched, or (being safe) would add an error is left out. Rounds repeat
until nothing changes, so a second `--fix` finds nothing to do. A fix of a value written in
a base file edits that base, at the value's own place there.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from rtcfg.check.result import Profile
from rtcfg.core.diagnostics import Diagnostic, Edit, Fix, Path
from rtcfg.transform.edit import EditError, apply

MAX_ROUNDS = 8


@dataclass
class Fixed:
    """The new text of each file a run changed, and what was fixed where."""

    texts: dict[str, str] = field(default_factory=dict)  # file -> its new text
    originals: dict[str, str] = field(default_factory=dict)  # file -> its text before
    applied: list[tuple[str, int, str, str]] = field(default_factory=list)  # (file, line, code, description)


Check = Callable[[dict[str, str]], Profile]


def _errors(profile: Profile) -> int:
    return sum(1 for d in profile.diagnostics if d.is_error)


def _touches(fix: Fix) -> set[Path]:
    out: set[Path] = set()
    for e in fix.edits:
        out.add(e.path)
        if isinstance(e.value, tuple):
            out.add(e.value)
    return out


def _overlaps(a: set[Path], b: set[Path]) -> bool:
    return any(x[: len(y)] == y or y[: len(x)] == x for x in a for y in b)


def fix_profile(
    name: str, texts: dict[str, str], check: Check, *, unsafe: bool, is_json: Callable[[str], bool]
) -> Fixed:
    """Fix the profile `name` (its real path); `texts` holds the text of the files fixed so
    far, by real path (the profile's own at least), and `check(texts)` checks the profile
    reading those texts instead of the disk."""
    done = Fixed()
    current = dict(texts)
    for _ in range(MAX_ROUNDS):
        profile = check(current)
        baseline = _errors(profile)
        touched: dict[str, set[Path]] = {}
        changed = False
        for d in profile.diagnostics:
            if d.fix is None or not (d.fix.safe or unsafe):
                continue
            target = _target(d, profile, name, current)
            if target is None:
                continue
            texts.setdefault(target[0], current[target[0]])  # a base read for the first time
            file, edits = target
            paths = _touches(Fix(d.fix.safe, d.fix.description, edits))
            if _overlaps(paths, touched.get(file, set())):
                continue
            try:
                new_text = apply(current[file], edits, is_json=is_json(file))
            except (EditError, ValueError, KeyError, TypeError):
                continue
            if new_text == current[file]:
                continue
            trial = {**current, file: new_text}
            if d.fix.safe and _errors(check(trial)) > baseline:
                continue  # a safe fix never adds an error
            current = trial
            baseline = _errors(check(current)) if not d.fix.safe else baseline
            touched.setdefault(file, set()).update(paths)
            done.applied.append((file, d.line, d.code, d.fix.description))
            changed = True
        if not changed:
            break
    done.texts = {f: t for f, t in current.items() if t != texts[f]}
    done.originals = {f: texts[f] for f in done.texts}
    return done


def _target(d: Diagnostic, profile: Profile, name: str, texts: dict[str, str]) -> tuple[str, tuple[Edit, ...]] | None:
    """The file a fix edits and its edits in that file's own paths: the profile itself, or
    the base or included file that writes the value (found by its line and column there)."""
    import os

    from rtcfg.load.sources import read_regular

    assert d.fix is not None
    file = os.path.realpath(d.file) if d.file else name
    if file == name:
        return file, d.fix.edits
    if file not in texts:
        data = read_regular(file, 16 * 1024 * 1024)
        try:
            texts[file] = data.decode("utf-8") if data is not None else None  # type: ignore[assignment]
        except UnicodeDecodeError:
            return None
        if texts[file] is None:
            del texts[file]
            return None
    # Every edit must be under the finding's own path: then the base's path for the
    # finding's place stands for the prefix.
    if not all(e.path[: len(d.path)] == d.path for e in d.fix.edits):
        return None
    own = _path_at(file, texts[file], d.line, d.column)
    if own is None:
        return None

    def moved(path: Path) -> Path:
        return own + path[len(d.path) :]

    edits = tuple(
        Edit(e.op, moved(e.path), moved(e.value) if isinstance(e.value, tuple) else e.value) for e in d.fix.edits
    )
    return file, edits


def _path_at(name: str, text: str, line: int, column: int) -> Path | None:
    """The path in a file whose key or value is written at (line, column)."""
    from rtcfg.load.yamlio import LoadError, parse

    try:
        doc = parse(name, text, is_json=name.lower().endswith(".json"))
    except LoadError:
        return None
    stack: list[tuple[Path, object]] = [((), doc.data)]
    while stack:
        path, value = stack.pop()
        if path:
            for at_key in (True, False):
                if doc.locate(path, at_key=at_key) == (line, column):
                    return path
        if isinstance(value, dict):
            stack.extend(((*path, k), v) for k, v in value.items())
        elif isinstance(value, list):
            stack.extend(((*path, i), v) for i, v in enumerate(value))
    return None
