"""The output layer's escaping: what each format does with text from a profile or a path."""

from __future__ import annotations

import json
import os

import pytest

from rtcfg.output import escape


@pytest.mark.parametrize(
    ("raw", "shown"),
    [
        ("plain text, ünïcödé and emoji 🎙", "plain text, ünïcödé and emoji 🎙"),
        ("a\nb\rc\td", "a\\nb\\rc\\td"),
        ("\x1b[2J\x1b]0;title\x07", "\\x1b[2J\\x1b]0;title\\x07"),
        ("\x7f\x85\x9b", "\\x7f\\x85\\x9b"),
        ("\u2028\u2029", "\\u2028\\u2029"),
        ("abc\u202edef\u2066", "abc\\u202edef\\u2066"),  # Trojan Source's reordering
        (os.fsdecode(b"bad-\xff.yaml"), "bad-\\xff.yaml"),  # the byte a file name really has
        ("\ud800", "\\ud800"),
    ],
)
def test_text(raw: str, shown: str) -> None:
    assert escape.text(raw) == shown
    shown.encode("utf-8")  # always encodable


def test_line_keeps_a_displayed_line_from_being_a_workflow_command() -> None:
    assert escape.line("   ::error file=x::y") == "   \\x3a:error file=x::y"
    assert escape.line("a ::b") == "a ::b"


def test_github_escaping() -> None:
    assert escape.github_data("50% done\n::error::x") == "50%25 done\\n::error::x"
    assert escape.github_property("a:b,c\nd") == "a%3Ab%2Cc\\nd"


@pytest.mark.parametrize("compact", [False, True])
def test_json_document_is_utf8_and_means_the_same(compact: bool) -> None:
    doc = {"path": os.fsdecode(b"bad-\xff.yaml"), "key \u202e": ["\x1b", "\x85", "\u2028", "é"]}
    text = escape.json_document(doc, compact=compact)
    text.encode("utf-8")
    assert json.loads(text) == doc
    assert "\u202e" not in text and "\x85" not in text and "é" in text
