"""`rtcfg validate`: check profiles as strictly as the API does."""

import os
import sys
from collections.abc import Iterator
from typing import TYPE_CHECKING, Annotated

import typer

from rtcfg.cli.app import app, guarded
from rtcfg.cli.io import checked_root, console, print_line, say, stdin_bytes
from rtcfg.cli.options import Color, ColorOption, DeclareApiOption, Format, RootOption
from rtcfg.core.errors import ExitCode, RtcfgError

if TYPE_CHECKING:
    from rtcfg.check.result import Profile


def _ignored(values: list[str]) -> frozenset[str]:
    """`--ignore RT214 --ignore tool-name,RT231` -> the codes, or a usage error."""
    from rtcfg.core.codes import guess, lookup

    out = set()
    for token in (t.strip() for v in values for t in v.split(",")):
        if not token:
            continue
        entry = lookup(token)
        if entry is None:
            meant = guess(token)
            raise RtcfgError(
                f"--ignore: unknown rule {token!r}"
                + (f"; did you mean {meant}?" if meant else "; `rtcfg rules` lists them")
            )
        if not entry.ignorable:
            raise RtcfgError(
                f"--ignore: {entry.code} ({entry.name}) cannot be turned off: "
                "a file that cannot be read, or a session the API rejects, is never waved through"
            )
        out.add(entry.code)
    return frozenset(out)


def _read_all(
    files: list[str],
    ignore: frozenset[str] = frozenset(),
    root: str | None = None,
    jobs: int | None = None,
    api: str | None = None,
) -> Iterator["Profile"]:
    """The checked profiles one by one (slimmed), so a report can stream them."""
    from rtcfg.check import batch, pipeline
    from rtcfg.load.sources import MAX_FILE_BYTES, STDIN_NAME

    options = pipeline.Options(ignore=ignore, root=checked_root(root), api=api)

    def from_stdin() -> "Profile":
        return pipeline.check_bytes(STDIN_NAME, stdin_bytes(MAX_FILE_BYTES + 1), options)

    return batch.check_paths(files, options, jobs=jobs, stdin=from_stdin)


def _default_format() -> Format:
    """GitHub annotations inside GitHub Actions (when the output is not a terminal), as
    yamllint does; text everywhere else. An explicit --format always wins."""

    if os.environ.get("GITHUB_ACTIONS") == "true" and not sys.stdout.isatty():
        return Format.github
    return Format.text


@app.command()
@guarded
def validate(
    paths: Annotated[
        list[str],
        typer.Argument(
            help="Profile files, directories (searched for *.yaml, *.yml, *.json) or - for stdin.", metavar="PATH"
        ),
    ],
    output_format: Annotated[
        Format | None,
        typer.Option(
            "--format",
            "-f",
            help="Output format [default: github inside GitHub Actions when not a terminal, text elsewhere].",
            show_default=False,
        ),
    ] = None,
    strict: Annotated[bool, typer.Option("--strict", help="Warnings fail too (exit 1).")] = False,
    quiet: Annotated[
        bool,
        typer.Option(
            "--quiet", "-q", help="Text: only what fails the run (errors; with --strict, warnings too), no summary."
        ),
    ] = False,
    verbose: Annotated[bool, typer.Option("--verbose", "-v", help="Text: also name each file that passes.")] = False,
    ignore: Annotated[
        list[str],
        typer.Option(
            "--ignore",
            metavar="CODE",
            help="Turn a rule off (RT214 or its name; repeat or separate with commas). "
            "Only rules and warnings can be turned off.",
        ),
    ] = [],  # noqa: B006 - typer reads the default
    color: ColorOption = Color.auto,
    root: RootOption = None,
    api: DeclareApiOption = None,
    jobs: Annotated[
        int,
        typer.Option(
            "--jobs",
            "-j",
            min=0,
            metavar="N",
            help="Processes to use; 0 picks the machine's cores when there are enough files to pay for them.",
        ),
    ] = 0,
) -> None:
    """Check profiles as strictly as the API does.

    Exit status: 0 all valid, 1 a profile has an error (or a warning under --strict),
    2 cannot run as asked (a path is missing or unreadable).

    A profile can turn rules off for itself with `ignore: [RT214]` next to `session:`.

    Example: rtcfg validate profiles/ --format github --ignore RT214
    """
    if quiet and verbose:
        raise RtcfgError("--quiet and --verbose are exclusive")
    output_format = output_format or _default_format()
    from rtcfg.core.cwd import current_directory
    from rtcfg.load.sources import expand_paths

    files = list(expand_paths(paths, root=checked_root(root) or current_directory()))
    if not files:
        raise RtcfgError("no profiles found (looked for *.yaml, *.yml and *.json in: " + ", ".join(paths) + ")")
    ignored = _ignored(ignore)
    from rtcfg.output import report

    # Each profile is reported (or reduced to what the report needs) as it comes: a batch of
    # thousands is never held whole.
    tally = report.Tally(strict)
    profiles = (tally.add(p) for p in _read_all(files, ignored, root, jobs or None, api.value if api else None))
    if output_format is Format.json:
        report.write_json_stream((report.file_json(p, strict) for p in profiles), sys.stdout)
    elif output_format is Format.github:
        for profile in profiles:
            sys.stdout.write(report.to_github([profile], tally.first_time))
    elif output_format is Format.sarif:
        from rtcfg.output import sarif

        sys.stdout.write(sarif.to_sarif(list(profiles)))
    else:
        out = None  # rich is imported only when a profile has something to show
        for profile in profiles:
            if profile.diagnostics or verbose:
                from rtcfg.output import text as report_text

                out = out or console(color)
                # under --strict, warnings fail the run: -q shows them too
                report_text.print_report(
                    [profile], out, errors_only=quiet and not strict, passing=verbose, first_time=tally.first_time
                )
        for note in report.shared_faults(tally):
            say(note)
        sys.stdout.flush()
        if not quiet:
            print_line(*report.summary(tally), color, stderr=True)
    sys.stdout.flush()
    if tally.unreadable:
        raise typer.Exit(int(ExitCode.USAGE))
    if tally.failing:
        raise typer.Exit(int(ExitCode.FINDINGS))
