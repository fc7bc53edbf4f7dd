"""Pure per-item resolution work split over forked processes (contiguous slices, results in order)."""
from __future__ import annotations

import multiprocessing
import os
import threading
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import Any, TypeVar

T = TypeVar("T")
R = TypeVar("R")

# FILMCAT_RESOLVE_WORKERS: a number of processes, or "auto" (one per idle core up to MAX_WORKERS);
# unset = serial, since on the shared 2-core build machine two processes never measured faster
# (100k: 2.83 vs 2.94 s and 4.30 vs 2.98 s for the scoring, load average 2-3)
WORKERS_ENV = "FILMCAT_RESOLVE_WORKERS"
MAX_WORKERS = 2     # the build machine has two cores; more processes would only contend
MIN_ITEMS = 40_000  # below this a fork (≈ 20-50 ms plus copying results back) costs more than it saves
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
               unpack: Callable[[Any], list[R]] | None = None, share: float | None = None,
               meanwhile: Callable[[], None] | None = None) -> list[R]:
    """func(items), computed as func over contiguous slices, the first in this process and the others
    in forked children; the concatenation equals func(items) when func maps each item independently.

    A child's result travels back as pack(result) and is read as unpack(...) (compact encodings
    pickle far faster than millions of small objects). `share` is this process's part of the items
    (default: an equal part; less when it has other work or reads the children's results back);
    `meanwhile` runs here after the fork and before this process's own slice (work that overlaps the
    children's, such as a database write). Small inputs, one worker, or a process with other
    threads: meanwhile(), then plain func(items). A child that dies (killed, out of memory) has its
    slice recomputed here.
    """
    n = workers()
    if n < 2 or len(items) < min_items or not can_fork():
        if meanwhile is not None:
            meanwhile()
        return func(items)
    bounds = _bounds(len(items), n, share)
    _TASK.update(func=func, items=items, pack=pack)
    try:
        with ProcessPoolExecutor(max_workers=n - 1, mp_context=multiprocessing.get_context("fork")) as pool:
            futures = [pool.submit(_child, bounds[k], bounds[k + 1]) for k in range(1, n)]
            if meanwhile is not None:
                meanwhile()
            out = func(items[bounds[0]:bounds[1]])
            for k, fut in enumerate(futures, start=1):
                try:
                    part = fut.result()
                    out += unpack(part) if unpack is not None else part
                except BrokenProcessPool:
                    out += func(items[bounds[k]:bounds[k + 1]])
    finally:
        _TASK.clear()
    return out


def _bounds(size: int, n: int, share: float | None) -> list[int]:
    """Slice bounds: the first slice `share` of `size` (default 1/n), the rest split equally."""
    first = size // n if share is None else round(size * min(1.0, max(0.0, share)))
    return [0, *(first + (size - first) * k // (n - 1) for k in range(n))]


def _child(start: int, stop: int) -> Any:
    func, items, pack = _TASK["func"], _TASK["items"], _TASK["pack"]
    out = func(items[start:stop])
    return pack(out) if pack is not None else out
