"""`show` fits any width: a table when the setting names and their lines fit whole (values
fold), else one setting per line; never a cut line number, `default` or setting name."""

from __future__ import annotations

import io

import pytest
from conftest import REPO
from rich.console import Console

from rtcfg.check.pipeline import check_path
from rtcfg.output.tables import print_settings
from rtcfg.transform.show import settings


@pytest.mark.parametrize("width", [60, 80, 120])
@pytest.mark.parametrize("name", ["phone-agent-twilio.yaml", "team/prod.yaml", "support-agent.yaml"])
def test_show_never_cuts_a_name_or_a_place(width: int, name: str) -> None:
    path = str(REPO / "profiles" / name)
    profile = check_path(path)
    rows = settings(profile)
    buffer = io.StringIO()
    console = Console(file=buffer, width=width, color_system=None, highlight=False)
    # a title of a fixed length: where the checkout lives must not decide the test
    print_settings(rows, console, "profile: session", profile.name)
    out = buffer.getvalue()
    lines = out.splitlines()
    assert all(len(line) <= width for line in lines), [line for line in lines if len(line) > width]
    text = " ".join(lines)
    for row in rows:
        assert row.path in text, row.path  # every setting's name, whole
        place = (
            "default"
            if row.is_default
            else (str(row.line) if row.file in (None, profile.name) else f"{row.file}:{row.line}")
        )
        assert place in out, (row.path, place)
    if width == 120 and name == "phone-agent-twilio.yaml":
        assert lines[1].split() == ["setting", "value", "line"]  # wide enough: a table


def test_a_long_title_is_kept_whole() -> None:
    # A path longer than the terminal is written whole (the terminal wraps it), never cut.
    profile = check_path(str(REPO / "profiles" / "sip-agent.yaml"))
    buffer = io.StringIO()
    title = "/a/very/long/checkout/path/" + "x" * 80 + "/sip-agent.yaml: GA realtime session"
    print_settings(settings(profile), Console(file=buffer, width=60, color_system=None), title, profile.name)
    assert buffer.getvalue().splitlines()[0] == title
