"""The command line: parse arguments, call the pipeline, hand the results to a renderer.

Only typer and the standard library are imported at module level; everything heavy
(pydantic, yaml, rich) is imported inside the command that needs it, so that
`rtcfg --version` and `rtcfg validate --format json` start fast.
"""

from __future__ import annotations

import enum
import functools
import os
import sys
import traceback
from collections.abc import Callable
from typing import TYPE_CHECKING, Annotated, Any, TypeVar

import typer

from rtcfg import __version__
from rtcfg.errors import ExitCode, RtcfgError

if TYPE_CHECKING:
    from rich.console import Console

    from rtcfg.pipeline import Profile

app = typer.Typer(
    name="rtcfg",
    help="Keep OpenAI Realtime session configurations as YAML profiles: validate them offline, "
    "as strictly as the API does.",
    no_args_is_help=True,
    add_completion=True,
    pretty_exceptions_show_locals=False,  # locals can hold secrets (MCP tokens)
    context_settings={"help_option_names": ["-h", "--help"]},
)


class Format(str, enum.Enum):
    text = "text"
    json = "json"
    github = "github"


class Color(str, enum.Enum):
    auto = "auto"
    always = "always"
    never = "never"


class _State:
    debug = False


F = TypeVar("F", bound=Callable[..., Any])


def guarded(fn: F) -> F:
    """The one error boundary: expected failures exit 2 with one line, ^C exits 130, a
    closed pipe ends quietly, and a bug prints one line (a traceback only with --debug)."""

    @functools.wraps(fn)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return fn(*args, **kwargs)
        except (typer.Exit, typer.Abort, typer.BadParameter):
            raise
        except RtcfgError as exc:
            _say(f"rtcfg: {exc}")
            raise typer.Exit(int(exc.exit_code)) from None
        except KeyboardInterrupt:
            raise typer.Exit(int(ExitCode.INTERRUPTED)) from None
        except BrokenPipeError:
            _silence_stdout()
            raise typer.Exit(141) from None  # what a shell reports for SIGPIPE
        except Exception as exc:  # noqa: BLE001 - this is the boundary
            if _State.debug:
                traceback.print_exc()
            _say(f"rtcfg: internal error ({type(exc).__name__}); please report it with the input "
                 "that caused it (rerun with --debug for the traceback)")
            raise typer.Exit(int(ExitCode.INTERNAL)) from None

    return wrapper  # type: ignore[return-value]


def _say(message: str) -> None:
    try:
        sys.stderr.write(message + "\n")
        sys.stderr.flush()
    except (OSError, ValueError):
        pass


def _silence_stdout() -> None:
    # Python flushes stdout at exit; pointing it at /dev/null keeps a second error away.
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError, AttributeError):
        pass


def _version(value: bool) -> None:
    if value:
        typer.echo(f"rtcfg {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: Annotated[bool, typer.Option("--version", callback=_version, is_eager=True,
                                          help="Print the version and exit.")] = False,
    debug: Annotated[bool, typer.Option("--debug", help="Show a traceback on internal errors.")] = False,
) -> None:
    _State.debug = debug


def _console(color: Color, *, stderr: bool = False) -> Console:
    from rich.console import Console

    if color is Color.never:
        return Console(stderr=stderr, color_system=None, highlight=False)
    return Console(stderr=stderr, force_terminal=True if color is Color.always else None, highlight=False)


def _ignored(values: list[str]) -> frozenset[str]:
    """`--ignore RT214 --ignore tool-name,RT231` -> the codes, or a usage error."""
    from rtcfg.codes import guess, lookup

    out = set()
    for token in (t.strip() for v in values for t in v.split(",")):
        if not token:
            continue
        entry = lookup(token)
        if entry is None:
            meant = guess(token)
            raise RtcfgError(f"--ignore: unknown rule {token!r}"
                             + (f"; did you mean {meant}?" if meant else "; `rtcfg rules` lists them"))
        if not entry.ignorable:
            raise RtcfgError(f"--ignore: {entry.code} ({entry.name}) cannot be turned off: "
                             "a file that cannot be read, or a session the API rejects, is never waved through")
        out.add(entry.code)
    return frozenset(out)


