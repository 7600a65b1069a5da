"""Inline suppressions: `# rtcfg: ignore[CODE] -- why` on the finding's line or the line
above, `ignore-file` for a file, in a base for what is placed in the base; unused and
invalid suppressions reported; errors the API rejects never silenced."""

from __future__ import annotations

from pathlib import Path

from rtcfg.check.pipeline import Options, check_path, check_text

# RT214 (a warning) at line 5: input and output formats differ.
BODY = (
    "type: realtime\nmodel: gpt-realtime-2.1\naudio:\n  input:\n    format: {type: audio/pcmu}{}\n"
    "  output:\n    voice: cedar\n"
)


def codes(text: str) -> list[tuple[str, int]]:
    return [(d.code, d.line) for d in check_text("p.yaml", text).diagnostics]


def with_line5(comment: str) -> str:
    return BODY.replace("{}", comment, 1).replace("{}", "")


def test_without_a_suppression_the_warning_is_there() -> None:
    assert codes(with_line5("")) == [("RT214", 5)]


def test_a_trailing_comment_silences_its_line() -> None:
    assert codes(with_line5("  # rtcfg: ignore[RT214] -- the carrier converts")) == []
    assert codes(with_line5("  # rtcfg: ignore[audio-format-mismatch]")) == []  # by name too
    assert codes(with_line5("  #rtcfg:ignore[RT214,RT231]")) == [("RT015", 5)]  # RT231 unused


def test_a_comment_line_above_silences_the_next_line() -> None:
    text = BODY.replace(
        "    format: {type: audio/pcmu}{}", "    # rtcfg: ignore[RT214] -- why\n    format: {type: audio/pcmu}"
    )
    assert codes(text) == []
    # but not a line further down
    text = BODY.replace("  input:\n", "  # rtcfg: ignore[RT214]\n  input:\n").replace("{}", "")
    assert codes(text) == [("RT015", 4), ("RT214", 6)]


def test_ignore_file_covers_the_whole_file() -> None:
    text = "# rtcfg: ignore-file[RT214] -- a telephony bridge converts\n" + with_line5("")
    assert codes(text) == []


def test_unused_unknown_and_unsuppressible() -> None:
    text = with_line5("  # rtcfg: ignore[RT100, RT2144]") + "# rtcfg: ignore\n"
    got = check_text("p.yaml", text).diagnostics
    messages = [(d.code, d.line, d.message) for d in got]
    assert ("RT016", 5, "RT100 (unknown-key) cannot be suppressed: the API rejects such a session") in messages
    assert any(c == "RT016" and "unknown rule 'RT2144'" in m for c, _, m in messages)
    assert any(d.code == "RT016" and d.hint and "did you mean RT214?" in d.hint for d in got)
    assert any(c == "RT016" and line == 8 and "names no rule" in m for c, line, m in messages)
    assert ("RT214", 5) in [(d.code, d.line) for d in got]  # nothing valid silenced it


def test_errors_the_api_rejects_stay() -> None:
    text = "type: realtime\nmodel: gpt-realtime-2.1\nvoise: cedar  # rtcfg: ignore[RT100]\n"
    assert ("RT100", 3) in codes(text)


def test_text_that_only_looks_like_a_comment_is_not_one() -> None:
    for value in ('"# rtcfg: ignore[RT214]"', "|\n    a\n    # rtcfg: ignore[RT214]"):
        text = with_line5("") + f"instructions: {value}\n"
        assert codes(text) == [("RT214", 5)], value
    # a # inside a plain scalar (no blank before it) is text too
    assert codes(with_line5("") + "instructions: a#rtcfg:ignore-file[RT214]\n") == [("RT214", 5)]


def test_a_suppression_in_a_base_covers_what_is_placed_there(tmp_path: Path) -> None:
    (tmp_path / "base.yaml").write_text(
        "session:\n" + "".join("  " + line + "\n" for line in with_line5("  # rtcfg: ignore[RT214]").splitlines())
    )
    (tmp_path / "p.yaml").write_text("extends: base.yaml\nsession:\n  instructions: hi\n")
    assert check_path(str(tmp_path / "p.yaml"), Options(root=str(tmp_path))).diagnostics == ()
    # a suppression in the profile does not reach a finding in its base
    (tmp_path / "base.yaml").write_text(
        "session:\n" + "".join("  " + line + "\n" for line in with_line5("").splitlines())
    )
    (tmp_path / "p.yaml").write_text("# rtcfg: ignore-file[RT214]\nextends: base.yaml\nsession:\n  instructions: hi\n")
    got = [
        (d.code, Path(d.file).name)
        for d in check_path(str(tmp_path / "p.yaml"), Options(root=str(tmp_path))).diagnostics
    ]
    assert sorted(got) == [("RT015", "p.yaml"), ("RT214", "base.yaml")]


def test_a_configured_ignore_still_turns_off_the_suppression_findings() -> None:
    text = with_line5("") + "# rtcfg: ignore[RT231]\n"
    assert [d.code for d in check_text("p.yaml", text, options=Options(ignore=frozenset({"RT015"}))).diagnostics] == [
        "RT214"
    ]


def test_in_the_cli_with_concise_output(run, tmp_path: Path) -> None:
    p = tmp_path / "p.yaml"
    p.write_text(with_line5("  # rtcfg: ignore[RT214] -- carrier converts"))
    assert run("validate", str(p), "--root", str(tmp_path)).exit_code == 0
    p.write_text(with_line5("") + "# rtcfg: ignore[RT231]\n")
    result = run("validate", str(p), "--root", str(tmp_path), "--format", "concise", "--strict")
    assert result.exit_code == 1
    assert f"{p}:8:1: RT015 unused suppression: no RT231 finding on line 8" in result.stdout


def test_many_suppression_comments_cost_one_pass() -> None:
    # 60,000 comment lines each suppressing the line after the run of comments: a search for
    # the next code line from each comment would be 1.8e9 steps; it is one pass from the end.
    n = 60_000
    text = "# rtcfg: ignore[RT214]\n" * n + "type: realtime\nmodel: gpt-realtime-2.1\n"
    got = check_text("p.yaml", text).diagnostics
    assert {d.code for d in got} == {"RT015"} and len(got) == n
