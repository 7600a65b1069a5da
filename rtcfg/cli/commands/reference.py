"""`rtcfg rules` and `rtcfg explain`: the checks rtcfg makes, and errors the API returned."""

import enum
import sys
from typing import Annotated

import typer

from rtcfg.cli.app import app, guarded
from rtcfg.cli.io import console, read_one, stdin_bytes
from rtcfg.cli.options import (
    Color,
    ColorOption,
    ConfigOption,
    IsolatedOption,
    ReportFormat,
    ReportFormatOption,
    RootOption,
    complete_codes,
)
from rtcfg.core.errors import RtcfgError


class RulesFormat(str, enum.Enum):
    text = "text"
    json = "json"
    markdown = "markdown"
    reference = "reference"
    fixes = "fixes"


@app.command()
@guarded
def rules(
    codes: Annotated[
        list[str] | None,
        typer.Argument(
            help="Show these rules in full (code or name); all rules when none is given.",
            metavar="CODE",
            show_default=False,
            autocompletion=complete_codes,
        ),
    ] = None,
    output_format: Annotated[
        RulesFormat,
        typer.Option(
            "--format",
            "-f",
            help="Output format: text, json, markdown (the README's table), reference (docs/rules.md), "
            "fixes (the README's list of what --fix repairs).",
        ),
    ] = RulesFormat.text,
    color: ColorOption = Color.auto,
) -> None:
    """List every check rtcfg makes: its code, severity, what it catches and why.

    Example: rtcfg rules RT214    rtcfg rules --format json
    """
    from rtcfg.core.codes import CODES, guess, lookup
    from rtcfg.output import catalog

    chosen = []
    for token in codes or []:
        entry = lookup(token)
        if entry is None:
            meant = guess(token)
            raise RtcfgError(
                f"unknown rule {token!r}" + (f"; did you mean {meant}?" if meant else "; `rtcfg rules` lists them")
            )
        chosen.append(entry)
    entries = chosen or list(CODES.values())
    if output_format is RulesFormat.json:
        sys.stdout.write(catalog.to_json(entries))
    elif output_format is RulesFormat.markdown:
        sys.stdout.write(catalog.to_markdown(entries))
    elif output_format is RulesFormat.fixes:
        sys.stdout.write(catalog.fixes_markdown(chosen or None))
    elif output_format is RulesFormat.reference:
        sys.stdout.write(catalog.to_document() if not chosen else "\n".join(catalog.rule_section(c) for c in chosen))
    else:
        from rtcfg.output import text as report_text

        report_text.print_rules(entries, console(color), detailed=bool(chosen))


@app.command()
@guarded
def explain(
    error: Annotated[
        str,
        typer.Argument(
            help="The error the API returned: its message, its error object or the whole error event "
            "(JSON), or - to read it from stdin.",
            metavar="ERROR",
        ),
    ],
    profile: Annotated[
        str | None,
        typer.Argument(
            help="The profile that was sent: show where it sets what the error is about.",
            metavar="PROFILE",
            show_default=False,
        ),
    ] = None,
    output_format: ReportFormatOption = ReportFormat.text,
    color: ColorOption = Color.auto,
    root: RootOption = None,
    config: ConfigOption = None,
    isolated: IsolatedOption = False,
    live: Annotated[
        bool,
        typer.Option(
            "--live",
            help="Get the error from the server: send PROFILE (given alone) as validate --live does, and explain "
            "what it answers. Needs OPENAI_API_KEY.",
        ),
    ] = False,
    base_url: Annotated[
        str | None,
        typer.Option("--base-url", metavar="URL", help="With --live: the API's base URL.", show_default=False),
    ] = None,
    timeout: Annotated[
        float, typer.Option("--timeout", min=0.1, metavar="SECONDS", help="With --live: seconds to wait.")
    ] = 20.0,
) -> None:
    """Say what an error from the Realtime API means, which rule catches it, and where the
    profile sets the offending key.

    Exit status: 0 explained (or not recognised: the output says so), 2 the profile cannot be read.

    Example: rtcfg explain "Unknown parameter: 'session.voice'." agent.yaml
             rtcfg explain --live agent.yaml
    """
    from rtcfg.transform import explain as explaining

    if live:
        if profile is not None:
            raise RtcfgError("with --live, give the profile alone: the server's answer is the error to explain")
        profile = error
        error = _server_error(profile, root, config, isolated, base_url, timeout)
    if error == "-":
        error = stdin_bytes(1024 * 1024).decode("utf-8", "replace")
    if not error.strip():
        raise RtcfgError("no error text given (pass the message, or - to read it from stdin)")
    checked = read_one(profile, root=root, config=config, isolated=isolated)[0] if profile is not None else None
    found = explaining.explain(error, checked)
    if output_format is ReportFormat.json:
        from rtcfg.output import report

        sys.stdout.write(report.explanation_json(found))
    else:
        from rtcfg.output import text as report_text

        report_text.print_explanation(found, console(color))
    sys.stdout.flush()


def _server_error(
    path: str, root: str | None, config: str | None, isolated: bool, base_url: str | None, timeout: float
) -> str:
    """Send the profile as validate --live does and return the server's error as JSON; a
    profile the server accepts is said so, and the command ends (exit 0)."""
    import json
    import os

    from rtcfg.probe import verdict
    from rtcfg.probe.http import endpoint_from, post_json

    endpoint = endpoint_from(os.environ, base_url, timeout)
    profile = read_one(path, root=root, config=config, isolated=isolated)[0]
    why = verdict.sendable(profile)
    if why is not None:
        raise RtcfgError(f"{profile.name} is not sent: {why}")
    answer = post_json(endpoint, verdict.PATH, verdict.body(profile))
    error = answer.body.get("error")
    answer.body.clear()  # the minted secret, if any, is never kept
    if not isinstance(error, dict):
        sys.stdout.write(f"the server accepted {profile.name}: no error to explain\n")
        raise typer.Exit(0)
    return json.dumps({"error": error})
