"""The corpus: every good fixture validates; every bad one gives exactly its expected diagnostics."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from conftest import FIXTURES, bad_fixtures, good_fixtures, shipped_profiles

from rtcfg.pipeline import check_path

EXPECTED = yaml.safe_load((FIXTURES / "bad" / "expected.yaml").read_text())
# Warnings a good fixture may carry: they describe the fixture, not a fault in it.
EXPLAINED_WARNINGS = {"RT109", "RT110"}


@pytest.mark.parametrize("path", good_fixtures(), ids=lambda p: p.name)
def test_good_fixture_is_valid(path: Path) -> None:
    profile = check_path(str(path))
    assert profile.valid, [(d.code, d.dotted_path, d.message) for d in profile.diagnostics]
    assert {d.code for d in profile.diagnostics} <= EXPLAINED_WARNINGS
    assert profile.session is not None and profile.model is not None


@pytest.mark.parametrize("path", shipped_profiles(), ids=lambda p: p.name)
def test_shipped_profile_is_valid(path: Path) -> None:
    profile = check_path(str(path))
    assert profile.valid
    # Only the legacy profile carries a warning, and it means to: the beta retirement.
    expected = {"RT110"} if profile.dialect == "beta" else set()
    assert {d.code for d in profile.diagnostics} == expected


def test_at_least_three_shipped_profiles_cover_the_three_kinds() -> None:
    profiles = [check_path(str(p)) for p in shipped_profiles()]
    dialects = [p.dialect for p in profiles]
    assert dialects.count("ga") >= 2 and "beta" in dialects
    formats = [((p.session or {}).get("audio") or {}).get("input", {}).get("format", {}).get("type")
               for p in profiles]
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
