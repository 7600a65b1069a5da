"""What a session says about itself, whatever its shape: the retired beta interface, keys
that only the server sends, and names (models, voices, transcription models) that rtcfg
does not know. Each reads only the keys it checks, so these run on a session with shape
errors too: a profile with an unknown key still hears that its model is unknown."""

from __future__ import annotations

from typing import Any

from rtcfg.check.rules import Context, Rule
from rtcfg.core.suggest import close_match
from rtcfg.dialects import RESPONSE_ONLY, capabilities


def retired_beta(ctx: Context) -> None:
    if not ctx.beta:
        return
    message = "the beta Realtime interface is retired: OpenAI answers beta_api_shape_disabled since May 2026"
    if ctx.declared_by:  # a document key (api: beta); () is the command line's --api
        ctx.report_at("RT110", message, ctx.declared_by)  # the document key that says `beta`
        return
    first = next((k for k in ctx.session if k in ctx.facts.ONLY), None) or next(iter(ctx.session), None)
    ctx.report("RT110", message, (first,) if first else ())


def response_only(ctx: Context) -> None:
    for key in RESPONSE_ONLY:
        if key in ctx.session:
            ctx.report("RT109", f"{key!r} is set by the server in its responses; a request does not send it", (key,))


def _suggestion(name: str, known: Any) -> str:
    guess = close_match(name, sorted(known))
    return f"did you mean {guess!r}?" if guess else "known: " + ", ".join(sorted(known))


def unknown_names(ctx: Context) -> None:
    model = ctx.session.get("model")
    known_models = capabilities.BETA_REALTIME_MODELS if ctx.beta else capabilities.REALTIME_MODELS
    if isinstance(model, str) and model not in known_models:
        reason = (
            "a GA-era model that the beta interface does not have; "
            if ctx.beta and model in capabilities.REALTIME_MODELS
            else ""
        )
        ctx.report("RT111", f"unknown model {model!r}", ("model",), reason + _suggestion(model, known_models))

    voice = ctx.setting("voice")
    voices = capabilities.BETA_VOICES if ctx.beta else capabilities.GA_VOICES
    if isinstance(voice, str) and voice not in voices:
        why = capabilities.NOT_REALTIME_VOICES.get(voice)
        if ctx.beta and voice in capabilities.GA_VOICES:
            why = "a GA-era voice that the beta interface does not have"
        ctx.report(
            "RT112",
            f"unknown voice {voice!r}",
            ctx.place("voice"),
            (f"{voice!r} is {why}; " if why else "") + _suggestion(voice, voices),
        )

    trx_path = (*ctx.place("transcription"), "model")
    trx_model = ctx.get(trx_path)
    trx_known = capabilities.BETA_TRANSCRIPTION_MODELS if ctx.beta else capabilities.TRANSCRIPTION_MODELS
    if isinstance(trx_model, str) and trx_model not in trx_known:
        ctx.report("RT113", f"unknown transcription model {trx_model!r}", trx_path, _suggestion(trx_model, trx_known))


RULES: list[Rule] = [retired_beta, response_only, unknown_names]
