"""The speed benchmark: rtcfg against what a user would pick instead, in one run.

    pip install -e ".[test,bench]"
    python bench/speed.py                 # the full run recorded in bench/RESULTS.md
    python bench/speed.py --tiny          # a few files, seconds: what CI runs so this cannot rot

Generates a deterministic corpus (bench/corpus.py), then times, interleaved and several
times each, every command below as a separate process, and reports medians, ratios and
peak memory (the child's maximum resident size from wait4). Not a test: nothing here is
asserted; RESULTS.md keeps the numbers and the machine they came from.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from corpus import ga_session, write_corpus  # noqa: E402

PY = sys.executable

MINIMAL_APP = """
import sys
import typer, yaml, pydantic

app = typer.Typer()

class Session(pydantic.BaseModel):
    type: str

@app.command()
def check(path: str) -> None:
    with open(path) as fh:
        data = yaml.load(fh, Loader=yaml.CSafeLoader)
    Session.model_validate(data.get("session", data))

app()
"""

FLOOR = """
import sys, yaml
for path in sys.argv[1:]:
    with open(path, "rb") as fh:
        yaml.load(fh.read().decode(), Loader=yaml.CSafeLoader)
"""


# Installed packages come with their bytecode compiled; a run without it (as when
# PYTHONDONTWRITEBYTECODE is set in a container) measures the compiler, not the tools.
ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}


def run(cmd: list[str]) -> tuple[float, float, int]:
    """Wall seconds, peak MiB and exit status of one command."""
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=ENV)
    _, status, usage = os.wait4(proc.pid, 0)
    elapsed = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    return elapsed, usage.ru_maxrss / 1024, proc.returncode


WARM_UP = True  # off for --tiny, which only proves the script runs


def measure(
    commands: dict[str, list[str]], repeats: int, fewer: dict[str, int] | None = None
) -> dict[str, dict[str, Any]]:
    """Interleaved: every round runs each command once, so drift hits all of them alike.

    `fewer` caps the rounds of slow commands (check-jsonschema over 1,000 files takes half
    a minute): they run in the first rounds only, the others in every round. Each result
    keeps its per-round times, so that two commands can be compared round by round.
    """
    fewer = fewer or {}
    for cmd in commands.values() if WARM_UP else ():
        run(cmd)  # warm-up: bytecode written, files in the page cache
    times: dict[str, list[float]] = {name: [] for name in commands}
    peaks: dict[str, float] = dict.fromkeys(commands, 0.0)
    codes: dict[str, int] = {}
    for round_ in range(repeats):
        for name, cmd in commands.items():
            if round_ >= fewer.get(name, repeats):
                continue
            seconds, mib, code = run(cmd)
            times[name].append(seconds)
            peaks[name] = max(peaks[name], mib)
            codes[name] = code
    return {
        name: {
            "median": statistics.median(times[name]),
            "min": min(times[name]),
            "peak_mib": peaks[name],
            "exit": codes[name],
            "rounds": times[name],
        }
        for name in commands
    }


def paired(a: dict[str, Any], b: dict[str, Any]) -> float:
    """The median over rounds of a/b, both timed in the same round: a slow spell of the
    machine (this container's timings drift by 10-20%) hits both sides of each ratio."""
    return statistics.median(x / y for x, y in zip(a["rounds"], b["rounds"]))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tiny", action="store_true", help="a handful of files and one repeat (CI)")
    parser.add_argument("--count", type=int, default=1000)
    parser.add_argument("--repeats", type=int, default=11, help="rounds (one-file commands: twice as many)")
    parser.add_argument("--slow-repeats", type=int, default=5, help="rounds of check-jsonschema over the corpus")
    parser.add_argument("--scale", default="100,1000,10000", help="file counts for the memory check")
    parser.add_argument("--json", type=Path, help="also write the raw results here")
    args = parser.parse_args()
    if args.tiny:
        global WARM_UP
        args.count, args.repeats, args.slow_repeats, args.scale, WARM_UP = 12, 1, 1, "4", False

    work = Path(tempfile.mkdtemp(prefix="rtcfg-bench-"))
    try:
        results = bench(work, args)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    report(results, args)
    if args.json:
        args.json.write_text(json.dumps(results, indent=2))


def bench(work: Path, args: argparse.Namespace) -> dict[str, Any]:
    corpus = work / "corpus"
    files = [str(p) for p in write_corpus(corpus, args.count, large=0 if args.tiny else 3)]
    schema = work / "ga.schema.json"
    schema.write_text(subprocess.run([PY, "-m", "rtcfg", "schema"], capture_output=True, text=True, check=True).stdout)
    (work / "minimal_app.py").write_text(MINIMAL_APP)
    (work / "floor.py").write_text(FLOOR)
    cjs = shutil.which("check-jsonschema")
    # The console script users run (python -m adds runpy); compile rtcfg as an install would.
    rtcfg = [shutil.which("rtcfg") or ""] if shutil.which("rtcfg") else [PY, "-m", "rtcfg"]
    import compileall

    import rtcfg as package

    compileall.compile_dir(str(Path(package.__file__).parent), quiet=1)

    many = {
        "rtcfg validate (auto)": [*rtcfg, "validate", "--format", "json", str(corpus)],
        "rtcfg validate -j 1": [*rtcfg, "validate", "--format", "json", "-j", "1", str(corpus)],
        "C-loader parse, one process": [PY, str(work / "floor.py"), *files],
    }
    if cjs:
        many["check-jsonschema"] = [cjs, "--schemafile", str(schema), *files]
    one_file = files[0]
    one = {
        "rtcfg validate (1 file)": [*rtcfg, "validate", "--format", "json", one_file],
        "minimal typer+yaml+pydantic app": [PY, str(work / "minimal_app.py"), one_file],
        "python -c pass": [PY, "-c", "pass"],
    }
    if cjs:
        one["check-jsonschema (1 file)"] = [cjs, "--schemafile", str(schema), one_file]

    big = []
    for name, seed in (("big_a.yaml", 1), ("big_b.yaml", 2)):
        import random

        import yaml

        size, tools = (20_000, 10) if args.tiny else (600_000, 300)
        session = ga_session(random.Random(seed), size, tools)
        path = work / name
        path.write_text(yaml.safe_dump({"session": session}, sort_keys=False))
        big.append(str(path))
    pair = {
        "rtcfg diff (two ~1 MB)": [*rtcfg, "diff", "--format", "json", *big],
        "rtcfg validate (the same two)": [*rtcfg, "validate", "--format", "json", "-j", "1", *big],
    }

    scale = {}
    for count in (int(n) for n in args.scale.split(",")):
        folder = work / f"scale{count}"
        write_corpus(folder, count, seed=11, large=0)
        scale[count] = measure({"rtcfg validate": [*rtcfg, "validate", "--format", "json", str(folder)]}, 1)[
            "rtcfg validate"
        ]
        shutil.rmtree(folder)

    return {
        "machine": f"{platform.platform()}; {os.cpu_count()} CPUs; Python {platform.python_version()}",
        "corpus": {"files": len(files), "megabytes": round(sum(os.path.getsize(f) for f in files) / 1e6, 1)},
        "many": measure(many, args.repeats, fewer={"check-jsonschema": args.slow_repeats}),
        "one": measure(one, args.repeats if args.tiny else args.repeats * 2),
        "pair": measure(pair, args.repeats),
        "scale": scale,
    }


def report(r: dict[str, Any], args: argparse.Namespace) -> None:
    def table(title: str, rows: dict[str, dict[str, float]]) -> None:
        print(f"\n{title}\n")
        print("| command | median s | min s | peak MiB | exit |")
        print("|---|---:|---:|---:|---:|")
        for name, m in rows.items():
            print(f"| {name} | {m['median']:.3f} | {m['min']:.3f} | {m['peak_mib']:.0f} | {m['exit']:.0f} |")

    print(f"machine: {r['machine']}")
    print(f"corpus: {r['corpus']['files']} files, {r['corpus']['megabytes']} MB; {args.repeats} interleaved rounds")
    table("Many files", r["many"])
    table("One file", r["one"])
    table("Two large profiles", r["pair"])
    print("\nMemory as the file count grows (one run each)\n")
    print("| files | seconds | peak MiB |")
    print("|---:|---:|---:|")
    for count, m in r["scale"].items():
        print(f"| {count} | {m['median']:.2f} | {m['peak_mib']:.0f} |")

    many, one, pair = r["many"], r["one"], r["pair"]
    print("\nTargets (ratios from this run: of the medians, and the median of the per-round ratios)\n")

    def target(label: str, a: dict[str, Any], b: dict[str, Any], goal: str) -> None:
        print(f"- {label}: {a['median'] / b['median']:.2f}x (paired {paired(a, b):.2f}x; target {goal})")

    auto, single = many["rtcfg validate (auto)"], many["rtcfg validate -j 1"]
    if "check-jsonschema" in many:
        target("check-jsonschema / rtcfg, many files", many["check-jsonschema"], auto, ">= 15")
    target("rtcfg / C-loader parse in one process", auto, many["C-loader parse, one process"], "<= 1.3")
    target("rtcfg -j 1 / rtcfg auto", single, auto, ">= 1.6 on two cores")
    rt1 = one["rtcfg validate (1 file)"]
    if "check-jsonschema (1 file)" in one:
        target("rtcfg / check-jsonschema, one file", rt1, one["check-jsonschema (1 file)"], "<= 0.5")
    target("rtcfg / minimal typer app, one file", rt1, one["minimal typer+yaml+pydantic app"], "<= 1.3")
    diff, load = pair["rtcfg diff (two ~1 MB)"], pair["rtcfg validate (the same two)"]
    target("rtcfg diff / loading the same two", diff, load, "<= 2")


if __name__ == "__main__":
    main()
