"""The command line: parse arguments, call the pipeline, hand the results to a renderer.

Only typer and the standard library are imported at module level; everything heavy
(pydantic, yaml, rich) is imported inside the command that needs it, so that
`rtcfg --version` and `rtcfg validate --format json` start fast.

Neither this module nor the command modules use `from __future__ import annotations`:
typer reads each command's annotations several times per start, and string ones are
compiled anew every time.
"""

import importlib
import sys

import typer

from rtcfg.cli.app import app
from rtcfg.core.errors import ExitCode

# The module of rtcfg/cli/commands that registers each command, in --help order (a test keeps
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
    "show-settings": "project",
}

__all__ = ["app", "load_commands", "main"]


def _never_fail_to_encode(stream: object) -> None:
    """Under an ASCII locale (LC_ALL=C, no PYTHONUTF8) a character the terminal cannot take
    is written as an escape, never raised; the output layer picks ASCII symbols there."""
    encoding = (getattr(stream, "encoding", None) or "").lower().replace("-", "").replace("_", "")
    reconfigure = getattr(stream, "reconfigure", None)
    if encoding not in ("utf8", "utf16", "utf32") and reconfigure is not None:
        try:
            reconfigure(errors="backslashreplace")
        except (ValueError, OSError):
            pass


def load_commands(*names: str) -> typer.Typer:
    """`app` with the commands `names` registered (all of them when none are named)."""
    wanted = {FAMILIES[n] for n in names} if names else set(FAMILIES.values())
    for family in dict.fromkeys(FAMILIES.values()):
        if family in wanted:
            importlib.import_module(f"rtcfg.cli.commands.{family}")
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


def _take_debug(argv: list[str]) -> None:
    """`--debug` anywhere before `--` (`rtcfg validate x.yaml --debug`, as people type it
    after seeing the hint), not only before the command: taken out and remembered."""
    from rtcfg.cli.app import debug_on

    end = argv.index("--") if "--" in argv else len(argv)
    if "--debug" in argv[2:end]:
        del argv[argv.index("--debug", 2, end)]
        debug_on()


def main() -> None:
    if sys.stdout is None:  # started with stdout closed (`rtcfg validate x.yaml >&-`)
        if sys.stderr is not None:
            sys.stderr.write("rtcfg: standard output is closed; nothing can be written\n")
        sys.exit(int(ExitCode.USAGE))
    for stream in (sys.stdout, sys.stderr):
        _never_fail_to_encode(stream)
    _take_debug(sys.argv)
    try:
        _app_for(sys.argv[1:])()
    except KeyboardInterrupt:  # ^C outside a command (while parsing arguments)
        sys.exit(int(ExitCode.INTERRUPTED))
