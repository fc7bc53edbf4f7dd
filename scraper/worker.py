"""Worker processes fed over pipes by the reactor's own event loop: no pool threads in the crawl process."""
from __future__ import annotations

import asyncio
import collections
import contextlib
import logging
import multiprocessing
import os
import pickle
import signal
import struct
import time
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from multiprocessing.connection import Connection
from typing import Any

HEADER = struct.Struct("!Q")        # a frame: its length in bytes, then one pickle
PIPE_BYTES = 1 << 20                # pipe buffer asked for (Linux F_SETPIPE_SZ): a batch of pages in one write
F_SETPIPE_SZ = 1031                 # fcntl command number (linux/fcntl.h)
CLOSE_WAIT = 10.0                   # seconds a worker gets to finish after its job pipe closes
PICKLE = pickle.HIGHEST_PROTOCOL


class WorkerDied(RuntimeError):
    """The worker process ended (killed, out of memory) before answering."""


class WorkerError(RuntimeError):
    """The called function raised in the worker; the message is its one-line summary."""


Warm = tuple[Callable[..., Any], tuple[Any, ...]] | None   # run once when a worker starts
# Library loggers whose warnings say, without a URL, what the page's recorded outcome says already:
# bs4's "Some characters could not be decoded, and were replaced with REPLACEMENT CHARACTER."
QUIET_LOGGERS = ("bs4.dammit",)


def quiet_libraries() -> None:
    """Keep the QUIET_LOGGERS below ERROR off stderr (in workers and in the crawl process)."""
    for name in QUIET_LOGGERS:
        logging.getLogger(name).setLevel(logging.ERROR)


STOP_SIGNALS = {signal.SIGINT, signal.SIGTERM}
_STARTED: set[_Worker] = set()   # workers of this process not closed yet (kill_all's list)


def _serve(jobs: Connection, answers: Connection, nice: int, warm: Warm) -> None:
    """A worker's main loop: run each (function, args) frame in order, answer (ok, value) frames.

    SIGINT and SIGTERM are ignored (and blocked from the spawn until they are, see _Worker): Ctrl-C
    and a stop sent to the process group (`kill -TERM -<pgid>`, a service manager) reach the workers
    too, and the crawl process decides when the work ends (it closes the job pipe, and the loop ends at
    end of file; a worker that does not finish in CLOSE_WAIT is killed). If the crawl process itself
    dies, the pipe closes all the same.
    """
    for signum in STOP_SIGNALS:
        signal.signal(signum, signal.SIG_IGN)
    if hasattr(signal, "pthread_sigmask"):  # blocked since the spawn (see _Worker): a pending stop is dropped now
        signal.pthread_sigmask(signal.SIG_UNBLOCK, STOP_SIGNALS)
    quiet_libraries()
    if nice and hasattr(os, "nice"):
        os.nice(nice)
    if warm is not None:
        try:
            warm[0](*warm[1])
        except Exception:  # noqa: BLE001, S110 - only a head start: the first real call meets the same error
            pass
    reader = os.fdopen(jobs.fileno(), "rb", closefd=False)
    writer = os.fdopen(answers.fileno(), "wb", buffering=0, closefd=False)
    while True:
        head = reader.read(HEADER.size)
        if len(head) < HEADER.size:
            return
        payload = reader.read(HEADER.unpack(head)[0])
        try:
            func, args = pickle.loads(payload)
            answer: tuple[bool, Any] = (True, func(*args))
            data = pickle.dumps(answer, PICKLE)
        except Exception as exc:  # noqa: BLE001 - reported to the caller as one line, the worker lives on
            data = pickle.dumps((False, f"{type(exc).__name__}: {' '.join(str(exc).split())}"[:300]), PICKLE)
        writer.write(HEADER.pack(len(data)) + data)


class _Answers(asyncio.Protocol):
    """Reads answer frames from one worker and settles its pending calls in order."""

    def __init__(self, worker: _Worker) -> None:
        self.worker = worker
        self.buffer = bytearray()

    def data_received(self, data: bytes) -> None:
        self.buffer += data
        while len(self.buffer) >= HEADER.size:
            size = HEADER.unpack_from(self.buffer)[0]
            if len(self.buffer) < HEADER.size + size:
                return
            frame = bytes(self.buffer[HEADER.size:HEADER.size + size])
            del self.buffer[:HEADER.size + size]
            self.worker.settle(pickle.loads(frame))

    def connection_lost(self, exc: Exception | None) -> None:
        self.worker.lost()


