"""Parse profile text into plain values, and find the source position of any path.

The fast path builds plain dicts and lists with PyYAML's C loader (or `json` for .json
files). Positions are recovered only when a problem needs one: `Document.locate` composes
the text into nodes once, on first use, and walks them. Duplicate keys and non-string keys
are caught while constructing, where the node (and so the position) is at hand.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field, replace
from typing import Any

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from rtcfg.core.diagnostics import Diagnostic, Path, Severity

try:
    _BaseLoader: type = yaml.CSafeLoader
except AttributeError:  # PyYAML built without libyaml
    _BaseLoader = yaml.SafeLoader

MAX_DEPTH = 200  # real profiles nest about 8 levels; tool schemas a few more
MAX_NODES = 1_000_000  # after alias expansion; a "billion laughs" file stops here
MAX_EXPANDED_TEXT = 64 * 1024 * 1024  # characters after alias expansion: a long string aliased
# a thousand times is small on disk and gigabytes in what render would write
MAX_NUMBER_DIGITS = 400  # a session has no number this long; Python refuses above 4,300
_MERGE_TAG = "tag:yaml.org,2002:merge"
_STR_TAG = "tag:yaml.org,2002:str"


class LoadError(Exception):
    """A fault that stops parsing; carries a diagnostic without a file name."""

    def __init__(self, code: str, message: str, line: int = 1, column: int = 1, hint: str | None = None) -> None:
        super().__init__(message)
        self.diagnostic = Diagnostic(Severity.ERROR, code, message, (), "", line, column, hint)


def _pos(mark: Any) -> tuple[int, int]:
    return (mark.line + 1, mark.column + 1) if mark is not None else (1, 1)


@dataclass(frozen=True)
class Include:
    """A `!include path` in a profile, resolved by `rtcfg.load.compose`."""

    path: str
    line: int
    column: int


_KINDS = {
    "bool": "a boolean",
    "int": "an integer",
    "float": "a number",
    "NoneType": "null",
    "date": "a date",
    "datetime": "a timestamp",
    "list": "a list",
    "dict": "a mapping",
}


def _kind(value: Any) -> str:
    name = type(value).__name__
    return _KINDS.get(name, f"a {name}")


class _Loader(_BaseLoader):  # type: ignore[misc]
    """The safe loader, plus: duplicate and non-string keys become problems, not silence."""

    def __init__(self, stream: str) -> None:
        super().__init__(stream)
        self.problems: list[Diagnostic] = []
        # Without an anchor there can be no alias, so no node is shared: the limit walk can
        # skip its memo (a tenth of the load time on a repository of profiles).
        self.may_alias = "&" in stream

    def construct_document(self, node: Node) -> Any:
        _check_limits(node, shared=self.may_alias)
        return super().construct_document(node)

    def construct_mapping(self, node: MappingNode, deep: bool = False) -> dict[str, Any]:
        if not isinstance(node, MappingNode):  # `!!map x`, `!!set x`, `!!omap x`
            raise _tag_mismatch(node, "a mapping")
        if not any(k.tag == _MERGE_TAG for k, _ in node.value):
            return self._plain_mapping(node, deep)
        explicit = {id(k) for k, _ in node.value if k.tag != _MERGE_TAG}
        self.flatten_mapping(node)  # `<<: *base` merges come first; explicit keys override
        mapping: dict[str, Any] = {}
        seen_explicit: set[str] = set()
        for key_node, value_node in node.value:
            key = self.construct_object(key_node, deep=deep)
            if not isinstance(key, str):
                self._non_string_key(key_node, key)
                continue
            if id(key_node) in explicit:
                if key in seen_explicit:
                    self._duplicate_key(key_node, key)
                seen_explicit.add(key)
            mapping[key] = self.construct_object(value_node, deep=deep)
        return mapping

    def _plain_mapping(self, node: MappingNode, deep: bool) -> dict[str, Any]:
        """A mapping without `<<` merges: every key is written out, so a repeat is a duplicate."""
        if not isinstance(node, MappingNode):  # a mapping tag on a scalar or a list: `!!map x`
            raise _tag_mismatch(node, "a mapping")
        mapping: dict[str, Any] = {}
        for key_node, value_node in node.value:
            if key_node.tag == _STR_TAG and isinstance(key_node, ScalarNode):
                key = key_node.value  # what constructing a plain string key gives, without the call
            else:
                key = self.construct_object(key_node, deep=deep)
                if not isinstance(key, str):
                    self._non_string_key(key_node, key)
                    continue
            if key in mapping:
                self._duplicate_key(key_node, key)
            mapping[key] = self.construct_object(value_node, deep=deep)
        return mapping

    def _non_string_key(self, key_node: Node, key: Any) -> None:
        line, col = _pos(key_node.start_mark)
        shown = key_node.value if isinstance(key_node, ScalarNode) else key_node.tag
        hint = f'quote the key: "{shown}"' if isinstance(key_node, ScalarNode) else None
        message = f"key {shown!r} is read as {_kind(key)}, not a string"
        self.problems.append(Diagnostic(Severity.ERROR, "RT007", message, (), "", line, col, hint))

    def _duplicate_key(self, key_node: Node, key: str) -> None:
        line, col = _pos(key_node.start_mark)
        hint = "the earlier value would be silently lost; keep one"
        self.problems.append(Diagnostic(Severity.ERROR, "RT002", f"duplicate key {key!r}", (), "", line, col, hint))


def _construct_int(loader: _Loader, node: ScalarNode) -> int:
    if len(node.value) > MAX_NUMBER_DIGITS:
        line, col = _pos(node.start_mark)
        raise LoadError(
            "RT008",
            f"a number with {len(node.value):,} digits; the limit is {MAX_NUMBER_DIGITS}",
            line,
            col,
            "no session setting takes a number this long",
        )
    value: int = yaml.SafeLoader.construct_yaml_int(loader, node)
    return value


_Loader.add_constructor("tag:yaml.org,2002:int", _construct_int)


def _tag_mismatch(node: Node, wanted: str) -> LoadError:
    line, col = _pos(node.start_mark)
    found = "a mapping" if isinstance(node, MappingNode) else "a list" if isinstance(node, SequenceNode) else "a scalar"
    return LoadError(
        "RT006",
        f"the tag {_short_tag(node.tag)} needs {wanted}, not {found}",
        line,
        col,
        "remove the tag: a profile's values need none",
    )


def _short_tag(tag: str) -> str:
    return "!!" + tag.removeprefix("tag:yaml.org,2002:") if tag.startswith("tag:yaml.org,2002:") else tag


def _guarded(construct: Any) -> Any:
    """A scalar constructor that answers a value its tag cannot read (`!!int abc`,
    `!!bool maybe`, `!!timestamp 2001-13-45`) with RT006 at the value, not an exception."""

    def construct_checked(loader: _Loader, node: Node) -> Any:
        if not isinstance(node, ScalarNode):
            raise _tag_mismatch(node, "a scalar")
        try:
            return construct(loader, node)
        except (ValueError, TypeError, KeyError, AttributeError, OverflowError, yaml.constructor.ConstructorError):
            line, col = _pos(node.start_mark)
            raise LoadError(
                "RT006",
                f"the tag {_short_tag(node.tag)} cannot read {node.value[:40]!r}",
                line,
                col,
                "remove the tag, or write a value of its type",
            ) from None

    return construct_checked


# Not `str` and `null`: they read any scalar (a collection under them is a ConstructorError,
# answered in `_yaml_error`), and a wrapper around `str` would cost every string value.
for _tag in ("bool", "int", "float", "binary", "timestamp"):
    _full = f"tag:yaml.org,2002:{_tag}"
    _Loader.add_constructor(_full, _guarded(_Loader.yaml_constructors[_full]))


def _construct_include(loader: _Loader, node: Node) -> Include:
    line, col = _pos(node.start_mark)
    if not isinstance(node, ScalarNode) or not node.value.strip():
        raise LoadError("RT014", "!include takes a file path", line, col, "for example: !include prompts/agent.md")
    return Include(node.value.strip(), line, col)


_Loader.add_constructor("!include", _construct_include)


def compose_nodes(text: str) -> Node | None:
    """The node tree of a YAML (or JSON) text, for positions; None when it does not compose."""
    try:
        root: Node | None = yaml.compose(text, Loader=_BaseLoader)
        return root
    except (yaml.YAMLError, RecursionError):
        return None


def _too_deep(node: Node) -> LoadError:
    return LoadError("RT008", f"nesting deeper than {MAX_DEPTH} levels", *_pos(node.start_mark))


def _check_limits(root: Node, *, shared: bool = True) -> None:
    """Depth and expanded size, counting each alias as a full copy. Only collections can
    make an alias expensive, so only they are memoized; a scalar counts one.

    Depth counts collections (a scalar adds no level), and the walk visits nodes in the
    order they are written, so the level reported is the first one over the limit, as the
    token count before composing reports it."""
    if not shared:
        _check_depth(root)
        return
    sizes: dict[int, int] = {}
    texts: dict[int, int] = {}  # characters of scalars below each collection, aliases expanded
    # Iterative post-order walk: deep input must not exhaust Python's stack here.
    stack: list[tuple[Node, int, bool]] = [(root, 1, False)]
    while stack:
        node, depth, done = stack.pop()
        if isinstance(node, ScalarNode):
            continue  # only the root can be a lone scalar
        if depth > MAX_DEPTH:
            raise _too_deep(node)
        children = _children(node)
        if done:
            total, text = 1, 0
            for child in children:
                if isinstance(child, ScalarNode):
                    total += 1
                    text += len(child.value)
                else:
                    total += sizes[id(child)]
                    text += texts[id(child)]
            if total > MAX_NODES or text > MAX_EXPANDED_TEXT:
                line, col = _pos(node.start_mark)
                what = f"{MAX_NODES:,} values" if total > MAX_NODES else f"{MAX_EXPANDED_TEXT // 2**20} MiB of text"
                raise LoadError("RT008", f"expands to more than {what} (aliases repeated)", line, col)
            sizes[id(node)] = total
            texts[id(node)] = text
            continue
        if id(node) in sizes:
            continue
        stack.append((node, depth, True))
        for child in reversed(children):
            if not isinstance(child, ScalarNode) and id(child) not in sizes:
                stack.append((child, depth + 1, False))


def _children(node: Node) -> list[Node]:
    if isinstance(node, MappingNode):
        return [n for pair in node.value for n in pair]
    return node.value  # type: ignore[no-any-return]


def _check_depth(root: Node) -> None:
    """The limits of a tree without aliases: its depth and its size are what was written."""
    count = 0
    stack: list[tuple[Node, int]] = [(root, 1)]
    while stack:
        node, depth = stack.pop()
        count += 1
        if isinstance(node, ScalarNode):
            continue
        if depth > MAX_DEPTH:
            raise _too_deep(node)
        stack.extend((child, depth + 1) for child in reversed(_children(node)))
    if count > MAX_NODES:
        raise LoadError("RT008", f"more than {MAX_NODES:,} values")


@dataclass
class Document:
    """Parsed values plus the text they came from, for positions on demand."""

    name: str
    text: str
    data: Any
    problems: list[Diagnostic] = field(default_factory=list)
    _root: Node | None = field(default=None, repr=False)
    _composed: bool = field(default=False, repr=False)
    # key -> (key node, value node) of each mapping looked into: placing thousands of
    # diagnostics in one mapping stays linear (the last duplicate wins, as in the data)
    _keys: dict[int, dict[str, tuple[Node, Node]]] = field(default_factory=dict, repr=False)

    def node_at(self, path: Path) -> tuple[Node | None, Node | None]:
        """The (key node, value node) at `path`, or the deepest ancestor's that exists."""
        if not self._composed:
            self._composed = True
            self._root = compose_nodes(self.text)
        key: Node | None = None
        node = self._root
        for elem in path:
            child = self._child(node, elem)
            if child is None:
                break
            key, node = child
        return key, node

    def locate(self, path: Path, *, at_key: bool = False) -> tuple[int, int]:
        key, value = self.node_at(path)
        target = key if (at_key and key is not None) else value
        return _pos(target.start_mark) if target is not None else (1, 1)

    def scalar_text(self, path: Path) -> tuple[str, str | None] | None:
        """The source text of the scalar at `path` and its quoting style (None = plain)."""
        _, node = self.node_at(path)
        if isinstance(node, ScalarNode):
            return node.value, node.style or None
        return None

    def _child(self, node: Node | None, elem: str | int) -> tuple[Node | None, Node] | None:
        if isinstance(node, MappingNode) and isinstance(elem, str):
            keys = self._keys.get(id(node))
            if keys is None:
                keys = self._keys[id(node)] = {k.value: (k, v) for k, v in node.value if isinstance(k, ScalarNode)}
            return keys.get(elem)
        if isinstance(node, SequenceNode) and isinstance(elem, int) and 0 <= elem < len(node.value):
            return None, node.value[elem]
        return None


