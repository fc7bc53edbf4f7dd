"""Pure per-item resolution work shared out over forked processes (contiguous chunks, results in order)."""
from __future__ import annotations

import multiprocessing
import os
import threading
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import Any, TypeVar

T = TypeVar("T")
R = TypeVar("R")

# FILMCAT_RESOLVE_WORKERS: a number of processes, or "auto" (one per idle core up to MAX_WORKERS);
# "1" also keeps a full resolution from starting its twin process (twin.py, on by default: it forks
# before anything is loaded). For the forks after loading made here, unset = serial, since on the
# shared 2-core build machine two processes never measured faster
# (100k: 2.83 vs 2.94 s and 4.30 vs 2.98 s for the scoring, load average 2-3; full 1M resolution
# with scoring and film facts forked: 213.5 s vs 182.9 s serial, load ≈ 2). After a fork of a
# multi-GB heap both processes pay a copy-on-write fault for every page they touch, refcount
# updates included, so the parent's own work (the link write) ran ≈ 2x slower beside the child.
WORKERS_ENV = "FILMCAT_RESOLVE_WORKERS"
MAX_WORKERS = 2     # the build machine has two cores; more processes would only contend
MIN_ITEMS = 40_000  # below this a fork (≈ 20-50 ms plus copying results back) costs more than it saves
CHUNKS = 64         # chunks per task: the processes share them out as they go (balance on a busy machine)
MIN_CHUNK = 500     # items per chunk at least (each chunk costs a lock and, from a child, a pickle)
# a second process only helps when a core is idle: when other processes keep more than
# IDLE_LOAD_MARGIN of a core busy (1-minute load average), the child would just take turns with
# this process (measured: slower than serial)
IDLE_LOAD_MARGIN = 0.7

# what forked children read: set just before the fork, so the items are inherited, never pickled
_TASK: dict[str, Any] = {}


def workers() -> int:
    """Processes to use: the environment's number, one per idle core for "auto", else 1."""
    wanted = os.environ.get(WORKERS_ENV, "").strip()
    if wanted.isdigit() and int(wanted) >= 1:
        return int(wanted)
    if wanted != "auto":
        return 1
    try:
        cores = len(os.sched_getaffinity(0))
    except AttributeError:  # not Linux
        cores = os.cpu_count() or 1
    others = max(0.0, _load() - 1.0)  # the load average counts this process too
    return max(1, min(MAX_WORKERS, cores, int(cores - others + IDLE_LOAD_MARGIN)))


def _load() -> float:
    try:
        return os.getloadavg()[0]
    except OSError:  # not available: assume busy, stay serial
        return float("inf")


def can_fork() -> bool:
    """Forking is safe only without other threads (a lock held by one would stay locked in the child)."""
    return "fork" in multiprocessing.get_all_start_methods() and threading.active_count() == 1


def map_slices(func: Callable[[Sequence[T]], list[R]], items: Sequence[T], min_items: int = MIN_ITEMS,
               pack: Callable[[list[R]], Any] | None = None,
               unpack: Callable[[Any], list[R]] | None = None,
               meanwhile: Callable[[], None] | None = None) -> list[R]:
    """func(items), computed as func over contiguous chunks shared out between this process and
    forked children; the concatenation equals func(items) when func maps each item independently.

    Every process takes the next chunk from a shared counter until none is left, so a child that
    gets little CPU (a busy machine) does little and this process does the rest: never much slower
    than serial. A child's results travel back as pack(result) per chunk and are read as
    unpack(...) (compact encodings pickle far faster than millions of small objects). `meanwhile`
    runs here after the fork, before this process joins in (work that overlaps the children's, such
    as a database write). Small inputs, one worker, or a process with other threads: meanwhile(),
    then plain func(items). A child that dies (killed, out of memory) has its chunks recomputed here.
    """
    n = workers()
    if n < 2 or len(items) < min_items or not can_fork():
        if meanwhile is not None:
            meanwhile()
        return func(items)
    ctx = multiprocessing.get_context("fork")
    size = max(MIN_CHUNK, -(-len(items) // CHUNKS))
    counter = ctx.Value("l", 0)  # next chunk to take; shared memory, inherited by the fork
    _TASK.update(func=func, items=items, pack=pack, size=size, counter=counter)
    parts: dict[int, list[R]] = {}
    try:
        with ProcessPoolExecutor(max_workers=n - 1, mp_context=ctx) as pool:
            futures = [pool.submit(_child) for _ in range(1, n)]
            if meanwhile is not None:
                meanwhile()
            parts.update(_take_chunks(func, items, size, counter))
            for fut in futures:
                try:
                    parts.update((k, unpack(v) if unpack is not None else v) for k, v in fut.result())
                except BrokenProcessPool:
                    pass  # its chunks are missing from `parts`: recomputed below
    finally:
        _TASK.clear()
    out: list[R] = []
    for k in range(-(-len(items) // size)):
        out += parts[k] if k in parts else func(items[k * size:(k + 1) * size])
    return out


def _take_chunks(func: Callable[[Sequence[T]], list[R]], items: Sequence[T], size: int,
                 counter: Any) -> Iterator[tuple[int, list[R]]]:
    """(chunk number, func(chunk)) for every chunk this process takes from the shared counter."""
    while True:
        with counter.get_lock():
            k = counter.value
            counter.value = k + 1
        if k * size >= len(items):
            return
        yield k, func(items[k * size:(k + 1) * size])


def _child() -> list[tuple[int, Any]]:
    func, items, pack = _TASK["func"], _TASK["items"], _TASK["pack"]
    return [(k, pack(out) if pack is not None else out)
            for k, out in _take_chunks(func, items, _TASK["size"], _TASK["counter"])]
