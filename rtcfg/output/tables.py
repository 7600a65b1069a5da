"""The human views of `diff` and `show`, through rich. Secrets are masked before anything
is shown; long texts are shown as a word or line diff rather than as two walls of text."""

from __future__ import annotations

import difflib
import re
from collections.abc import Sequence
from typing import Any

from rich.console import Console, Group
from rich.table import Table
from rich.text import Text

from rtcfg.core.secrets import mask
from rtcfg.output import escape
from rtcfg.output.escape import text as safe
from rtcfg.transform.diff import ADDED, IMPACTS, NEW_SESSION, REMOVED, Change
from rtcfg.transform.show import Setting, shown

_OP = {ADDED: ("+", "green"), REMOVED: ("-", "red"), "changed": ("~", "yellow")}
_TITLE = {
    NEW_SESSION: "needs a new session (a live session.update cannot take it)",
    "behaviour": "changes behaviour (a session.update can apply it)",
}
_LONG = 60  # a string longer than this (or with a newline) is shown as a diff below the table


def _is_long(value: Any) -> bool:
    return isinstance(value, str) and (len(value) > _LONG or "\n" in value)


def _leaves(path: str, value: Any) -> list[tuple[str, Any]]:
    """An added or removed object (a tool, an audio block) shown key by key: each leaf with
    its own path, so that nothing is a JSON blob cut at the column's edge."""
    if isinstance(value, dict) and value:
        return [leaf for k, v in value.items() for leaf in _leaves(f"{path}.{k}", v)]
    if isinstance(value, list) and value and any(isinstance(v, (dict, list)) for v in value):
        return [leaf for i, v in enumerate(value) for leaf in _leaves(f"{path}[{_identity(v, i)}]", v)]
    return [(path, value)]


def _identity(item: Any, index: int) -> str:
    """A tool by its name (or MCP server label), as the diff names tools; else its index."""
    if isinstance(item, dict):
        for key in ("name", "server_label"):
            if isinstance(item.get(key), str) and item[key]:
                return safe(item[key])
    return str(index)


class _Row:
    __slots__ = ("new", "old", "path", "style", "symbol", "why")

    def __init__(self, symbol: str, style: str, path: str, old: Text, new: Text, why: str) -> None:
        self.symbol, self.style, self.path, self.old, self.new, self.why = symbol, style, path, old, new, why


def _rows(group: Sequence[Change], texts: list[Change]) -> list[_Row]:
    rows = []
    for c in group:
        symbol, style = _OP[c.op]
        old, new = mask(c.path, c.old), mask(c.path, c.new)
        why = safe(c.why or "")
        if c.op == "changed" and (_is_long(old) or _is_long(new)):
            texts.append(c)
            rows.append(_Row(symbol, style, safe(c.dotted), Text("(text, see below)", style="dim"), Text(""), why))
            continue
        if c.op in (ADDED, REMOVED) and isinstance(old if c.op == REMOVED else new, (dict, list)):
            value = old if c.op == REMOVED else new
            for n, (path, leaf) in enumerate(_leaves(safe(c.dotted), value)):
                cell = Text(safe(shown(leaf, 10_000)))
                empty = Text("")
                rows.append(
                    _Row(
                        symbol,
                        style,
                        path,
                        cell if c.op == REMOVED else empty,
                        empty if c.op == REMOVED else cell,
                        why if n == 0 else "",
                    )
                )
            continue
        rows.append(
            _Row(
                symbol,
                style,
                safe(c.dotted),
                Text("" if c.op == ADDED else safe(shown(old, 10_000))),
                Text("" if c.op == REMOVED else safe(shown(new, 10_000))),
                why,
            )
        )
    return rows


_MIN_DIFF_VALUE = 12  # the narrowest old/new column worth a table


def print_diff(changes: Sequence[Change], out: Console, names: tuple[str, str]) -> None:
    """Each group of changes as a table when the paths fit whole beside two value columns
    (values and reasons fold onto more lines); else one change per block, wrapped. An added
    or removed object is shown key by key; long texts as a word or line diff below."""
    if not changes:
        out.print(Text(f"{safe(names[0])} and {safe(names[1])} set the same session", style="green"), soft_wrap=True)
        return
    counts = {impact: sum(1 for c in changes if c.impact == impact) for impact in IMPACTS}
    out.print(
        Text.assemble(
            (f"{len(changes)} change{'s' if len(changes) != 1 else ''}", "bold"),
            f" from {safe(names[0])} to {safe(names[1])}: ",
            (f"{counts[NEW_SESSION]} need{'s' if counts[NEW_SESSION] == 1 else ''} a new session", "bold red")
            if counts[NEW_SESSION]
            else "none needs a new session",
            ", ",
            f"{counts['behaviour']} change behaviour",
        ),
    )
    texts: list[Change] = []
    for impact in IMPACTS:
        group = [c for c in changes if c.impact == impact]
        if not group:
            continue
        out.print()
        out.print(Text(_TITLE[impact], style="bold red" if impact == NEW_SESSION else "bold"))
        rows = _rows(group, texts)
        path_width = max(len(r.path) for r in rows)
        why_width = _MIN_DIFF_VALUE if impact == NEW_SESSION else 0
        gaps = 4 + (1 if impact == NEW_SESSION else 0)
        if 1 + path_width + 2 * _MIN_DIFF_VALUE + why_width + gaps > out.width:
            _print_diff_list(rows, out, impact == NEW_SESSION)
            continue
        table = Table(box=None, show_header=True, header_style="dim", pad_edge=False, show_edge=False)
        table.add_column("", no_wrap=True)
        table.add_column("path", no_wrap=True, min_width=path_width)
        table.add_column("old", overflow="fold", ratio=1, min_width=_MIN_DIFF_VALUE)
        table.add_column("new", overflow="fold", ratio=1, min_width=_MIN_DIFF_VALUE)
        if impact == NEW_SESSION:
            table.add_column("why", overflow="fold", ratio=1, min_width=_MIN_DIFF_VALUE, style="dim")
        for r in rows:
            row = [Text(r.symbol, style=r.style), Text(r.path, style="bold"), r.old, r.new]
            if impact == NEW_SESSION:
                row.append(Text(r.why))
            table.add_row(*row)
        out.print(table)
    for c in texts:
        out.print()
        out.print(Text(f"{safe(c.dotted)}:", style="bold"))
        out.print(text_diff(str(mask(c.path, c.old)), str(mask(c.path, c.new))))


