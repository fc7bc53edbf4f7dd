"""A full resolution's bulk writes run by a thread while the main thread computes (SQLite, twin process): the stored keys while it clusters, the films while it builds their facts."""
from __future__ import annotations

import json
import queue
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager, suppress
from functools import lru_cache
from itertools import chain
from typing import Any

from sqlalchemy import Connection, select

from catalog.models import Film, ReviewKey, utcnow
from catalog.resolve import persist
from catalog.resolve.twin import Twin

KEYS_TAG = "keys"  # the twin's message holding keys_text of every review
# keys_text's rows into review_keys (SQLite's JSON functions: built in since 3.38, an extension before)
KEYS_FROM_JSON = ('INSERT INTO review_keys ("key", review_id) '
                  "SELECT json_extract(value, '$[0]'), json_extract(value, '$[1]') FROM json_each(?)")
# film rows per INSERT of FilmStream: one multi-row VALUES statement is one call into SQLite (GIL released
# throughout), its parameters bound first as executemany binds them; kept well below SQLite's parameter limit
FILMS_PER_INSERT = 500


def keys_text(rows: Sequence[tuple[int, str]]) -> str:
    """(review id, key) rows as the JSON text write_keys_text reads: [[key, id], …] in primary-key order."""
    return json.dumps(list(persist.key_order(rows)), ensure_ascii=False, separators=(",", ":"))


def keys_empty(conn: Connection) -> bool:
    """Whether no review has stored keys (a first resolution)."""
    return conn.execute(select(ReviewKey.review_id).limit(1)).first() is None


def keys_expected(conn: Connection, tw: Twin | None) -> bool:
    """Whether the twin is to send the stored keys (keys_meanwhile takes them if it is still alive then)."""
    return tw is not None and tw.alive and conn.dialect.name == "sqlite" and keys_empty(conn)


def write_keys_text(dbapi_conn: Any, text: str) -> None:
    """Fill the empty review_keys table of an SQLite connection from keys_text, in one statement.

    SQLite parses the text and inserts every row within one call, during which Python's sqlite3
    module releases the GIL: a thread of this process runs it while the main thread computes (in
    the caller's transaction; nothing else uses the connection meanwhile). The secondary index is
    built once afterwards, in the transaction too: the DELETE of no row opens it first (DDL alone
    would run in autocommit).
    """
    cur = dbapi_conn.cursor()
    try:
        cache = int(cur.execute("PRAGMA cache_size").fetchone()[0])
        cur.execute(f"PRAGMA cache_size=-{persist.SQLITE_BULK_CACHE_KIB}")
        cur.execute(f"DELETE FROM {persist.KEYS.name}")
        indexes = persist.SECONDARY_INDEXES[persist.KEYS.name]
        try:
            for name, _ in indexes:
                cur.execute(f"DROP INDEX IF EXISTS {name}")
            cur.execute(KEYS_FROM_JSON, (text,))
        finally:  # a failed insert (its rows undone by SQLite) leaves the index as it was
            for name, column in indexes:
                cur.execute(f"CREATE INDEX IF NOT EXISTS {name} ON {persist.KEYS.name} ({column})")
            cur.execute(f"PRAGMA cache_size={cache}")
    finally:
        cur.close()


@contextmanager
def keys_meanwhile(conn: Connection, tw: Twin | None, timings: dict[str, float],
                   own: Callable[[], Sequence[tuple[int, str]]]) -> Iterator[list[bool]]:
    """Around work that uses neither the connection nor the twin's messages (clustering): in a
    first resolution on an SQLite file with a twin, a thread writes the stored keys meanwhile.

    They are the twin's (ahead.KEYS_TAG) while it is alive (even a twin starved of CPU while both
    processes scored mostly gets them done while this one clusters: measured at 300k under load);
    else this process's own `own()` (review id, key) rows, encoded here first: the insert itself
    still overlaps the work. Yields [stored, by the twin];
    not stored (the twin late, the database refusing them, another database, stored keys already):
    the caller writes the keys itself, as in a serial run.
    """
    done = [False, False]
    if tw is None or conn.dialect.name != "sqlite" or not keys_empty(conn):
        yield done
        return
    dbapi = conn.connection.dbapi_connection

    def write(text: str, by_twin: bool) -> None:
        t = time.perf_counter()
        write_keys_text(dbapi, text)
        timings["keys_ahead"] = round(time.perf_counter() - t, 3)
        done[:] = [True, by_twin]

    if tw.alive:
        with tw.taking(KEYS_TAG, lambda text: write(text, True)):
            yield done
        return
    text = keys_text(own())
    writer = threading.Thread(target=_quietly, args=(write, text, False), name="filmcat-keys-writer", daemon=True)
    writer.start()
    try:
        yield done
    finally:
        writer.join()