def _read_all(paths: list[str], ignore: frozenset[str] = frozenset()) -> list[Profile]:
    from rtcfg import pipeline
    from rtcfg.sources import MAX_FILE_BYTES, STDIN_NAME, expand_paths

    options = pipeline.Options(ignore=ignore)
    profiles = []
    for path in expand_paths(paths):
        if path == "-":
            data = sys.stdin.buffer.read(MAX_FILE_BYTES + 1)
            profiles.append(pipeline.check_bytes(STDIN_NAME, data, options))
        else:
            profiles.append(pipeline.check_path(path, options))
    return profiles


@app.command()
@guarded
def validate(
    paths: Annotated[list[str], typer.Argument(
        help="Profile files, directories (searched for *.yaml, *.yml, *.json) or - for stdin.",
        metavar="PATH")],
    output_format: Annotated[Format, typer.Option("--format", "-f", help="Output format.")] = Format.text,
    strict: Annotated[bool, typer.Option("--strict", help="Warnings fail too (exit 1).")] = False,
    ignore: Annotated[list[str], typer.Option(
        "--ignore", metavar="CODE",
        help="Turn a rule off (RT214 or its name; repeat or separate with commas). "
        "Only rules and warnings can be turned off.")] = [],  # noqa: B006 - typer reads the default
    color: Annotated[Color, typer.Option("--color", help="Colour in text output.")] = Color.auto,
) -> None:
    """Check profiles as strictly as the API does.

    Exit status: 0 all valid, 1 a profile has an error (or a warning under --strict),
    2 cannot run as asked (a path is missing or unreadable).

    A profile can turn rules off for itself with `ignore: [RT214]` next to `session:`.

    Example: rtcfg validate profiles/ --format github --ignore RT214
    """
    profiles = _read_all(paths, _ignored(ignore))
    if not profiles:
        raise RtcfgError("no profiles found (looked for *.yaml, *.yml and *.json in: " + ", ".join(paths) + ")")
    from rtcfg import report

    if output_format is Format.json:
        sys.stdout.write(report.to_json(profiles, strict))
    elif output_format is Format.github:
        sys.stdout.write(report.to_github(profiles))
    else:
        from rtcfg import report_text

        report_text.print_report(profiles, _console(color))
        sys.stdout.flush()
        _console(color, stderr=True).print(report_text.summary(profiles, strict), soft_wrap=True)
    sys.stdout.flush()
    if any(p.unreadable for p in profiles):
        raise typer.Exit(int(ExitCode.USAGE))
    if not all(report.passes(p, strict) for p in profiles):
        raise typer.Exit(int(ExitCode.FINDINGS))


class Envelope(str, enum.Enum):
    update = "update"
    session = "session"
    create = "create"


class Api(str, enum.Enum):
    ga = "ga"
    beta = "beta"


MAX_EVENT_ID = 512  # the API's limit on event_id


def _read_one(path: str, *, revisions: bool = True) -> tuple[Profile, str | None, bool]:
    """One profile (a file, - for stdin, or REV:path from git) checked, with its text;
    unreadable -> exit 2."""
    from rtcfg import gitrev, pipeline
    from rtcfg.sources import MAX_FILE_BYTES, STDIN_NAME, from_bytes, read_path

    rev = gitrev.split_spec(path) if revisions else None
    if rev is not None:
        source = gitrev.read_rev(*rev)
    elif path == "-":
        source = from_bytes(STDIN_NAME, sys.stdin.buffer.read(MAX_FILE_BYTES + 1))
    else:
        source = read_path(path)
    if source.unreadable:
        raise RtcfgError(f"{path}: {source.diagnostics[0].message}")
    return pipeline.check_source(source), source.text, source.is_json


def _print_diagnostics(profile: Profile, color: Color, diagnostics: list[Any] | None = None) -> None:
    from rtcfg import report_text

    err = _console(color, stderr=True)
    for d in profile.diagnostics if diagnostics is None else diagnostics:
        err.print(report_text.diagnostic_text(profile, d), soft_wrap=True, highlight=False)


def _emit(text: str, output: str | None) -> None:
    if output is None or output == "-":
        sys.stdout.write(text)
        sys.stdout.flush()
        return
    from rtcfg.atomic import write_atomic

    try:
        write_atomic(output, text)
    except OSError as exc:
        raise RtcfgError(f"cannot write {output}: {exc.strerror or exc}") from None


