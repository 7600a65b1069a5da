"""The command line: parse arguments, call the pipeline, hand the results to a renderer.

Only typer and the standard library are imported at module level; everything heavy
(pydantic, yaml, rich) is imported inside the command that needs it, so that
`rtcfg --version` and `rtcfg validate --format json` start fast.

Neither this module nor the command modules use `from __future__ import annotations`:
typer reads each command's annotations several times per start, and string ones are
compiled anew every time.
"""

import enum
import functools
import importlib
import io
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

    from rtcfg.result import Profile

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
    sarif = "sarif"


class ReportFormat(str, enum.Enum):
    """Text for people, JSON for tools: the two forms of every report but validate's."""

    text = "text"
    json = "json"


class Api(str, enum.Enum):
    ga = "ga"
    beta = "beta"


class Color(str, enum.Enum):
    auto = "auto"
    always = "always"
    never = "never"


RootOption = Annotated[
    str | None,
    typer.Option(
        "--root",
        metavar="DIR",
        show_default=False,
        help="The project root: extends and !include may only name files inside it [default: the current directory].",
    ),
]


# The options several commands share, declared once.
ColorOption = Annotated[Color, typer.Option("--color", help="Colour in text output.")]
ReportFormatOption = Annotated[ReportFormat, typer.Option("--format", "-f", help="Output format.")]


def output_file(help_text: str) -> Any:
    """The `-o/--output FILE` option of the commands that write a file (atomically)."""
    return typer.Option("--output", "-o", metavar="FILE", help=help_text, show_default=False)


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
        except Exception as exc:
            if _State.debug:
                traceback.print_exc()
            _say(
                f"rtcfg: internal error ({type(exc).__name__}); please report it with the input "
                "that caused it (rerun with --debug for the traceback)"
            )
            raise typer.Exit(int(ExitCode.INTERNAL)) from None

    return wrapper  # type: ignore[return-value]


def _say(message: str) -> None:
    """One line on stderr. Messages quote paths and profile text: escaped, so that none
    can start a second line or move the terminal's cursor."""
    from rtcfg.output.escape import text

    try:
        sys.stderr.write(text(message) + "\n")
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
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Print the version and exit.")
    ] = False,
    debug: Annotated[bool, typer.Option("--debug", help="Show a traceback on internal errors.")] = False,
) -> None:
    _State.debug = debug


def _console(color: Color, *, stderr: bool = False) -> "Console":
    from rich.console import Console

    if color is Color.auto and os.environ.get("NO_COLOR"):
        color = Color.never  # no-color.org: no escape codes at all, bold included
    if color is Color.never:
        return Console(stderr=stderr, color_system=None, highlight=False)
    return Console(stderr=stderr, force_terminal=True if color is Color.always else None, highlight=False)


# The SGR codes rich writes for these styles on every colour system (a test compares).
_SGR = {"green": "32", "yellow": "33", "bold red": "1;31"}
# Anything that makes rich's view of the terminal differ from "is it a tty": leave to rich.
_RICH_DECIDES = ("FORCE_COLOR", "TTY_COMPATIBLE", "TTY_INTERACTIVE", "JUPYTER_COLUMNS", "JUPYTER_LINES")


def print_line(text: str, style: str, color: Color, *, stderr: bool = False) -> None:
    """One line in one of the _SGR styles, as rich would print it. Written directly where
    the answer is plain (no colour, or a colour tty on a POSIX system): importing rich
    costs a tenth of a one-file run, too much for a run whose only output is "✓ 1 file
    valid". Everything less clear-cut goes through rich."""
    stream = sys.stderr if stderr else sys.stdout
    mode = _direct_mode(color, stream)
    if mode is None:
        from rich.text import Text

        _console(color, stderr=stderr).print(Text(text, style=style), soft_wrap=True)
        return
    stream.write(f"\x1b[{_SGR[style]}m{text}\x1b[0m\n" if mode == "ansi" else text + "\n")


