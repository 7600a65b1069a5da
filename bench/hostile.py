"""Bounded cost: time and peak memory of `rtcfg validate` (and render) on hostile inputs.

Run by hand (not a test): python bench/hostile.py
Records one line per input; RESULTS.md keeps the numbers of the last recorded run.
"""

from __future__ import annotations

import os
import resource
import subprocess
import sys
import tempfile
import time

BOMB = "".join(
    f"{name}: &{name} [{', '.join([f'*{prev}'] * 9) if prev else ', '.join(['x'] * 9)}]\n"
    for prev, name in zip(["", "a", "b", "c", "d", "e", "f", "g", "h"], "abcdefghi")
).encode()

INPUTS: dict[str, bytes] = {
    "alias bomb (9^9 nodes)": BOMB,
    "nesting 20,000 deep (YAML)": b"[" * 20000 + b"]" * 20000,
    "nesting 20,000 deep (JSON)": b'{"a":' * 20000 + b"1" + b"}" * 20000,
    "60 MB file": b"a" * (60 * 1024 * 1024),
    "15 MB valid-ish YAML": b"type: realtime\ninstructions: |\n" + b"  line\n" * (15 * 1024 * 1024 // 7),
    "binary 1 MB": os.urandom(1024 * 1024),
    "integer of 5,000 digits": b"type: realtime\nmax_output_tokens: " + b"9" * 5000 + b"\n",
    "100,000 keys": b"type: realtime\nx:\n" + b"".join(b"  k%d: 1\n" % i for i in range(100_000)),
}


def measure(data: bytes, command: str) -> tuple[float, float, int]:
    with tempfile.TemporaryDirectory() as tmp:
        path = os.path.join(tmp, "input.yaml")
        with open(path, "wb") as fh:
            fh.write(data)
        before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
        start = time.perf_counter()
        done = subprocess.run([sys.executable, "-m", "rtcfg", command, path], capture_output=True, check=False)
        elapsed = time.perf_counter() - start
        peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return elapsed, max(peak, before) / 1024, done.returncode


if __name__ == "__main__":
    print(f"{'input':32} {'command':9} {'seconds':>8} {'peak MiB':>9} exit")
    for name, data in INPUTS.items():
        for command in ("validate", "render"):
            seconds, mib, code = measure(data, command)
            print(f"{name:32} {command:9} {seconds:8.2f} {mib:9.0f} {code}")
