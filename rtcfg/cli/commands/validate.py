"""`rtcfg validate`: check profiles as strictly as the API does."""

import os
import sys
from collections.abc import Iterator
from typing import TYPE_CHECKING, Annotated

import typer

from rtcfg.cli.app import app, guarded
from rtcfg.cli.io import console, file_options, print_line, project_settings, say, stdin_bytes
from rtcfg.cli.options import (
    Color,
    ColorOption,
    ConfigOption,
    DeclareApiOption,
    Format,
    IsolatedOption,
    RootOption,
    complete_codes,
)
from rtcfg.core.errors import ExitCode, RtcfgError

if TYPE_CHECKING:
    from rtcfg.check.result import Profile
    from rtcfg.output.report import Tally
    from rtcfg.probe.http import Endpoint
    from rtcfg.project.config import Settings


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
    settings: "Settings",
    ignore: frozenset[str],
    api: str | None,
    jobs: int | None,
    stdin_name: str | None,
) -> Iterator["Profile"]:
    """The checked profiles one by one (slimmed), so a report can stream them. Each file is
    checked with the rules and dialect the configuration sets for its path; the command
    line's --ignore adds to them and its --api wins."""
    from rtcfg.check import batch, pipeline
    from rtcfg.load.sources import MAX_FILE_BYTES, STDIN_NAME, from_bytes

    def options_for(path: str) -> pipeline.Options:
        return file_options(settings, stdin_name if path == "-" and stdin_name else path, ignore, api)

    def from_stdin() -> "Profile":
        data = stdin_bytes(MAX_FILE_BYTES + 1)
        source = from_bytes(stdin_name or STDIN_NAME, data)
        return pipeline.check_source(source, options_for("-"), location=stdin_name)

    return batch.check_paths(files, options_for, jobs=jobs, stdin=from_stdin)


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
        list[str] | None,
        typer.Argument(
            help="Profile files, folders (searched for the configuration's include globs: *.yaml, *.yml, *.json) "
            "or - for stdin [default: the project root].",
            metavar="PATH",
            show_default=False,
        ),
    ] = None,
    output_format: Annotated[
        Format | None,
        typer.Option(
            "--format",
            "-f",
            help="Output format: text, json, github (annotations), sarif, concise (file:line:col: CODE message), "
            "gitlab (Code Quality), junit (XML) [default: the configuration's format, else github inside GitHub "
            "Actions when not a terminal, else text].",
            show_default=False,
        ),
    ] = None,
    strict: Annotated[
        bool | None,
        typer.Option("--strict/--no-strict", help="Warnings fail too (exit 1).", show_default=False),
    ] = None,
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
            help="Turn a rule off (RT214 or its name; repeat or separate with commas), on top of the configuration's. "
            "Only rules and warnings can be turned off.",
            autocompletion=complete_codes,
        ),
    ] = [],  # noqa: B006 - typer reads the default
    exclude: Annotated[
        list[str],
        typer.Option(
            "--exclude",
            metavar="GLOB",
            help="Leave out what this .gitignore-style pattern matches in folder scans (repeatable; "
            "added to the configuration's exclude). A file named on the command line is always checked.",
        ),
    ] = [],  # noqa: B006 - typer reads the default
    respect_gitignore: Annotated[
        bool | None,
        typer.Option(
            "--respect-gitignore/--no-respect-gitignore",
            help="Leave out what .gitignore files ignore in folder scans [default: on].",
            show_default=False,
        ),
    ] = None,
    stdin_filename: Annotated[
        str | None,
        typer.Option(
            "--stdin-filename",
            metavar="PATH",
            help="The name of the profile read from - : reports show it, its bases are found next to it, "
            "and the configuration's per-path settings apply to it.",
            show_default=False,
        ),
    ] = None,
    statistics: Annotated[
        bool, typer.Option("--statistics", help="Print how often each code was found instead of the findings.")
    ] = False,
    fix: Annotated[
        bool, typer.Option("--fix", help="Apply the safe fixes in place (atomically), then report what remains.")
    ] = False,
    unsafe_fixes: Annotated[
        bool,
        typer.Option(
            "--unsafe-fixes",
            help="With --fix or --diff: also the fixes that may change behaviour (a replacement model, a renamed "
            "tool, a removed key).",
        ),
    ] = False,
    diff: Annotated[
        bool,
        typer.Option(
            "--diff", help="Print the unified diff of what --fix would change; write nothing (exit 1 if any)."
        ),
    ] = False,
    show_fixes: Annotated[bool, typer.Option("--show-fixes", help="With --fix: list each fix applied.")] = False,
    live: Annotated[
        bool,
        typer.Option(
            "--live",
            help="Also ask the server: send each valid GA profile as a client_secrets request (no audio, no "
            "session) and report its verdict (RT900) and what it changed (RT901). Needs OPENAI_API_KEY.",
        ),
    ] = False,
    live_anyway: Annotated[
        bool, typer.Option("--live-anyway", help="With --live: send profiles with offline errors too.")
    ] = False,
    base_url: Annotated[
        str | None,
        typer.Option(
            "--base-url",
            metavar="URL",
            help="With --live: the API's base URL [default: $OPENAI_BASE_URL, else https://api.openai.com/v1].",
            show_default=False,
        ),
    ] = None,
    timeout: Annotated[
        float, typer.Option("--timeout", min=0.1, metavar="SECONDS", help="With --live: seconds to wait for an answer.")
    ] = 20.0,
    exit_zero: Annotated[
        bool,
        typer.Option("--exit-zero", help="Exit 0 even when profiles have findings (2 still means it could not run)."),
    ] = False,
    color: ColorOption = Color.auto,
    root: RootOption = None,
    api: DeclareApiOption = None,
    config: ConfigOption = None,
    isolated: IsolatedOption = False,
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
    2 cannot run as asked (a path is missing or unreadable, a bad configuration file).

    The project's configuration (rtcfg.toml, or [tool.rtcfg] in pyproject.toml, found upward
    from the current directory) sets the root, the files, the rules and the dialect;
    options given here win. `rtcfg show-settings` prints what applies.

    One finding is silenced where it is with a comment on its line or the line above:
    `# rtcfg: ignore[RT214] -- why`; a whole file with `# rtcfg: ignore-file[RT214]`.

    Example: rtcfg validate profiles/ --format github --ignore RT214
    """
    if quiet and verbose:
        raise RtcfgError("--quiet and --verbose are exclusive")
    settings = project_settings(config, isolated, root)
    if strict is not None:
        settings = settings.with_option("strict", strict, "--strict" if strict else "--no-strict")
    chosen_format = output_format or (Format(settings.format) if settings.format else None) or _default_format()
    from rtcfg.project.select import select

    # No path: the project, named relative to here as a user would type it.
    paths = paths or [os.path.relpath(settings.root)]
    if stdin_filename is not None and "-" not in paths:
        raise RtcfgError("--stdin-filename names the profile read from -; give - as a PATH")
    selection = select(paths, settings, exclude=tuple(exclude), respect_gitignore=respect_gitignore)
    files = list(selection.files)
    if not files:
        where = ", ".join(paths)
        left = f" ({len(selection.parts)} files there are parts of other profiles)" if selection.parts else ""
        raise RtcfgError(f"no profiles found in {where} (include: {', '.join(settings.include)}){left}")
    ignored = _ignored(ignore)
    if unsafe_fixes and not (fix or diff):
        raise RtcfgError("--unsafe-fixes goes with --fix or --diff")
    if show_fixes and not fix:
        raise RtcfgError("--show-fixes goes with --fix")
    if fix and diff:
        raise RtcfgError("--fix and --diff are exclusive: --diff only shows what --fix would do")
    if fix or diff:
        changed = _fix_files(files, settings, ignored, api.value if api else None, unsafe_fixes, diff, show_fixes)
        if diff:
            raise typer.Exit(int(ExitCode.FINDINGS) if changed else int(ExitCode.OK))
    from rtcfg.output import report

    # Each profile is reported (or reduced to what the report needs) as it comes: a batch of
    # thousands is never held whole.
    tally = report.Tally(settings.strict)
    if live_anyway and not live:
        raise RtcfgError("--live-anyway goes with --live")
    if live:
        from rtcfg.probe.http import endpoint_from

        endpoint = endpoint_from(os.environ, base_url, timeout)
        checked = _ask_server(files, settings, ignored, api.value if api else None, jobs or 4, endpoint, live_anyway)
    else:
        checked = _read_all(files, settings, ignored, api.value if api else None, jobs or None, stdin_filename)
    profiles = (tally.add(p) for p in checked)
    if statistics:
        _print_statistics(profiles, chosen_format)
    else:
        _report(profiles, chosen_format, tally, quiet=quiet, verbose=verbose, color=color, root=settings.root)
    sys.stdout.flush()
    if tally.unreadable:
        raise typer.Exit(int(ExitCode.USAGE))
    if tally.failing and not exit_zero:
        raise typer.Exit(int(ExitCode.FINDINGS))


def _report(
    profiles: Iterator["Profile"],
    chosen: Format,
    tally: "Tally",
    *,
    quiet: bool,
    verbose: bool,
    color: Color,
    root: str,
) -> None:
    from rtcfg.output import report

    strict = tally.strict
    if chosen is Format.json:
        report.write_json_stream((report.file_json(p, strict) for p in profiles), sys.stdout)
    elif chosen is Format.github:
        for profile in profiles:
            sys.stdout.write(report.to_github([profile], tally.first_time))
    elif chosen is Format.sarif:
        from rtcfg.output import sarif

        sys.stdout.write(sarif.to_sarif(list(profiles)))
    elif chosen is Format.concise:
        from rtcfg.output import ci

        for profile in profiles:
            pairs = ((profile, d) for d in profile.diagnostics if tally.first_time(d))
            sys.stdout.writelines(ci.concise(pairs))
    elif chosen is Format.gitlab:
        from rtcfg.output import ci

        held = list(profiles)
        sys.stdout.write(ci.gitlab(report.unique(held), root))
    elif chosen is Format.junit:
        from rtcfg.output import ci

        sys.stdout.write(ci.junit(list(profiles), strict))
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
            if tally.errors or tally.warnings:
                say("`rtcfg rules CODE` explains a finding and how to fix it (docs/rules.md has them all)")
            print_line(*report.summary(tally), color, stderr=True)


def _print_statistics(profiles: Iterator["Profile"], chosen: Format) -> None:
    """`--statistics`: each code's count (a finding in a shared base once), in the chosen
    format's family: JSON for json, text for the rest."""
    from collections import Counter

    from rtcfg.output import ci, report

    held = list(profiles)
    counts = Counter(d.code for _p, d in report.unique(held))
    rows = ci.statistics(counts)
    if chosen is Format.json:
        from rtcfg.output import escape

        doc = [{"code": code, "name": name, "severity": sev, "count": n} for n, code, name, sev in rows]
        sys.stdout.write(escape.json_document(doc) + "\n")
        return
    width = max((len(str(n)) for n, *_ in rows), default=1)
    for n, code, name, sev in rows:
        sys.stdout.write(f"{n:>{width}}\t{code}\t{name}\t{sev}\n")


