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
from rtcfg.core.diagnostics import MOVE, Diagnostic, Edit, Fix, Path
from rtcfg.transform.edit import EditError, apply_groups

MAX_ROUNDS = 8
MAX_FIXES = 10_000  # a profile that needs more than this is not one a person wrote
MAX_SINGLES = 50  # fixes tried one at a time when a round's batch would add an error
Chosen = tuple[str, Diagnostic, Fix, tuple[Edit, ...]]  # file, finding, fix, its edits there


@dataclass
class Fixed:
    """The new text of each file a run changed, and what was fixed where."""

    texts: dict[str, str] = field(default_factory=dict)  # file -> its new text
    originals: dict[str, str] = field(default_factory=dict)  # file -> its text before
    applied: list[tuple[str, int, str, str]] = field(default_factory=list)  # (file, line, code, description)


Check = Callable[[dict[str, str]], Profile]


def _errors(profile: Profile) -> int:
    return sum(1 for d in profile.diagnostics if d.is_error)


def _touches(edits: tuple[Edit, ...]) -> set[Path]:
    """The paths a fix's edits read or write (a move's target included)."""
    out: set[Path] = set()
    for e in edits:
        out.add(e.path)
        if e.op == MOVE:
            out.add(e.value)  # type: ignore[arg-type]
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
        chosen = _chosen(profile, name, current, texts, unsafe)
        if not chosen:
            break
        # All of a round's fixes in one edit of each file and one check: a file with
        # thousands of findings costs a few passes, not one check per finding.
        trial, applied = _apply_all(current, chosen, is_json)
        if applied and (_errors(check(trial)) <= baseline or not all(fix.safe for _, _, fix, _ in applied)):
            current = trial
        else:
            # a safe fix would add an error: one at a time (a bounded number), keeping those
            # that do not
            applied = []
            for one in chosen[:MAX_SINGLES]:
                single, done_one = _apply_all(current, [one], is_json)
                if done_one and (not one[2].safe or _errors(check(single)) <= baseline):
                    current = single
                    applied += done_one
                    baseline = _errors(check(current))
        done.applied += [(file, d.line, d.code, fix.description) for file, d, fix, _ in applied]
        if not applied or len(done.applied) >= MAX_FIXES:
            break
    done.texts = {f: t for f, t in current.items() if t != texts[f]}
    done.originals = {f: texts[f] for f in done.texts}
    return done


def _chosen(profile: Profile, name: str, current: dict[str, str], texts: dict[str, str], unsafe: bool) -> list[Chosen]:
    """The fixes a round applies: eligible, and touching nothing another one touches."""
    touched: dict[str, set[Path]] = {}
    out: list[Chosen] = []
    for d in profile.diagnostics:
        if d.fix is None or not (d.fix.safe or unsafe):
            continue
        target = _target(d, profile, name, current)
        if target is None:
            continue
        file, edits = target
        texts.setdefault(file, current[file])  # a base read for the first time
        paths = _touches(edits)
        if _overlaps(paths, touched.get(file, set())):
            continue
        touched.setdefault(file, set()).update(paths)
        out.append((file, d, d.fix, edits))
        if len(out) >= MAX_FIXES:
            break
    return out


def _apply_all(
    current: dict[str, str], chosen: list[Chosen], is_json: Callable[[str], bool]
) -> tuple[dict[str, str], list[Chosen]]:
    """Each file edited once with the fixes chosen for it; those that did apply."""
    by_file: dict[str, list[Chosen]] = {}
    for one in chosen:
        by_file.setdefault(one[0], []).append(one)
    trial = dict(current)
    applied: list[Chosen] = []
    for file, ones in by_file.items():
        try:
            new_text, ok = apply_groups(current[file], [edits for _, _, _, edits in ones], is_json=is_json(file))
        except (EditError, ValueError, KeyError, TypeError):
            continue
        if new_text != current[file]:
            trial[file] = new_text
            applied += [one for one, done in zip(ones, ok) if done]
    return trial, applied


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

    edits = d.fix.rerooted(d.path, own).edits
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
