"""Loading faults: each gets a clear diagnostic with a position, never a traceback."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from rtcfg.check.pipeline import check_bytes, check_path, check_text
from rtcfg.load import sources, yamlio


def codes(profile) -> list[str]:  # type: ignore[no-untyped-def]
    return [d.code for d in profile.diagnostics]


def test_invalid_utf8_is_reported_at_the_byte(tmp_path: Path) -> None:
    path = tmp_path / "latin1.yaml"
    path.write_bytes("type: realtime\ninstructions: caf\u00e9\n".encode("latin-1"))
    profile = check_path(str(path))
    (d,) = profile.diagnostics
    assert (d.code, d.line, d.column) == ("RT005", 2, 18)
    assert "0xe9" in d.message and d.hint


def test_utf16_with_a_byte_order_mark_is_read(tmp_path: Path) -> None:
    path = tmp_path / "utf16.yaml"
    path.write_bytes("type: realtime\ninstructions: h\u00e9\n".encode("utf-16"))
    profile = check_path(str(path))
    assert profile.valid and profile.session == {"type": "realtime", "instructions": "h\u00e9"}


def test_utf8_bom_is_read() -> None:
    profile = check_bytes("bom.yaml", b"\xef\xbb\xbftype: realtime\n")
    assert profile.valid


def test_nul_bytes_are_an_error_with_a_position() -> None:
    profile = check_bytes("nul.yaml", b"type: realtime\ninstructions: a\x00b\n")
    (d,) = profile.diagnostics
    assert d.code == "RT001" and d.line == 2 and "#x0000" in d.message


def test_missing_path_is_unreadable() -> None:
    profile = check_path("/no/such/profile.yaml")
    assert codes(profile) == ["RT009"] and profile.unreadable


def test_a_directory_given_as_a_file_is_unreadable(tmp_path: Path) -> None:
    profile = check_path(str(tmp_path))
    assert codes(profile) == ["RT009"] and "directory" in profile.diagnostics[0].message


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs FIFOs")
def test_a_fifo_is_refused_without_blocking(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.yaml"
    os.mkfifo(fifo)
    profile = check_path(str(fifo))
    assert codes(profile) == ["RT009"] and "regular" in profile.diagnostics[0].message


def test_too_large_a_file_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sources, "MAX_FILE_BYTES", 100)
    path = tmp_path / "big.yaml"
    path.write_text("instructions: " + "x" * 200 + "\n")
    assert codes(check_path(str(path))) == ["RT008"]


def test_an_alias_bomb_stops_at_the_limit() -> None:
    lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
    for i in range(1, 9):
        prev = f"*a{i - 1}"
        lines.append(f"a{i}: &a{i} [{', '.join([prev] * 10)}]")
    profile = check_text("bomb.yaml", "\n".join(lines) + "\n")
    (d,) = profile.diagnostics
    assert d.code == "RT008" and "expands" in d.message


def test_aliases_that_stay_small_are_fine() -> None:
    text = "base: &b {type: server_vad}\ntype: realtime\naudio:\n  input:\n    turn_detection: *b\n"
    profile = check_text("alias.yaml", text)
    assert codes(profile) == ["RT100"]  # `base` is unknown; the alias itself is fine


def test_deep_nesting_is_refused() -> None:
    depth = yamlio.MAX_DEPTH + 5
    text = "metadata: " + "[" * depth + "]" * depth + "\n"
    (d,) = check_text("deep.yaml", text).diagnostics
    assert d.code == "RT008" and "nesting" in d.message


def test_merge_keys_are_not_duplicates() -> None:
    text = "x: &base {type: server_vad, threshold: 0.5}\ny:\n  <<: *base\n  threshold: 0.7\n"
    doc = yamlio.parse("m.yaml", text)
    assert doc.problems == [] and doc.data["y"] == {"type": "server_vad", "threshold": 0.7}


def test_all_duplicate_keys_are_reported() -> None:
    doc = yamlio.parse("d.yaml", "a: 1\na: 2\nb:\n  c: 1\n  c: 2\n")
    assert [(p.code, p.line) for p in doc.problems] == [("RT002", 2), ("RT002", 5)]


def test_nan_in_json_is_an_error() -> None:
    profile = check_text("nan.json", '{"type": "realtime", "audio": {"output": {"speed": NaN}}}', is_json=True)
    assert codes(profile) == ["RT001"]


def test_nan_in_yaml_is_not_a_number() -> None:
    profile = check_text("nan.yaml", "type: realtime\naudio:\n  output:\n    speed: .nan\n")
    (d,) = profile.diagnostics
    assert d.code == "RT105" and "finite" in d.message and d.line == 4


def test_unknown_tag_is_refused() -> None:
    (d,) = check_text("tag.yaml", "type: !secret realtime\n").diagnostics
    assert d.code == "RT006" and "!secret" in d.message


def test_python_tags_execute_nothing(tmp_path: Path) -> None:
    marker = tmp_path / "pwned"
    text = f"!!python/object/apply:os.system ['touch {marker}']\n"
    (d,) = check_text("evil.yaml", text).diagnostics
    assert d.code == "RT006"
    assert not marker.exists()


def test_positions_come_from_the_source() -> None:
    text = "session:\n  type: realtime\n  audio:\n    output:\n      voice: 7\n"
    (d,) = check_text("p.yaml", text).diagnostics
    assert (d.code, d.dotted_path, d.line, d.column) == ("RT105", "session.audio.output.voice", 5, 14)


def test_json_positions_are_recovered_when_needed() -> None:
    text = '{\n  "type": "realtime",\n  "audio": {"output": {"speed": 9}}\n}\n'
    (d,) = check_text("p.json", text, is_json=True).diagnostics
    assert (d.code, d.line, d.column) == ("RT108", 3, 33)
