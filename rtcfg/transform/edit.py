"""Edits to a profile's text that change nothing but what they are for.

YAML is edited through ruamel.yaml's round-trip model (comments, key order, quoting, flow
and block styles, block scalars survive), imported only here, on the fix and migrate paths.
ruamel re-emits some untouched constructs its own way (a one-pair mapping in a flow list,
a comment's column); so the result is made by a three-way line merge: the original text,
ruamel's rendering of the unedited document, and its rendering of the edited one. Lines the
edit did not touch come from the original, byte for byte; only the lines an edit changed
come from ruamel. JSON keeps its key order and indentation the same way.

A comment on a key that moves or is removed: its own trailing comment moves with it (or
goes with it), and the comment lines above the next key stay above that key.
"""

from __future__ import annotations

import difflib
import io
import json
import re
from collections.abc import Sequence
from typing import Any

from rtcfg.core.diagnostics import DELETE, MOVE, PREPEND, RENAME, SET, Edit


class EditError(Exception):
    """An edit that does not apply to this text (the document changed under it)."""


# -- the three-way merge ----------------------------------------------------------------------


def merge(original: str, before: str, after: str) -> str:
    """`original` with the changes that turn `before` into `after`: lines that neither the
    renderer's noise nor the edit touched are the original's."""
    if before == original:
        return after  # the renderer left the text as it was: nothing to merge
    o, b, a = original.splitlines(keepends=True), before.splitlines(keepends=True), after.splitlines(keepends=True)
    # difflib's matcher is quadratic on texts that differ everywhere: on long ones its
    # "popular line" heuristic keeps it near linear (the edit's own lines still match)
    junk = len(o) + len(b) > 4000
    # Which R1 lines each R0 line becomes: equal -> itself; replace -> the block, owned by
    # its first line; insert -> lines placed before an R0 line.
    owned: list[list[str] | None] = [None] * len(b)  # None: unchanged
    before_line: dict[int, list[str]] = {}
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, b, a, autojunk=junk).get_opcodes():
        if tag == "equal":
            continue
        if tag == "insert":
            before_line.setdefault(i1, []).extend(a[j1:j2])
            continue
        owned[i1] = a[j1:j2]
        for i in range(i1 + 1, i2):
            owned[i] = []
    out: list[str] = []
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, b, o, autojunk=junk).get_opcodes():
        # R0 lines [i1, i2) stand for original lines [j1, j2)
        out.extend(before_line.get(i1, []))
        touched = any(owned[i] is not None for i in range(i1, i2)) or any(i in before_line for i in range(i1 + 1, i2))
        if not touched:
            out.extend(o[j1:j2])
            continue
        if tag == "equal" or i2 - i1 == j2 - j1:
            # line by line (the renderer re-spaced lines one for one): keep the original
            # where the edit left the line alone
            for k, i in enumerate(range(i1, i2)):
                out.extend(before_line.get(i, []) if i > i1 else [])
                changed = owned[i]
                out.extend(o[j1 + k : j1 + k + 1] if changed is None else changed)
        else:
            for i in range(i1, i2):
                out.extend(before_line.get(i, []) if i > i1 else [])
                changed = owned[i]
                out.extend(b[i : i + 1] if changed is None else changed)
    out.extend(before_line.get(len(b), []))
    return "".join(out)


# -- YAML through ruamel ----------------------------------------------------------------------

_KEY_LINE = re.compile(r"^(\s*)(?:- )?[^\s#:-][^:#]*:\s*(?:#.*)?$")


def _indents(text: str) -> tuple[int, int]:
    """The text's mapping indent and the offset of `- ` under its key (0 or more)."""
    lines = text.splitlines()
    mapping, offset = 0, None
    for i, line in enumerate(lines[:-1]):
        m = _KEY_LINE.match(line)
        if not m:
            continue
        nxt = lines[i + 1]
        if not nxt.strip() or nxt.lstrip().startswith("#"):
            continue
        base, ind = len(m.group(1)), len(nxt) - len(nxt.lstrip())
        if nxt.lstrip().startswith("- "):
            offset = ind - base if offset is None and ind >= base else offset
        elif ind > base and not mapping:
            mapping = ind - base
    mapping = mapping or 2
    return mapping, mapping if offset is None else offset


