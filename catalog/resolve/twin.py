"""A twin process forked at the start of a full resolution, before anything is loaded: it reads the catalogue itself and shares chunked work over a pipe."""
from __future__ import annotations

import ctypes
import multiprocessing
import os
import pickle
import queue
import signal
import threading
from array import array
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager, suppress
from typing import Any, TypeVar

from sqlalchemy import Connection
from sqlalchemy.engine import URL

R = TypeVar("R")

# FILMCAT_RESOLVE_WORKERS=1 forces the serial run; any other value (unset, "auto", a number) starts
# the twin for catalogues of at least MIN_REVIEWS reviews on a machine with two cores or more
# (decided by measurement: see docs/resolution.md, "Synthetic scale"). No other process is forked:
# forks after loading measured slower than serial (copy-on-write faults on a multi-GB heap).
WORKERS_ENV = "FILMCAT_RESOLVE_WORKERS"
MIN_REVIEWS = 50_000
TASKS = 4          # chunked tasks of one run (one shared counter each)
LOCK_S = 30.0      # longest wait for the shared counter's lock (a twin killed while holding it)
POLL_S = 0.1       # how often a thread taking the twin's messages looks whether it should stop (s)
STOP_S = 5.0       # how long closing waits for the reader and writer threads to see the pipe close (s)
PR_SET_PDEATHSIG = 1  # prctl(2): the signal a process gets when its parent dies
# the twin's scheduling priority below its parent's: it repeats the parent's loading, so on a busy
# machine it must take only idle CPU (nice 10 gets ≈ 1/10 of a nice-0 process's share of a core)
TWIN_NICE = 10

Job = Callable[["Child"], None]


class TwinLost(Exception):
    """The twin died, hung or read other rows: what it would have computed is computed here."""


def wanted(conn: Connection, reviews: int) -> bool:
    """Whether a full resolution of `reviews` reviews on this connection starts a twin."""
    setting = os.environ.get(WORKERS_ENV, "").strip()
    if setting == "1" or reviews < MIN_REVIEWS or not can_fork() or _cores() < 2:
        return False
    return conn.dialect.name != "sqlite" or _sqlite_file(conn.engine.url)


def can_fork() -> bool:
    """Forking is safe only without other threads (a lock held by one would stay locked in the child)."""
    return "fork" in multiprocessing.get_all_start_methods() and threading.active_count() == 1


def _cores() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not Linux
        return os.cpu_count() or 1


def _sqlite_file(url: URL) -> bool:
    """An SQLite database a second connection reaches (not in-memory, which is private to its connection)."""
    db = url.database or ""
    return bool(db) and ":memory:" not in db and "mode=memory" not in db and url.query.get("mode") != "memory"


