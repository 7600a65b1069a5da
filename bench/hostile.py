"""Bounded cost: time and peak memory of every command on hostile inputs.

Run by hand (not a test): python bench/hostile.py [--markdown]
Each input is made in a temporary folder (some are several files: bases, includes), then
every command runs on it as its own process; the peak memory is that process's own maximum
resident size (wait4). RESULTS.md keeps the numbers of the last recorded run. The bound
every row must stay inside: 10 s and 1 GiB.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

BOMB = "".join(
    f"{name}: &{name} [{', '.join([f'*{prev}'] * 9) if prev else ', '.join(['x'] * 9)}]\n"
    for prev, name in zip(["", "a", "b", "c", "d", "e", "f", "g", "h"], "abcdefghi")
)


def _words(n: int, mark: str = "") -> str:
    return " ".join(f"{mark}w{i}" if i % 3 == 0 else f"w{i}" for i in range(n))


def _fan_out(folder: Path) -> str:
    for i in range(18):  # each file extends the next twice: 2 ** 18 without memory of them
        (folder / f"f{i}.yaml").write_text(f"extends: [f{i + 1}.yaml, f{i + 1}.yaml]\nsession: {{type: realtime}}\n")
    (folder / "f18.yaml").write_text("session: {type: realtime, instructions: hi}\n")
    return "f0.yaml"


def _aliased_include(folder: Path) -> str:
    (folder / "big.md").write_text("x" * (15 * 1024 * 1024))
    aliases = "".join(f"    b{i}: *t\n" for i in range(400))
    (folder / "p.yaml").write_text(
        f"type: realtime\ntracing:\n  workflow_name: w\n  metadata:\n    a: &t !include big.md\n{aliases}"
    )
    return "p.yaml"


def _schema(megabytes: int) -> dict[str, object]:
    count = megabytes * 1024 * 1024 // 40
    properties = {f"p{i}": {"type": "string", "description": "d"} for i in range(count)}
    return {
        "type": "realtime",
        "tools": [{"type": "function", "name": "f", "parameters": {"type": "object", "properties": properties}}],
    }


def _file(name: str, content: Callable[[], str | bytes]) -> Callable[[Path], str]:
    """An input written by a function, made only when its turn comes: a child's peak memory
    (ru_maxrss) starts from this process's size when it forks, so this one stays small."""

    def make(folder: Path) -> str:
        data = content()
        (folder / name).write_bytes(data if isinstance(data, bytes) else data.encode())
        return name

    return make


def _metadata(levels: int) -> str:
    value: object = {"x": 1}
    for _ in range(levels):
        value = {"k": value}
    return json.dumps({"type": "realtime", "tracing": {"workflow_name": "w", "metadata": value}})


INPUTS: dict[str, Callable[[Path], str]] = {
    "alias bomb (9^9 nodes)": _file("p.yaml", lambda: BOMB),
    "nesting 20,000 deep (flow)": _file("p.yaml", lambda: "[" * 20000 + "]" * 20000),
    "nesting 100,000 deep (block - - -)": _file("p.yaml", lambda: "- " * 100_000 + "x\n"),
    "nesting 20,000 deep (JSON)": _file("p.json", lambda: '{"a":' * 20000 + "1" + "}" * 20000),
    "JSON metadata 300 deep": _file("p.json", lambda: _metadata(300)),
    "60 MB file": _file("p.yaml", lambda: b"a" * (60 * 1024 * 1024)),
    "15 MB valid-ish YAML": _file(
        "p.yaml", lambda: b"type: realtime\ninstructions: |\n" + b"  line\n" * (15 * 1024 * 1024 // 7)
    ),
    "binary 1 MB": _file("p.yaml", lambda: os.urandom(1024 * 1024)),
    "integer of 5,000 digits": _file("p.yaml", lambda: "type: realtime\nmax_output_tokens: " + "9" * 5000 + "\n"),
    "bad tag values": _file("p.yaml", lambda: "type: realtime\ninstructions: !!timestamp 2001-13-45\n"),
    "100,000 keys (nested)": _file(
        "p.yaml", lambda: "type: realtime\nx:\n" + "".join(f"  k{i}: 1\n" for i in range(100_000))
    ),
    "30,000 unknown keys (330 KB)": _file(
        "p.yaml", lambda: "type: realtime\n" + "".join(f"k{i}: 1\n" for i in range(30_000))
    ),
    "22 KB single-line instructions": _file("p.yaml", lambda: f"type: realtime\ninstructions: '{_words(3000)}'\n"),
    "extends fan-out (18 files, each twice)": _fan_out,
    "15 MB include aliased 400 times": _aliased_include,
    "13 MB parameters schema": _file("p.json", lambda: json.dumps(_schema(10))),
}
# diff compares the input with a changed copy where one is made; else with itself
OTHER: dict[str, Callable[[Path], str]] = {
    "22 KB single-line instructions": _file("q.yaml", lambda: f"type: realtime\ninstructions: '{_words(3000, 'z')}'\n"),
}
COMMANDS = ("validate", "render", "show", "diff", "migrate", "explain")


def measure(folder: Path, argv: list[str]) -> tuple[float, float, int]:
    start = time.perf_counter()
    proc = subprocess.Popen(
        [sys.executable, "-m", "rtcfg", *argv], cwd=folder, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    _, status, usage = os.wait4(proc.pid, 0)
    elapsed = time.perf_counter() - start
    return elapsed, usage.ru_maxrss / 1024, os.waitstatus_to_exitcode(status)


def main() -> None:
    markdown = "--markdown" in sys.argv
    print(
        "| input | command | seconds | peak MiB | exit |\n|---|---|---:|---:|---:|"
        if markdown
        else f"{'input':42} {'command':9} {'seconds':>8} {'peak MiB':>9} exit"
    )
    worst = (0.0, 0.0)
    for name, make in INPUTS.items():
        with tempfile.TemporaryDirectory() as tmp:
            folder = Path(tmp)
            target = make(folder)
            other = OTHER[name](folder) if name in OTHER else target
            for command in COMMANDS:
                argv = {
                    "diff": ["diff", target, other],
                    "explain": ["explain", "Unknown parameter: 'session.x'.", target],
                }.get(command, [command, target])
                seconds, mib, code = measure(folder, argv)
                worst = (max(worst[0], seconds), max(worst[1], mib))
                if markdown:
                    print(f"| {name} | {command} | {seconds:.2f} | {mib:.0f} | {code} |")
                else:
                    print(f"{name:42} {command:9} {seconds:8.2f} {mib:9.0f} {code}")
    print(f"\nworst: {worst[0]:.2f} s, {worst[1]:.0f} MiB (bound: 10 s, 1024 MiB)")


if __name__ == "__main__":
    main()
