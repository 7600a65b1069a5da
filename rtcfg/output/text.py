"""The human view of validation results, through rich. The only module that imports rich
for validate; the CLI hands it a Console that already honours --color and NO_COLOR."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from rich.console import Console
from rich.text import Text

from rtcfg.check.result import Profile
from rtcfg.core.codes import Code
from rtcfg.core.diagnostics import Diagnostic, dotted
from rtcfg.core.secrets import hide, is_secret_place, is_url_place
from rtcfg.output.escape import text as safe
from rtcfg.output.terminal import symbol

if TYPE_CHECKING:
    from rtcfg.transform.explain import Explanation

_STYLE = {"error": "bold red", "warning": "yellow"}


def diagnostic_text(profile: Profile, d: Diagnostic) -> Text:
    out = Text()
    out.append(f"{safe(d.file or profile.name)}:{d.line}:{d.column}", style="bold")
    out.append(": ")
    out.append(f"{d.severity.value}[{d.code}]", style=_STYLE[d.severity.value])
    out.append(f" {safe(hide(d.message, profile.secrets))}")
    if d.path:
        out.append(f"  ({safe(d.dotted_path)})", style="dim")
    # A finding about a secret-bearing key quotes neither its value nor its line.
    source = None if _about_a_secret(profile, d) else profile.source_line(d.line, d.file or None)
    if source is not None and source.strip():
        source = hide(source, profile.secrets)
        bar = symbol("│")
        gutter = f"{d.line:>5} {bar} "
        before = source.expandtabs(1)[: max(d.column - 1, 0)]
        shown = safe(source.expandtabs(1))
        if len(shown) > 160:
            shown = shown[:157] + "..."
        out.append("\n" + gutter, style="dim")
        out.append(shown)
        # The caret stands under the column's character as shown, escapes included.
        caret_col = min(len(safe(before)), len(shown))
        out.append("\n" + " " * (len(gutter) - 2) + f"{bar} ", style="dim")
        out.append(" " * caret_col + "^", style=_STYLE[d.severity.value])
    if d.hint:
        out.append("\n      hint: ", style="cyan")
        out.append(safe(hide(d.hint, profile.secrets)))
    return out


def _about_a_secret(profile: Profile, d: Diagnostic) -> bool:
    n = len(profile.prefix)
    path = d.path[n:] if d.path[:n] == profile.prefix else d.path
    return is_secret_place(path) or is_url_place(path)


def print_report(
    profiles: Sequence[Profile],
    out: Console,
    *,
    errors_only: bool = False,
    passing: bool = False,
    first_time: Callable[[Diagnostic], bool] | None = None,
) -> None:
    """Each profile's findings; `first_time` leaves out a fault of a shared base file that
    an earlier profile's report showed already."""
    for profile in profiles:
        shown = [
            d for d in profile.diagnostics if (d.is_error or not errors_only) and (first_time is None or first_time(d))
        ]
        for d in shown:
            out.print(diagnostic_text(profile, d), soft_wrap=True, highlight=False)
        if passing and profile.valid and not profile.diagnostics:
            out.print(Text.assemble((safe(profile.name), "bold"), ": ", ("ok", "green")), soft_wrap=True)


def print_rules(entries: Sequence[Code], out: Console, *, detailed: bool) -> None:
    if detailed:
        for c in entries:
            out.print(
                Text.assemble(
                    (c.code, "bold"), " ", (c.name, "bold"), "  ", (c.severity.value, _STYLE[c.severity.value])
                )
            )
            for label, text in (("catches", c.summary), ("fix", c.hint), ("why", c.rationale), ("source", c.source)):
                out.print(Text.assemble((f"  {label:>8}: ", "dim"), text), soft_wrap=True, highlight=False)
            if c.fix:
                out.print(Text(f"           --fix can repair it ({c.fix})", style="dim"))
            if not c.ignorable:
                out.print(Text("           cannot be turned off with --ignore", style="dim"))
        return
    # One line per rule, no wrapping: `rtcfg rules | grep tool` should find whole rules.
    for c in entries:
        out.print(
            Text.assemble(
                (c.code, "bold"),
                "  ",
                (f"{c.severity.value:<7}", _STYLE[c.severity.value]),
                "  ",
                f"{c.name:<31}",
                ("[fix] " if c.fix else ""),
                c.summary,
            ),
            soft_wrap=True,
            highlight=False,
        )


def print_explanation(ex: Explanation, out: Console) -> None:
    def say(label: str, text: Text | str) -> None:
        out.print(Text.assemble((f"{label:>10}: ", "bold"), text), soft_wrap=True, highlight=False)

    say("error", safe(ex.error.message or (ex.error.code or "")))
    say("meaning", safe(ex.meaning))
    for rule in ex.rules:
        say(
            "rule",
            Text.assemble(
                (rule.code, "bold"),
                f" {rule.name} ",
                (rule.severity.value, _STYLE[rule.severity.value]),
                f": {rule.summary}",
            ),
        )
    if not ex.rules and ex.recognised:
        say("rule", "none: this is not something a profile can get wrong on its own")
    profile = ex.profile
    if profile is None:
        return
    for place in ex.places:
        line = profile.source_line(place.line, place.file or None)
        say(
            "in profile",
            Text.assemble(
                f"{safe(place.file or profile.name)}:{place.line}:{place.column}",
                (f"  ({safe(dotted(place.path))})", "dim"),
            ),
        )
        if line is not None and line.strip() and not ex.diagnostics:
            shown = safe(hide(line, profile.secrets))
            out.print(Text(f"{place.line:>12} {symbol('│')} {shown}", style="dim"), soft_wrap=True, highlight=False)
    for d in ex.diagnostics:
        out.print(diagnostic_text(profile, d), soft_wrap=True, highlight=False)
    if ex.note:
        say("note", safe(ex.note))
