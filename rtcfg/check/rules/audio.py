"""Audio and output: formats that differ between the two directions, and output settings
in a session that never speaks."""

from __future__ import annotations

from typing import Any

from rtcfg import dialects
from rtcfg.check.rules import Context
from rtcfg.core.diagnostics import dotted


def _default_format(ctx: Context) -> str:
    default = ctx.facts.DEFAULTS[dialects.REALTIME][ctx.place("input_format")]
    return default if isinstance(default, str) else str(default["type"])


def text_only(ctx: Context) -> bool:
    return bool(ctx.setting("modalities") == ["text"])


def _format(ctx: Context, setting: str) -> Any:
    value = ctx.setting(setting)
    if ctx.beta:
        return value
    return value.get("type", _default_format(ctx)) if isinstance(value, dict) else None


def format_mismatch(ctx: Context) -> None:
    if ctx.transcription or text_only(ctx):
        return
    default = _default_format(ctx)
    given_in, given_out = ctx.has(ctx.place("input_format")), ctx.has(ctx.place("output_format"))
    if not (given_in or given_out):
        return
    fmt_in, fmt_out = _format(ctx, "input_format") or default, _format(ctx, "output_format") or default
    if fmt_in == fmt_out:
        return
    described_in = ("" if given_in else "the default ") + fmt_in
    described_out = ("" if given_out else "the default ") + fmt_out
    telephony_formats = ctx.facts.TELEPHONY_FORMATS
    telephony = "; a telephony call needs G.711 both ways" if {fmt_in, fmt_out} & telephony_formats else ""
    path = ctx.place("output_format") if given_out else ctx.place("input_format")
    both = next((f for f in (fmt_out, fmt_in) if f in telephony_formats), fmt_out if given_out else fmt_in)
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
