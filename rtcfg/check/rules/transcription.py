"""Transcription: per-model features, turn detection per model, language codes, logprobs."""

from __future__ import annotations

from rtcfg.check.rules import Context
from rtcfg.core.diagnostics import SET, Edit, Fix, dotted
from rtcfg.dialects import capabilities, iso639

_LOGPROBS = "item.input_audio_transcription.logprobs"


def _supporting(feature: str) -> str:
    names = [n for n, m in capabilities.TRANSCRIPTION_MODELS.items() if getattr(m, feature)]
    return " or ".join(names)


def features(ctx: Context) -> None:
    trx = ctx.setting("transcription")
    if not isinstance(trx, dict):
        return
    model = capabilities.TRANSCRIPTION_MODELS.get(trx.get("model", ""))
    if model is None:
        return  # no model, or one rtcfg does not know (RT113): nothing to compare against
    name, at = trx["model"], ctx.place("transcription")
    if "prompt" in trx and not model.prompt:
        ctx.report(
            "RT220",
            f"{name} does not take a prompt",
            (*at, "prompt"),
            "remove prompt; "
            + ("use delay to trade latency for accuracy" if model.delay else "use keywords with gpt-transcribe"),
        )
    if "delay" in trx and not model.delay:
        ctx.report("RT220", f"delay is only for {_supporting('delay')}, not {name}", (*at, "delay"))
    for key in ("keywords", "languages"):
        if key in trx and not model.keywords:
            ctx.report(
                "RT220",
                f"{key} is only for {_supporting('keywords')}, not {name}",
                (*at, key),
                "use language (one ISO-639-1 code) with this model" if key == "languages" else None,
            )
    if ctx.transcription and not model.turn_detection:
        td_path = ctx.place("turn_detection")
        if ctx.has(td_path) and ctx.get(td_path) is not None:
            ctx.report(
                "RT220",
                f'{name} does not support turn detection: the API answers "Turn detection '
                'is not supported for this transcription model"',
                td_path,
                "set turn_detection: null and commit the input audio buffer from the client",
            )
        # Left at its default, the API accepts it (RT221, retired: a live session showed it).


def languages(ctx: Context) -> None:
    trx = ctx.setting("transcription")
    if not isinstance(trx, dict):
        return
    at = ctx.place("transcription")
    values = []
    if "language" in trx:
        values.append((trx["language"], (*at, "language")))
    values += [(v, (*at, "languages", i)) for i, v in enumerate(trx.get("languages", []))]
    for value, path in values:
        if value in iso639.CODES:
            continue
        guess = iso639.suggestion(value)
        fix = Fix(True, f"write {guess!r}", (Edit(SET, path, guess),)) if guess else None
        hint = f"write {guess!r}" if guess else None
        ctx.report("RT222", f"{value!r} is not an ISO-639-1 language code", path, hint, fix)


def logprobs(ctx: Context) -> None:
    include = ctx.session.get("include") or []
    if _LOGPROBS not in include or isinstance(ctx.setting("transcription"), dict):
        return
    ctx.report(
        "RT223",
        "include asks for transcription logprobs, but input transcription is "
        + ("turned off (null)" if ctx.has(ctx.place("transcription")) else "not configured"),
        ("include", include.index(_LOGPROBS)),
        f"configure {dotted(ctx.place('transcription'))} with a model, or drop this entry",
    )


RULES = [features, languages, logprobs]
