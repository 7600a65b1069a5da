"""Profiles that compose: `extends`, `!include` and `${VAR}`, in one place.

- `extends: base.yaml` (or a list) applies the bases in order, then the profile itself:
  mappings merge deeply; anything else (lists, strings, null) replaces. `null` is a real
  API value (`turn_detection: null` turns VAD off), never "delete".
- `!include path`: a text file becomes a string (instructions in Markdown); a `.yaml`,
  `.yml` or `.json` file becomes its value (a tool's parameter schema).
- `${VAR}` and `${VAR:-default}` in strings read the environment; `$${` is a literal `${`.
  A variable that is not set and has no default is an error at its line.

Paths resolve relative to the file that names them and must stay inside the project root
(symlinks resolved). A cycle is an error that names the chain. Every value keeps the file
and line it came from, so that diagnostics point into bases and included files, and
`show` can say where each setting was set.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from typing import Any

from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from rtcfg.core.cwd import current_directory, shown
from rtcfg.core.diagnostics import Diagnostic, Path, Severity
from rtcfg.core.errors import RtcfgError
from rtcfg.load.sources import Source, read_path
from rtcfg.load.yamlio import Document, Include, LoadError, compose_nodes, parse

DATA_SUFFIXES = (".yaml", ".yml", ".json")
# What one profile may compose, counting every use of a base or an included file (an
# include aliased 400 times is 400 copies in the session, and in what render writes).
MAX_COMPOSED_BYTES = 64 * 1024 * 1024
MAX_FILES = 256  # distinct bases and included files
_VAR = re.compile(r"\$\$\{|\$\{([A-Za-z_][A-Za-z0-9_]*)(?::-([^}]*))?\}|\$\{")


@dataclass(frozen=True)
class Origin:
    """Where a value (or its key) is written: file, line, column (1-based)."""

    file: str
    line: int
    column: int


@dataclass
class Pos:
    """The origin of a value and of its key, mirroring the data's shape."""

    value: Origin
    key: Origin | None = None
    children: dict[Any, Pos] = field(default_factory=dict)
    source: tuple[Document, Path] | None = None  # the document and path it was written at
    reference: str | None = None  # a string written as `${...}`: its text as written


@dataclass
class Composed:
    data: Any
    root: Pos
    diagnostics: list[Diagnostic]
    texts: dict[str, str]  # every file read, for quoting its lines
    environment: dict[str, str] = field(default_factory=dict)  # what `${VAR}` read: name -> value

    def pos_at(self, path: Path) -> tuple[Pos, bool]:
        """The position of `path`, or of its deepest ancestor that exists (False)."""
        pos = self.root
        for elem in path:
            child = pos.children.get(elem)
            if child is None:
                return pos, False
            pos = child
        return pos, True

    def locate(self, path: Path, *, at_key: bool = False) -> tuple[str, int, int]:
        pos, exact = self.pos_at(path)
        origin = pos.key if (at_key and exact and pos.key is not None) else pos.value
        return origin.file, origin.line, origin.column

    def scalar_text(self, path: Path) -> tuple[str, str | None] | None:
        pos, exact = self.pos_at(path)
        if not exact or pos.source is None:
            return None
        document, inner = pos.source
        return document.scalar_text(inner)

    def references(self) -> dict[Path, str]:
        """Paths whose string was written with `${...}`, and how it was written."""
        out: dict[Path, str] = {}

        def walk(pos: Pos, at: Path) -> None:
            if pos.reference is not None:
                out[at] = pos.reference
            for key, child in pos.children.items():
                walk(child, (*at, key))

        walk(self.root, ())
        return out


def needed(data: Any, text: str | None = None) -> bool:
    """Whether a parsed document uses composition at all (most profiles do not). With the
    text at hand, most profiles are ruled out without walking their values."""
    if text is not None and "extends" not in text and "!include" not in text and "${" not in text:
        return False
    if isinstance(data, dict) and "extends" in data and "session" in data:
        return True
    stack = [data]
    while stack:
        value = stack.pop()
        if isinstance(value, Include):
            return True
        if isinstance(value, str):
            if "${" in value:
                return True
        elif isinstance(value, dict):
            stack.extend(value.values())
        elif isinstance(value, list):
            stack.extend(value)
    return False


class _Fault(Exception):
    def __init__(self, diagnostic: Diagnostic) -> None:
        super().__init__(diagnostic.message)
        self.diagnostic = diagnostic


def _error(code: str, message: str, at: Origin, hint: str | None = None) -> Diagnostic:
    return Diagnostic(Severity.ERROR, code, message, (), at.file, at.line, at.column, hint)


Reader = Callable[[str], Source]  # a real path -> its text (the working tree, or a git revision)


def read_file(path: str) -> Source:
    source = read_path(path)
    source.name = shown(path)
    return source