class Twin:
    """The parent's side: the twin's pid, the pipe, a reader thread filling `inbox`, shared counters."""

    def __init__(self, pid: int, chan: Any, counters: Any) -> None:
        self.pid, self.chan, self.counters = pid, chan, counters
        self.alive = True
        self.checked: Callable[[Any], bool] | None = None  # judges the twin's "ready" message
        self.ready = False
        self.delivered: dict[int, float] = {}  # task → share of its chunks the twin delivered
        self.early: dict[str, Any] = {}  # results of other tags that came while chunks were taken in (`taking`)
        # raw messages (None: the pipe closed); unpickled by the main thread, since a reader thread
        # unpickling would hold the GIL against the main thread's database writes
        self.inbox: queue.Queue[bytes | None] = queue.Queue()
        self._reader = threading.Thread(target=self._read, name="filmcat-twin-reader", daemon=True)
        self._reader.start()
        self._writers: list[threading.Thread] = []

    def _read(self) -> None:
        try:
            while True:
                self.inbox.put(self.chan.recv_bytes())
        except (EOFError, OSError):
            self.inbox.put(None)

    def send(self, tag: str, payload: Any) -> None:
        """A message to the twin, written by a thread of its own: the twin reads it only when it is
        done with its current task, and this process must not wait for that."""
        if not self.alive:
            return
        data = pickle.dumps((tag, payload), protocol=pickle.HIGHEST_PROTOCOL)
        writer = threading.Thread(target=self._write, args=(data,), name="filmcat-twin-writer", daemon=True)
        writer.start()
        self._writers.append(writer)

    def _write(self, data: bytes) -> None:
        # the twin gone (EPIPE) or the pipe closed by close() while writing: nothing left to do
        with suppress(OSError, ValueError, TypeError):
            self.chan.send_bytes(data)

    def share(self, task: int, n: int, local: Callable[[int], R], unpack: Callable[[Any], R],
              meanwhile: Callable[[], None] | None = None, each: Callable[[R], None] | None = None) -> list[R]:
        """[local(k) for k in range(n)], chunks taken from a shared counter by this process and the
        twin (which sends its results packed); `meanwhile` runs first, while the twin is ahead;
        each(chunk), if given, is called in chunk order as soon as every earlier chunk is there.

        This process never waits for the twin: once every chunk is claimed, a chunk the twin has not
        delivered yet (the one it is working on, or all of them if it died, hung or read other rows)
        is computed here, so a twin starved of CPU costs at most one chunk twice.
        """
        if meanwhile is not None:
            meanwhile()
        parts: dict[int, R] = {}
        mine = []
        done = 0  # chunks handed to `each`

        def hand_on() -> None:
            nonlocal done
            while each is not None and done in parts:
                each(parts[done])
                done += 1

        for k in self._take(task, n):
            parts[k] = local(k)
            mine.append(k)
            self._receive(task, parts, unpack)
            hand_on()
        self._receive(task, parts, unpack)
        self.delivered[task] = round((len(parts) - len(mine)) / n, 3) if n else 0.0
        for k in range(n):
            if k not in parts:
                parts[k] = local(k)
            hand_on()
        return [parts[k] for k in range(n)]

    def _take(self, task: int, n: int) -> Iterator[int]:
        """Chunk numbers this process claims, until none is left (or the counter cannot be locked)."""
        while True:
            if not self.alive:  # no twin: every unclaimed chunk is ours
                k = self.counters[task]
                self.counters[task] = n
                yield from range(k, n)
                return
            lock = self.counters.get_lock()
            if not lock.acquire(timeout=LOCK_S):
                self.kill()
                continue
            try:
                k = self.counters[task]
                self.counters[task] = k + 1
            finally:
                lock.release()
            if k >= n:
                return
            yield k

    def _receive(self, task: int, parts: dict[int, Any], unpack: Callable[[Any], Any]) -> None:
        """Take in what the twin has sent so far (chunks of `task` into `parts`); a twin that is
        gone, failed or read other rows is given up."""
        try:
            while self.alive:
                try:
                    raw = self.inbox.get_nowait()
                except queue.Empty:
                    return
                if raw is None:
                    raise TwinLost("the twin is gone")
                self._handle(pickle.loads(raw), task, parts, unpack)
        except (TwinLost, pickle.UnpicklingError, ValueError, EOFError):
            self.kill()

    def _handle(self, msg: tuple[str, Any], task: int, parts: dict[int, Any], unpack: Callable[[Any], Any]) -> None:
        tag, payload = msg
        if tag == "ready":
            self.ready = self.checked is not None and self.checked(payload)
            if not self.ready:
                raise TwinLost("the twin read other rows")
        elif tag == "chunk" and payload[0] == task:  # chunks of an earlier task come too late: dropped
            if not self.ready:
                raise TwinLost("a chunk before the twin's check")
            parts.setdefault(payload[1], unpack(payload[2]))
        elif tag == "failed":
            raise TwinLost(str(payload))
        elif tag != "chunk":  # a single result that came early: `taking` uses it
            if not self.ready:
                raise TwinLost("a result before the twin's check")
            self.early[tag] = payload

    @contextmanager
    def taking(self, tag: str, use: Callable[[Any], None]) -> Iterator[None]:
        """While the body runs (work that reads no message of the twin), a thread of this process
        takes the twin's messages and calls use(payload) on its `tag` one. On the way out it is
        stopped, or waited for while `use` still runs (this process's own work, never the twin's).

        Other messages are judged as `share` does (a failed or lost twin is given up; chunks of a
        finished task are dropped). A failing `use` is given up too: the caller sees that it did not
        finish and does the work itself.
        """
        stop = threading.Event()
        thread = threading.Thread(target=self._take_message, args=(tag, use, stop), name="filmcat-twin-taker",
                                  daemon=True)
        thread.start()
        try:
            yield
        finally:
            stop.set()
            thread.join()

    def _take_message(self, tag: str, use: Callable[[Any], None], stop: threading.Event) -> None:
        if tag in self.early:  # it came while `share` took in chunks
            self._use(use, self.early.pop(tag))
            return
        try:
            while self.alive and not stop.is_set():
                try:
                    raw = self.inbox.get(timeout=POLL_S)
                except queue.Empty:
                    continue
                if raw is None:
                    raise TwinLost("the twin is gone")
                self._handle(pickle.loads(raw), -1, {}, lambda packed: packed)
                if tag in self.early:
                    self._use(use, self.early.pop(tag))
                    return
        except (TwinLost, pickle.UnpicklingError, ValueError, EOFError):
            self.kill()

    @staticmethod
    def _use(use: Callable[[Any], None], payload: Any) -> None:
        # use() failing (say, the database refused the rows) is no error here: the caller sees that it
        # did not finish and does the work itself
        with suppress(Exception):
            use(payload)

    def kill(self) -> None:
        """End the twin now (its results so far are dropped by the caller's fallback)."""
        if self.alive:
            self.alive = False
            _signal(self.pid, signal.SIGKILL)

    def close(self) -> None:
        """End and reap the twin (it has nothing more to give once the parent is done): no zombie."""
        self.kill()
        try:
            os.waitpid(self.pid, 0)
        except ChildProcessError:  # already reaped
            pass
        for writer in self._writers:  # the dead twin's end is closed: a blocked write fails at once
            writer.join(timeout=STOP_S)
        self.chan.close()
        self._reader.join(timeout=STOP_S)