_BLOCK_MAPPING = yaml.tokens.BlockMappingStartToken
_ENTRY = yaml.tokens.BlockEntryToken
_OPENING = frozenset(
    {
        _BLOCK_MAPPING,
        yaml.tokens.BlockSequenceStartToken,
        yaml.tokens.FlowMappingStartToken,
        yaml.tokens.FlowSequenceStartToken,
    }
)
_CLOSING = frozenset({yaml.tokens.BlockEndToken, yaml.tokens.FlowMappingEndToken, yaml.tokens.FlowSequenceEndToken})
_ENDS_INDENTLESS = frozenset({yaml.tokens.KeyToken, yaml.tokens.ValueToken, yaml.tokens.BlockEndToken})
# Two block indicators (`- `, `? `, `: `) in a row, anchors or tags between them: a compact
# collection inside a compact collection (`- - - x`), the only block nesting on one line.
_COMPACT_CHAIN = re.compile(r"[-?:][ \t]+(?:[!&][^ \t\r\n]*[ \t]+)*[-?:][ \t]")
_LINE_BREAKS = ("\n", "\r", "\x85", "\u2028", "\u2029")  # what YAML 1.1 (PyYAML) breaks lines at
# libyaml's own refusal (PyYAML 6.0.4 on): "while increasing flow/block level".
_LIBYAML_TOO_DEEP = "exceeded maximum nesting depth"


