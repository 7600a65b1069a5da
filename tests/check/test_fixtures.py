"""The corpus: every good fixture validates; every bad one gives exactly its expected diagnostics."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from conftest import FIXTURES, bad_fixtures, good_fixtures, shipped_profiles

from rtcfg.check.pipeline import check_path

EXPECTED = yaml.safe_load((FIXTURES / "bad" / "expected.yaml").read_text())
# The warnings each good fixture carries. The seeds are what the SDKs documented in the
# beta era, so the rules find what a reviewer would: retired interface, deprecated models,
# output settings a text-only session ignores, a PCM/G.711 mismatch.
GOOD_WARNINGS = {
    "beta_captured_session.yaml": ["RT109", "RT109", "RT109", "RT231", "RT110"],
    "beta_seed000_python_session.yaml": ["RT110", "RT231", "RT214", "RT231"],
    "beta_seed002_ruby_session.yaml": ["RT110", "RT231", "RT215", "RT215", "RT231", "RT215"],
    "beta_seed003_node_create.yaml": ["RT110", "RT231", "RT231", "RT211"],
    "beta_seed004_rust_session.yaml": ["RT110", "RT231"],
    "beta_transcription_create.yaml": ["RT110", "RT231"],
    "beta_transcription_event.yaml": ["RT110", "RT231"],
    "ga_bare_semantic_text.yaml": [],  # connector_id with gpt-realtime-2.1-mini: released before the cut-off
    "ga_event.json": ["RT214"],
}


@pytest.mark.parametrize("path", good_fixtures(), ids=lambda p: p.name)
def test_good_fixture_is_valid(path: Path) -> None:
    profile = check_path(str(path))
    assert profile.valid, [(d.code, d.dotted_path, d.message) for d in profile.diagnostics]
    assert [d.code for d in profile.diagnostics] == GOOD_WARNINGS.get(path.name, [])
    assert profile.session is not None and profile.model is not None


def test_every_good_warning_entry_has_a_fixture() -> None:
    assert set(GOOD_WARNINGS) <= {p.name for p in good_fixtures()}


@pytest.mark.parametrize("path", shipped_profiles(), ids=lambda p: p.name)
def test_shipped_profile_is_valid(path: Path) -> None:
    profile = check_path(str(path))
    assert profile.valid
    # Only the legacy profile carries warnings, and it means to: the beta interface is
    # retired and its preview model is at risk.
    expected = {"RT110", "RT231"} if profile.dialect == "beta" else set()
    assert {d.code for d in profile.diagnostics} == expected


def test_at_least_three_shipped_profiles_cover_the_three_kinds() -> None:
    profiles = [check_path(str(p)) for p in shipped_profiles()]
    dialects = [p.dialect for p in profiles]
    assert dialects.count("ga") >= 2 and "beta" in dialects
    formats = [((p.session or {}).get("audio") or {}).get("input", {}).get("format", {}).get("type") for p in profiles]
    assert "audio/pcmu" in formats


@pytest.mark.parametrize("path", bad_fixtures(), ids=lambda p: p.name)
def test_bad_fixture_gives_exactly_its_diagnostics(path: Path) -> None:
    assert path.name in EXPECTED, f"add {path.name} to tests/fixtures/bad/expected.yaml"
    profile = check_path(str(path))
    got = [[d.code, d.dotted_path, d.line] for d in profile.diagnostics]
    want = [[c, p or "", line] for c, p, line in EXPECTED[path.name]["diagnostics"]]
    assert got == want
    assert not profile.valid
    assert profile.session is None and profile.model is None
    for d in profile.diagnostics:
        assert d.file == str(path)
        assert d.line >= 1 and d.column >= 1


def test_every_expected_entry_has_a_fixture() -> None:
    names = {p.name for p in bad_fixtures()}
    assert set(EXPECTED) <= names