@app.command()
@guarded
def render(
    path: Annotated[str, typer.Argument(help="The profile (a file, or - for stdin).", metavar="PROFILE")],
    as_: Annotated[Envelope, typer.Option(
        "--as", help="update: a session.update event; session: the bare session object; create: the "
        "session-creation request body (GA POST /v1/realtime/client_secrets, beta POST "
        "/v1/realtime/sessions or /transcription_sessions).")] = Envelope.update,
    api: Annotated[Api | None, typer.Option(
        "--api", help="Convert to this interface (beta profiles to ga; ga to beta where it can be said).",
        show_default=False)] = None,
    event_id: Annotated[str | None, typer.Option(
        "--event-id", help="The event_id of the session.update event (at most 512 characters).",
        show_default=False)] = None,
    expires_in: Annotated[int | None, typer.Option(
        "--expires-in", min=10, max=7200, metavar="SECONDS",
        help="With --as create: how long the client secret may create sessions (10-7200).",
        show_default=False)] = None,
    mid_session: Annotated[bool, typer.Option(
        "--mid-session", help="With --as update: leave out what cannot change once the model has "
        "spoken (the voice) or once enabled (tracing).")] = False,
    compact: Annotated[bool, typer.Option("--compact", help="One line of JSON instead of indented.")] = False,
    output: Annotated[str | None, typer.Option(
        "--output", "-o", metavar="FILE", help="Write to FILE (atomically: all or nothing) instead of stdout.",
        show_default=False)] = None,
    color: Annotated[Color, typer.Option("--color", help="Colour in messages on stderr.")] = Color.auto,
) -> None:
    """Print the exact JSON the API takes for a profile.

    Keys the profile does not set are not sent; an explicit null is sent as null. The model
    is left out of a session.update (it is fixed when the connection opens); what render did
    about the model, the voice and tracing is said on stderr.

    Exit status: 0 rendered, 1 the profile is invalid or cannot be converted (nothing on
    stdout, the reasons on stderr), 2 cannot run as asked.

    Example: rtcfg render profiles/phone-agent-twilio.yaml --as create --expires-in 600
    """
    if event_id is not None and as_ is not Envelope.update:
        raise RtcfgError("--event-id goes with --as update")
    if event_id is not None and len(event_id) > MAX_EVENT_ID:
        raise RtcfgError(f"--event-id is {len(event_id)} characters; the API takes at most {MAX_EVENT_ID}")
    if expires_in is not None and as_ is not Envelope.create:
        raise RtcfgError("--expires-in goes with --as create")
    if mid_session and as_ is not Envelope.update:
        raise RtcfgError("--mid-session goes with --as update")
    profile, text, is_json = _read_one(path)
    if not profile.valid or text is None:
        _print_diagnostics(profile, color)
        _say(f"rtcfg: {profile.name} is not valid; nothing rendered")
        raise typer.Exit(int(ExitCode.FINDINGS))
    from rtcfg import pipeline
    from rtcfg import render as rendering

    result = rendering.render(profile, envelope=as_.value, api=api.value if api else None,
                              event_id=event_id, expires_in=expires_in, mid_session=mid_session)
    if profile.warnings:
        count = len(profile.warnings)
        _say(f"note: the profile has {count} warning{'s' if count != 1 else ''}; "
             f"`rtcfg validate {profile.name}` shows {'them' if count != 1 else 'it'}")
    if result.diagnostics:
        profile.text = text  # to quote the lines the conversion diagnostics point at
        _print_diagnostics(profile, color, pipeline.place_all(result.diagnostics, profile.name, text,
                                                               is_json=is_json))
    if result.payload is None:
        _say(f"rtcfg: {profile.name} cannot be rendered for the {result.dialect} interface; nothing rendered")
        raise typer.Exit(int(ExitCode.FINDINGS))
    for note in result.notes:
        _say(f"note: {note}")
    import json

    text = (json.dumps(result.payload, ensure_ascii=False, separators=(",", ":")) if compact
            else json.dumps(result.payload, ensure_ascii=False, indent=2))
    _emit(text + "\n", output)


