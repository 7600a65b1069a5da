"""`diff`, `rules` and `profiles` at 60, 80 and 120 columns through rich's own Console:
no line longer than the width (a table) or a whole line the terminal wraps (rules), and
never a cut path, code, name or value; an added tool shown key by key."""

from __future__ import annotations

import io

import pytest
from rich.console import Console

from rtcfg.core.codes import CODES
from rtcfg.output import catalog
from rtcfg.output.tables import print_diff
from rtcfg.output.text import print_rules
from rtcfg.transform import shipped
from rtcfg.transform.diff import compare

LONG_DESCRIPTION = "Look up an order by its number and return its status, items and delivery window. " * 2
OLD = {"type": "realtime", "model": "gpt-realtime-2.1", "audio": {"output": {"voice": "alloy"}}}
NEW = {
    "type": "realtime",
    "model": "gpt-realtime-2.1",
    "audio": {"output": {"voice": "cedar", "speed": 1.1}},
    "tools": [
        {
            "type": "function",
            "name": "lookup_order_by_customer_reference_number",
            "description": LONG_DESCRIPTION,
            "parameters": {"type": "object", "properties": {"order_reference_identifier": {"type": "string"}}},
        }
    ],
}


def rendered(width: int, draw) -> str:  # type: ignore[no-untyped-def]
    buffer = io.StringIO()
    draw(Console(file=buffer, width=width, color_system=None, highlight=False))
    return buffer.getvalue()


def unwrapped(out: str) -> str:
    return "".join(out.split())


@pytest.mark.parametrize("width", [60, 80, 120])
def test_diff_shows_an_added_tool_key_by_key_and_cuts_nothing(width: int) -> None:
    changes = compare(OLD, NEW)
    out = rendered(width, lambda c: print_diff(changes, c, ("old.yaml", "new.yaml")))
    lines = out.splitlines()
    # only a path longer than the terminal may run past it (written whole for the terminal to wrap)
    too_long = [line for line in lines if len(line) > width]
    assert all(line[:2] in ("+ ", "- ", "~ ") and " " not in line[2:] for line in too_long), too_long
    whole = unwrapped(out)
    for path in (
        "tools[lookup_order_by_customer_reference_number].name",
        "tools[lookup_order_by_customer_reference_number].description",
        "tools[lookup_order_by_customer_reference_number].parameters.properties.order_reference_identifier.type",
        "audio.output.voice",
        "audio.output.speed",
    ):
        assert any(path in line for line in lines), (path, out)  # a path is never folded or cut
    assert unwrapped(LONG_DESCRIPTION) in whole  # the long value wrapped, whole
    assert '"cedar"' in out and '"alloy"' in out and "…" not in out
    if width == 120:
        assert any(line.split()[:4] == ["path", "old", "new", "why"] for line in lines) or any(
            line.split()[:3] == ["path", "old", "new"] for line in lines
        )


@pytest.mark.parametrize("width", [60, 80, 120])
def test_rules_lines_are_whole(width: int) -> None:
    entries = list(CODES.values())
    out = rendered(width, lambda c: print_rules(entries, c, detailed=False))
    lines = out.splitlines()
    assert len(lines) == len(entries)  # one line per rule: `rtcfg rules | grep` finds whole rules
    for line, entry in zip(lines, entries):
        assert line.startswith(entry.code) and entry.name in line and line.endswith(entry.summary)


@pytest.mark.parametrize("width", [40, 60, 80, 120])
def test_profiles_never_cut_a_name(width: int) -> None:
    entries = shipped.shipped()
    out = rendered(width, lambda c: c.print(catalog.shipped_table(entries, c.width)))
    lines = out.splitlines()
    assert all(len(line) <= width for line in lines), [line for line in lines if len(line) > width]
    for e in entries:
        assert any(line.split() and line.split()[0] == e.name for line in lines), e.name
        assert unwrapped(e.description) in unwrapped(out)
    assert (lines[0].split()[:3] == ["name", "api", "description"]) == (width >= 60)