def _yaml(text: str) -> Any:
    from ruamel.yaml import YAML

    yaml = YAML(typ="rt")
    yaml.preserve_quotes = True
    yaml.width = 4096  # never re-wrap a long line
    mapping, offset = _indents(text)
    yaml.indent(mapping=mapping, sequence=offset + 2, offset=offset)
    yaml.representer.add_representer(type(None), lambda r, _d: r.represent_scalar("tag:yaml.org,2002:null", "null"))
    # A float a fix writes: its shortest exact text, as the YAML 1.1 loader reads it back
    # (ruamel's own representer lost digits in some releases). Lines no edit touched keep
    # their written form anyway (the merge copies them from the original).
    yaml.representer.add_representer(float, _float)
    # A float read from the text and moved by an edit: its value exactly (ruamel 0.18.0
    # re-formats exponents and loses the last digit), at the cost of its written form.
    from ruamel.yaml.scalarfloat import ScalarFloat

    yaml.representer.add_representer(ScalarFloat, _float)
    return yaml


def _float(representer: Any, value: float) -> Any:
    import math

    if math.isnan(value):
        text = ".nan"
    elif value in (float("inf"), float("-inf")):
        text = ".inf" if value > 0 else "-.inf"
    else:
        text = repr(value)
        if "." not in text and "e" in text:
            text = text.replace("e", ".0e", 1)  # 1e-05 -> 1.0e-05: YAML 1.1 needs the dot
    return representer.represent_scalar("tag:yaml.org,2002:float", text)


def _dump(yaml: Any, data: Any) -> str:
    out = io.StringIO()
    yaml.dump(data, out)
    return out.getvalue()


def _node(value: Any, *, flow: bool) -> Any:
    """A plain value as ruamel's: small mappings and lists of scalars in flow style."""
    from ruamel.yaml.comments import CommentedMap, CommentedSeq

    if isinstance(value, dict):
        m = CommentedMap()
        for k, v in value.items():
            m[k] = _node(v, flow=True)
        if flow or all(not isinstance(v, (dict, list)) for v in value.values()):
            m.fa.set_flow_style()
        return m
    if isinstance(value, list):
        s = CommentedSeq(_node(v, flow=True) for v in value)
        if all(not isinstance(v, (dict, list)) for v in value):
            s.fa.set_flow_style()
        return s
    return value


def _container(data: Any, path: Sequence[Any], *, create: bool = False) -> Any:
    from ruamel.yaml.comments import CommentedMap

    node = data
    for key in path:
        if isinstance(node, dict):
            if key not in node:
                if not create:
                    raise EditError(f"no {key!r} here")
                node[key] = CommentedMap()
            node = node[key]
        elif isinstance(node, list) and isinstance(key, int) and 0 <= key < len(node):
            node = node[key]
        else:
            raise EditError(f"cannot reach {key!r}")
    return node


def _take_comments(mapping: Any, key: Any) -> tuple[str | None, str | None]:
    """Detach `key`'s comments: (its own trailing comment, the comment lines after its
    value, which stand above the next key)."""
    entry = mapping.ca.items.pop(key, None)
    token = entry[2] if entry and len(entry) > 2 else None
    if token is None:
        return None, None
    own, _, rest = token.value.partition("\n")
    return (own.strip() or None), (rest or None)


def _take_above(mapping: Any, key: Any) -> list[str]:
    """The full-line comments right above `key` (ruamel keeps them after the value of the
    key before it), taken off there: they move with the key."""
    keys = list(mapping.keys())
    pos = keys.index(key)
    if pos == 0:
        return []
    entry = mapping.ca.items.get(keys[pos - 1])
    token = entry[2] if entry and len(entry) > 2 else None
    if token is None or "\n" not in token.value:
        return []
    own, _, rest = token.value.partition("\n")
    lines = [line.strip() for line in rest.splitlines()]
    if not lines or not all(line.startswith("#") for line in lines if line):
        return []
    token.value = own + "\n"
    return [line[1:].strip() for line in lines if line]


