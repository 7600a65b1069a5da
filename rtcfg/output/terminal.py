"""Writing to the terminal: a rich Console that honours --color, NO_COLOR and non-terminals,
and one styled line written without rich where the answer is plain (a clean run's summary).
`color` is "auto", "always" or "never"."""

import os
import sys
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from rich.console import Console

AUTO, ALWAYS, NEVER = "auto", "always", "never"


def console(color: str, *, stderr: bool = False) -> "Console":
    from rich.console import Console

    if color == AUTO and os.environ.get("NO_COLOR"):
        color = NEVER  # no-color.org: no escape codes at all, bold included
    if color == NEVER:
        out = Console(stderr=stderr, color_system=None, highlight=False)
    else:
        out = Console(stderr=stderr, force_terminal=True if color == ALWAYS else None, highlight=False)
    # rich answers a closed pipe with exit 1, which reads as "invalid profile": let the
    # CLI's boundary answer it as every other output does (141, quietly).
    out.on_broken_pipe = _closed_pipe  # type: ignore[method-assign]
    return out


def _closed_pipe() -> None:
    raise BrokenPipeError


def symbol(text: str) -> str:
    """`text` (✓, ✗, │, …) where stdout and stderr can show it; else its ASCII stand-in."""
    for stream in (sys.stdout, sys.stderr):
        encoding = getattr(stream, "encoding", None) or "utf-8"
        try:
            text.encode(encoding)
        except (UnicodeEncodeError, LookupError):
            return text.translate(_ASCII)
    return text


_ASCII = str.maketrans({"✓": "ok", "✗": "FAIL", "│": "|", "…": "...", "→": "->"})


# The SGR codes rich writes for these styles on every colour system (a test compares).
_SGR = {"green": "32", "yellow": "33", "bold red": "1;31"}
# Anything that makes rich's view of the terminal differ from "is it a tty": leave to rich.
_RICH_DECIDES = ("FORCE_COLOR", "TTY_COMPATIBLE", "TTY_INTERACTIVE", "JUPYTER_COLUMNS", "JUPYTER_LINES")


def print_line(text: str, style: str, color: str, *, stderr: bool = False) -> None:
    """One line in one of the _SGR styles, as rich would print it. Written directly where
    the answer is plain (no colour, or a colour tty on a POSIX system): importing rich
    costs a tenth of a one-file run, too much for a run whose only output is "✓ 1 file
    valid". Everything less clear-cut goes through rich."""
    stream = sys.stderr if stderr else sys.stdout
    mode = _direct_mode(color, stream)
    if mode is None:
        from rich.text import Text

        console(color, stderr=stderr).print(Text(text, style=style), soft_wrap=True)
        return
    stream.write(f"\x1b[{_SGR[style]}m{text}\x1b[0m\n" if mode == "ansi" else text + "\n")


def _direct_mode(color: str, stream: Any) -> str | None:
    env = os.environ
    if color == NEVER or (color == AUTO and env.get("NO_COLOR")):
        return "plain"
    if (
        sys.platform == "win32"
        or env.get("NO_COLOR")  # with --color always: rich keeps bold, drops colour
        or env.get("TERM", "").strip().lower() in ("dumb", "unknown")
        or any(env.get(name) for name in _RICH_DECIDES)
    ):
        return None
    if color == ALWAYS:
        return "ansi"
    try:
        return "ansi" if stream.isatty() else "plain"
    except (AttributeError, ValueError):
        return None
