"""The rule registry: complete entries, `rtcfg rules` in every format, the README table
generated from it, and turning rules off with --ignore and `ignore:`."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from conftest import FIXTURES, REPO

from rtcfg.check.pipeline import check_path
from rtcfg.core.codes import CODES, Code, lookup
from rtcfg.output import catalog

RULES = FIXTURES / "rules"


@pytest.mark.parametrize("entry", CODES.values(), ids=lambda c: c.code)
def test_every_code_is_documented(entry: Code) -> None:
    assert re.fullmatch(r"RT[0-49]\d\d", entry.code)  # RT4xx: the Live API; RT9xx: the server's verdict
    assert re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", entry.name)
    for text in (entry.summary, entry.hint, entry.rationale, entry.source):
        assert text.strip() and "\n" not in text
    assert lookup(entry.code) is entry and lookup(entry.name) is entry and lookup(entry.code.lower()) is entry


def test_names_are_unique() -> None:
    assert len({c.name for c in CODES.values()}) == len(CODES)


def test_readme_rule_table_is_the_registry() -> None:
    readme = (REPO / "README.md").read_text()
    start, end = readme.index(catalog.README_START), readme.index(catalog.README_END)
    table = readme[start + len(catalog.README_START) : end].strip("\n") + "\n"
    assert table == catalog.to_markdown(), "regenerate with `rtcfg rules --format markdown`"
    for code in CODES:
        assert f"| {code} |" in table


def test_rules_markdown_is_what_the_readme_holds(run) -> None:
    result = run("rules", "--format", "markdown")
    assert result.exit_code == 0 and result.stdout == catalog.to_markdown()


def test_rules_text_lists_every_code_one_line_each(run) -> None:
    result = run("rules")
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert [line.split()[0] for line in lines] == list(CODES)
    assert lines[list(CODES).index("RT214")].split()[1:3] == ["warning", "audio-format-mismatch"]


def test_rules_json_round_trips_the_registry(run) -> None:
    result = run("rules", "--format", "json")
    doc = json.loads(result.stdout)
    assert [d["code"] for d in doc] == list(CODES)
    rt201 = next(d for d in doc if d["code"] == "RT201")
    assert rt201["severity"] == "error" and rt201["ignorable"] is True
    assert next(d for d in doc if d["code"] == "RT100")["ignorable"] is False


def test_rules_with_codes_shows_the_full_entries(run) -> None:
    result = run("rules", "RT214", "tool-name")
    assert result.exit_code == 0
    assert "RT214 audio-format-mismatch" in result.stdout and "RT203 tool-name" in result.stdout
    assert "openai-agents-js#1366" in result.stdout  # the source is shown


def test_rules_with_an_unknown_code_is_a_usage_error(run) -> None:
    result = run("rules", "RT2144")
    assert result.exit_code == 2 and "did you mean RT214?" in result.stderr


def test_ignore_on_the_command_line_turns_a_rule_off(run) -> None:
    trip = str(RULES / "RT201.trip.yaml")
    assert run("validate", trip).exit_code == 1
    result = run("validate", trip, "--ignore", "RT201")
    assert result.exit_code == 0 and "RT201" not in result.stdout
    assert run("validate", trip, "--ignore", "tool-choice-without-tools").exit_code == 0


def test_ignore_takes_commas_and_repeats(run) -> None:
    paths = [str(RULES / "RT201.trip.yaml"), str(RULES / "RT230.trip.yaml")]
    assert run("validate", *paths, "--strict").exit_code == 1
    assert run("validate", *paths, "--strict", "--ignore", "RT201,RT230").exit_code == 0
    assert run("validate", *paths, "--strict", "--ignore", "RT201", "--ignore", "RT230").exit_code == 0


@pytest.mark.parametrize(
    ("token", "message"),
    [("RT2144", "did you mean RT214?"), ("RT100", "cannot be turned off"), ("RT001", "cannot be turned off")],
)
def test_ignore_refuses_unknown_and_unignorable_codes(run, token: str, message: str) -> None:
    result = run("validate", str(RULES / "RT201.trip.yaml"), "--ignore", token)
    assert result.exit_code == 2 and message in result.stderr and "Traceback" not in result.output


def test_ignore_in_the_profile_turns_a_rule_off_for_that_profile(tmp_path: Path) -> None:
    body = "session:\n  type: realtime\n  tools: []\n  tool_choice: required\n"
    (tmp_path / "a.yaml").write_text("ignore: [RT201]\n" + body)
    (tmp_path / "b.yaml").write_text(body)
    assert check_path(str(tmp_path / "a.yaml")).valid
    assert [d.code for d in check_path(str(tmp_path / "b.yaml")).diagnostics] == ["RT201"]


@pytest.mark.parametrize(
    ("value", "code", "path", "text"),
    [
        ("[RT2144]", "RT107", "ignore[0]", "did you mean RT214?"),
        ("[RT100]", "RT107", "ignore[0]", "cannot be turned off"),
        ("RT201", "RT105", "ignore", "list of rule codes"),
        ("[201]", "RT107", "ignore[0]", "not a rule code"),
    ],
)
def test_a_bad_ignore_entry_is_an_error_at_its_place(
    tmp_path: Path, value: str, code: str, path: str, text: str
) -> None:
    (tmp_path / "p.yaml").write_text(f"session: {{type: realtime}}\nignore: {value}\n")
    diags = check_path(str(tmp_path / "p.yaml")).diagnostics
    assert [(d.code, d.dotted_path, d.line) for d in diags] == [(code, path, 2)]
    assert text in (diags[0].message + " " + (diags[0].hint or ""))


def test_readme_fix_list_is_the_registry() -> None:
    readme = (REPO / "README.md").read_text()
    start, end = readme.index(catalog.FIXES_START), readme.index(catalog.FIXES_END)
    assert readme[start + len(catalog.FIXES_START) : end].strip("\n") + "\n" == catalog.fixes_markdown()


def test_every_rule_that_says_it_fixes_does_and_no_other() -> None:
    # the fixes findings carry over the fixture corpus, against the registry's column
    from rtcfg.check.pipeline import check_path

    seen: dict[str, set[bool]] = {}
    for folder in ("bad", "good", "rules", "live/bad"):
        for path in (FIXTURES / folder).iterdir():
            if path.suffix not in (".yaml", ".json") or path.name == "expected.yaml":
                continue
            for d in check_path(str(path)).diagnostics:
                if d.fix is not None:
                    seen.setdefault(d.code, set()).add(d.fix.safe)
    for code, kinds in seen.items():
        declared = CODES[code].fix
        assert declared, f"{code} makes fixes but the registry does not say so"
        assert ("safe" in declared) >= (True in kinds) and ("unsafe" in declared) >= (False in kinds), code