def _give_comment(mapping: Any, key: Any, trailing: str | None, rest: str | None) -> None:
    """Attach a trailing comment (and lines after it) to `key`."""
    from ruamel.yaml.error import CommentMark
    from ruamel.yaml.tokens import CommentToken

    if trailing is None and rest is None:
        return
    value = (f"  {trailing}" if trailing else "") + "\n" + (rest or "")
    entry = mapping.ca.items.get(key)
    if entry and len(entry) > 2 and entry[2] is not None:
        entry[2].value = entry[2].value.rstrip("\n") + "\n" + (rest or "")
        return
    mapping.ca.items[key] = [None, None, CommentToken(value, CommentMark(0), None), None]


def _keep_rest(mapping: Any, key: Any, rest: str | None) -> None:
    """The comment lines that stood after `key`'s value stay where they were: after the key
    before it (or, for the first key, they are dropped with nothing to hang on)."""
    if rest is None:
        return
    keys = list(mapping.keys())
    pos = keys.index(key)
    if pos > 0:
        _give_comment(mapping, keys[pos - 1], None, rest)


def _apply_yaml(data: Any, edit: Edit, indent: int) -> None:
    """Apply one edit to ruamel's model; `indent` is the text's mapping indent (where a
    comment that moves with a key is written)."""
    path = list(edit.path)
    if not path:
        raise EditError("an edit needs a path")
    parent: Any = _container(data, path[:-1])
    key: Any = path[-1]
    if edit.op == PREPEND:
        if not _is_map(parent) or key in parent:
            raise EditError(f"{key!r} is there already")
        parent.insert(0, key, _node(edit.value, flow=False))
        return
    if edit.op == SET:
        if isinstance(parent, dict) or (isinstance(parent, list) and isinstance(key, int) and key < len(parent)):
            old = parent[key] if (isinstance(parent, list) or key in parent) else None
            flow = getattr(getattr(old, "fa", None), "flow_style", lambda: False)()
            parent[key] = _node(edit.value, flow=bool(flow))
            return
        raise EditError("cannot set here")
    if not _is_map(parent) or key not in parent:
        raise EditError(f"no {key!r} to {edit.op}")
    if edit.op == RENAME:
        new = edit.value
        if new in parent:
            raise EditError(f"{new!r} is there already")
        keys = list(parent.keys())
        pos = keys.index(key)
        comments = parent.ca.items.pop(key, None)  # the same comments, at the same column
        value = parent.pop(key)
        parent.insert(pos, new, value)
        if comments is not None:
            parent.ca.items[new] = comments
    elif edit.op == DELETE:
        trailing, rest = _take_comments(parent, key)
        _keep_rest(parent, key, rest)
        del parent[key]
    elif edit.op == MOVE:
        target = list(edit.value)  # type: ignore[call-overload]
        _can_take(data, target)  # before anything moves: a move that cannot land changes nothing
        above = _take_above(parent, key)
        trailing, rest = _take_comments(parent, key)
        _keep_rest(parent, key, rest)
        value = parent.pop(key)
        new_parent: Any = _container(data, target[:-1], create=True)
        if not _is_map(new_parent) or target[-1] in new_parent:
            raise EditError(f"{'.'.join(map(str, target))} is set already")
        new_parent[target[-1]] = value
        if (trailing or above) and new_parent.fa.flow_style():
            new_parent.fa.set_block_style()  # a comment cannot sit inside a flow mapping
        _give_comment(new_parent, target[-1], trailing, None)
        if above:
            column = indent * (len(target) - 1)  # the keys of the mapping at target[:-1]
            new_parent.yaml_set_comment_before_after_key(target[-1], before="\n".join(above), indent=column)
        if not parent and parent is not data:
            _drop_empty(data, path[:-1])
    else:
        raise EditError(f"unknown edit {edit.op!r}")


