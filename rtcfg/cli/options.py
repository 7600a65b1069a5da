"""The options and choices several commands share, declared once."""

import enum
from typing import Annotated, Any

import typer


class Format(str, enum.Enum):
    text = "text"
    json = "json"
    github = "github"
    sarif = "sarif"
    concise = "concise"
    gitlab = "gitlab"
    junit = "junit"


class ReportFormat(str, enum.Enum):
    """Text for people, JSON for tools: the two forms of every report but validate's."""

    text = "text"
    json = "json"


class Api(str, enum.Enum):
    ga = "ga"
    beta = "beta"
    live = "live"


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
        help="The project root: extends and !include may only name files inside it [default: the "
        "configuration file's folder, else the git checkout's top, else the current directory].",
    ),
]
ConfigOption = Annotated[
    str | None,
    typer.Option(
        "--config",
        metavar="FILE",
        show_default=False,
        help="Read this configuration file (an rtcfg.toml, or a pyproject.toml with [tool.rtcfg]) "
        "instead of the one found upward from the current directory.",
    ),
]
IsolatedOption = Annotated[
    bool,
    typer.Option("--isolated", help="Ignore every configuration file; the root is the current directory."),
]


# The options several commands share, declared once.
DeclareApiOption = Annotated[
    Api | None,
    typer.Option(
        "--api",
        help="The dialect of a profile that cannot tell it (no api:, no type, no keys of one era): "
        "a partial update or a /sessions body. A profile's own api: wins.",
        show_default=False,
    ),
]
ColorOption = Annotated[Color, typer.Option("--color", help="Colour in text output.")]
ReportFormatOption = Annotated[ReportFormat, typer.Option("--format", "-f", help="Output format.")]


def output_file(help_text: str) -> Any:
    """The `-o/--output FILE` option of the commands that write a file (atomically)."""
    return typer.Option(
        "--output",
        "-o",
        metavar="FILE",
        help=help_text + " Only a regular file is replaced (its mode and owner kept; a read-only file is "
        "refused); a symlink is written through to the file it names.",
        show_default=False,
    )


# -- shell completion: what a user can type next ---------------------------------------------


def complete_codes(incomplete: str) -> list[tuple[str, str]]:
    """Rule codes and names for --ignore and `rtcfg rules` (with the summary as help)."""
    from rtcfg.core.codes import CODES

    last = incomplete.rsplit(",", 1)
    head, tail = (last[0] + ",", last[1]) if len(last) == 2 else ("", incomplete)
    out = []
    for entry in CODES.values():
        if entry.retired:
            continue
        for token in (entry.code, entry.name):
            if token.lower().startswith(tail.lower()):
                out.append((head + token, entry.summary))
    return out


def complete_profiles(incomplete: str) -> list[tuple[str, str]]:
    """The shipped profiles' names for `init --from`."""
    from rtcfg.transform import shipped

    return [(p.name, p.description) for p in shipped.shipped() if p.name.startswith(incomplete)]
