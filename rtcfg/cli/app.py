"""The typer application: its options, and the one error boundary every command runs in."""

import functools
import traceback
from collections.abc import Callable
from typing import Annotated, Any, TypeVar

import typer

from rtcfg import __version__
from rtcfg.cli.io import say, silence_stdout
from rtcfg.core.errors import ExitCode, RtcfgError

app = typer.Typer(
    name="rtcfg",
    help="Keep OpenAI Realtime and Live session configurations as YAML profiles: validate them offline, "
    "as strictly as the API does.",
    no_args_is_help=True,
    add_completion=True,
    pretty_exceptions_show_locals=False,  # locals can hold secrets (MCP tokens)
    context_settings={"help_option_names": ["-h", "--help"]},
    # Help texts are plain text: "[tool.rtcfg]" and "[default: ...]" are words, not markup.
    rich_markup_mode=None,
)


class _State:
    debug = False


def debug_on() -> None:
    _State.debug = True


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
            say(f"rtcfg: {exc}")
            raise typer.Exit(int(exc.exit_code)) from None
        except KeyboardInterrupt:
            raise typer.Exit(int(ExitCode.INTERRUPTED)) from None
        except BrokenPipeError:
            silence_stdout()
            raise typer.Exit(141) from None  # what a shell reports for SIGPIPE
        except Exception as exc:
            if _State.debug:
                traceback.print_exc()
            say(
                f"rtcfg: internal error ({type(exc).__name__}); please report it with the input "
                "that caused it (rerun with --debug for the traceback)"
            )
            raise typer.Exit(int(ExitCode.INTERNAL)) from None

    return wrapper  # type: ignore[return-value]


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
    _State.debug = _State.debug or debug