def _quietly(write: Callable[[str, bool], None], text: str, by_twin: bool) -> None:
    # a failing write (the database refused the rows) is no error here: the caller sees that the keys
    # are not stored and writes them itself
    with suppress(Exception):
        write(text, by_twin)


@lru_cache(maxsize=4)
def films_insert(n: int) -> str:
    """INSERT of n film rows (persist.FILM_COLUMNS each) as one multi-row VALUES statement."""
    row = "(" + ", ".join("?" * len(persist.FILM_COLUMNS)) + ")"
    return (f"INSERT INTO {persist.FILMS.name} (" + ", ".join(f'"{c}"' for c in persist.FILM_COLUMNS)
            + ") VALUES " + ", ".join([row] * n))


class FilmStream:
    """A thread inserting chunks of film rows (EncodedFilm, in film-id order, chunk after chunk) into
    the empty films table, FILMS_PER_INSERT rows per statement (GIL released while SQLite runs it).

    The rows take the rowids and stored values a sorted executemany would give them. A chunk that
    cannot go (the database refusing it, a value the driver cannot bind) stops the stream: `complete`
    is then False and the caller writes the films itself (persist.write_films skips the ones stored).
    """

    def __init__(self, conn: Connection) -> None:
        self.stamp = persist.column_encoder(persist.FILMS, "created_at", conn.dialect)(utcnow())
        self.dbapi: Any = conn.connection.dbapi_connection
        self.chunks: queue.Queue[list[tuple[Any, ...]] | None] = queue.Queue()
        self.put_n = self.written = 0
        self.failed = False
        self.busy = 0.0  # seconds the thread spent inserting
        self.thread = threading.Thread(target=self._run, name="filmcat-films-writer", daemon=True)
        self.thread.start()

    def put(self, rows: list[tuple[Any, ...]]) -> None:
        self.put_n += 1
        self.chunks.put(rows)

    def close(self, abandon: bool = False) -> None:
        """Wait until every chunk is written (or, with `abandon`, only the one being written)."""
        if abandon:
            self.failed = True
        self.chunks.put(None)
        self.thread.join()

    @property
    def complete(self) -> bool:
        return not self.failed and self.written == self.put_n

    def _run(self) -> None:
        cur = self.dbapi.cursor()
        try:
            cur.execute(f"DELETE FROM {persist.FILMS.name}")  # none: it opens the transaction, if need be
            while (rows := self.chunks.get()) is not None:
                if not self.failed:
                    self._write(cur, rows)
        except Exception:  # noqa: BLE001 - a failed write is the caller's to redo; the stream just stops
            self.failed = True
        finally:
            cur.close()

    def _write(self, cur: Any, rows: list[tuple[Any, ...]]) -> None:
        t = time.perf_counter()
        stamp = (self.stamp, self.stamp)  # created_at, updated_at
        for start in range(0, len(rows), FILMS_PER_INSERT):
            batch = rows[start:start + FILMS_PER_INSERT]
            cur.execute(films_insert(len(batch)), [v for r in batch for v in chain(r, stamp)])
        self.written += 1
        self.busy += time.perf_counter() - t


@contextmanager
def films_meanwhile(conn: Connection, timings: dict[str, float]) -> Iterator[FilmStream | None]:
    """Around work that does not use the connection (the films' facts, chunk by chunk): in a first
    resolution on SQLite, a FilmStream that inserts the chunks it is given meanwhile; else None.
    On the way out it is waited for (abandoned when the work failed: the transaction is rolled back)."""
    if conn.dialect.name != "sqlite" or conn.execute(select(Film.id).limit(1)).first() is not None:
        yield None
        return
    stream = FilmStream(conn)
    ok = False
    try:
        yield stream
        ok = True
    finally:
        t = time.perf_counter()
        stream.close(abandon=not ok)
        timings["films_wait"] = round(time.perf_counter() - t, 3)
        timings["films_ahead"] = round(stream.busy, 3)