def _can_take(data: Any, target: Sequence[Any]) -> None:
    """EditError unless a value can be put at `target` (missing mappings on the way are
    made; a non-mapping on the way, or a value already there, refuses)."""
    node = data
    for key in target[:-1]:
        if not _is_map(node):
            raise EditError(f"cannot reach {key!r}")
        if key not in node:
            return
        node = node[key]
    if not _is_map(node) or target[-1] in node:
        raise EditError(f"{'.'.join(map(str, target))} is set already")


def _is_map(node: Any) -> bool:
    """A mapping (ruamel's CommentedMap), asked without narrowing its type for mypy."""
    return isinstance(node, dict)


def _drop_empty(data: Any, path: Sequence[Any]) -> None:
    """A mapping a move left empty goes too (`{}` would mean something else)."""
    while path:
        parent = _container(data, path[:-1])
        if isinstance(parent, dict) and path[-1] in parent and parent[path[-1]] == {}:
            del parent[path[-1]]
            path = path[:-1]
        else:
            break


# -- JSON -------------------------------------------------------------------------------------


def _json_indent(text: str) -> int:
    m = re.search(r"\n([ \t]+)\"", text)
    return len(m.group(1)) if m else 2


def _apply_plain(data: Any, edit: Edit) -> None:
    path = list(edit.path)
    parent = data
    for key in path[:-1]:
        parent = parent[key]
    key = path[-1]
    if edit.op == SET:
        parent[key] = edit.value
    elif edit.op == PREPEND:
        if key in parent:
            raise EditError(f"{key!r} is there already")
        items = list(parent.items())
        parent.clear()
        parent.update([(key, edit.value), *items])
    elif edit.op == DELETE:
        del parent[key]
    elif edit.op == RENAME:
        if edit.value in parent:
            raise EditError(f"{edit.value!r} is there already")
        items = list(parent.items())
        parent.clear()
        parent.update((edit.value if k == key else k, v) for k, v in items)
    elif edit.op == MOVE:
        value = parent.pop(key)
        node = data
        target = list(edit.value)  # type: ignore[call-overload]
        for k in target[:-1]:
            node = node.setdefault(k, {})
        if target[-1] in node:
            raise EditError("the target is set already")
        node[target[-1]] = value
    else:
        raise EditError(f"unknown edit {edit.op!r}")


# -- the entry point ----------------------------------------------------------------------------


def apply(text: str, edits: Sequence[Edit], *, is_json: bool = False) -> str:
    """`text` with `edits` applied in order; EditError when one does not apply."""
    if not edits:
        return text
    new_text, ok = apply_groups(text, [tuple(edits)], is_json=is_json)
    if not ok[0]:
        raise EditError("the edit does not apply")
    return new_text


def apply_groups(text: str, groups: Sequence[Sequence[Edit]], *, is_json: bool = False) -> tuple[str, list[bool]]:
    """`text` with each group of edits applied in order (one load, one dump, one merge for
    all of them); a group whose first edit does not apply is skipped. Which applied."""
    done: list[bool] = []
    if is_json:
        data = json.loads(text)
        indent = _json_indent(text)
        before = json.dumps(data, indent=indent, ensure_ascii=False) + "\n"
        for group in groups:
            try:
                for edit in group:
                    _apply_plain(data, edit)
                done.append(True)
            except (KeyError, IndexError, TypeError, EditError):
                done.append(False)
        after = json.dumps(data, indent=indent, ensure_ascii=False) + "\n"
        return merge(text, before, after), done
    yaml = _yaml(text)
    data = yaml.load(text)
    before = _dump(yaml, data)
    for group in groups:
        try:
            for edit in group:
                _apply_yaml(data, edit, yaml.map_indent)
            done.append(True)
        except EditError:
            done.append(False)
    after = _dump(yaml, data)
    return merge(text, before, after), done