class _Composer:
    def __init__(self, root: str, env: Mapping[str, str], reader: Reader, *, read_files: bool = True) -> None:
        self.root = os.path.realpath(root)
        self.read_files = read_files
        self.env = env
        self.reader = reader
        self.diagnostics: list[Diagnostic] = []
        self.texts: dict[str, str] = {}
        self.read_env: dict[str, str] = {}
        # Each file is read and parsed once, each base composed once and each include
        # resolved once per run, however often they are named: `extends: [b, b]` at every
        # level of a chain would otherwise cost 2 ** depth.
        self._loaded: dict[str, tuple[Document | None, Any, Pos | None]] = {}
        self._bases: dict[str, tuple[Any, Pos] | None] = {}
        self._included: dict[str, tuple[Any, Pos, int]] = {}  # value, position, size
        self._composed_bytes = 0
        self._over_budget: Diagnostic | None = None  # the one report of an exceeded budget

    # -- files ---------------------------------------------------------------------------

    def resolve(self, target: str, named_in: str, at: Origin, chain: tuple[str, ...], what: str) -> str:
        """The real path of `target` named in file `named_in` (a real path, or None for stdin),
        checked against the root and the chain of files that led here."""
        if not self.read_files:
            raise _Fault(
                _error(
                    "RT011",
                    f"{what} {target!r}: this profile was given as text, so it reads no other file",
                    at,
                    "load it from its file, or pass the project root (root=...) to allow it",
                )
            )
        base = os.path.dirname(named_in) if named_in else current_directory()
        path = os.path.realpath(os.path.join(base, os.path.expanduser(target)))
        if ".git" in os.path.relpath(path, self.root).split(os.sep):
            raise _Fault(
                _error(
                    "RT011",
                    f"{what} {target!r} is inside a .git folder",
                    at,
                    "git keeps its configuration and credentials there; bases and includes never come from it",
                )
            )
        if os.path.commonpath([path, self.root]) != self.root:
            raise _Fault(
                _error(
                    "RT011",
                    f"{what} {target!r} is outside the project root {self.root}",
                    at,
                    "keep bases and included files inside the project, or pass --root",
                )
            )
        if path in chain:
            names = [os.path.relpath(p, self.root) for p in (*chain[chain.index(path) :], path)]
            raise _Fault(
                _error(
                    "RT012",
                    f"{what} {target!r} makes a cycle: " + " -> ".join(names),
                    at,
                    "a file cannot extend or include itself, directly or through others",
                )
            )
        return path

    def _report(self, diagnostic: Diagnostic) -> None:
        """A fault, reported once: the budget, once exceeded, refuses every later use."""
        if diagnostic not in self.diagnostics:
            self.diagnostics.append(diagnostic)

    def _use(self, size: int, at: Origin) -> None:
        """Count one use of a file's content against the budget of the whole profile."""
        self._composed_bytes += size
        if self._composed_bytes > MAX_COMPOSED_BYTES:
            if self._over_budget is None:
                self._over_budget = _error(
                    "RT008",
                    f"the composed profile is larger than {MAX_COMPOSED_BYTES // (1024 * 1024)} MiB "
                    "(bases and included files, counted each time they are used)",
                    at,
                    "use a large file once, not through many aliases or bases",
                )
            raise _Fault(self._over_budget)

    def read(self, path: str, at: Origin, what: str) -> tuple[str, str]:
        """(the name to show for the file, its text)."""
        if len(self._loaded) + len(self._included) >= MAX_FILES and path not in self._loaded:
            raise _Fault(_error("RT008", f"the profile names more than {MAX_FILES} files", at))
        try:
            source = self.reader(path)
        except RtcfgError as exc:  # git could not give it
            raise _Fault(_error("RT010", f"{what} {shown(path)!r}: {exc}", at)) from None
        if source.text is None:
            reason = source.diagnostics[0].message if source.diagnostics else "cannot be read"
            raise _Fault(_error("RT010", f"{what} {source.name!r}: {reason}", at))
        self.texts[source.name] = source.text
        return source.name, source.text

    def load(self, path: str, at: Origin, what: str) -> tuple[Document | None, Any, Pos | None]:
        """Parse a YAML/JSON file once; its own faults are reported in it, at their lines."""
        if path in self._loaded:
            document = self._loaded[path][0]
            self._use(len(document.text) if document is not None else 0, at)
            return self._loaded[path]
        loaded = self._load(path, at, what)
        self._loaded[path] = loaded
        self._use(len(loaded[0].text) if loaded[0] is not None else 0, at)
        return loaded

    def _load(self, path: str, at: Origin, what: str) -> tuple[Document | None, Any, Pos | None]:
        shown, text = self.read(path, at, what)
        try:
            document = parse(shown, text, is_json=shown.lower().endswith(".json"))
        except LoadError as exc:
            d = exc.diagnostic
            self.diagnostics.append(replace(d, file=shown))
            return None, None, None
        self.diagnostics += [replace(d, file=shown) for d in document.problems]
        return document, document.data, positions(document)

    # -- values ----------------------------------------------------------------------------

    def values(self, value: Any, pos: Pos, file: str, chain: tuple[str, ...]) -> Any:
        """Resolve `!include` and `${VAR}` inside one file's value, in place of the markers."""
        if isinstance(value, Include):
            return self.include(value, pos, file, chain)
        if isinstance(value, str):
            return self.substitute(value, pos)
        if isinstance(value, dict):
            return {
                k: self.values(v, pos.children.setdefault(k, Pos(pos.value)), file, chain) for k, v in value.items()
            }
        if isinstance(value, list):
            return [
                self.values(v, pos.children.setdefault(i, Pos(pos.value)), file, chain) for i, v in enumerate(value)
            ]
        return value

    def include(self, marker: Include, pos: Pos, file: str, chain: tuple[str, ...]) -> Any:
        at = Origin(pos.value.file, marker.line, marker.column)
        try:
            path = self.resolve(marker.path, file, at, chain, "!include")
            done = self._included.get(path)
            if done is not None:  # the same file again (an alias, another base): resolved once
                value, seen, size = done
                self._use(size, at)
                pos.value, pos.children, pos.source = seen.value, seen.children, seen.source
                return value
            if not path.lower().endswith(DATA_SUFFIXES):
                shown, text = self.read(path, at, "!include")
                self._use(len(text), at)
                pos.value, pos.children, pos.source = Origin(shown, 1, 1), {}, None
                self._included[path] = (text, Pos(pos.value), len(text))
                return text
            _document, data, loaded = self.load(path, at, "!include")
        except _Fault as fault:
            self._report(fault.diagnostic)
            return None
        if loaded is None:
            return None
        pos.value, pos.children, pos.source = loaded.value, loaded.children, loaded.source
        value = self.values(data, pos, path, (*chain, path))
        self._included[path] = (value, Pos(pos.value, None, pos.children, pos.source), _size(value))
        return value

    def substitute(self, text: str, pos: Pos) -> str:
        if "${" not in text:
            return text
        problems: list[str] = []

        def replace(m: re.Match[str]) -> str:
            whole = m.group(0)
            if whole == "$${":
                return "${"
            if m.group(1) is None:
                problems.append("a ${ that is not a variable reference (write $${ for a literal ${)")
                return whole
            name, default = m.group(1), m.group(2)
            if name in self.env:
                self.read_env[name] = self.env[name]
                return self.env[name]
            if default is not None:
                return default
            problems.append(f"environment variable {name} is not set")
            return whole

        out = _VAR.sub(replace, text)
        for problem in problems:
            self.diagnostics.append(
                _error(
                    "RT013",
                    problem,
                    pos.value,
                    "set it where rtcfg runs, or give a default: ${NAME:-value}" if "not set" in problem else None,
                )
            )
        if any(m.group(0) != "$${" for m in _VAR.finditer(text)):
            pos.reference = text
        return out

    # -- profiles --------------------------------------------------------------------------

    def profile(self, data: Any, pos: Pos, path: str, chain: tuple[str, ...]) -> tuple[Any, Pos]:
        """A whole profile: its own values resolved, then its bases merged under it."""
        data = self.values(data, pos, path, chain)
        if not (isinstance(data, dict) and "extends" in data):
            return data, pos
        extends_pos = pos.children.get("extends", pos)
        own = {k: v for k, v in data.items() if k != "extends"}
        own_pos = Pos(pos.value, pos.key, {k: v for k, v in pos.children.items() if k != "extends"}, pos.source)
        if "session" not in data or data.get("type") in _EVENTS:
            self.diagnostics.append(
                _error(
                    "RT014",
                    "extends belongs to a profile envelope (next to session:)",
                    extends_pos.key or extends_pos.value,
                )
            )
            return own, own_pos
        bases = data["extends"]
        if isinstance(bases, str):
            bases, sites = [bases], [extends_pos]
        elif isinstance(bases, list) and bases and all(isinstance(b, str) for b in bases):
            sites = [extends_pos.children.get(i, extends_pos) for i in range(len(bases))]
        else:
            self.diagnostics.append(
                _error(
                    "RT014",
                    "extends is a path or a non-empty list of paths",
                    extends_pos.value,
                    "for example extends: [base.yaml, phone.yaml]",
                )
            )
            return own, own_pos
        merged: Any = {}
        merged_pos = Pos(pos.value, pos.key)
        for base, site in zip(bases, sites):
            loaded = self.base(base, path, site.value, chain)
            if loaded is not None:
                merged, merged_pos = merge(merged, merged_pos, *loaded)
        return merge(merged, merged_pos, own, own_pos)

    def base(self, target: str, named_in: str, at: Origin, chain: tuple[str, ...]) -> tuple[Any, Pos] | None:
        try:
            path = self.resolve(target, named_in, at, chain, "extends")  # the cycle check, every time
            if path in self._bases:
                document = self._loaded[path][0]
                self._use(len(document.text) if document is not None else 0, at)
                return self._bases[path]
            document, data, pos = self.load(path, at, "extends")
        except _Fault as fault:
            self._report(fault.diagnostic)
            return None
        self._bases[path] = composed = self._base(target, path, document, data, pos, chain)
        return composed

    def _base(
        self, target: str, path: str, document: Document | None, data: Any, pos: Pos | None, chain: tuple[str, ...]
    ) -> tuple[Any, Pos] | None:
        if document is None or pos is None:
            return None
        if not isinstance(data, dict):
            self.diagnostics.append(_error("RT014", f"base {target!r} is not a profile (a mapping)", pos.value))
            return None
        if data.get("type") in _EVENTS:
            self.diagnostics.append(
                _error(
                    "RT014",
                    f"base {target!r} is a captured event, not a profile",
                    pos.value,
                    "a base is an envelope (session: plus profile keys) or a bare session",
                )
            )
            return None
        resolved, resolved_pos = self.profile(data, pos, path, (*chain, path))
        if isinstance(resolved, dict) and "session" not in resolved:  # a bare session: it is the session
            return {"session": resolved}, Pos(resolved_pos.value, None, {"session": resolved_pos}, None)
        return resolved, resolved_pos