class Child:
    """The twin's side: the pipe, the shared counters and the catalogue's URL."""

    def __init__(self, chan: Any, counters: Any, url: URL) -> None:
        self.chan, self.counters, self.url = chan, counters, url

    def send(self, tag: str, payload: Any) -> None:
        self.chan.send_bytes(pickle.dumps((tag, payload), protocol=pickle.HIGHEST_PROTOCOL))

    def recv(self) -> tuple[str, Any]:
        """The parent's next message ("stop" when the pipe is closed)."""
        try:
            tag, payload = pickle.loads(self.chan.recv_bytes())
        except (EOFError, OSError):
            return "stop", None
        return tag, payload

    def serve(self, task: int, n: int, compute: Callable[[int], Any]) -> None:
        """Claim chunks of `task` from the shared counter and send compute(k) for each."""
        while True:
            with self.counters.get_lock():
                k = self.counters[task]
                self.counters[task] = k + 1
            if k >= n:
                return
            self.send("chunk", (task, k, compute(k)))


@contextmanager
def started(conn: Connection, job: Job, reviews: int) -> Iterator[Twin | None]:
    """A twin running job(child) when `wanted`, else None; it is closed (or killed) on the way out."""
    if not wanted(conn, reviews):
        yield None
        return
    twin = _fork(conn.engine.url, job)
    try:
        yield twin
    finally:
        twin.close()


def _fork(url: URL, job: Job) -> Twin:
    ctx = multiprocessing.get_context("fork")
    counters = ctx.Array("l", TASKS)  # shared memory, inherited by the fork
    mine, theirs = ctx.Pipe(duplex=True)
    parent = os.getpid()
    pid = os.fork()
    if pid == 0:  # the twin: never returns into the caller's stack
        code = 1
        try:
            mine.close()
            _orphan_guard(parent)
            job(Child(theirs, counters, url))
            code = 0
        except BaseException as err:  # noqa: BLE001 - any failure is reported; the parent does the share itself
            with suppress(OSError, ValueError, pickle.PicklingError):  # the pipe may be gone too
                Child(theirs, counters, url).send("failed", f"{type(err).__name__}: {err}")
        finally:
            os._exit(code)
    theirs.close()
    return Twin(pid, mine, counters)


def _orphan_guard(parent: int) -> None:
    """The twin runs niced, dies with its parent (Linux: PR_SET_PDEATHSIG), ignores the parent's signal handlers."""
    for sig in (signal.SIGINT, signal.SIGTERM):
        signal.signal(sig, signal.SIG_DFL)
    try:
        os.nice(TWIN_NICE)
    except OSError:  # not permitted here: same priority
        pass
    try:
        ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
    except (OSError, AttributeError):  # not Linux: a dead parent shows as a closed pipe instead
        pass
    if os.getppid() != parent:  # the parent died before the guard was set
        os._exit(1)


def _signal(pid: int, sig: int) -> None:
    try:
        os.kill(pid, sig)
    except ProcessLookupError:
        pass


# compact forms for the pipe: flat arrays pickle far faster than millions of small lists and tuples


def pack_groups(ids: Sequence[str], groups: Sequence[Sequence[int]]) -> tuple[list[str], bytes, bytes]:
    """Film ids and their member lists as one flat array of members and one of list ends."""
    flat, ends = array("l"), array("l")
    for g in groups:
        flat.extend(g)
        ends.append(len(flat))
    return list(ids), flat.tobytes(), ends.tobytes()


def unpack_groups(packed: tuple[list[str], bytes, bytes]) -> list[tuple[str, list[int]]]:
    """(film id, members) of pack_groups, in order."""
    ids, flat, ends = packed[0], array("l", packed[1]), array("l", packed[2])
    out, start = [], 0
    for fid, end in zip(ids, ends):
        out.append((fid, flat[start:end].tolist()))
        start = end
    return out
