"""Every RT2xx rule fires at the right path and line on a profile that trips it, and stays
silent on its near miss.

The fixtures in tests/fixtures/rules describe themselves: a line that should carry a
diagnostic ends in `# expect: CODE path`, and `# today: YYYY-MM-DD` pins the date the
deprecation rules compare with. `RTnnn[-variant].trip.yaml` must raise RTnnn;
`RTnnn[-variant].near.yaml` must not. Either must raise exactly what its markers say.
"""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import oracle
import pytest
import yaml
from conftest import FIXTURES, TODAY

from rtcfg.check.pipeline import Options, check_path
from rtcfg.core.codes import CODES
from rtcfg.dialects import detect

RULES = FIXTURES / "rules"
MARK = re.compile(r"#\s*expect:\s*(RT\d{3})\s+(\S+)")
PINNED_DAY = re.compile(r"^#\s*today:\s*(\d{4}-\d{2}-\d{2})\s*$", re.M)


def rule_fixtures() -> list[Path]:
    return sorted(RULES.glob("*.yaml"))


def expected(path: Path) -> list[tuple[str, str, int]]:
    out = []
    for number, line in enumerate(path.read_text().splitlines(), start=1):
        for code, where in MARK.findall(line):
            out.append((code, where, number))
    return out


def options_for(path: Path) -> Options:
    pinned = PINNED_DAY.search(path.read_text())
    return Options(today=date.fromisoformat(pinned.group(1)) if pinned else TODAY)


@pytest.mark.parametrize("path", rule_fixtures(), ids=lambda p: p.name)
def test_rule_fixture_raises_exactly_its_marked_diagnostics(path: Path) -> None:
    profile = check_path(str(path), options_for(path))
    got = sorted((d.code, d.dotted_path, d.line) for d in profile.diagnostics)
    assert got == sorted(expected(path))
    code, role = path.name[:5], path.name.rsplit(".", 2)[1]
    codes = {d.code for d in profile.diagnostics}
    if role == "trip":
        assert code in codes
    else:
        assert role == "near" and code not in codes


# Shape errors of Live sessions (tests/fixtures/live/bad) and limits that need large text
# (generated in tests/dialects/test_live.py), not a committed fixture each.
NOT_BY_FIXTURE = frozenset({"RT400", "RT401", "RT402", "RT407", "RT408"})


def test_every_rule_has_a_trip_and_a_near_miss() -> None:
    names = {p.name for p in rule_fixtures()}
    for code in (
        c
        for c, entry in CODES.items()
        if c.startswith(("RT2", "RT4")) and not entry.retired and c not in NOT_BY_FIXTURE
    ):
        assert any(n.startswith(code) and n.endswith(".trip.yaml") for n in names), code
        assert any(n.startswith(code) and n.endswith(".near.yaml") for n in names), code
    for name in names:
        assert name[:5] in CODES and name.endswith((".trip.yaml", ".near.yaml")), name


@pytest.mark.parametrize("path", [p for p in rule_fixtures() if ".trip." in p.name], ids=lambda p: p.name)
def test_what_the_rules_catch_the_sdk_types_let_through(path: Path) -> None:
    # The openai package's types accept every tripping session: without these rules the
    # mistake would reach the API (or the call) unnoticed.
    profile = check_path(str(path), options_for(path))
    shape = detect.split(yaml.safe_load(path.read_text()))
    session, kind = shape.session, profile.kind or "realtime"
    if profile.dialect == "live" and path.name.startswith("RT422"):
        # The one place rtcfg is looser than the types: the SDK models hosted backend tools as
        # `type` alone; the real tools take more keys and Live's acceptance is undocumented
        # (Live reference §7.1 #10), so rtcfg warns where the types would reject.
        assert oracle.live_session_errors(session, kind) != []
    elif profile.dialect == "live":
        assert oracle.live_session_errors(session, kind) == []
    elif profile.dialect == "ga":
        assert oracle.ga_update_errors(session) == []
    elif shape.event:
        assert oracle.beta_update_errors(session, kind) == []
    else:
        assert oracle.beta_create_errors(session, kind) == []


def test_severity_follows_the_registry() -> None:
    for path in rule_fixtures():
        for d in check_path(str(path), options_for(path)).diagnostics:
            assert d.severity is CODES[d.code].severity


