"""Many profiles in one run: in order, in flat memory, on every core when it pays.

Work goes to a process pool only above PARALLEL_FROM files: below that, starting the
workers costs more than it saves. The garbage collector is kept out of a batch's way (it
finds almost no cycles in parsed profiles, yet its passes were a third of the load time),
and every result is slimmed to its diagnostics before the next file is read.
"""

from __future__ import annotations

import gc
import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

from rtcfg import pipeline
from rtcfg.pipeline import Options, Profile

PARALLEL_FROM = 48  # files; measured in bench/RESULTS.md
# Files per task: 16 halved the parent's CPU in the pool's helper threads against 8 (0.14 s
# -> 0.09 s for 1,000 files), and 1,000 files still make 60 tasks to balance.
_CHUNK = 16
_COLLECT_EVERY = 1000  # files between the collections we still allow


def jobs_for(count: int, jobs: int | None) -> int:
    """How many processes: 1 below the threshold; `jobs` if given, else the cores we may use."""
    if jobs is not None and jobs > 0:
        return jobs
    if count < PARALLEL_FROM:
        return 1
    try:
        cores = len(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        cores = os.cpu_count() or 1
    return max(1, min(cores, count // _CHUNK))


@contextmanager
def _quiet_gc() -> Iterator[None]:
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


_checked = 0  # in this process, for the occasional collection


def _check(args: tuple[str, Options]) -> Profile:
    global _checked  # noqa: PLW0603 - a per-process counter is what this is
    path, options = args
    _checked += 1
    if _checked % _COLLECT_EVERY == 0:
        gc.collect()  # a rare full pass: cycles (tracebacks in errors) are few but not none
    return pipeline.check_path(path, options).slim()


def _worker_init() -> None:
    gc.disable()


def check_paths(
    paths: list[str], options: Options, *, jobs: int | None = None, stdin: Callable[[], Profile] | None = None
) -> Iterator[Profile]:
    """Slim profiles for `paths`, in order ("-" is read by `stdin()` in this process)."""
    workers = jobs_for(len(paths), jobs)
    with _quiet_gc():
        if workers == 1:
            for path in paths:
                yield stdin().slim() if path == "-" and stdin else _check((path, options))
            return
        yield from _parallel(paths, options, workers, stdin)


def _parallel(
    paths: list[str], options: Options, workers: int, stdin: Callable[[], Profile] | None
) -> Iterator[Profile]:
    # fork shares the imported models and built validators with the workers for free;
    # where it is not available (macOS, Windows), spawn starts them afresh.
    import multiprocessing

    method = "fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn"
    context: Any = multiprocessing.get_context(method)
    pipeline.warm_up()  # build the validators once, before the fork
    files = [p for p in paths if p != "-"]
    with context.Pool(workers, initializer=_worker_init) as pool:
        results = pool.imap(_check, ((p, options) for p in files), chunksize=_CHUNK)
        for n, path in enumerate(paths, start=1):
            yield stdin().slim() if path == "-" and stdin else next(results)
            if n % _COLLECT_EVERY == 0:
                gc.collect()  # the pool's own bookkeeping makes cycles
