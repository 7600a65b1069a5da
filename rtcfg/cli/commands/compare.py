"""`rtcfg diff` and `rtcfg show`: what changed between two profiles, and what one sets."""

import sys
from typing import TYPE_CHECKING, Annotated

import typer

from rtcfg.cli.app import app, guarded
from rtcfg.cli.io import console, print_diagnostics, read_one, say
from rtcfg.cli.options import (
    Color,
    ColorOption,
    ConfigOption,
    DeclareApiOption,
    IsolatedOption,
    ReportFormat,
    ReportFormatOption,
    RootOption,
)
from rtcfg.core.errors import ExitCode, RtcfgError

if TYPE_CHECKING:
    from rtcfg.check.result import Profile


def _valid_or_exit(
    spec: str, color: Color, root: str | None, api: str | None, config: str | None, isolated: bool
) -> tuple["Profile", str, bool]:
    """A valid profile, or its diagnostics on stderr and exit 2 (diff and show cannot run)."""
    profile, text, is_json = read_one(spec, root=root, api=api, config=config, isolated=isolated)
    if not profile.valid or text is None:
        print_diagnostics(profile, color)
        raise RtcfgError(f"{profile.name} is not valid (the errors above); nothing to compare")
    return profile, text, is_json


@app.command()
@guarded
def diff(
    old: Annotated[
        str, typer.Argument(help="The old profile: a file, - for stdin, or REV:path from git.", metavar="A")
    ],
    new: Annotated[
        str, typer.Argument(help="The new profile: a file, - for stdin, or REV:path from git.", metavar="B")
    ],
    output_format: ReportFormatOption = ReportFormat.text,
    color: ColorOption = Color.auto,
    root: RootOption = None,
    api: DeclareApiOption = None,
    config: ConfigOption = None,
    isolated: IsolatedOption = False,
) -> None:
    """Show what changed between two profiles' sessions, and which changes need a new session.

    Both are compared as GA sessions (a beta profile is converted first), tools by name;
    the order of keys and tools never matters. Secrets are masked.

    REV:path is read from git when REV is a revision git knows (git first: a file that a
    pull request names origin/main:agent.yaml is not read instead); write ./REV:path for a
    file of that name. A REV that starts with - is refused.

    Exit status: 0 the same, 1 different, 2 cannot run (a profile is missing or invalid).

    Example: rtcfg diff origin/main:profiles/agent.yaml profiles/agent.yaml
    """
    if old == "-" and new == "-":
        raise RtcfgError("only one side can be read from stdin")
    from rtcfg.transform import diff as diffing

    sides = []
    for spec in (old, new):
        profile, _, _ = _valid_or_exit(spec, color, root, api.value if api else None, config, isolated)
        eff = diffing.effective(profile)
        for step in eff.converted:
            say(f"note: {profile.name} is a beta profile, compared as GA: {step.message}")
        sides.append((profile, eff))
    live = [p.dialect == "live" for p, _ in sides]
    if live[0] != live[1]:
        raise RtcfgError(
            "one profile is a Live session and the other a Realtime one: they are different APIs "
            "(`rtcfg migrate --to live` writes the Realtime profile as a Live one, to compare that)"
        )
    changes = diffing.compare(sides[0][1].session, sides[1][1].session, "live" if live[0] else "ga")
    if output_format is ReportFormat.json:
        from rtcfg.output import report

        sys.stdout.write(report.diff_json(changes))
    else:
        from rtcfg.output import tables as report_diff

        report_diff.print_diff(changes, console(color), (sides[0][0].name, sides[1][0].name))
    sys.stdout.flush()
    if changes:
        raise typer.Exit(int(ExitCode.FINDINGS))


@app.command()
@guarded
def show(
    path: Annotated[
        str, typer.Argument(help="The profile: a file, - for stdin, or REV:path from git.", metavar="PROFILE")
    ],
    output_format: ReportFormatOption = ReportFormat.text,
    color: ColorOption = Color.auto,
    root: RootOption = None,
    api: DeclareApiOption = None,
    config: ConfigOption = None,
    isolated: IsolatedOption = False,
) -> None:
    """Every setting of a profile's session, and where it comes from.

    Each setting the profile makes is shown with the line that sets it, then the settings it
    leaves out with the default the API documents. Secrets are masked.

    --format json prints the effective session.

    Exit status: 0 shown, 1 the profile is invalid (its diagnostics on stderr), 2 cannot run.

    Example: rtcfg show profiles/phone-agent-twilio.yaml
    """
    profile, text, _is_json = read_one(
        path, root=root, api=api.value if api else None, config=config, isolated=isolated
    )
    if not profile.valid or text is None:
        print_diagnostics(profile, color)
        say(f"rtcfg: {profile.name} is not valid; nothing to show")
        raise typer.Exit(int(ExitCode.FINDINGS))
    if output_format is ReportFormat.json:
        from rtcfg.output import report

        sys.stdout.write(report.session_json(profile))
        return
    from rtcfg.output import tables as report_diff
    from rtcfg.transform import show as showing

    rows = showing.settings(profile)
    if profile.dialect == "live":
        what = "Live session.update" if profile.kind == "update" else f"Live {profile.kind} session"
        title = f"{profile.name}: {what}"
    else:
        title = f"{profile.name}: {(profile.dialect or '').upper()} {profile.kind} session"
    report_diff.print_settings(rows, console(color), title, profile.name)