def _print_diff_list(rows: Sequence[_Row], out: Console, with_why: bool) -> None:
    """One change per block, for a width where a table would cut its paths."""
    for r in rows:
        # A path longer than the terminal is written whole (the terminal wraps it), never folded.
        out.print(Text.assemble((r.symbol, r.style), " ", (r.path, "bold")), soft_wrap=True)
        for label, cell in (("old", r.old), ("new", r.new)):
            if cell.plain:
                out.print(Text.assemble((f"    {label}: ", "dim"), cell))
        if with_why and r.why:
            out.print(Text.assemble(("    why: ", "dim"), r.why))


_WORDS = re.compile(r"\s+|[^\s]+")
# difflib's matcher costs up to the cube of its inputs: compare at most this many pairs of
# words (or of lines), and beyond it show the two sides whole, or their sizes.
_MAX_PAIRS = 200_000


def text_diff(old: str, new: str) -> Group | Text:
    """A line diff for multi-line text; a word diff inside a single changed line. Bounded:
    a word diff too large becomes the two lines, a line diff too large the two sizes."""
    if "\n" not in old.strip("\n") and "\n" not in new.strip("\n"):
        a, b = _WORDS.findall(old), _WORDS.findall(new)
        if len(a) * len(b) <= _MAX_PAIRS:
            return _word_diff(a, b)
        return Group(Text("  -" + escape.line(old), style="red"), Text("  +" + escape.line(new), style="green"))
    old_lines, new_lines = old.splitlines(), new.splitlines()
    if len(old_lines) * len(new_lines) > _MAX_PAIRS:
        return Text(f"  {len(old_lines):,} lines -> {len(new_lines):,} lines (too long to compare line by line)")
    lines = []
    for line in difflib.unified_diff(old_lines, new_lines, lineterm="", n=1):
        if line.startswith(("---", "+++")):
            continue
        style = "green" if line.startswith("+") else "red" if line.startswith("-") else "dim"
        lines.append(Text("  " + escape.line(line), style=style))
    return Group(*lines)


def _word_diff(a: list[str], b: list[str]) -> Text:
    out = Text("  ")
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if op == "equal":
            out.append(safe("".join(a[i1:i2])))
            continue
        if i2 > i1:
            out.append("[-" + safe("".join(a[i1:i2])) + "-]", style="red strike")
        if j2 > j1:
            out.append("{+" + safe("".join(b[j1:j2])) + "+}", style="green")
    return out


_MIN_VALUE = 20  # columns the value keeps in a table; narrower, the list layout reads better


def print_settings(rows: Sequence[Setting], out: Console, title: str, profile_file: str) -> None:
    """A table of the settings when it fits the width without cutting a setting's name or
    where it is set (values fold onto more lines); else one setting per line, wrapped."""
    out.print(Text(safe(title), style="bold"), soft_wrap=True)
    one_file = all(r.file in (None, profile_file) for r in rows)

    def where(row: Setting) -> str:
        if row.is_default:
            return "default"
        return str(row.line) if one_file else f"{safe(row.file or '')}:{row.line}"

    def value_of(row: Setting) -> Text:
        value = Text(safe(shown(row.value)), style="dim" if row.is_default else "")
        if row.written is not None and row.written != row.value:
            value.append(f"  from {safe(row.written)}", style="dim")
        return value

    setting_width = max((len(safe(r.path)) for r in rows), default=7)
    source_width = max((len(where(r)) for r in rows), default=4)
    if setting_width + _MIN_VALUE + source_width + 4 > out.width:  # 4: the gaps between columns
        for row in rows:
            line = Text.assemble((safe(row.path), "dim" if row.is_default else "bold"), " = ")
            line.append_text(value_of(row))
            line.append("  " + where(row), style="dim")
            out.print(line, highlight=False)  # wrapped at the width, never cut
    else:
        table = Table(box=None, header_style="dim", pad_edge=False, show_edge=False)
        table.add_column("setting", no_wrap=True, min_width=setting_width)
        table.add_column("value", overflow="fold", ratio=1, min_width=_MIN_VALUE)
        table.add_column("line" if one_file else "from", no_wrap=True, justify="right", min_width=source_width)
        for row in rows:
            source = Text(where(row), style="dim italic" if row.is_default else "")
            table.add_row(Text(safe(row.path), style="dim" if row.is_default else "bold"), value_of(row), source)
        out.print(table)
    if any(r.is_default for r in rows):
        out.print(Text("default: not set by the profile; the value the API documents", style="dim"))