_EVENTS = ("session.update", "transcription_session.update")


def _size(value: Any) -> int:
    """Roughly how much text a composed value holds (what rendering it would write)."""
    if isinstance(value, str):
        return len(value)
    total, stack = 0, [value]
    while stack:
        item = stack.pop()
        if isinstance(item, str):
            total += len(item)
        elif isinstance(item, dict):
            stack.extend(item.values())
            total += len(item)
        elif isinstance(item, list):
            stack.extend(item)
        else:
            total += 1
    return total


def merge(a: Any, a_pos: Pos, b: Any, b_pos: Pos) -> tuple[Any, Pos]:
    """`b` over `a`: mappings merge key by key; any other value of `b` replaces."""
    if not (isinstance(a, dict) and isinstance(b, dict)):
        return b, b_pos
    out = dict(a)
    pos = Pos(b_pos.value, b_pos.key or a_pos.key, dict(a_pos.children), b_pos.source)
    for key, value in b.items():
        b_child = b_pos.children.get(key, Pos(b_pos.value))
        if key in a:
            out[key], pos.children[key] = merge(a[key], a_pos.children.get(key, Pos(a_pos.value)), value, b_child)
        else:
            out[key], pos.children[key] = value, b_child
    return out, pos


def positions(document: Document) -> Pos:
    """Every value's and key's position in one parsed file, in the shape of its data."""
    name = document.name
    root_node = compose_nodes(document.text)
    if root_node is None:
        return Pos(Origin(name, 1, 1), source=(document, ()))

    def origin(node: Node) -> Origin:
        return Origin(name, node.start_mark.line + 1, node.start_mark.column + 1)

    def build(node: Node, key: Node | None, at: Path, depth: int) -> Pos:
        pos = Pos(origin(node), origin(key) if key is not None else None, source=(document, at))
        if depth > 200:
            return pos
        if isinstance(node, MappingNode):
            for k, v in node.value:  # the last duplicate wins, as in the data
                if isinstance(k, ScalarNode):
                    pos.children[k.value] = build(v, k, (*at, k.value), depth + 1)
        elif isinstance(node, SequenceNode):
            for i, v in enumerate(node.value):
                pos.children[i] = build(v, None, (*at, i), depth + 1)
        return pos

    return build(root_node, None, (), 0)


def compose(
    document: Document,
    root: str,
    env: Mapping[str, str] | None = None,
    *,
    location: str | None = None,
    reader: Reader | None = None,
    read_files: bool = True,
) -> Composed:
    """Resolve a parsed top profile. Faults become diagnostics in the file that holds them.

    `location` is the file the document stands for (its name, unless it came from stdin or
    from git); `reader` reads the files it names (the working tree by default)."""
    composer = _Composer(root, os.environ if env is None else env, reader or read_file, read_files=read_files)
    composer.texts[document.name] = document.text
    top = os.path.realpath(location) if location else ""
    data, pos = composer.profile(document.data, positions(document), top, (top,) if top else ())
    return Composed(data, pos, composer.diagnostics, composer.texts, composer.read_env)