@app.command()
@guarded
def migrate(
    path: Annotated[str, typer.Argument(help="The beta profile (a file, or - for stdin).", metavar="PROFILE")],
    output: Annotated[str | None, typer.Option(
        "--output", "-o", metavar="FILE", help="Write the GA profile to FILE (atomically) instead of stdout.",
        show_default=False)] = None,
    in_place: Annotated[bool, typer.Option("--in-place", help="Rewrite PROFILE itself (atomically).")] = False,
    color: Annotated[Color, typer.Option("--color", help="Colour in messages on stderr.")] = Color.auto,
) -> None:
    """Rewrite a beta profile as a GA profile (YAML), and list every change on stderr.

    Keeps the profile's shape and its profile keys (description, ignore, ...); settings move
    to their GA places, beta-only settings are dropped with a warning. A GA profile is
    printed unchanged. Comments are not carried over (the original stays as it is unless
    --in-place).

    Exit status: 0 migrated (or already GA), 1 the profile is invalid, 2 cannot run as asked.

    Example: rtcfg migrate profiles/legacy-beta.yaml -o profiles/legacy-ga.yaml
    """
    if in_place and output is not None:
        raise RtcfgError("--in-place and --output are exclusive")
    if in_place and path == "-":
        raise RtcfgError("--in-place needs a file, not stdin")
    profile, text, is_json = _read_one(path, revisions=not in_place)
    if not profile.valid or text is None:
        _print_diagnostics(profile, color)
        _say(f"rtcfg: {profile.name} is not valid; fix it before migrating")
        raise typer.Exit(int(ExitCode.FINDINGS))
    from rtcfg import migrate as migrating

    done = migrating.migrate(profile, text, is_json=is_json,
                             result_name=output if output and output != "-" else None)
    if not done.changed:
        _say(f"{profile.name} is already a GA profile: nothing to change")
        if not in_place:
            _emit(text, output)
        return
    for change in done.changes:
        _say(("warning: " if change.lossy else "  ") + change.message)
    if done.comments_dropped:
        _say(f"note: {done.comments_dropped} line(s) with comments are not carried over")
    if done.result is not None and done.result.diagnostics:
        _say("the GA profile still has warnings:")
        _print_diagnostics(done.result, color)
    _emit(done.text, path if in_place else output)


class ReportFormat(str, enum.Enum):
    text = "text"
    json = "json"


def _valid_or_exit(spec: str, color: Color) -> tuple[Profile, str, bool]:
    """A valid profile, or its diagnostics on stderr and exit 2 (diff and show cannot run)."""
    profile, text, is_json = _read_one(spec)
    if not profile.valid or text is None:
        _print_diagnostics(profile, color)
        raise RtcfgError(f"{profile.name} is not valid (the errors above); nothing to compare")
    return profile, text, is_json


@app.command()
@guarded
def diff(
    old: Annotated[str, typer.Argument(help="The old profile: a file, - for stdin, or REV:path from git.",
                                       metavar="A")],
    new: Annotated[str, typer.Argument(help="The new profile: a file, - for stdin, or REV:path from git.",
                                       metavar="B")],
    output_format: Annotated[ReportFormat, typer.Option("--format", "-f", help="Output format.")] = ReportFormat.text,
    color: Annotated[Color, typer.Option("--color", help="Colour in text output.")] = Color.auto,
) -> None:
    """Show what changed between two profiles' sessions, and which changes need a new session.

    Both are compared as GA sessions (a beta profile is converted first), tools by name;
    the order of keys and tools never matters. Secrets are masked.

    Exit status: 0 the same, 1 different, 2 cannot run (a profile is missing or invalid).

    Example: rtcfg diff origin/main:profiles/agent.yaml profiles/agent.yaml
    """
    if old == "-" and new == "-":
        raise RtcfgError("only one side can be read from stdin")
    from rtcfg import diff as diffing

    sides = []
    for spec in (old, new):
        profile, _, _ = _valid_or_exit(spec, color)
        eff = diffing.effective(profile)
        for step in eff.converted:
            _say(f"note: {profile.name} is a beta profile, compared as GA: {step.message}")
        sides.append((profile, eff))
    changes = diffing.compare(sides[0][1].session, sides[1][1].session)
    if output_format is ReportFormat.json:
        from rtcfg import report

        sys.stdout.write(report.diff_json(changes))
    else:
        from rtcfg import report_diff

        report_diff.print_diff(changes, _console(color), (sides[0][0].name, sides[1][0].name))
    sys.stdout.flush()
    if changes:
        raise typer.Exit(int(ExitCode.FINDINGS))