def _direct_mode(color: Color, stream: Any) -> str | None:
    env = os.environ
    if color is Color.never or (color is Color.auto and env.get("NO_COLOR")):
        return "plain"
    if (
        sys.platform == "win32"
        or env.get("NO_COLOR")  # with --color always: rich keeps bold, drops colour
        or env.get("TERM", "").strip().lower() in ("dumb", "unknown")
        or any(env.get(name) for name in _RICH_DECIDES)
    ):
        return None
    if color is Color.always:
        return "ansi"
    try:
        return "ansi" if stream.isatty() else "plain"
    except (AttributeError, ValueError):
        return None


def stdin_bytes(limit: int) -> bytes:
    """Up to `limit` bytes of standard input. A stdin left non-blocking by whoever started
    us would return nothing (or None) at once: make it blocking first."""
    try:
        os.set_blocking(sys.stdin.fileno(), True)
    except (OSError, ValueError, AttributeError, io.UnsupportedOperation):
        pass  # not a real file descriptor (tests, embedded use): read as it is
    data = sys.stdin.buffer.read(limit)
    return data or b""


def checked_root(root: str | None) -> str | None:
    if root is not None and not os.path.isdir(root):
        raise RtcfgError(f"--root {root}: not a directory")
    return root


def _read_one(path: str, *, revisions: bool = True, root: str | None = None) -> tuple["Profile", str | None, bool]:
    """One profile (a file, - for stdin, or REV:path from git) checked, with its text;
    unreadable -> exit 2."""
    from rtcfg import gitrev, pipeline
    from rtcfg.sources import MAX_FILE_BYTES, STDIN_NAME, from_bytes, read_path

    options = pipeline.Options(root=checked_root(root))
    rev = gitrev.split_spec(path) if revisions else None
    if rev is not None:
        source = gitrev.read_rev(*rev)
        location, reader = os.path.abspath(rev[1]), gitrev.reader(rev[0])
    elif path == "-":
        source, location, reader = from_bytes(STDIN_NAME, stdin_bytes(MAX_FILE_BYTES + 1)), None, None
    else:
        source, location, reader = read_path(path), path, None
    if source.unreadable:
        raise RtcfgError(f"{path}: {source.diagnostics[0].message}")
    return pipeline.check_source(source, options, location=location, reader=reader), source.text, source.is_json


def _print_diagnostics(profile: "Profile", color: Color, diagnostics: list[Any] | None = None) -> None:
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


# The module of rtcfg/commands that registers each command, in --help order (a test keeps
# this complete). A run imports only its own command's module; help, completion and
# anything unexpected import them all.
FAMILIES = {
    "validate": "validate",
    "render": "render",
    "migrate": "render",
    "diff": "compare",
    "show": "compare",
    "profiles": "library",
    "init": "library",
    "schema": "library",
    "rules": "reference",
    "explain": "reference",
}

__all__ = ["app", "load_commands", "main"]


def load_commands(*names: str) -> typer.Typer:
    """`app` with the commands `names` registered (all of them when none are named)."""
    wanted = {FAMILIES[n] for n in names} if names else set(FAMILIES.values())
    for family in dict.fromkeys(FAMILIES.values()):
        if family in wanted:
            importlib.import_module(f"rtcfg.commands.{family}")
    return app


def _app_for(argv: list[str]) -> typer.Typer:
    """The app with only the command being run: typer builds every registered command's
    parameters on each start, a tenth of a one-file run. Help, completion and anything
    unexpected get the whole app."""
    import copy

    name = next((a for a in argv if not a.startswith("-")), None)
    if name not in FAMILIES or any(a.startswith("--") and "complet" in a for a in argv):
        return load_commands()
    load_commands(name)
    only = copy.copy(app)
    only.registered_commands = [
        c
        for c in app.registered_commands
        if c.callback is not None and (c.name or c.callback.__name__.replace("_", "-")) == name
    ]
    return only


def main() -> None:
    try:
        _app_for(sys.argv[1:])()
    except KeyboardInterrupt:  # ^C outside a command (while parsing arguments)
        sys.exit(int(ExitCode.INTERRUPTED))
