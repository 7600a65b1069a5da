"""A deterministic corpus of realistic profiles for the speed benchmark.

    python bench/corpus.py OUT_DIR [--count 1000] [--seed 7] [--large 3]

Writes COUNT profiles (about 80% GA, 20% beta; bare sessions and envelopes; instructions
of 1-20 KB; 0-40 function tools with real JSON Schema parameters), plus LARGE big ones
(200 KB instructions, 500 tools, about 1 MB). The same seed gives the same files.
"""

from __future__ import annotations

import argparse
import json
import random
from pathlib import Path
from typing import Any

WORDS = (
    "caller order refund ticket appointment address confirm politely briefly summary language "
    "customer schedule delivery product account balance transfer verify identity repeat clarify "
    "escalate human agent minute second option number street city postcode weekday tomorrow"
).split()
GA_VOICES = ["alloy", "ash", "ballad", "coral", "echo", "sage", "shimmer", "verse", "marin", "cedar"]
BETA_VOICES = GA_VOICES[:8]


def _text(rng: random.Random, size: int) -> str:
    words, n = [], 0
    while n < size:
        sentence = " ".join(rng.choice(WORDS) for _ in range(rng.randint(6, 16))).capitalize() + "."
        words.append(sentence)
        n += len(sentence) + 1
        if rng.random() < 0.1:
            words.append("\n")
    return " ".join(words)[:size].rstrip() + "\n"


def _tool(rng: random.Random, i: int) -> dict[str, Any]:
    props = {}
    for j in range(rng.randint(1, 6)):
        kind = rng.choice(["string", "integer", "boolean", "enum"])
        prop: dict[str, Any] = {"type": "string", "enum": ["a", "b", "c"]} if kind == "enum" else {"type": kind}
        prop["description"] = _text(rng, rng.randint(20, 80)).strip()
        props[f"arg_{j}"] = prop
    required = sorted(rng.sample(sorted(props), k=rng.randint(0, len(props))))
    return {
        "type": "function",
        "name": f"tool_{i}_{rng.choice(WORDS)}",
        "description": _text(rng, rng.randint(40, 200)).strip(),
        "parameters": {"type": "object", "properties": props, "required": required, "additionalProperties": False},
    }


def ga_session(rng: random.Random, instructions: int, tools: int) -> dict[str, Any]:
    telephony = rng.random() < 0.3
    fmt = {"type": "audio/pcmu"} if telephony else {"type": "audio/pcm", "rate": 24000}
    vad: dict[str, Any] = (
        {"type": "server_vad", "threshold": round(rng.uniform(0.3, 0.8), 2), "silence_duration_ms": 500}
        if rng.random() < 0.5
        else {"type": "semantic_vad", "eagerness": rng.choice(["low", "medium", "high", "auto"])}
    )
    session: dict[str, Any] = {
        "type": "realtime",
        "model": rng.choice(["gpt-realtime-2.1", "gpt-realtime-2.1-mini", "gpt-realtime-1.5"]),
        "output_modalities": ["audio"],
        "instructions": _text(rng, instructions),
        "audio": {
            "input": {
                "format": fmt,
                "transcription": {"model": "gpt-transcribe", "language": "en"},
                "turn_detection": vad,
            },
            "output": {"format": fmt, "voice": rng.choice(GA_VOICES)},
        },
        "max_output_tokens": rng.choice([512, 1024, 4096, "inf"]),
    }
    if tools:
        session["tools"] = [_tool(rng, i) for i in range(tools)]
        session["tool_choice"] = "auto"
    return session


def beta_session(rng: random.Random, instructions: int, tools: int) -> dict[str, Any]:
    fmt = rng.choice(["pcm16", "g711_ulaw"])
    session: dict[str, Any] = {
        "modalities": ["audio", "text"],
        "instructions": _text(rng, instructions),
        "voice": rng.choice(BETA_VOICES),
        "input_audio_format": fmt,
        "output_audio_format": fmt,
        "turn_detection": {"type": "server_vad", "threshold": 0.5, "silence_duration_ms": 500},
        "temperature": 0.8,
    }
    if tools:
        session["tools"] = [_tool(rng, i) for i in range(tools)]
    return session


def _dump(doc: dict[str, Any], rng: random.Random) -> str:
    import yaml

    return yaml.safe_dump(doc, sort_keys=False, allow_unicode=True, width=100)


def write_corpus(out: Path, count: int, seed: int = 7, large: int = 3) -> list[Path]:
    rng = random.Random(seed)
    out.mkdir(parents=True, exist_ok=True)
    paths = []
    for i in range(count):
        beta = rng.random() < 0.2
        instructions = rng.randint(1_000, 20_000)
        tools = min(40, int(rng.expovariate(1 / 6)))
        session = (beta_session if beta else ga_session)(rng, instructions, tools)
        doc = (
            {"description": f"generated profile {i}", "api": "beta", "session": session}
            if beta
            else ({"description": f"generated profile {i}", "session": session} if rng.random() < 0.5 else session)
        )
        path = out / (f"p{i:05d}.json" if rng.random() < 0.1 else f"p{i:05d}.yaml")
        path.write_text(json.dumps(doc, indent=1) if path.suffix == ".json" else _dump(doc, rng))
        paths.append(path)
    for i in range(large):
        session = ga_session(rng, 200_000, 500)
        path = out / f"large{i}.yaml"
        path.write_text(_dump({"description": "a large profile", "session": session}, rng))
        paths.append(path)
    return paths


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--count", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--large", type=int, default=3)
    args = parser.parse_args()
    files = write_corpus(args.out, args.count, args.seed, args.large)
    total = sum(p.stat().st_size for p in files)
    print(f"{len(files)} files, {total / 1e6:.1f} MB in {args.out}")