class _Worker:
    """One spawned process and its two pipes; calls are answered in the order they were sent."""

    def __init__(self, ctx: Any, nice: int, warm: Warm) -> None:
        jobs_in, self._jobs = ctx.Pipe(duplex=False)
        self._answers, answers_out = ctx.Pipe(duplex=False)
        _widen_pipe(self._jobs.fileno())
        # spawn, not fork: the parent runs a reactor and threads, which fork would copy mid-flight
        self.process = ctx.Process(target=_serve, args=(jobs_in, answers_out, nice, warm), daemon=True,
                                   name="filmcat-extract")
        with _stop_signals_blocked():
            self.process.start()
        _STARTED.add(self)
        jobs_in.close()
        answers_out.close()
        self.pending: collections.deque[asyncio.Future[Any]] = collections.deque()
        self.transport: asyncio.WriteTransport | None = None
        self.alive = True
        self._connecting: asyncio.Future[None] | None = None

    async def ready(self) -> None:
        """Join the pipes to the running event loop (once; concurrent callers share the wait)."""
        if self._connecting is None:
            self._connecting = asyncio.ensure_future(self._connect())
        await self._connecting

    async def _connect(self) -> None:
        loop = asyncio.get_running_loop()
        self.transport, _ = await loop.connect_write_pipe(asyncio.BaseProtocol, self._jobs)
        await loop.connect_read_pipe(lambda: _Answers(self), self._answers)

    def send(self, func: Callable[..., Any], args: tuple[Any, ...]) -> asyncio.Future[Any]:
        future: asyncio.Future[Any] = asyncio.get_running_loop().create_future()
        data = pickle.dumps((func, args), PICKLE)
        if not self.alive or self.transport is None or self.transport.is_closing():
            future.set_exception(WorkerDied("extraction worker died"))
            return future
        self.pending.append(future)
        self.transport.write(HEADER.pack(len(data)) + data)
        return future

    def settle(self, answer: tuple[bool, Any]) -> None:
        if not self.pending:
            return
        future = self.pending.popleft()
        if future.done():
            return
        ok, value = answer
        if ok:
            future.set_result(value)
        else:
            future.set_exception(WorkerError(value))

    def lost(self) -> None:
        """The answer pipe closed: the process ended; every call still open fails."""
        self.alive = False
        while self.pending:
            future = self.pending.popleft()
            if not future.done():
                future.set_exception(WorkerDied("extraction worker died"))

    async def close(self) -> None:
        if self.transport is not None:
            self.transport.close()  # end of file on the job pipe: the worker's loop ends
        else:  # never used: its pipes never joined the loop
            self._jobs.close()
            self._answers.close()
        deadline = time.monotonic() + CLOSE_WAIT
        while self.process.is_alive() and time.monotonic() < deadline:
            await asyncio.sleep(0.01)
        if self.process.is_alive():
            self.process.kill()  # it ignores SIGTERM (see _serve)
        self.process.join(1)
        _STARTED.discard(self)

    def kill(self) -> None:
        """End the process now (SIGKILL: it ignores SIGTERM) and reap it; no event loop needed."""
        if self.process.is_alive():
            self.process.kill()
        self.process.join(5)
        for end in (self._jobs, self._answers):
            try:
                end.close()
            except OSError:
                pass
        _STARTED.discard(self)


def kill_all() -> int:
    """Kill the workers that were never closed: the reactor stopped at once (a second Ctrl-C)
    before the pipeline could close them. Without this, multiprocessing's exit handler would
    SIGTERM them (ignored, see _serve) and wait for them forever. Returns how many were alive."""
    alive = 0
    for worker in list(_STARTED):
        alive += worker.process.is_alive()
        worker.kill()
    return alive


@contextlib.contextmanager
def _stop_signals_blocked() -> Iterator[None]:
    """Block SIGINT/SIGTERM in this thread while a worker is spawned: the child inherits the mask
    through fork and exec, so a stop sent to the process group while it starts Python and unpickles
    its job (which imports the extractors: seconds on a loaded machine) waits pending until _serve
    ignores it, instead of killing the worker before its first page. The dispositions stay untouched
    here (other threads still take the signal at once; this thread gets it when the mask is restored)."""
    if not hasattr(signal, "pthread_sigmask"):  # Windows: no process groups to signal
        yield
        return
    old = signal.pthread_sigmask(signal.SIG_BLOCK, STOP_SIGNALS)
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, old)


def _widen_pipe(fd: int) -> None:
    """Ask for a 1 MiB pipe buffer (Linux), so a batch of pages is one write, not sixteen."""
    try:
        import fcntl

        fcntl.fcntl(fd, F_SETPIPE_SZ, PIPE_BYTES)
    except (ImportError, OSError):  # not Linux, or above /proc/sys/fs/pipe-max-size: the default stays
        pass


class ProcessWorkers:
    """`await call(func, *args)` in one of `n` worker processes (the least busy one).

    Processes are spawned by start() (call it early: they import and run `warm` while the
    crawl starts up);
    their pipes join the running event loop on the first call. A dead worker fails its open
    calls with WorkerDied and is replaced on the next call.
    """

    def __init__(self, n: int, nice: int = 0, warm: Warm = None) -> None:
        self.n, self.nice, self.warm = max(1, n), nice, warm
        self._ctx = multiprocessing.get_context("spawn")
        self._workers: list[_Worker] = []

    def start(self) -> None:
        while len(self._workers) < self.n:
            self._workers.append(_Worker(self._ctx, self.nice, self.warm))

    async def call(self, func: Callable[..., Any], *args: Any) -> Any:
        worker = await self._pick()
        return await worker.send(func, args)

    async def _pick(self) -> _Worker:
        for dead in [w for w in self._workers if not w.alive]:
            dead.process.join(0)  # reap it
        self._workers = [w for w in self._workers if w.alive]
        self.start()
        worker = min(self._workers, key=lambda w: len(w.pending))
        await worker.ready()
        return worker

    async def close(self) -> None:
        for worker in self._workers:
            await worker.close()
        self._workers = []


class ThreadWorkers:
    """The same interface on threads of this process (small crawls, tests; slower: the GIL)."""

    def __init__(self, n: int) -> None:
        self._executor = ThreadPoolExecutor(max(1, n), thread_name_prefix="filmcat-extract")

    def start(self) -> None:
        pass

    async def call(self, func: Callable[..., Any], *args: Any) -> Any:
        try:
            return await asyncio.wrap_future(self._executor.submit(func, *args))
        except Exception as exc:  # noqa: BLE001 - same contract as ProcessWorkers: a one-line error
            raise WorkerError(f"{type(exc).__name__}: {' '.join(str(exc).split())}"[:300]) from None

    async def close(self) -> None:
        self._executor.shutdown(wait=True, cancel_futures=True)
