"""Models, voices and the event envelope: reasoning settings, deprecations with their
shutdown dates, custom voice ids, and client_secret inside a session.update."""

from __future__ import annotations

from datetime import date

from rtcfg.check.rules import Context
from rtcfg.core.diagnostics import SET, Edit, Fix, Path
from rtcfg.dialects import capabilities


def reasoning(ctx: Context) -> None:
    model = capabilities.REALTIME_MODELS.get(ctx.session.get("model", ""))
    if model is None or model.reasoning:
        return  # no model (set at connect time), an unknown one (RT111), or a reasoning one
    reasoners = ", ".join(n for n, m in capabilities.REALTIME_MODELS.items() if m.reasoning)
    for key in ("reasoning", "parallel_tool_calls"):
        if key in ctx.session:
            ctx.report(
                "RT230",
                f"{key} applies only to reasoning models; {ctx.session['model']} does not reason",
                (key,),
                f"use {reasoners}, or remove {key}",
            )


def deprecations(ctx: Context) -> None:
    model = ctx.session.get("model")
    if isinstance(model, str) and model in capabilities.REALTIME_MODELS:
        info = capabilities.REALTIME_MODELS[model]
        _deprecated(ctx, model, info.shutdown, info.replacement, info.legacy, ("model",))
    trx_path = (*ctx.place("transcription"), "model")
    trx = ctx.get(trx_path)
    if isinstance(trx, str) and trx in capabilities.TRANSCRIPTION_MODELS:
        t_info = capabilities.TRANSCRIPTION_MODELS[trx]
        _deprecated(ctx, trx, t_info.shutdown, t_info.replacement, None, trx_path)


def _deprecated(
    ctx: Context, name: str, shutdown: date | None, replacement: str | None, legacy: str | None, path: Path
) -> None:
    to = f"use {replacement}" if replacement else f"see {capabilities.DEPRECATIONS_URL} for the replacement"
    if ctx.beta and replacement:
        to = f"`rtcfg migrate` to GA, then {to}"  # the replacements are GA-era models
    if shutdown is None:
        if legacy:
            ctx.report(
                "RT231",
                f"{name} is {legacy}",
                path,
                "`rtcfg migrate` to GA, then use gpt-realtime-2.1" if ctx.beta else "use gpt-realtime-2.1",
            )
        return
    # The replacement changes the model the session runs: unsafe (beta's are GA-era models).
    fix = (
        Fix(False, f"replace {name} by {replacement}", (Edit(SET, path, replacement),))
        if replacement and not ctx.beta
        else None
    )
    if ctx.today >= shutdown:
        ctx.report("RT232", f"{name} was shut down on {shutdown}", path, to, fix)
    else:
        ctx.report("RT231", f"{name} is deprecated: OpenAI shuts it down on {shutdown}", path, to, fix)


def custom_voice(ctx: Context) -> None:
    voice = ctx.setting("voice")
    if isinstance(voice, dict) and not voice["id"].startswith(capabilities.CUSTOM_VOICE_PREFIX):
        hint = (
            f"{voice['id']!r} is a built-in voice: write voice: {voice['id']}"
            if voice["id"] in capabilities.GA_VOICES
            else None
        )
        ctx.report(
            "RT233",
            f"custom voice id {voice['id']!r} does not start with {capabilities.CUSTOM_VOICE_PREFIX!r}",
            (*ctx.place("voice"), "id"),
            hint,
        )


def client_secret(ctx: Context) -> None:
    if ctx.is_event and "client_secret" in ctx.session:
        ctx.report("RT240", "client_secret does not belong in a session update", ("client_secret",))


RULES = [reasoning, deprecations, custom_voice, client_secret]
