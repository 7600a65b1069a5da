"""Which files a run checks.

A file named on the command line is always checked: it is the user's choice. A folder is
walked for the files `include` matches, leaving out what `exclude`, `extend-exclude`,
`--exclude` and (unless turned off) `.gitignore` leave out, hidden files and folders, and
the files that other profiles of the same scan reach through `extends` or `!include`
(parameter schemas, partial bases): those are checked as part of the profiles that use
them. A base can also say so itself with a `# rtcfg: partial` comment line in its first
4 KiB (its header).
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, NamedTuple

from rtcfg.load.sources import Refused, read_regular, refused
from rtcfg.project.config import Settings

if TYPE_CHECKING:
    from rtcfg.project.patterns import Matcher

_PARTIAL = re.compile(rb"^[ \t]*#[ \t]*rtcfg:[ \t]*partial\b", re.MULTILINE)
_EXTENDS_YAML = re.compile(rb"^extends[ \t]*:[ \t]*(.*)$", re.MULTILINE)
_EXTENDS_JSON = re.compile(rb'"extends"\s*:\s*("(?:[^"\\]|\\.)*"|\[[^\]]*\])')
_INCLUDE = re.compile(rb"!include[ \t]+(\"[^\"\n]*\"|'[^'\n]*'|[^\s#,\]}]+)")
_LIST_ITEM = re.compile(rb"^[ \t]+-[ \t]*(.+)$")
_SCAN_BYTES = 16 * 1024 * 1024  # the loader's own limit: a larger file is refused anyway
_HEADER_BYTES = 4096  # `# rtcfg: partial` is a header comment: looked for at the top only


class Selection(NamedTuple):
    """What to check (in order) and what a folder scan left out as part of other profiles."""

    files: tuple[str, ...]
    parts: tuple[str, ...] = ()


def _names(raw: bytes) -> list[str]:
    """The file names in an `extends:` value or a `!include` argument as written."""
    raw = raw.split(b" #", 1)[0].strip()
    if raw.startswith(b"["):
        raw = raw.strip(b"[]")
        items = raw.split(b",")
    else:
        items = [raw]
    out = []
    for item in items:
        item = item.strip().strip(b"\"'")
        if item:
            out.append(item.decode("utf-8", "replace"))
    return out


def _targets(path: str, data: bytes) -> Iterator[str]:
    """The files `path` names through extends or !include, found in its text (no parse:
    a wrong guess can only leave out a file that another profile of the scan names)."""
    folder = os.path.dirname(path)
    found: list[str] = []
    for m in _EXTENDS_YAML.finditer(data):
        value = m.group(1)
        if value.split(b"#", 1)[0].strip():
            found += _names(value)
            continue
        for line in data[m.end() + 1 :].splitlines():  # a block list under `extends:`
            item = _LIST_ITEM.match(line)
            if item is None:
                break
            found += _names(item.group(1))
    for m in _EXTENDS_JSON.finditer(data):
        found += _names(m.group(1))
    for m in _INCLUDE.finditer(data):
        found += _names(m.group(1))
    for name in found:
        yield os.path.realpath(os.path.join(folder, name))


def _read_head(path: str) -> bytes:
    return read_regular(path, _SCAN_BYTES) or b""


class _GitIgnores:
    """The .gitignore files that apply inside a walk: each one's patterns are relative to
    its own folder, and the deepest one that has an opinion about a path decides (as git).
    Folders are visited top-down, so each folder's list is its parent's plus its own file:
    every .gitignore is read once, and a file asks only those above it."""

    def __init__(self, top: str) -> None:
        self.top = os.path.abspath(top)
        self._by_folder: dict[str, list[tuple[str, Matcher]]] = {}

    def _own(self, folder: str) -> Matcher | None:
        from rtcfg.project.patterns import matcher

        lines: list[str] = []
        names = [os.path.join(folder, ".gitignore")]
        if folder == self.top:
            names.append(os.path.join(folder, ".git", "info", "exclude"))
        for name in names:
            data = read_regular(name, 1024 * 1024)
            if data:
                lines += data.decode("utf-8", "replace").splitlines()
        return matcher(tuple(lines)) if lines else None

    def specs(self, folder: str) -> list[tuple[str, Matcher]]:
        """(the folder a .gitignore is in, its patterns) for every one that applies in
        `folder`, deepest first."""
        folder = os.path.abspath(folder)
        known = self._by_folder.get(folder)
        if known is not None:
            return known
        inside = folder == self.top or folder.startswith(self.top + os.sep)
        if not inside:
            found: list[tuple[str, Matcher]] = []
        else:
            parent = os.path.dirname(folder)
            above = self.specs(parent) if folder != self.top else []
            own = self._own(folder)
            found = ([(folder, own)] if own is not None else []) + above
        self._by_folder[folder] = found
        return found

    def ignored(self, folder: str, name: str, is_dir: bool) -> bool:
        for base, spec in self.specs(folder):
            rel = os.path.relpath(os.path.join(folder, name), base) if base != folder else name
            decided = spec.decides(rel.replace(os.sep, "/") + ("/" if is_dir else ""))
            if decided is not None:
                return decided
        return False


def select(
    paths: Iterable[str],
    settings: Settings,
    *,
    exclude: tuple[str, ...] = (),
    respect_gitignore: bool | None = None,
) -> Selection:
    """The files to check for `paths` (folders walked, files kept as named)."""
    from rtcfg.project.config import git_top

    paths = list(paths)
    if all(p == "-" or not os.path.isdir(p) for p in paths):
        # Only files named: each is checked as named, and no pattern library is imported
        # (pathspec is a sixth of a one-file run's start-up).
        return _without_parts(paths, set())
    from rtcfg.project.patterns import matcher

    excluded = matcher((*settings.exclude, *settings.extend_exclude, *exclude))
    included = matcher(settings.include)
    gitignore = settings.respect_gitignore if respect_gitignore is None else respect_gitignore
    ignores = _GitIgnores(git_top(settings.root) or settings.root) if gitignore else None
    real_root = os.path.realpath(settings.root)
    root = os.path.abspath(settings.root)

    chosen: list[str] = []
    scanned: list[str] = []
    for path in paths:
        if path == "-" or not os.path.isdir(path):
            chosen.append(path)
            continue
        # Patterns are relative to the root; a folder outside it is its own base. Relative
        # names are made by joining strings along the walk: no per-file system calls.
        start = os.path.relpath(os.path.abspath(path), root)
        base = "" if start == os.curdir else start.replace(os.sep, "/") + "/"
        if start == os.pardir or start.startswith(os.pardir + os.sep):
            base = ""
        found: list[str] = []
        for folder, dirs, files in os.walk(path):
            inner = os.path.relpath(folder, path)
            prefix = base + ("" if inner == os.curdir else inner.replace(os.sep, "/") + "/")
            dirs[:] = sorted(
                d
                for d in dirs
                if not d.startswith(".")
                and not excluded.matches(prefix + d + "/")
                and not (ignores is not None and ignores.ignored(folder, d, True))
            )
            for name in files:
                rel = prefix + name
                if name.startswith(".") or not included.matches(rel) or excluded.matches(rel):
                    continue
                if ignores is not None and ignores.ignored(folder, name, False):
                    continue
                found.append(os.path.join(folder, name))
        for file in sorted(found):
            if os.path.islink(file):
                real = os.path.realpath(file)
                if os.path.commonpath([real, real_root]) != real_root:
                    chosen.append(refused(file, "a symlink to a file outside the project root: not read"))
                    continue
            chosen.append(file)
            scanned.append(file)
    return _without_parts(chosen, set(scanned))


def _without_parts(chosen: list[str], scanned: set[str]) -> Selection:
    """Leave out the scanned files that another file of the run names as its base or
    include, and those that say `# rtcfg: partial`."""
    if not scanned:
        return Selection(tuple(chosen))
    reached: set[str] = set()
    partial: set[str] = set()
    for path in chosen:
        if path == "-" or isinstance(path, Refused):
            continue
        data = _read_head(path)
        if b"extends" in data or b"!include" in data:
            reached.update(_targets(path, data))
        if path in scanned and b"rtcfg" in data[:_HEADER_BYTES] and _PARTIAL.search(data, 0, _HEADER_BYTES):
            partial.add(path)
    keep: list[str] = []
    parts: list[str] = []
    names = {os.path.basename(r) for r in reached}  # realpath only for files that may be named
    for path in chosen:
        part = path in scanned and (
            path in partial or (os.path.basename(path) in names and os.path.realpath(path) in reached)
        )
        (parts if part else keep).append(path)
    return Selection(tuple(keep), tuple(parts))