def test_error_rules_make_the_profile_invalid_and_warnings_do_not() -> None:
    err = check_path(str(RULES / "RT201.trip.yaml"))
    assert not err.valid and err.session is None
    warn = check_path(str(RULES / "RT214.trip.yaml"))
    assert warn.valid and warn.session is not None


def test_rules_do_not_run_on_a_session_with_shape_errors(tmp_path: Path) -> None:
    # tool_choice names a missing function (RT200), but the tools list is broken: the
    # shape error is what to fix first, and the rule would only be guessing.
    path = tmp_path / "p.yaml"
    path.write_text(
        "session:\n  type: realtime\n  tools: [{type: function, name: a, meta: 1}]\n"
        "  tool_choice: {type: function, name: b}\n"
    )
    assert [d.code for d in check_path(str(path)).diagnostics] == ["RT100"]


@pytest.mark.parametrize(
    ("day", "code"), [(date(2027, 1, 19), "RT231"), (date(2027, 1, 20), "RT232"), (date(2030, 1, 1), "RT232")]
)
def test_deprecation_turns_into_an_error_on_the_shutdown_date(day: date, code: str) -> None:
    profile = check_path(str(RULES / "RT232.trip.yaml"), Options(today=day))
    assert [d.code for d in profile.diagnostics] == [code]
    assert "2027-01-20" in profile.diagnostics[0].message


def test_every_diagnostic_takes_its_severity_from_the_code_registry() -> None:
    # Every place that makes a diagnostic (loader, composer, dialect, models, rules) over
    # every fixture and shipped profile: a code always has the registry's severity.
    from conftest import FIXTURES, REPO

    from rtcfg.check.pipeline import check_path
    from rtcfg.core.codes import CODES

    files = [p for p in FIXTURES.rglob("*") if p.suffix in (".yaml", ".yml", ".json")]
    files += [p for p in (REPO / "profiles").rglob("*") if p.suffix in (".yaml", ".yml", ".json")]
    seen = set()
    for path in files:
        for d in check_path(str(path)).diagnostics:
            assert d.severity == CODES[d.code].severity, (path, d)
            seen.add(d.code)
    assert len(seen) >= 40  # the corpus reaches most codes: this test can fail


def test_every_problem_shows_in_one_run(tmp_path: Path) -> None:
    # An unknown key no longer hides the deprecated model or the transcription-model
    # conflict: rules that read only parts that validated run as well.
    path = tmp_path / "p.yaml"
    path.write_text(
        "type: transcription\n"
        "colour: blue\n"
        "audio:\n"
        "  input:\n"
        "    transcription: {model: whisper-1, keywords: [rtcfg]}\n"
    )
    found = sorted({d.code for d in check_path(str(path)).diagnostics})
    assert "RT100" in found and "RT220" in found, found


def test_a_rule_that_reads_a_broken_part_waits_and_the_others_run(tmp_path: Path) -> None:
    path = tmp_path / "p.yaml"
    path.write_text(
        "type: realtime\nmodel: gpt-realtime\n"
        "tools: [{type: function, name: a, meta: 1}]\n"
        "tool_choice: {type: function, name: b}\n"
    )
    codes = [d.code for d in check_path(str(path)).diagnostics]
    assert "RT100" in codes and "RT231" in codes  # the model's deprecation is still said
    assert "RT200" not in codes  # tool_choice vs tools: the tools did not validate


@pytest.mark.parametrize(
    ("width", "says"),
    [
        (40, "input_json has 2 levels, 81 values and 280,"),  # too many bytes only: counted exactly
        (10_000, "input_json has at least 2 levels, over 10,000 values and"),  # the count stops past the limit
    ],
)
def test_input_json_limits_say_what_was_counted(tmp_path: Path, width: int, says: str) -> None:
    rows = [{"w": "w" * 7_000 if width == 40 else "w"} for _ in range(width)]
    question = {"type": "predicate", "instructions": [{"type": "input_json", "data": rows}]}
    session = {
        "model": "gpt-live-1.1",
        "delegation": {"type": "decisions", "decisions": {"model": "gpt-6-luna", "questions": [question]}},
    }
    path = tmp_path / "wide.yaml"
    path.write_text(yaml.safe_dump({"api": "live", "session": session}))
    (found,) = [d for d in check_path(str(path), Options(today=TODAY)).diagnostics if d.code == "RT425"]
    assert found.message.startswith(says), found.message
