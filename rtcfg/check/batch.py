"""Many profiles in one run: in order, in flat memory, on every core when it pays.

Work goes to a process pool only above PARALLEL_FROM files: below that, starting the
workers costs more than it saves. The garbage collector is kept out of a batch's way (it
finds almost no cycles in parsed profiles, yet its passes were a third of the load time),
and every result is slimmed to its diagnostics before the next file is read.
"""

from __future__ import annotations

import gc
import os
import signal
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

from rtcfg.check import pipeline
from rtcfg.check.pipeline import Options
from rtcfg.check.result import Profile
from rtcfg.core.diagnostics import Diagnostic, Severity

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


Work = tuple[str, Options]  # a file and how to check it


def _check_chunk(items: list[Work]) -> list[Profile]:
    return [_check(item) for item in items]


def _worker_init() -> None:
    gc.disable()
    # Ctrl-C is the parent's to handle: a worker that took it too would print a traceback.
    signal.signal(signal.SIGINT, signal.SIG_IGN)


def check_paths(
    paths: list[str],
    options: Options | Callable[[str], Options],
    *,
    jobs: int | None = None,
    stdin: Callable[[], Profile] | None = None,
) -> Iterator[Profile]:
    """Slim profiles for `paths`, in order ("-" is read by `stdin()` in this process).
    `options` is one for all, or each file's own (a project configures paths apart)."""
    options_for = options if callable(options) else (lambda _path, same=options: same)
    workers = jobs_for(len(paths), jobs)
    with _quiet_gc():
        if workers == 1:
            for path in paths:
                yield stdin().slim() if path == "-" and stdin else _check((path, options_for(path)))
            return
        yield from _parallel(paths, options_for, workers, stdin)


def _parallel(
    paths: list[str], options_for: Callable[[str], Options], workers: int, stdin: Callable[[], Profile] | None
) -> Iterator[Profile]:
    # fork shares the imported models and built validators with the workers for free;
    # where it is not available (macOS, Windows), spawn starts them afresh.
    import multiprocessing

    method = "fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn"
    context: Any = multiprocessing.get_context(method)
    pipeline.warm_up()  # build the validators once, before the fork
    items = [(p, options_for(p)) for p in paths if p != "-"]
    chunks = [items[i : i + _CHUNK] for i in range(0, len(items), _CHUNK)]
    checked = (profile for chunk in _chunk_results(chunks, workers, context) for profile in chunk)
    for n, path in enumerate(paths, start=1):
        yield stdin().slim() if path == "-" and stdin else next(checked)
        if n % _COLLECT_EVERY == 0:
            gc.collect()  # the pool's own bookkeeping makes cycles


def _chunk_results(chunks: list[list[Work]], workers: int, context: Any) -> Iterator[list[Profile]]:
    """Each chunk's profiles, in order, on `workers` processes, surviving a worker that dies.

    A process pool whose worker dies (a crash in a C extension, the kernel's OOM killer)
    fails every task it still had. The chunks that were in flight then are checked again,
    one file at a time in a watched process, which names the file that kills it; the
    others go to a new pool. Each round finishes at least one chunk: the run always ends."""
    from concurrent.futures import ProcessPoolExecutor
    from concurrent.futures.process import BrokenProcessPool

    done: dict[int, list[Profile]] = {}
    pending = list(range(len(chunks)))
    ready = 0  # the next chunk to give out
    while pending:
        broken: list[int] = []
        finished = False
        pool = ProcessPoolExecutor(workers, mp_context=context, initializer=_worker_init)
        try:
            futures = [(i, pool.submit(_check_chunk, chunks[i])) for i in pending]
            for i, future in futures:
                try:
                    done[i] = future.result()
                except BrokenProcessPool:
                    broken.append(i)
                while ready in done:
                    yield done.pop(ready)
                    ready += 1
            finished = True
        finally:
            # On Ctrl-C or a closed output: drop what has not started, and wait for the
            # chunks under way (workers ignore Ctrl-C; a chunk is 16 files). Not waiting
            # leaves the pool's exit hook writing to a closed pipe, a traceback at exit.
            pool.shutdown(wait=True, cancel_futures=not finished)
        # At most 2 * workers + 1 chunks are in flight at once (running, or queued for the
        # workers): the one that killed the pool is among the first that failed.
        in_flight, pending = broken[: 2 * workers + 1], broken[2 * workers + 1 :]
        for i in in_flight:
            done[i] = list(_one_by_one(chunks[i], context))
        while ready in done:
            yield done.pop(ready)
            ready += 1


def _one_by_one(files: list[Work], context: Any) -> Iterator[Profile]:
    """Check `files` in a child process that sends each result as it is made; when the
    child dies, the file it was on is reported with how it died, and a new child goes on."""
    start = 0
    while start < len(files):
        receiving, sending = context.Pipe(duplex=False)
        child = context.Process(target=_send_each, args=(files[start:], sending), daemon=True)
        child.start()
        sending.close()  # the child holds the only writing end: its death is an EOF here
        try:
            while start < len(files):
                try:
                    profile = receiving.recv()
                except EOFError:
                    break
                yield profile
                start += 1
        finally:
            receiving.close()
            child.join()
        if start < len(files):
            yield _died(files[start][0], child.exitcode)
            start += 1


def _send_each(files: list[Work], sending: Any) -> None:
    _worker_init()
    for item in files:
        sending.send(_check(item))
    sending.close()


def _died(path: str, exitcode: int | None) -> Profile:
    if exitcode is not None and exitcode < 0:
        try:
            how = f"killed by {signal.Signals(-exitcode).name}"
        except ValueError:
            how = f"killed by signal {-exitcode}"
    else:
        how = f"ended with status {exitcode}"
    hint = (
        "the machine ran out of memory, or rtcfg or a library it uses crashed on this file; "
        "please report it with the file"
    )
    message = f"could not be checked: the process checking it died ({how})"
    return Profile(path, (Diagnostic(Severity.ERROR, "RT009", message, (), path, 1, 1, hint),), unreadable=True)