def _fix_files(
    files: list[str],
    settings: "Settings",
    ignore: frozenset[str],
    api: str | None,
    unsafe: bool,
    diff_only: bool,
    show: bool,
) -> bool:
    """Fix each profile file (and the bases its fixes belong in); with `diff_only` print
    the unified diff instead of writing. True when something changed (or would)."""
    import difflib

    from rtcfg.check import pipeline
    from rtcfg.cli.atomic import write_atomic
    from rtcfg.core.cwd import shown
    from rtcfg.load.compose import read_file
    from rtcfg.load.sources import Refused, Source, from_bytes, read_path
    from rtcfg.output.escape import text as safe
    from rtcfg.transform.fix import fix_profile

    changed = False
    for path in files:
        if path == "-" or isinstance(path, Refused):
            continue
        source = read_path(path)
        if source.text is None:
            continue
        real = os.path.realpath(path)
        options = file_options(settings, path, ignore, api)

        def check(
            texts: dict[str, str], path: str = path, real: str = real, options: pipeline.Options = options
        ) -> "Profile":
            def reader(wanted: str) -> Source:
                key = os.path.realpath(wanted)
                if key in texts:
                    return from_bytes(shown(wanted), texts[key].encode("utf-8"))
                return read_file(wanted)

            own = from_bytes(path, texts[real].encode("utf-8"))
            return pipeline.check_source(own, options, location=path, reader=reader)

        done = fix_profile(
            real, {real: source.text}, check, unsafe=unsafe, is_json=lambda f: f.lower().endswith(".json")
        )
        for file, new_text in done.texts.items():
            changed = True
            name = shown(file)
            if diff_only:
                lines = difflib.unified_diff(
                    done.originals[file].splitlines(keepends=True),
                    new_text.splitlines(keepends=True),
                    f"a/{name}",
                    f"b/{name}",
                )
                sys.stdout.writelines(safe(line.rstrip("\n")) + "\n" for line in lines)
                continue
            try:
                write_atomic(file, new_text)
            except OSError as exc:
                raise RtcfgError(f"cannot write {name}: {exc.strerror or exc}") from None
        if show:
            for file, line, code, description in done.applied:
                say(f"fixed {shown(file)}:{line} {code}: {description}")
    sys.stdout.flush()
    return changed


def _ask_server(
    files: list[str],
    settings: "Settings",
    ignore: frozenset[str],
    api: str | None,
    in_flight: int,
    endpoint: "Endpoint",
    anyway: bool,
) -> Iterator["Profile"]:
    """Each profile checked offline, then (when valid, or with --live-anyway) sent to the
    server, at most `in_flight` requests at once; results in order, offline findings first."""
    from concurrent.futures import ThreadPoolExecutor

    from rtcfg.check import pipeline
    from rtcfg.probe import verdict

    def one(path: str) -> "Profile":
        profile = pipeline.check_path(path, file_options(settings, path, ignore, api))
        if verdict.sendable(profile) is not None or not (profile.valid or anyway) or profile.view is None:
            return profile.slim()
        found = verdict.ask(profile, endpoint)
        return profile._replace(diagnostics=(*profile.diagnostics, *found)).slim()

    with ThreadPoolExecutor(max_workers=max(1, in_flight)) as pool:
        yield from pool.map(one, [f for f in files if f != "-"])