@app.command()
@guarded
def show(
    path: Annotated[str, typer.Argument(help="The profile: a file, - for stdin, or REV:path from git.",
                                        metavar="PROFILE")],
    output_format: Annotated[ReportFormat, typer.Option("--format", "-f", help="Output format.")] = ReportFormat.text,
    color: Annotated[Color, typer.Option("--color", help="Colour in text output.")] = Color.auto,
) -> None:
    """Every setting of a profile's session, and where it comes from: the file and line that
    set it, or the default the API documents. Secrets are masked.

    --format json prints the effective session.

    Exit status: 0 shown, 1 the profile is invalid (its diagnostics on stderr), 2 cannot run.

    Example: rtcfg show profiles/phone-agent-twilio.yaml
    """
    profile, text, is_json = _read_one(path)
    if not profile.valid or text is None:
        _print_diagnostics(profile, color)
        _say(f"rtcfg: {profile.name} is not valid; nothing to show")
        raise typer.Exit(int(ExitCode.FINDINGS))
    if output_format is ReportFormat.json:
        import json

        from rtcfg.render import ordered_session
        from rtcfg.secrets import mask

        session = ordered_session(profile)
        session.pop("client_secret", None)
        sys.stdout.write(json.dumps(mask((), session), indent=2, ensure_ascii=False) + "\n")
        return
    from rtcfg import report_diff, show as showing
    from rtcfg.yamlio import parse

    rows = showing.settings(profile, parse(profile.name, text, is_json=is_json))
    title = f"{profile.name}: {(profile.dialect or '').upper()} {profile.kind} session"
    report_diff.print_settings(rows, _console(color), title)


class RulesFormat(str, enum.Enum):
    text = "text"
    json = "json"
    markdown = "markdown"


@app.command()
@guarded
def rules(
    codes: Annotated[list[str] | None, typer.Argument(
        help="Show these rules in full (code or name); all rules when none is given.",
        metavar="[CODE]...", show_default=False)] = None,
    output_format: Annotated[RulesFormat, typer.Option("--format", "-f", help="Output format.")] = RulesFormat.text,
    color: Annotated[Color, typer.Option("--color", help="Colour in text output.")] = Color.auto,
) -> None:
    """List every check rtcfg makes: its code, severity, what it catches and why.

    Example: rtcfg rules RT214    rtcfg rules --format json
    """
    from rtcfg import catalog
    from rtcfg.codes import CODES, guess, lookup

    chosen = []
    for token in codes or []:
        entry = lookup(token)
        if entry is None:
            meant = guess(token)
            raise RtcfgError(f"unknown rule {token!r}"
                             + (f"; did you mean {meant}?" if meant else "; `rtcfg rules` lists them"))
        chosen.append(entry)
    entries = chosen or list(CODES.values())
    if output_format is RulesFormat.json:
        sys.stdout.write(catalog.to_json(entries))
    elif output_format is RulesFormat.markdown:
        sys.stdout.write(catalog.to_markdown(entries))
    else:
        from rtcfg import report_text

        report_text.print_rules(entries, _console(color), detailed=bool(chosen))


class ExplainFormat(str, enum.Enum):
    text = "text"
    json = "json"


@app.command()
@guarded
def explain(
    error: Annotated[str, typer.Argument(
        help="The error the API returned: its message, its error object or the whole error event "
        "(JSON), or - to read it from stdin.", metavar="ERROR")],
    profile: Annotated[str | None, typer.Argument(
        help="The profile that was sent: show where it sets what the error is about.",
        metavar="[PROFILE]", show_default=False)] = None,
    output_format: Annotated[ExplainFormat, typer.Option("--format", "-f", help="Output format.")] = (
        ExplainFormat.text),
    color: Annotated[Color, typer.Option("--color", help="Colour in text output.")] = Color.auto,
) -> None:
    """Say what an error from the Realtime API means, which rule catches it, and where the
    profile sets the offending key.

    Exit status: 0 explained (or not recognised: the output says so), 2 the profile cannot be read.

    Example: rtcfg explain "Unknown parameter: 'session.voice'." agent.yaml
    """
    from rtcfg import explain as explaining

    if error == "-":
        error = sys.stdin.read()
    if not error.strip():
        raise RtcfgError("no error text given (pass the message, or - to read it from stdin)")
    found = explaining.explain(error, profile)
    if found.profile is not None and found.profile.unreadable:
        raise RtcfgError(f"{profile}: {found.profile.diagnostics[0].message}")
    if output_format is ExplainFormat.json:
        from rtcfg import report

        sys.stdout.write(report.explanation_json(found))
    else:
        from rtcfg import report_text

        report_text.print_explanation(found, _console(color))
    sys.stdout.flush()


def main() -> None:
    try:
        app()
    except KeyboardInterrupt:  # ^C outside a command (while parsing arguments)
        sys.exit(int(ExitCode.INTERRUPTED))
