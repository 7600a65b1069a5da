"""`rtcfg profiles` and `rtcfg init`: the shipped profiles, and a new profile from one."""

import enum
import sys
from pathlib import Path
from typing import Annotated

import typer

from rtcfg.cli.app import app, guarded
from rtcfg.cli.io import console, say
from rtcfg.cli.options import Api, Color, ColorOption, ReportFormat, ReportFormatOption, complete_profiles, output_file
from rtcfg.core.errors import RtcfgError
from rtcfg.transform.shipped import DEFAULT as DEFAULT_TEMPLATE


@app.command()
@guarded
def profiles(
    output_format: ReportFormatOption = ReportFormat.text,
    color: ColorOption = Color.auto,
) -> None:
    """List the profiles that ship with rtcfg, to start from with `rtcfg init --from NAME`.

    Example: rtcfg profiles --format json
    """
    from rtcfg.transform import shipped as library

    entries = library.shipped()
    from rtcfg.output import catalog

    if output_format is ReportFormat.json:
        sys.stdout.write(catalog.shipped_json(entries))
        return
    out = console(color)
    out.print(catalog.shipped_table(entries, out.width))


@app.command()
@guarded
def init(
    name: Annotated[
        str | None,
        typer.Argument(
            help="The new profile's file (.yaml is added when it has no suffix) [default: the template's name].",
            metavar="NAME",
            show_default=False,
        ),
    ] = None,
    template: Annotated[
        str,
        typer.Option(
            "--from",
            metavar="PROFILE",
            help="A shipped profile (see `rtcfg profiles`) or a profile file.",
            autocompletion=complete_profiles,
        ),
    ] = DEFAULT_TEMPLATE,
    output: Annotated[str | None, output_file("Where to write it (- for stdout); overrides NAME.")] = None,
    force: Annotated[bool, typer.Option("--force", help="Overwrite files that exist.")] = False,
) -> None:
    """Start a profile from a shipped one, comments and all.

    A profile that extends a base or includes files is copied with them, at the same
    relative places, so that it validates where it lands. Existing files are never
    overwritten without --force.

    Example: rtcfg init agent --from phone-agent-twilio
    """
    from rtcfg.load.sources import PROFILE_SUFFIXES
    from rtcfg.transform import shipped as library

    source = library.find(template)
    if output == "-":
        sys.stdout.write(source.read_text(encoding="utf-8"))
        return
    target = output or name or source.name
    if not target.lower().endswith(PROFILE_SUFFIXES):
        target += ".yaml"
    planned = library.plan(source, Path(target))
    existing = [p.target for p in planned if p.target.exists()]
    if existing and not force:
        raise RtcfgError(
            f"{existing[0]} exists; pass --force to overwrite it"
            + (f" (and {len(existing) - 1} more)" if len(existing) > 1 else "")
        )
    from rtcfg.cli.atomic import write_atomic

    for step in planned:
        try:
            step.target.parent.mkdir(parents=True, exist_ok=True)
            write_atomic(str(step.target), step.source.read_text(encoding="utf-8"))
        except OSError as exc:
            raise RtcfgError(f"cannot write {step.target}: {exc.strerror or exc}") from None
        say(f"wrote {step.target}" + ("" if step is planned[0] else f" (used by {planned[0].target.name})"))
    say(f"next: edit it, then `rtcfg validate {planned[0].target}`")


class SchemaOf(str, enum.Enum):
    profile = "profile"
    validate = "validate"
    diff = "diff"


@app.command()
@guarded
def schema(
    api: Annotated[Api, typer.Option("--api", help="With --output profile: the interface the profiles speak.")] = (
        Api.ga
    ),
    output: Annotated[
        SchemaOf,
        typer.Option(
            "--output",
            help="Which document: profile (the profile format, for editors), or validate / diff "
            "(rtcfg's own --format json output, for tools that read it).",
        ),
    ] = SchemaOf.profile,
) -> None:
    """Print a JSON Schema: of the profile format (for editors), or of rtcfg's JSON output.

    Save the profile schema in the repository and point yaml-language-server at it with a
    first line `# yaml-language-server: $schema=./rtcfg-profile.schema.json` (add
    `!include scalar` to the editor's yaml.customTags).

    Example: rtcfg schema > rtcfg-profile.schema.json
    """

    from rtcfg.transform import json_schema as schemas

    document = {
        SchemaOf.profile: lambda: schemas.profile_schema(api.value),
        SchemaOf.validate: lambda: schemas.VALIDATE_OUTPUT,
        SchemaOf.diff: lambda: schemas.DIFF_OUTPUT,
    }[output]()
    from rtcfg.output.escape import json_document

    sys.stdout.write(json_document(document) + "\n")
