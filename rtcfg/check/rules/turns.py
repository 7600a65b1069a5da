"""Turn detection: settings that leave the model silent, half-disable turn taking, do not
exist in transcription sessions, or belong to the other VAD type (beta)."""

from __future__ import annotations

from rtcfg.check.rules import Context

_RESPONSE_KEYS = ("create_response", "interrupt_response")


def responses(ctx: Context) -> None:
    td = ctx.setting("turn_detection")
    if not isinstance(td, dict) or ctx.transcription:
        return
    at = ctx.place("turn_detection")
    create, interrupt = td.get("create_response"), td.get("interrupt_response")
    if create is False and interrupt is False:
        ctx.report(
            "RT210",
            "with create_response and interrupt_response both false the model never answers on its own",
            (*at, "create_response"),
        )
    elif create is False and "interrupt_response" not in td:
        # Written as true, it is a design (the app creates responses, the user may barge in).
        ctx.report(
            "RT211",
            "create_response is false and interrupt_response is left at its default (true): "
            "the server still cancels responses when the user speaks",
            (*at, "create_response"),
        )


def transcription_options(ctx: Context) -> None:
    td = ctx.setting("turn_detection")
    if not isinstance(td, dict) or not ctx.transcription:
        return
    at = ctx.place("turn_detection")
    for key in _RESPONSE_KEYS:
        if key in td:
            ctx.report(
                "RT212",
                f"{key} is not available in a transcription session: it never responds",
                (*at, key),
                f"remove {key}",
            )
    if ctx.beta and td.get("type") == "semantic_vad":
        ctx.report(
            "RT212",
            "beta transcription sessions take only server_vad (the SDK also lists "
            "semantic_vad; the API specification does not)",
            (*at, "type"),
            "use type: server_vad, or migrate to GA",
        )


def other_type_keys(ctx: Context) -> None:
    # GA rejects these by shape (RT100); beta has one flat object and ignores them.
    td = ctx.setting("turn_detection")
    if not ctx.beta or not isinstance(td, dict):
        return
    vad = td.get("type", ctx.facts.VAD_DEFAULT_TYPE)
    foreign = [key for other, keys in ctx.facts.VAD_ONLY.items() if other != vad for key in keys]
    for key in foreign:
        if key in td:
            ctx.report(
                "RT213",
                f"{key} has no effect with {vad}" + ("" if "type" in td else " (the default type)"),
                (*ctx.place("turn_detection"), key),
            )


RULES = [responses, transcription_options, other_type_keys]
