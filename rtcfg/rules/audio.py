"""Audio and output: formats that differ between the two directions, and output settings
in a session that never speaks."""

from __future__ import annotations

from typing import Any

from rtcfg.diagnostics import dotted
from rtcfg.rules import Context

_GA_DEFAULT, _BETA_DEFAULT = "audio/pcm", "pcm16"
_TELEPHONY = frozenset({"audio/pcmu", "audio/pcma", "g711_ulaw", "g711_alaw"})


def text_only(ctx: Context) -> bool:
    return bool(ctx.setting("modalities") == ["text"])


def _format(ctx: Context, setting: str) -> Any:
    value = ctx.setting(setting)
    if ctx.beta:
        return value
    return value.get("type", _GA_DEFAULT) if isinstance(value, dict) else None


def format_mismatch(ctx: Context) -> None:
    if ctx.transcription or text_only(ctx):
        return
    default = _BETA_DEFAULT if ctx.beta else _GA_DEFAULT
    given_in, given_out = ctx.has(ctx.place("input_format")), ctx.has(ctx.place("output_format"))
    if not (given_in or given_out):
        return
    fmt_in, fmt_out = _format(ctx, "input_format") or default, _format(ctx, "output_format") or default
    if fmt_in == fmt_out:
        return
    described_in = ("" if given_in else "the default ") + fmt_in
    described_out = ("" if given_out else "the default ") + fmt_out
    telephony = "; a telephony call needs G.711 both ways" if {fmt_in, fmt_out} & _TELEPHONY else ""
    path = ctx.place("output_format") if given_out else ctx.place("input_format")
    both = next((f for f in (fmt_out, fmt_in) if f in _TELEPHONY), fmt_out if given_out else fmt_in)
    ctx.report(
        "RT214",
        f"input audio is {described_in} but output audio is {described_out}{telephony}",
        path,
        f"if both directions are one call, use {both} for both",
    )


def output_without_audio(ctx: Context) -> None:
    if ctx.transcription or not text_only(ctx):
        return
    for setting in ("voice", "speed", "output_format"):
        path = ctx.place(setting)
        if ctx.has(path):
            audio = "[audio, text]" if ctx.beta else "[audio]"
            ctx.report(
                "RT215",
                f"{dotted(path)} has no effect: the output modalities are text only",
                path,
                f"remove it, or set {dotted(ctx.place('modalities'))} to {audio}",
            )


RULES = [format_mismatch, output_without_audio]