def _could_nest_too_deep(text: str) -> bool:
    """Whether `text` could nest deeper than MAX_DEPTH, from an upper bound found at C speed.

    Flow collections add at most one level per bracket. A block collection starts at the
    indentation of a line or after a compact indicator on it (`- - x`); nested block
    collections on later lines are indented further, except that a sequence may sit at its
    mapping's indentation, so each column of indentation admits at most two levels. Without
    compact chains, then, depth <= 2 * (indentation + 1) + 1 (a compact item) + 1 (a scalar)
    + brackets."""
    room = MAX_DEPTH - 4 - text.count("[") - text.count("{")
    if room <= 0 or _COMPACT_CHAIN.search(text):
        return True
    pad = " " * (room // 2)
    return text.startswith(pad) or any(brk + pad in text for brk in _LINE_BREAKS)


def _refuse_deep_nesting(text: str) -> None:
    """Refuse nesting deeper than MAX_DEPTH before libyaml composes it, at the first level
    over the limit, whichever PyYAML is installed.

    Composing is where deep input hurts: libyaml's cost is quadratic in the depth (20,000
    levels: 1.8 s), and PyYAML before 6.0.4 recurses in C without a limit (100,000 nested
    `- ` crash the process). Scanning tokens is flat and cheap, so the depth is counted on
    the scanner's tokens, and only for a text whose cheap bound says it could be too deep.
    (A sequence at its mapping's indentation has no start token: such levels are left to
    the limit walk after composing, at most twice the depth counted here.)"""
    if not _could_nest_too_deep(text):
        return
    refusal = _first_level_too_deep(text)
    if refusal is not None:
        raise refusal


def _first_level_too_deep(text: str) -> LoadError | None:
    loader = yaml.SafeLoader(text) if _BaseLoader is yaml.SafeLoader else yaml.CSafeLoader(text)
    # The collections open at this point, by the token that opened each. A sequence at its
    # mapping's indentation has no start token: its first `-` opens it, and it ends before
    # the next key, value or end of that mapping (as PyYAML's parser decides).
    open_: list[type] = []
    try:
        while (token := loader.get_token()) is not None:
            kind = type(token)
            if open_ and open_[-1] is _ENTRY and kind in _ENDS_INDENTLESS:
                open_.pop()
            if kind in _OPENING or (kind is _ENTRY and open_ and open_[-1] is _BLOCK_MAPPING):
                open_.append(kind)
                if len(open_) > MAX_DEPTH:
                    return LoadError("RT008", f"nesting deeper than {MAX_DEPTH} levels", *_pos(token.start_mark))
            elif kind in _CLOSING and open_:
                open_.pop()
    except yaml.MarkedYAMLError as exc:
        if _LIBYAML_TOO_DEEP not in (exc.problem or "") or exc.problem_mark is None:
            return None  # a syntax error: the parse reports it, with its position
        # libyaml stopped at its own limit (1,000 levels), reading ahead of the tokens it
        # gave. The text before that point nests no deeper than its limit: count there.
        cut = exc.problem_mark.index
        found = _first_level_too_deep(text[:cut]) if 0 < cut < len(text) else None
        return found or LoadError("RT008", "nesting deeper than the YAML parser allows", *_pos(exc.problem_mark))
    except yaml.YAMLError:
        return None
    finally:
        loader.dispose()
    return None


def parse(name: str, text: str, *, is_json: bool = False) -> Document:
    """Parse one profile document. Raises LoadError when nothing usable comes out."""
    doc = _parse_json(name, text) if is_json else _parse_yaml(name, text)
    if _ESCAPED_SURROGATE.search(text):
        _refuse_lone_surrogates(doc.data, text)
    return doc


# `\ud800` in JSON, `\ud800` or `\U0000d800` in YAML: an escape that can make a lone
# surrogate, a character no UTF-8 text (and so no output or request) can carry.
_ESCAPED_SURROGATE = re.compile(r"\\(?:u|U0000)[dD][89a-fA-F][0-9a-fA-F]{2}")


def _refuse_lone_surrogates(data: Any, text: str) -> None:
    stack = [data]
    while stack:
        value = stack.pop()
        if isinstance(value, str):
            if any("\ud800" <= ch <= "\udfff" for ch in value):
                break
        elif isinstance(value, dict):
            stack.extend(value.keys())
            stack.extend(value.values())
        elif isinstance(value, list):
            stack.extend(value)
    else:
        return  # every escape was half of a pair that decoded to one character
    at = _first_lone_escape(text)
    where = text[:at] if at is not None else ""
    raise LoadError(
        "RT005",
        "a \\u escape makes half of a surrogate pair: no UTF-8 text can hold it",
        where.count("\n") + 1,
        len(where) - (where.rfind("\n") + 1) + 1,
        "write the character itself, or both halves of the pair (\\ud83d\\ude00)",
    )


def _first_lone_escape(text: str) -> int | None:
    """Where the first surrogate escape that is not half of a written pair starts."""
    low_of_a_pair = -1
    for m in _ESCAPED_SURROGATE.finditer(text):
        if m.start() == low_of_a_pair:
            continue
        if int(m.group()[-4:], 16) < 0xDC00:
            after = _ESCAPED_SURROGATE.match(text, m.end())
            if after is not None and int(after.group()[-4:], 16) >= 0xDC00:
                low_of_a_pair = m.end()
                continue
        return m.start()
    return None


def _parse_yaml(name: str, text: str) -> Document:
    """A YAML profile: nesting refused before composing, then the guarded loader."""
    _refuse_deep_nesting(text)
    loader = _Loader(text)
    try:
        data = loader.get_single_data()
    except LoadError:
        raise
    except yaml.MarkedYAMLError as exc:
        if _LIBYAML_TOO_DEEP in (exc.problem or ""):
            raise _first_level_too_deep(text) or _yaml_error(exc, text) from None
        raise _yaml_error(exc, text) from None
    except yaml.reader.ReaderError as exc:  # control characters such as NUL
        where = text[: exc.position]
        line, col = where.count("\n") + 1, exc.position - (where.rfind("\n") + 1) + 1
        raise LoadError(
            "RT001",
            f"unacceptable character #x{exc.character:04x}"
            if isinstance(exc.character, int)
            else "unacceptable character",
            line,
            col,
            "a profile is text; binary data and NUL bytes cannot appear",
        ) from None
    except yaml.YAMLError as exc:
        raise LoadError("RT001", str(exc).splitlines()[0] or "invalid YAML") from None
    except RecursionError:
        raise LoadError("RT008", f"nesting deeper than {MAX_DEPTH} levels") from None
    finally:
        loader.dispose()
    problems = _with_key_paths(name, text, loader.problems) if loader.problems else []
    return Document(name, text, data, problems)


def _with_key_paths(name: str, text: str, problems: list[Diagnostic]) -> list[Diagnostic]:
    """The problems found at keys while constructing (a duplicate, a key that is not a
    string) with the key's path, found by walking the composed nodes once (rare: only a
    document with such a problem pays). Their file is set: they stay at the key they name,
    not at the value a path would lead to (for a duplicate, the one that wins)."""
    wanted = {(d.line, d.column) for d in problems}
    found: dict[tuple[int, int], Path] = {}
    root = compose_nodes(text)
    stack: list[tuple[Node, Path]] = [(root, ())] if root is not None else []
    while stack:
        node, at = stack.pop()
        if isinstance(node, MappingNode):
            for key, value in node.value:
                here = (*at, key.value) if isinstance(key, ScalarNode) else at
                if _pos(key.start_mark) in wanted:
                    found.setdefault(_pos(key.start_mark), here)
                stack.append((value, here))
        elif isinstance(node, SequenceNode):
            stack.extend((child, (*at, i)) for i, child in enumerate(node.value))
    return [replace(d, path=found.get((d.line, d.column), d.path), file=name) for d in problems]


def _yaml_error(exc: yaml.MarkedYAMLError, text: str) -> LoadError:
    mark = exc.problem_mark or exc.context_mark
    line, col = _pos(mark)
    problem = (exc.problem or "").strip()
    if problem == "but found another document":
        return LoadError(
            "RT004",
            "the file holds more than one YAML document",
            line,
            col,
            "a profile is one document; remove the '---' separator or split the file",
        )
    if isinstance(exc, yaml.constructor.ConstructorError) and problem.startswith("expected a"):
        # `!!str [a]`, `!!seq x`: a tag on the wrong kind of node
        return LoadError("RT006", f"a tagged value of the wrong kind: {problem}", line, col, "remove the tag")
    if isinstance(exc, yaml.constructor.ConstructorError) and "tag" in problem:
        tag = problem.split("tag", 1)[1].strip().strip("'")
        return LoadError(
            "RT006",
            f"unsupported YAML tag {tag}",
            line,
            col,
            "only plain YAML values are read; nothing in a profile is executed",
        )
    context = (exc.context or "").strip()
    message = f"{context}: {problem}" if context and problem else (problem or context or "invalid YAML")
    hint = None
    lines = text.splitlines()
    if mark is not None and mark.line < len(lines) and "\t" in lines[mark.line][: mark.column + 1]:
        hint = "YAML indentation uses spaces, not tabs"
    return LoadError("RT001", message, line, col, hint)


class _DuplicateInJson(Exception):
    pass


def _no_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    out = dict(pairs)
    if len(out) != len(pairs):
        raise _DuplicateInJson
    return out


def _reject_constant(name: str) -> Any:
    raise ValueError(f"{name} is not valid JSON")


class _TooLong(Exception):
    pass


def _int(text: str) -> int:
    if len(text) > MAX_NUMBER_DIGITS:
        raise _TooLong(len(text))
    return int(text)


# A JSON string, or one bracket: what JSON's nesting is made of.
_JSON_NESTING = re.compile(r'"(?:[^"\\]|\\.)*"|[\[\]{}]')


def _refuse_deep_json(text: str) -> None:
    """The YAML depth rule for JSON, before `json` recurses into it: RT008 at the first
    bracket that opens a level over MAX_DEPTH (brackets inside strings are skipped)."""
    if text.count("[") + text.count("{") <= MAX_DEPTH:
        return
    depth = 0
    for m in _JSON_NESTING.finditer(text):
        first = m.group()[0]
        if first in "[{":
            depth += 1
            if depth > MAX_DEPTH:
                where = text[: m.start()]
                line, col = where.count("\n") + 1, m.start() - (where.rfind("\n") + 1) + 1
                raise LoadError("RT008", f"nesting deeper than {MAX_DEPTH} levels", line, col)
        elif first in "]}":
            depth -= 1


def _parse_json(name: str, text: str) -> Document:
    _refuse_deep_json(text)
    try:
        data = json.loads(text, object_pairs_hook=_no_duplicates, parse_constant=_reject_constant, parse_int=_int)
    except _TooLong as exc:
        raise LoadError(
            "RT008",
            f"a number with {exc.args[0]:,} digits; the limit is {MAX_NUMBER_DIGITS}",
            hint="no session setting takes a number this long",
        ) from None
    except _DuplicateInJson:
        # Rare: re-read through the YAML loader, which knows where the duplicate is.
        return _parse_yaml(name, text)
    except json.JSONDecodeError as exc:
        raise LoadError("RT001", f"invalid JSON: {exc.msg}", exc.lineno, exc.colno) from None
    except ValueError as exc:
        raise LoadError("RT001", f"invalid JSON: {exc}") from None
    except RecursionError:
        raise LoadError("RT008", "nesting too deep") from None
    return Document(name, text, data)
